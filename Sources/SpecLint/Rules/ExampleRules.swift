import Foundation
import JSONModel
import OpenAPIKit
import SchemaValidation

/// Examples must satisfy their schemas, judged by the shared validation engine in the
/// context of their message: no read-only fields in a request, no write-only ones in a response.
enum ExampleRules {
    /// Schemas decoded on demand: only the components and inline schemas that have examples.
    final class Schemas: @unchecked Sendable {
        let document: SpecDocument
        lazy var components: OpenAPI.Components = {
            var schemas = OpenAPI.ComponentDictionary<JSONSchema>()
            for member in document.root["components"]?["schemas"]?.members ?? [] {
                if let schema = decode(member.value) { schemas[.init(stringLiteral: member.key)] = schema }
            }
            return OpenAPI.Components(schemas: schemas)
        }()
        lazy var validator = SchemaValidator(components: components)

        init(_ document: SpecDocument) {
            self.document = document
        }

        func decode(_ node: SpecNode) -> JSONSchema? {
            try? JSONDecoder().decode(JSONSchema.self, from: Data(JSONWriter(pretty: false).string(node.json).utf8))
        }
    }

    static let valid = LintRule("example-valid", .error, "Every example satisfies its schema, as a request or a response.") { document in
        let schemas = Schemas(document)
        var hits: [RuleHit] = []
        func check(_ example: SpecNode, _ schemaNode: SpecNode, _ context: MessageContext, _ path: [String]) {
            guard let schema = schemas.decode(schemaNode) else { return }
            for issue in schemas.validator.validate(example.json, against: schema, context: context) {
                hits.append(RuleHit("example \(issue)", at: path, example.location))
            }
        }
        func media(_ content: SpecNode, _ context: MessageContext, _ path: [String]) {
            for member in content.members {
                guard let schema = member.value["schema"] else { continue }
                if let example = member.value["example"] { check(example, schema, context, path + [member.key, "example"]) }
                for named in member.value["examples"]?.members ?? [] {
                    let resolved = document.resolved(named.value) ?? named.value
                    if let value = resolved["value"] { check(value, schema, context, path + [member.key, "examples", named.key, "value"]) }
                }
            }
        }
        for operation in document.operations {
            for (path, content) in document.contents(of: operation) {
                media(content, path.contains("requestBody") ? .request : .response, path)
            }
            for parameter in document.parameters(of: operation) {
                if let example = parameter.node["example"], let schema = parameter.node["schema"] {
                    check(example, schema, .request, parameter.path + ["example"])
                }
            }
        }
        for member in document.root["components"]?["schemas"]?.members ?? [] {
            let path = ["components", "schemas", member.key]
            if let example = member.value["example"] { check(example, member.value, .plain, path + ["example"]) }
            for (index, example) in (member.value["examples"]?.items ?? []).enumerated() {
                check(example, member.value, .plain, path + ["examples", String(index)])
            }
        }
        return hits
    }

    static let all = [valid]
}
