import Foundation
import GuideRenderer
import HTTPTypes
import JSONModel
import MockServer
import OpenAPIEmitter
import SchemaValidation
import SpecImport
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Stripe's public document (`corpus/`, MIT), read once: a large document in conventions the
/// registry did not write (list objects, string ids, a `POST` on an item path to change it).
private let stripeDocument: Result<SpecDocument, any Error> = Result {
    try SpecDocument(text: String(contentsOf: root.appendingPathComponent("corpus/stripe-spec3.2023-08-16.yaml"), encoding: .utf8))
}
private let stripe: Result<ImportedAPI, any Error> = Result {
    ImportedAPI(document: try stripeDocument.get(), fileName: "stripe.yaml")
}

@Suite struct StripeDocumentMockTests {
    /// Every operation of the document has a route: a record operation, an action, an object, or
    /// an answer from the document. None answers 405, the mock's "no resource here", or a 5xx,
    /// and every answer is valid against the spec the mock serves and against Stripe's document
    /// itself: its list objects, its errors (`{"error": {…}}`), its records (whose models contain
    /// themselves), and the answers made from the schemas it refers to. A customer written is kept: its string id, a change with
    /// `POST` on its path as the document declares it, the list object's records, and the delete.
    @Test func everyOperationIsServedAndCustomersAreKept() async throws {
        let api = try stripe.get()
        let spec = try api.spec()
        let validator = SchemaValidator(document: spec.document)
        let original = try contract(of: stripeDocument.get())
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: api.registry) { client in
            var mock = client
            mock.prefix = ""
            let created = try await mock.post("/v1/customers", ["email": "ada@example.com", "name": "Ada"])
            #expect(created.status == 200)
            let id = try #require(created.body?["id"]?.stringValue)
            #expect(created.body?["object"] == "customer")
            let changed = try await mock.post("/v1/customers/\(id)", ["name": "Ada Lovelace"])
            #expect(changed.status == 200)
            #expect(try await mock.get("/v1/customers/\(id)").body?["name"] == "Ada Lovelace")
            #expect(try await mock.get("/v1/customers").data.compactMap { $0["id"]?.stringValue } == [id])
            // A form, as Stripe's clients send it, with its nesting and its numbers typed.
            let formed = try await mock.send(
                .post, "/v1/customers/\(id)", raw: "metadata[plan]=pro&balance=-250&preferred_locales[]=fr",
                contentType: "application/x-www-form-urlencoded")
            #expect(formed.status == 200)
            #expect(formed.body?["metadata"] == ["plan": "pro"])
            #expect(formed.body?["balance"] == -250)
            #expect(formed.body?["preferred_locales"] == ["fr"])
            #expect(try await mock.delete("/v1/customers/\(id)").status < 300)
            #expect(try await mock.get("/v1/customers/\(id)").status == 404)
            var unserved: [String] = []
            var invalid: [String] = []
            var unlikeTheDocument: [String] = []
            for entry in api.plan.entries {
                let path = entry.path.replacing(/\{[^}]+\}/, with: "1")
                let method = HTTPRequest.Method(rawValue: entry.method.uppercased())
                let reply = try await mock.send(
                    try #require(method), path, raw: entry.method == "get" || entry.method == "delete" ? nil : "{}")
                let title = reply.body?["title"]?.stringValue ?? ""
                if reply.status == 405 || reply.status >= 500 || (reply.status == 404 && title.hasPrefix("There is no resource at")) {
                    unserved.append("\(entry.method.uppercased()) \(entry.path): \(reply.status) \(title)")
                }
                let status = String(reply.status)
                if let body = reply.body,
                    let schema = [status, "\(status.prefix(1))XX", "default"].lazy.compactMap({
                        spec.contract.responseSchema(method: entry.method, path: entry.path, status: $0)
                    }).first
                {
                    invalid += validator.validate(body, against: schema, context: .response).map {
                        "\(entry.method.uppercased()) \(path) \(status): \($0)"
                    }
                }
                if let body = reply.body,
                    let schema = [status, "default"].lazy.compactMap({
                        original.responseSchema(method: entry.method, path: entry.path, status: $0)
                    }).first,
                    !original.validator.validate(body, against: schema, context: .response).isEmpty
                {
                    unlikeTheDocument.append("\(entry.method.uppercased()) \(entry.path)")
                }
            }
            #expect(unserved == [])
            #expect(invalid == [])
            #expect(unlikeTheDocument == [])
            #expect(api.plan.entries.count == 468)
        }
    }

    /// With `--seed`, the operations answered from the document draw their values from its
    /// schemas, and every answer is still valid against the spec the mock serves.
    @Test func drawnValuesAreValid() async throws {
        let api = try stripe.get()
        let spec = try api.spec()
        let validator = SchemaValidator(document: spec.document)
        try await withMock(configuration: .init(seeding: .empty, sampleSeed: 42, logLevel: .warning), registry: api.registry) { client in
            var mock = client
            mock.prefix = ""
            var invalid: [String] = []
            var drawn = 0
            for entry in api.plan.entries where entry.role == .exampleOnly {
                let method = try #require(HTTPRequest.Method(rawValue: entry.method.uppercased()))
                let reply = try await mock.send(
                    method, entry.path.replacing(/\{[^}]+\}/, with: "1"), raw: entry.method == "get" ? nil : "{}")
                let status = String(reply.status)
                if reply.status == 200 { drawn += 1 }
                guard let body = reply.body,
                    let schema = [status, "default"].lazy.compactMap({
                        spec.contract.responseSchema(method: entry.method, path: entry.path, status: $0)
                    }).first
                else { continue }
                invalid += validator.validate(body, against: schema, context: .response).map { "\(method) \(entry.path): \($0)" }
            }
            #expect(invalid == [])
            #expect(drawn >= 40)
        }
    }

    /// The reference page of every resource renders: each example on it runs on the mock, and
    /// each answer is valid against the spec, as `specsmith mock DOCUMENT` serves them at /docs.
    @Test func everyReferencePageRunsOnTheMock() throws {
        let spec = try stripe.get().spec()
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("stripe-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: templates) }
        let resources = root.appendingPathComponent("Sources/SpecsmithCLI/Resources")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("reference"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: resources.appendingPathComponent("DocumentDocs/index.md.mustache"),
            to: templates.appendingPathComponent("index.md.mustache"))
        try FileManager.default.copyItem(
            at: resources.appendingPathComponent("Scaffold/templates/reference/resource.md.mustache"),
            to: templates.appendingPathComponent("reference/resource.md.mustache"))
        let pages = try Guides(spec: spec, templates: templates).render()
        #expect(pages.count > 100)
    }
}
