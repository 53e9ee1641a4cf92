import APIRegistry
import JSONModel
import OpenAPIEmitter
import SpecImport
import SpecReader
import Testing

/// A hand-written document in a style the registry did not write: an API key header, a bare
/// list, `[in]` filters, a sub-collection under orders, an object per order, an object per
/// key, a batch upsert, an action and a schema that contains itself.
private let orders = """
    openapi: 3.0.3
    info: {title: Orders, version: '2.1'}
    servers:
    - url: https://api.example.com/{shop}/v2
      variables: {shop: {default: demo}}
    components:
      securitySchemes:
        key: {type: apiKey, in: header, name: X-Api-Key}
      schemas:
        Order:
          type: object
          required: [id, status, total, line_count]
          properties:
            id: {type: integer, readOnly: true}
            status: {type: string, enum: [open, paid, shipped]}
            total: {type: number, minimum: 0}
            email: {type: string, format: email, maxLength: 200}
            line_count: {type: integer, readOnly: true}
            created_at: {type: string, format: date-time, readOnly: true}
            parent: {$ref: '#/components/schemas/Node'}
        OrderInput:
          type: object
          required: [status, total]
          properties:
            status: {type: string, enum: [open, paid, shipped]}
            total: {type: number, minimum: 0}
            email: {type: string, format: email, maxLength: 200}
        Line:
          type: object
          required: [id, sku]
          properties:
            id: {type: integer, readOnly: true}
            order_id: {type: integer, readOnly: true}
            sku: {type: string, minLength: 1}
        Node:
          type: object
          properties:
            name: {type: string}
            child: {$ref: '#/components/schemas/Node'}
        Tag:
          type: object
          required: [name]
          properties:
            id: {type: integer, readOnly: true}
            name: {type: string, minLength: 1}
            color: {type: string}
    security: [{key: []}]
    paths:
      /orders:
        get:
          parameters:
          - {name: 'status[in]', in: query, schema: {type: string}}
          - {name: email, in: query, schema: {type: string}}
          - {name: page, in: query, schema: {type: integer}}
          - {name: limit, in: query, schema: {type: integer, default: 10, maximum: 50}}
          responses:
            '200':
              description: Orders.
              content:
                application/json:
                  schema: {type: array, items: {$ref: '#/components/schemas/Order'}}
        post:
          requestBody:
            content:
              application/json:
                schema: {$ref: '#/components/schemas/OrderInput'}
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Order'}
      /orders/{orderId}:
        parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer}}
        get:
          responses:
            '200':
              description: One.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Order'}
        delete:
          responses:
            '204': {description: Gone.}
            '409': {description: Still has lines.}
      /orders/{orderId}/cancel:
        parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer}}
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [reason]
                  properties:
                    reason: {type: string, minLength: 3}
          responses:
            '200':
              description: Cancelled.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Order'}
      /orders/{orderId}/lines:
        parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer}}
        get:
          responses:
            '200':
              description: Lines.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/Line'}}
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [sku]
                  properties:
                    sku: {type: string, minLength: 1}
          responses:
            '201':
              description: Added.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Line'}
      /orders/{orderId}/lines/{lineId}:
        parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer}}
        - {name: lineId, in: path, required: true, schema: {type: integer}}
        get:
          responses:
            '200':
              description: One line.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Line'}
      /orders/{orderId}/delivery:
        parameters:
        - {name: orderId, in: path, required: true, schema: {type: integer}}
        get:
          responses:
            '200':
              description: Where it goes.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      street: {type: string}
                      city: {type: string}
        put:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    street: {type: string}
                    city: {type: string}
          responses:
            '200': {description: Saved.}
      /settings/channels/{channelId}:
        parameters:
        - {name: channelId, in: path, required: true, schema: {type: integer, minimum: 1, maximum: 99}}
        get:
          responses:
            '200':
              description: A channel's settings.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      open: {type: boolean}
        put:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    open: {type: boolean}
          responses:
            '200': {description: Saved.}
      /tags:
        get:
          responses:
            '200':
              description: Tags.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      items: {type: array, items: {$ref: '#/components/schemas/Tag'}}
        put:
          requestBody:
            content:
              application/json:
                schema:
                  type: array
                  maxItems: 20
                  items:
                    type: object
                    required: [name]
                    properties:
                      name: {type: string, minLength: 1}
                      color: {type: string}
          responses:
            '200':
              description: Stored.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      items: {type: array, items: {$ref: '#/components/schemas/Tag'}}
      /status:
        get:
          responses:
            '200':
              description: Up.
              content:
                application/json:
                  schema: {type: object, properties: {ok: {type: boolean}}}
    """

private func imported() throws -> ImportedAPI {
    ImportedAPI(document: try SpecDocument(text: orders), fileName: "orders.yaml")
}

@Suite struct RegistryBuilderTests {
    @Test func resourcesSubCollectionsAndObjectsFromPathShapes() throws {
        let registry = try imported().registry
        #expect(registry.resources.map(\.name) == ["orders", "lines", "tags"])
        let lines = try #require(registry.resource(named: "lines"))
        #expect(lines.parent?.resource == "orders")
        #expect(lines.parent?.path == "/orders/{orderId}/lines")
        #expect(lines.itemParameter == "lineId")
        #expect(lines.operations.map { "\($0.kind)\($0.scoped ? " scoped" : "")" } == ["list scoped", "createOne scoped", "read"])
        // The object per order and the object per channel key.
        #expect(registry.singletons.map(\.path) == ["/orders/{orderId}/delivery", "/settings/channels/{channelId}"])
        #expect(registry.singletons.map(\.scope) == [.record(of: "orders"), .key(minimum: 1, maximum: 99)])
    }

