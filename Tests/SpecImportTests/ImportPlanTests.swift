import Foundation
import SpecImport
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func plan(_ file: String) throws -> ImportPlan {
    ImportPlan(document: try SpecDocument(text: try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)))
}

/// A document of another style than this project's: bare-array lists with offset paging and
/// bracketed filters, a sub-collection, an action, a singleton and a health check.
private let shop = """
    openapi: 3.0.3
    info: {title: Shop, version: '1'}
    paths:
      /orders:
        get:
          parameters:
            - {name: offset, in: query, schema: {type: integer}}
            - {name: limit, in: query, schema: {type: integer}}
            - {name: status, in: query, schema: {type: string}}
            - {name: 'total[gte]', in: query, schema: {type: integer}}
            - {name: colour, in: query, schema: {type: string}}
          responses:
            '200':
              description: Orders
              content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Order'}}}}
        post:
          requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
          responses: {'201': {description: Created}}
      /orders/{order_id}:
        parameters: [{name: order_id, in: path, required: true, schema: {type: integer}}]
        get:
          responses:
            '200': {description: One, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
        patch:
          responses: {'200': {description: Changed}}
        delete:
          responses: {'204': {description: Gone}}
      /orders/{order_id}/cancel:
        post:
          responses: {'200': {description: Cancelled}}
      /orders/{order_id}/lines:
        get:
          parameters: [{name: starting_after, in: query, schema: {type: string}}]
          responses:
            '200':
              description: Lines
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      has_more: {type: boolean}
                      items: {type: array, items: {$ref: '#/components/schemas/Line'}}
      /settings:
        get:
          responses: {'200': {description: Settings, content: {application/json: {schema: {type: object}}}}}
        put:
          responses: {'200': {description: Settings}}
      /health:
        get:
          responses: {'200': {description: OK}}
    components:
      schemas:
        Order:
          type: object
          properties: {order_id: {type: integer}, status: {type: string}, total: {type: integer}}
        Line:
          type: object
          properties: {id: {type: integer}, sku: {type: string}}
    """

@Suite struct ImportPlanTests {
    @Test func eachShapeIsUnderstoodWithItsReason() throws {
        let plan = ImportPlan(document: try SpecDocument(text: shop))
        #expect(plan.resources.map(\.name) == ["orders", "lines"])
        let orders = try #require(plan.resources.first)
        #expect(orders.itemPath == "/orders/{order_id}" && orders.itemParameter == "order_id")
        #expect(orders.schema == "Order" && orders.identifier == "order_id")
        #expect(orders.listProperty == nil && orders.paging == .offset)
        #expect(orders.filters == ["status", "total[gte]"], "colour names no field of an Order")
        let lines = plan.resources[1]
        #expect(lines.parent?.resource == "orders" && lines.parent?.parameter == "order_id")
        #expect(lines.schema == "Line" && lines.listProperty == "items" && lines.paging == .cursor)
        let roles = Dictionary(plan.entries.map { ("\($0.method.uppercased()) \($0.path)", $0.role) }, uniquingKeysWith: { a, _ in a })
        #expect(roles["GET /orders"] == .list(resource: "orders"))
        #expect(roles["POST /orders"] == .create(resource: "orders", batch: false))
        #expect(roles["PATCH /orders/{order_id}"] == .patch(resource: "orders"))
        #expect(roles["POST /orders/{order_id}/cancel"] == .action(resource: "orders", name: "cancel"))
        #expect(roles["GET /settings"] == .singletonRead(path: "/settings"))
        #expect(roles["PUT /settings"] == .singletonWrite(path: "/settings"))
        #expect(roles["GET /health"] == .exampleOnly)
        #expect(plan.text.hasSuffix("10 operations: 9 understood as records, 1 answered from examples only\n"))
        #expect(plan.text.contains("GET /health: example-only (a GET with no collection, item path or PUT beside it)"))
    }

    /// The project's own specs, written from registries, are understood as their registries say.
    @Test func bookshopsSpecIsItsRegistry() throws {
        let plan = try plan("Examples/Bookshop/spec/bookshop.yaml")
        #expect(plan.resources.map(\.name) == ["authors", "books"])
        let books = try #require(plan.resources.last)
        #expect(books.itemParameter == "bookId" && books.identifier == "id" && books.listProperty == "data" && books.paging == .cursor)
        #expect(plan.entries.contains { $0.role == .action(resource: "books", name: "reserve") })
        #expect(
            plan.api
                == ImportPlan.API(
                    title: "Bookshop", version: "1.0.0", serverURL: "https://api.bookshop.example/v1", authentication: "bearer tokens",
                    errors: "application/problem+json (ErrorResponse)"))
        #expect(books.limit.default == 20 && books.limit.maximum == 100)
        #expect(!plan.entries.contains { $0.role == .exampleOnly })
    }

    @Test func customersBatchesSubCollectionsAndSingletons() throws {
        let plan = try plan("spec/customers.v3.yaml")
        let roles = Dictionary(plan.entries.map { ("\($0.method.uppercased()) \($0.path)", $0.role) }, uniquingKeysWith: { a, _ in a })
        #expect(roles["POST /customers"] == .create(resource: "customers", batch: true))
        #expect(roles["DELETE /customers"] == .delete(resource: "customers"))
        #expect(roles["GET /customers/settings"] == .singletonRead(path: "/customers/settings"))
        let metafields = try #require(plan.resources.first { $0.path == "/customers/{customerId}/metafields" })
        #expect(metafields.parent?.resource == "customers")
        #expect(plan.resources.first { $0.name == "customers" }?.filters.contains("email:in") == true)
        #expect(plan.api.authentication == "an API key in the X-Auth-Token header")
        #expect(plan.api.errors == "application/json (ErrorResponse)")
    }

    /// A large public document: every operation gets a role and a reason, and the plan is the
    /// same on every run.
    @Test func stripesDocumentIsPlannedDeterministically() throws {
        let first = try plan("corpus/stripe-spec3.2023-08-16.yaml")
        #expect(first.entries.count > 400)
        #expect(first.entries.allSatisfy { !$0.reason.isEmpty })
        #expect(first.resources.contains { $0.path == "/v1/customers" && $0.listProperty == "data" && $0.paging == .cursor })
        #expect(first.api.errors == "application/json (error)", "Stripe describes its errors in `default` answers")
        #expect(try plan("corpus/stripe-spec3.2023-08-16.yaml").text == first.text)
    }
}
