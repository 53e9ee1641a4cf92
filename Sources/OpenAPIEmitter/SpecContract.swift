import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

/// What a spec promises each operation accepts: its JSON request body schema and its query
/// parameter schemas, with the checks against them. The mock server and the guide checker
/// both judge requests with it, so neither can drift from the spec.
public struct SpecContract: Sendable {
    public let document: OpenAPI.Document
    public let validator: SchemaValidator
    private let bodySchemas: [String: JSONSchema]
    private let parameterSchemas: [String: [String: JSONSchema]]

    public init(document: OpenAPI.Document) {
        self.document = document
        self.validator = SchemaValidator(document: document)
        var bodies: [String: JSONSchema] = [:]
        var parameters: [String: [String: JSONSchema]] = [:]
        for (path, entry) in document.paths {
            guard let item = document.components[entry] else { continue }
            for endpoint in item.endpoints {
                let key = Self.key(endpoint.method.rawValue, path.rawValue)
                for parameter in (item.parameters + endpoint.operation.parameters).compactMap({ document.components[$0] }) {
                    if let schema = parameter.schemaOrContent.schemaContextValue.flatMap({ document.components[$0.schema] }) {
                        parameters[key, default: [:]][parameter.name] = schema
                    }
                }
                let body = endpoint.operation.requestBody.flatMap { document.components[$0] }
                if let schema = body.flatMap({ Self.jsonContent($0.content) }).flatMap({ document.components[$0] })?.schema {
                    bodies[key] = schema
                }
            }
        }
        self.bodySchemas = bodies
        self.parameterSchemas = parameters
    }

    static func key(_ method: String, _ path: String) -> String { "\(method.uppercased()) \(path)" }

    /// The JSON entry of a content map: `application/json`, or a JSON type such as `application/problem+json`.
    public static func jsonContent(_ map: OpenAPI.Content.Map) -> Either<OpenAPI.Reference<OpenAPI.Content>, OpenAPI.Content>? {
        map[.json] ?? map.first { $0.key.rawValue.hasPrefix("application/") && $0.key.rawValue.hasSuffix("+json") }?.value
    }

    /// The JSON request body schema of an operation, if it takes one.
    public func bodySchema(method: String, path: String) -> JSONSchema? {
        bodySchemas[Self.key(method, path)]
    }

    /// The schema of an operation's form body (`application/x-www-form-urlencoded`), if it takes one.
    public func formBodySchema(method: String, path: String) -> JSONSchema? {
        operation(method: method, path: path)?.requestBody.flatMap { document.components[$0] }
            .flatMap { $0.content[.form] }.flatMap { document.components[$0] }?.schema
    }

    /// The JSON schema of a documented response, if any.
    public func responseSchema(method: String, path: String, status: String) -> JSONSchema? {
        operation(method: method, path: path)
            .flatMap { $0.responses[OpenAPI.Response.StatusCode(rawValue: status) ?? .default] }
            .flatMap { document.components[$0] }
            .flatMap { Self.jsonContent($0.content) }
            .flatMap { document.components[$0] }?.schema
    }

    /// The operation at `method` and `path`.
    public func operation(method: String, path: String) -> OpenAPI.Operation? {
        document.paths[OpenAPI.Path(rawValue: path)].flatMap { document.components[$0] }?
            .endpoints.first { $0.method.rawValue == method.uppercased() }?.operation
    }

    /// The example of a JSON request body or response (`status`), as the spec has it.
    public func example(method: String, path: String, status: String? = nil) -> JSONValue? {
        guard let operation = operation(method: method, path: path) else { return nil }
        let content: OpenAPI.Content.Map?
        if let status {
            content =
                operation.responses[OpenAPI.Response.StatusCode(rawValue: status) ?? .default]
                .flatMap { document.components[$0] }?.content
        } else {
            content = operation.requestBody.flatMap { document.components[$0] }?.content
        }
        return content.flatMap(Self.jsonContent).flatMap { document.components[$0] }?.example.map(JSONValue.init)
    }

    /// The names of an operation's query parameters, in the spec's order.
    public func parameterNames(method: String, path: String) -> [String] {
        (operation(method: method, path: path)?.parameters ?? []).compactMap { document.components[$0]?.name }
    }

    /// What the parameter's schema says about a parsed query value; a list value's items
    /// are named by position (`value 2 must be at least 1`).
    public func parameterProblems(_ name: String, _ value: JSONValue, method: String, path: String) -> [QueryProblem] {
        guard let schema = parameterSchemas[Self.key(method, path)]?[name] else { return [] }
        return validator.validate(value, against: schema, context: .request).map { issue in
            let position = issue.path.components.first.flatMap { component -> String? in
                if case .index(let index) = component { "value \(index + 1) " } else { nil }
            }
            return QueryProblem(parameter: name, message: (position ?? "") + issue.message, hint: issue.hint)
        }
    }

    /// Every problem of a list query for `resource`: unknown filters, malformed values, and
    /// values the spec's parameter schemas refuse.
    public func listQuery(
        _ query: String, for resource: Resource, pagination: Pagination, path: String? = nil
    ) -> Result<ListQuery, QueryProblems> {
        switch ListQuery.parse(query, for: resource, pagination: pagination) {
        case .failure(let rejected): return .failure(rejected)
        case .success(let parsed):
            var problems = parsed.clauses.flatMap { clause in
                parameterProblems(
                    clause.filter.parameterName(clause.op), clause.op.takesList ? .array(clause.values) : clause.values.first ?? .null,
                    method: "GET", path: path ?? resource.path)
            }
            for (name, value) in parsed.others {
                guard let schema = parameterSchemas[Self.key("GET", path ?? resource.path)]?[name] else { continue }
                // A list parameter's values come comma-separated, as the spec's `style: form` says.
                let isList = if case .array = schema.value { true } else { false }
                let text: JSONValue = isList ? .array(value.split(separator: ",").map { .string(String($0)) }) : .string(value)
                problems += parameterProblems(name, validator.typed(text, against: schema), method: "GET", path: path ?? resource.path)
            }
            return problems.isEmpty ? .success(parsed) : .failure(QueryProblems(problems: problems))
        }
    }

    /// The ids a delete names, checked against the spec's `id:in` schema.
    public func deleteQuery(_ query: String, for resource: Resource) -> Result<[Int], QueryProblems> {
        switch DeleteQuery.parse(query) {
        case .failure(let rejected): return .failure(rejected)
        case .success(let ids):
            let problems = parameterProblems(
                DeleteQuery.parameter, .array(ids.map(JSONValue.integer)), method: "DELETE", path: resource.path)
            return problems.isEmpty ? .success(ids) : .failure(QueryProblems(problems: problems))
        }
    }
}
