import Foundation
import HTTPTypes
import JSONModel
import MockServer
import SpecImport
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Stripe's public document (`corpus/`, MIT), read once: a large document in conventions the
/// registry did not write (list objects, string ids, a `POST` on an item path to change it).
private let stripe: Result<ImportedAPI, any Error> = Result {
    let text = try String(contentsOf: root.appendingPathComponent("corpus/stripe-spec3.2023-08-16.yaml"), encoding: .utf8)
    return ImportedAPI(document: try SpecDocument(text: text), fileName: "stripe.yaml")
}

@Suite struct StripeDocumentMockTests {
    /// Every operation of the document has a route: a record operation, an action, an object, or
    /// an answer from the document. None answers 405, the mock's "no resource here", or a 5xx.
    /// A customer written is kept: its string id, a change with `POST` on its path as the
    /// document declares it, the list object's records, and the delete.
    @Test func everyOperationIsServedAndCustomersAreKept() async throws {
        let api = try stripe.get()
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
            #expect(try await mock.delete("/v1/customers/\(id)").status < 300)
            #expect(try await mock.get("/v1/customers/\(id)").status == 404)
            var unserved: [String] = []
            for entry in api.plan.entries {
                let path = entry.path.replacing(/\{[^}]+\}/, with: "1")
                let method = HTTPRequest.Method(rawValue: entry.method.uppercased())
                let reply = try await mock.send(
                    try #require(method), path, raw: entry.method == "get" || entry.method == "delete" ? nil : "{}")
                let title = reply.body?["title"]?.stringValue ?? ""
                if reply.status == 405 || reply.status >= 500 || (reply.status == 404 && title.hasPrefix("There is no resource at")) {
                    unserved.append("\(entry.method.uppercased()) \(entry.path): \(reply.status) \(title)")
                }
            }
            #expect(unserved == [])
            #expect(api.plan.entries.count == 468)
        }
    }
}
