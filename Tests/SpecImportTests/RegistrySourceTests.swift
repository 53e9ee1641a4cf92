import APIRegistry
import Foundation
import JSONModel
import SpecImport
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func bookshopSource() throws -> String {
    let text = try String(contentsOf: root.appendingPathComponent("Examples/Bookshop/spec/bookshop.yaml"), encoding: .utf8)
    let registry = ImportedAPI(document: try SpecDocument(text: text), fileName: "bookshop.yaml").registry
    return RegistrySource(name: "Bookshop", registry: registry, origin: "`bookshop.yaml`").text
}

@Suite struct RegistrySourceTests {
    @Test func theRegistryIsWrittenWithTheDSLsNames() throws {
        let source = try bookshopSource()
        #expect(source.hasPrefix("import APIRegistry\nimport JSONModel\n"))
        #expect(source.contains("public enum Bookshop {"))
        // A model another one uses comes first; defaults are left out.
        let price = try #require(source.range(of: "    static let price = Model("))
        let book = try #require(source.range(of: "    static let book = Model("))
        #expect(price.lowerBound < book.lowerBound)
        #expect(source.contains(#"Field("price", .model(price), "What a copy costs.", requiredIn: [.read, .create])"#))
        #expect(source.contains(#".string(pattern: "^97[89][0-9]{10}$")"#))
        #expect(source.contains("derived: .createdAt"))
        #expect(source.contains(#"Relation("author_id", references: "authors", onDelete: .restrict)"#))
        #expect(source.contains("authentication: .bearer(format: \"opaque\")"))
        #expect(source.contains("{ _ in .update(JSONObject()) }"))
        #expect(!source.contains("operationID: \"getBooks\""))
        #expect(source.contains("recordEnvelope: .bare"))
    }

    @Test func linesFitTheWidthUnlessAStringCannotBreak() throws {
        for line in try bookshopSource().split(separator: "\n") where line.count > 132 {
            #expect(line.contains("\""), "\(line)")
        }
    }

    @Test func theSameRegistryGivesTheSameBytes() throws {
        #expect(try bookshopSource() == bookshopSource())
    }

    @Test func literalsReadBackAsTheSameJSON() {
        #expect(RegistrySource.literal(["a": 1, "b": [12.0, "x\"y", nil], "c": [:]]) == #"["a": 1, "b": [12.0, "x\"y", nil], "c": [:]]"#)
        #expect(RegistrySource.string("line\none\\") == #""line\none\\""#)
    }
}