    @Test func fieldsKeepTheirVisibilityRulesAndServerSetValues() throws {
        let order = try #require(try imported().registry.resource(named: "orders")).model
        #expect(order.identifier == "id")
        let fields = Dictionary(uniqueKeysWithValues: order.fields.map { ($0.name, $0) })
        #expect(fields["id"]?.isReadOnly == true)
        #expect(fields["status"]?.visibility == [.read, .create])
        #expect(fields["status"]?.requiredIn == [.read, .create])
        #expect(fields["email"]?.type.displayName == "string (email)")
        if case .createdAt? = fields["created_at"]?.derived {} else { Issue.record("created_at is not the creation time") }
        // Counted from the lines that name the order.
        if case .count(of: "lines")? = fields["line_count"]?.derived {} else { Issue.record("line_count is not a count of lines") }
        // A schema that contains itself refers to itself where it recurs, and the spec says so.
        guard case .model(let node)? = fields["parent"]?.type, case .reference("Node")? = node.field(named: "child")?.type else {
            Issue.record("Node's child is read as \(String(describing: fields["parent"]?.type.displayName))")
            return
        }
        let spec = try GeneratedSpec(registry: try imported().registry)
        #expect(try spec.yaml.contains("        child:\n          description: ''\n          $ref: '#/components/schemas/Node'"))
    }

    @Test func listsPagingFiltersEnvelopesAndWrites() throws {
        let api = try imported()
        let registry = api.registry
        let orders = try #require(registry.resource(named: "orders"))
        #expect(orders.listEnvelope == .bare)
        #expect(orders.filters.map { "\($0.name) \($0.operators.map(\.rawValue))" } == ["status [\"in\"]", "email [\"eq\"]"])
        // The filter is spelt as the document spells it, and lists take it that way.
        #expect(orders.filters.first?.parameterName(.in) == "status[in]")
        let parsed = ListQuery.parse("status%5Bin%5D=open,paid", for: orders, pagination: registry.pagination)
        #expect((try? parsed.get())?.clauses.first?.values == ["open", "paid"])
        guard case .failure(let refused) = ListQuery.parse("status:in=open", for: orders, pagination: registry.pagination) else {
            Issue.record("status:in was taken")
            return
        }
        #expect(refused.problems.first?.message.contains("valid filters: status[in], email") == true)
        #expect(registry.pagination.defaultLimit == 10)
        #expect(registry.pagination.maxLimit == 50)
        #expect(orders.relations.isEmpty)
        #expect(
            registry.resource(named: "lines")?.relations.map { "\($0.field) \($0.resource) \($0.onDelete)" } == ["order_id orders restrict"]
        )
        // A batch PUT whose items carry no id is an upsert, with its limit.
        let tags = try #require(registry.resource(named: "tags"))
        #expect(tags.operations.map(\.kind) == [.list, .upsert])
        #expect(tags.operations.last?.batchLimit == 20)
        // A list whose records are in `items`, with nothing beside them, is laid out as it is.
        #expect(registry.listLayout(of: tags)?.members == [ListLayout.Member("items", .records)])
        #expect(registry.info.authentication == .apiKey(header: "X-Api-Key"))
        #expect(registry.info.tenants == "shops")
        #expect(orders.actions.map(\.name) == ["cancel"])
        #expect(api.report.text.contains("#/paths/~1status/get: example-only"))
    }

    @Test func theInferredRegistryGeneratesASpec() throws {
        let spec = try GeneratedSpec(registry: try imported().registry)
        #expect(try spec.yaml.contains("/orders/{orderId}/lines/{lineId}:"))
        #expect(try spec.yaml.contains("/settings/channels/{channelId}:"))
    }

    /// An operation kept as written refers to a component schema, which the registry carries
    /// with it rather than inlining; an example of that schema its own format refuses (a 3.0
    /// `example`) is left out, with a note, and the spec still generates.
    @Test func keptOperationsCarryTheSchemasTheyName() throws {
        let document = """
            openapi: 3.0.3
            info: {title: Content, version: '2'}
            paths:
              /status:
                get:
                  responses:
                    '200':
                      description: The status.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/status'}
            components:
              schemas:
                status:
                  type: object
                  required: [published]
                  properties:
                    published: {$ref: '#/components/schemas/published_date'}
                published_date:
                  type: object
                  properties:
                    date: {type: string, format: date-time, example: '2022-08-10 14:39:15.000000'}
            """
        let api = ImportedAPI(document: try SpecDocument(text: document), fileName: "content.yaml")
        #expect(api.registry.documentedSchemas.map(\.name) == ["status", "published_date"])
        let response = api.registry.documented.first?.operation["responses"]?["200"]?["content"]?["application/json"]?["schema"]
        #expect(response == ["$ref": "#/components/schemas/status"])
        let yaml = try api.spec().yaml
        #expect(yaml.contains("published_date:"))
        #expect(!yaml.contains("2022-08-10 14:39:15"))
        #expect(
            api.report.text.contains("#/components/schemas/published_date/properties/date/examples/0: the document's example is refused"))
    }
}
