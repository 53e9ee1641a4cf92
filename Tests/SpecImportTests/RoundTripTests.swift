import APIRegistry
import Foundation
import OpenAPIEmitter
import SpecDiff
import SpecImport
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Imports a document, generates the registry's spec and diffs the two: the breaking changes.
func roundTrip(_ relativePath: String) throws -> (imported: ImportedAPI, generated: String, breaking: [Change]) {
    let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    let imported = ImportedAPI(document: try SpecDocument(text: text), fileName: URL(fileURLWithPath: relativePath).lastPathComponent)
    let yaml = try GeneratedSpec(registry: imported.registry).yaml
    let changes = try Differ().run(base: text, head: yaml, options: DiffOptions())
    return (imported, yaml, changes.changes.filter { $0.level == .breaking })
}

@Suite struct RoundTripTests {
    @Test func customersSpecComesBackWithNoBreakingChange() throws {
        let result = try roundTrip("spec/customers.v3.yaml")
        #expect(result.breaking.map { "\($0.check) \($0.pointer): \($0.message)" } == [])
        // The metafield lists' choice of fields and order, their cursor meta, and the webhooks come back.
        let registry = result.imported.registry
        #expect(registry.resources.contains { $0.shaping == ListShaping(fields: "include_fields", direction: "direction") })
        #expect(registry.pagination.cursorMeta == .edges("cursor_pagination"))
        #expect(registry.documentedWebhooks.map(\.path).first == "store/customer/created" && registry.documentedWebhooks.count == 6)
    }

    @Test func bookshopsSpecComesBackWithNoBreakingChange() throws {
        let result = try roundTrip("Examples/Bookshop/spec/bookshop.yaml")
        #expect(result.breaking.map { "\($0.check) \($0.pointer): \($0.message)" } == [])
        #expect(result.imported.registry.resources.map(\.name) == ["authors", "books"])
    }
}
