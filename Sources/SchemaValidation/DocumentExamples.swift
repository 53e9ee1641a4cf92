import JSONModel
import OpenAPIKit

/// An example in a document that does not satisfy its schema.
public struct ExampleProblem: Sendable, CustomStringConvertible {
    /// JSON pointer of the example: `#/paths/~1orders/post/requestBody/content/application~1json/example`.
    public let location: String
    public let issue: ValidationIssue

    public var description: String { "\(location): \(issue)" }

    /// The problem in the shape every command prints: the example's pointer, then the field.
    public var diagnostic: Diagnostic {
        Diagnostic(message: "\(issue.path): \(issue.message)", pointer: location, fix: issue.hint)
    }
}

/// Checks every example of a document against its schema: request bodies and parameters
/// in the request context, responses in the response context, schema examples plainly.
public enum DocumentExamples {
    public static func check(_ document: OpenAPI.Document) -> [ExampleProblem] {
        let validator = SchemaValidator(document: document)
        // Each path, then each component schema, checked on every core; the problems come out
        // in the document's order all the same.
        let paths = Array(document.paths).concurrentMap { path, entry in
            var problems: [ExampleProblem] = []
            if let item = document.components[entry] {
                check(item, at: ["paths", path.rawValue], in: document, validator, into: &problems)
            }
            return problems
        }
        // A webhook's body is sent by the API, as a response is: read-only fields belong in it.
        let webhooks = Array(document.webhooks).map { name, entry in
            var problems: [ExampleProblem] = []
            if let item = document.components[entry] {
                check(item, at: ["webhooks", name], in: document, validator, sentByTheAPI: true, into: &problems)
            }
            return problems
        }
        let schemas = Array(document.components.schemas).concurrentMap { name, schema in
            var problems: [ExampleProblem] = []
            walkSchemaExamples(schema, ["components", "schemas", name.rawValue], validator, into: &problems)
            return problems
        }
        return (paths + webhooks + schemas).flatMap { $0 }
    }

    /// The examples of one path's parameters, request bodies and responses.
    static func check(
        _ item: OpenAPI.PathItem, at base: [String], in document: OpenAPI.Document, _ validator: SchemaValidator,
        sentByTheAPI: Bool = false, into problems: inout [ExampleProblem]
    ) {
        func validate(_ example: AnyCodable?, _ schema: JSONSchema?, _ context: MessageContext, _ location: [String]) {
            guard let example, let schema else { return }
            for issue in validator.validate(JSONValue(example), against: schema, context: context) {
                problems.append(ExampleProblem(location: pointer(location), issue: issue))
            }
        }
        func content(_ map: OpenAPI.Content.Map, _ context: MessageContext, _ location: [String]) {
            for (type, entry) in map {
                guard let media = document.components[entry] else { continue }
                let here = location + [type.rawValue]
                validate(media.example, media.schema, context, here + ["example"])
                for (name, example) in media.examples ?? [:] {
                    validate(document.components[example]?.dataOrLegacyValue, media.schema, context, here + ["examples", name])
                }
            }
        }
        func parameters(_ list: OpenAPI.Parameter.Array, _ location: [String]) {
            for (index, entry) in list.enumerated() {
                guard let parameter = document.components[entry], let schemaContext = parameter.schemaOrContent.schemaContextValue
                else { continue }
                validate(schemaContext.example, document.components[schemaContext.schema], .request, location + [String(index), "example"])
            }
        }
        parameters(item.parameters, base + ["parameters"])
        for endpoint in item.endpoints {
            let here = base + [endpoint.method.rawValue.lowercased()]
            parameters(endpoint.operation.parameters, here + ["parameters"])
            if let body = endpoint.operation.requestBody.flatMap({ document.components[$0] }) {
                content(body.content, sentByTheAPI ? .response : .request, here + ["requestBody", "content"])
            }
            for (status, response) in endpoint.operation.responses {
                guard let response = document.components[response] else { continue }
                content(response.content, .response, here + ["responses", status.rawValue, "content"])
            }
        }
    }

    /// Validates the `examples` of a schema and of its properties and items.
    static func walkSchemaExamples(
        _ schema: JSONSchema, _ location: [String], _ validator: SchemaValidator, into problems: inout [ExampleProblem]
    ) {
        for (index, example) in schema.coreContext.examples.enumerated() {
            for issue in validator.validate(JSONValue(example), against: schema, context: .plain) {
                problems.append(ExampleProblem(location: pointer(location + ["examples", String(index)]), issue: issue))
            }
        }
        switch schema.value {
        case .object(_, let object):
            for (name, property) in object.properties {
                walkSchemaExamples(property, location + ["properties", name], validator, into: &problems)
            }
        case .array(_, let array):
            if let items = array.items { walkSchemaExamples(items, location + ["items"], validator, into: &problems) }
        default:
            break
        }
    }

    /// A JSON pointer (RFC 6901) from its unescaped tokens.
    public static func pointer(_ tokens: [String]) -> String {
        "#/" + tokens.map { $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined(separator: "/")
    }
}
