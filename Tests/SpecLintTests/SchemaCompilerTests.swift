import Foundation
import JSONModel
import OpenAPIKit
import SchemaValidation
import SpecReader
import Testing

@testable import SpecLint

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The schema compiler reads schemas as OpenAPIKit's decoder does: every schema of every real
/// document the repository carries compiles to the same outline both ways (or is refused both
/// ways), so examples are judged as they were when OpenAPIKit decoded each schema.
@Suite struct SchemaCompilerTests {
    /// The schema as JSON with every reference OpenAPIKit cannot follow replaced by what it names,
    /// as OpenAPIKit was given it.
    private static func inlined(_ node: SpecNode, _ document: SpecDocument, depth: Int) -> JSONValue {
        switch node.kind {
        case .scalar: return OpenAPIKitRule.clamp(node.json)
        case .sequence(let items): return .array(items.map { inlined($0, document, depth: depth) })
        case .mapping(let members):
            if case .string(let ref)? = node["$ref"]?.json, !SchemaCompiler.isPlainComponent(ref, document), depth < 16,
                let path = SpecDocument.refPath(ref), let target = document.node(at: path)
            {
                return inlined(target, document, depth: depth + 1)
            }
            return .object(JSONObject(members.map { ($0.key, inlined($0.value, document, depth: depth)) }))
        }
    }

    /// Each schema that is not inside another: the components, and those written in operations.
    private static func roots(_ document: SpecDocument) -> [(node: SpecNode, path: [String])] {
        var roots: [(node: SpecNode, path: [String])] = []
        var covered: [[String]] = []
        for schema in document.schemas where !covered.contains(where: { schema.path.starts(with: $0) }) {
            roots.append((schema.node, schema.path))
            covered.append(schema.path)
        }
        return roots
    }

    private static func differences(_ file: String) throws -> (compared: Int, refused: Int, differing: [String]) {
        let document = try SpecDocument(text: String(contentsOf: root.appendingPathComponent(file), encoding: .utf8))
        let compiler = SchemaCompiler(document)
        var differing: [String] = []
        var refused = 0
        let schemas = roots(document)
        for schema in schemas {
            let direct = compiler.compile(schema.node)?.outline
            let decoded = OpenAPIKitRule.schema(inlined(schema.node, document, depth: 0), version: document.version)
                .map(CompiledSchema.init)?.outline
            if decoded == nil { refused += 1 }
            if direct != decoded {
                differing.append(
                    "\(file) #/\(schema.path.joined(separator: "/")):\n--- compiled\n\(direct ?? "refused")\n--- OpenAPIKit\n\(decoded ?? "refused")"
                )
            }
        }
        return (schemas.count, refused, differing)
    }

    @Test(arguments: [
        "spec/customers.v3.yaml", "Examples/Bookshop/spec/bookshop.yaml", "corpus/github-api.1.1.4.yaml",
        "corpus/stripe-spec3.2023-08-16.yaml", "Tests/SpecLintTests/Fixtures/defects.yaml", "Tests/SpecLintTests/Fixtures/precision.yaml",
        "Tests/SpecLintTests/Fixtures/typed30.yaml",
    ])
    func compilesAsOpenAPIKitDecodes(_ file: String) throws {
        let (compared, _, differing) = try Self.differences(file)
        #expect(compared > 0)
        let differ = differing.count
        #expect(differ == 0, "\(differ) of \(compared) schemas differ; the first:\n\(differing.prefix(3).joined(separator: "\n\n"))")
    }

    /// What OpenAPIKit refuses, the compiler refuses: such a schema's examples go unjudged either way.
    @Test func refusesWhatOpenAPIKitRefuses() throws {
        let text = """
            openapi: 3.1.0
            info: {title: Refused, version: '1'}
            paths: {}
            components:
              schemas:
                NumberEnumOnString: {type: string, enum: [1, 2]}
                ListTitle: {type: object, title: [a]}
                BothDirections: {type: string, readOnly: true, writeOnly: true}
                UnknownType: {type: text}
                FractionalIntegerBound: {type: integer, minimum: 1.5}
                RequiredNotList: {type: object, required: id}
                BadProperty: {type: object, properties: {id: [string]}}
                Nullable30Style: {type: string, nullable: true, enum: [a, null]}
                Fine: {type: [string, 'null'], enum: [a, null], maxLength: 3}
            """
        let document = try SpecDocument(text: text)
        let compiler = SchemaCompiler(document)
        for member in document.root["components"]?["schemas"]?.members ?? [] {
            let direct = compiler.compile(member.value)?.outline
            let decoded = OpenAPIKitRule.schema(member.value.json, version: "3.1").map(CompiledSchema.init)?.outline
            #expect(direct == decoded, "\(member.key)")
            #expect((direct == nil) == !["Nullable30Style", "Fine"].contains(member.key), "\(member.key)")
        }
    }
}
