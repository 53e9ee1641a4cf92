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
                if let (schema, _) = decode(member.value) { schemas[.init(stringLiteral: member.key)] = schema }
            }
            return OpenAPI.Components(schemas: schemas)
        }()
        lazy var validator = SchemaValidator(components: components)

        init(_ document: SpecDocument) {
            self.document = document
        }

        /// Decoded schemas by their JSON text: large specs repeat the same inline schemas.
        private var decoded: [String: JSONSchema?] = [:]
        /// Verdicts by schema, context and example text: specs repeat the same examples
        /// (every error response), and the same inputs always give the same issues.
        private var verdicts: [String: [ValidationIssue]] = [:]

        func decode(_ node: SpecNode) -> (JSONSchema, String)? {
            let text = JSONWriter(pretty: false).string(node.json)
            if let known = decoded[text] { return known.map { ($0, text) } }
            let schema = try? JSONDecoder().decode(JSONSchema.self, from: Data(text.utf8))
            decoded[text] = schema
            return schema.map { ($0, text) }
        }

        func issues(_ example: SpecNode, against schemaNode: SpecNode, _ context: MessageContext) -> [ValidationIssue] {
            guard let (schema, schemaText) = decode(schemaNode) else { return [] }
            let value = example.json
            let key = schemaText + "\u{0}" + context.rawValue + "\u{0}" + JSONWriter(pretty: false).string(value)
            if let known = verdicts[key] { return known }
            let found = validator.validate(value, against: schema, context: context)
            verdicts[key] = found
            return found
        }
    }

    static let valid = LintRule("example-valid", .error, "Every example satisfies its schema, as a request or a response.") { document in
        let schemas = Schemas(document)
        var hits: [RuleHit] = []
        func check(_ example: SpecNode, _ schemaNode: SpecNode, _ context: MessageContext, _ path: [String]) {
            for issue in schemas.issues(example, against: schemaNode, context) {
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
