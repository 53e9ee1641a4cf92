import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

extension OpenAPIEmitter {
    func pathItem(for resource: Resource, validator: SchemaValidator) throws(Failure) -> OpenAPI.PathItem {
        var item = OpenAPI.PathItem()
        for operation in resource.operations {
            let emitted = try self.operation(operation, of: resource, validator: validator)
            switch operation.kind {
            case .list: item.get = emitted
            case .create: item.post = emitted
            case .update, .upsert: item.put = emitted
            case .delete: item.delete = emitted
            }
        }
        return item
    }

    func operation(_ operation: Operation, of resource: Resource, validator: SchemaValidator) throws(Failure) -> OpenAPI.Operation {
        let kind = operation.kind
        var responses = OpenAPI.Response.Map()
        var requestBody: OpenAPI.Request?
        let parameters: OpenAPI.Parameter.Array
        switch kind {
        case .list:
            parameters = listParameters(resource)
            responses[200] = .b(
                json("A page of matching records.", schema: Self.ref(listResponseName(resource)), example: listExample(resource)))
            responses[422] = .b(errorResponse("A filter is unknown or has a malformed value.", try queryErrorExample(resource)))
        case .delete:
            parameters = deleteParameters(resource)
            responses[204] = .b(OpenAPI.Response(description: "The records are deleted."))
            responses[422] = .b(errorResponse("`id:in` is missing or malformed; nothing was deleted.", try deleteErrorExample()))
        case .create, .update, .upsert:
            parameters = []
            guard let projected = registry.requestProjection(of: resource, kind), let limit = operation.batchLimit else {
                throw .registry("\(kind.method) \(resource.path) has no request projection or batch limit")
            }
            let bodySchema = JSONSchema.array(
                .init(description: "A batch of 1 to \(limit) \(projected.schemaName) items, processed all or nothing."),
                .init(items: Self.ref(projected.schemaName), maxItems: limit, minItems: 1))
            let example = requestExample(operation, projected)
            requestBody = OpenAPI.Request(
                description: "A JSON array, even for one record: `[{…}]`.",
                content: [.json: .b(OpenAPI.Content(schema: bodySchema, example: example.anyCodable))], required: true)
            var stored = json(
                "The records as stored.", schema: Self.ref(writeResponseName(resource)),
                example: writeResponseExample(resource, request: example))
            stored.links = try links(from: resource)
            responses[200] = .b(stored)
            responses[400] = .b(errorResponse("The body is not valid JSON; nothing was written.", try malformedBodyExample()))
            responses[413] = .b(
                errorResponse(
                    "The batch holds more than \(limit) items; nothing was written.",
                    try batchErrorExample(example, limit: limit, bodySchema, validator)))
            responses[415] = .b(
                errorResponse("The body is not sent as `application/json`; nothing was written.", .unsupportedMediaType("text/plain")))
            responses[422] = .b(
                errorResponse(
                    "An item is invalid or breaks a rule; nothing was written.",
                    try bodyErrorExample(operation, resource, bodySchema, validator)))
        }
        let header = registry.info.authHeader
        responses[401] = .b(
            errorResponse("The token is missing or not valid.", .unauthenticated(header: header, sent: false)))
        if kind.isWrite, let scope = registry.info.scope(for: kind) {
            responses[403] = .b(
                errorResponse(
                    "The token lacks the `\(scope.name)` scope; nothing was written.",
                    .forbidden(header: header, method: kind.method, path: resource.path, scope: scope.name)))
        }
        if registry.info.rateLimit != nil {
            responses[429] = .a(.component(named: SharedResponse.tooManyRequests))
        }
        responses[.range(.serverError)] = .a(.component(named: SharedResponse.serverError))
        responses.sortKeys { $0.rawValue < $1.rawValue }
        return OpenAPI.Operation(
            tags: [resource.tag],
            summary: operation.summary,
            description: description(of: operation, resource),
            operationId: resource.operationID(kind),
            parameters: parameters,
            requestBody: requestBody,
            responses: responses,
            security: security(for: kind)
        )
    }

    /// Links from a write's response to reading and deleting the first record written, so
    /// clients and stateful testers can follow them with a real id.
    func links(from resource: Resource) throws(Failure) -> OpenAPI.Link.Map {
        let expression = "$response.body#/data/0/\(resource.model.identifier ?? "id")"
        guard let firstID = OpenAPI.RuntimeExpression(rawValue: expression) else {
            throw .registry("'\(expression)' is not a runtime expression")
        }
        var links = OpenAPI.Link.Map()
        for (kind, name) in [(OperationKind.list, "Get"), (.delete, "Delete")] where resource.operation(kind) != nil {
            links["\(name)\(resource.model.name)"] = .b(
                OpenAPI.Link(
                    operationId: resource.operationID(kind), parameters: ["id:in": .a(firstID)],
                    description: "\(name == "Get" ? "Read" : "Delete") the first record written, by its id."))
        }
        return links
    }

    /// The operation's prose followed by the facts the registry knows about it.
    func description(of operation: Operation, _ resource: Resource) -> String {
        var lines = [operation.description]
        if let limit = operation.batchLimit {
            lines.append("The body is a JSON array of at most \(limit) items; a longer one is rejected with 413.")
        }
        if operation.kind.isWrite {
            lines.append(contentsOf: registry.ruleSentences(for: resource, operation.kind))
        }
        if let scope = registry.info.scope(for: operation.kind) {
            lines.append("Requires the `\(scope.name)` scope.")
        }
        return lines.joined(separator: "\n\n")
    }

    /// Either scope grants reads; writes need the modify scope.
    func security(for kind: OperationKind) -> [OpenAPI.SecurityRequirement] {
        let scheme = JSONReference<OpenAPI.SecurityScheme>.component(named: registry.info.authentication.schemeName)
        let scopes = registry.info.scopes.filter { kind.isWrite ? $0.access == .modify : true }
        return scopes.map { [scheme: [$0.name]] }
    }

    func json(_ description: String, schema: JSONSchema, example: JSONValue, mediaType: OpenAPI.ContentType = .json) -> OpenAPI.Response {
        OpenAPI.Response(description: description, content: [mediaType: .b(OpenAPI.Content(schema: schema, example: example.anyCodable))])
    }

    /// An error response in the registry's format and media type, with `error` as its example.
    func errorResponse(_ description: String, _ error: APIError) -> OpenAPI.Response {
        let format = registry.info.errorFormat
        return json(
            description, schema: Self.ref(SharedSchema.errorResponse), example: error.body(registry.info),
            mediaType: OpenAPI.ContentType(rawValue: format.mediaType) ?? .json)
    }

    /// Responses every operation can give, declared once: a 429 over the rate limit, and 5xx.
    func sharedResponses() -> OpenAPI.ComponentReferenceDictionary<OpenAPI.Response> {
        var responses: OpenAPI.ComponentReferenceDictionary<OpenAPI.Response> = [:]
        if let limit = registry.info.rateLimit {
            var response = errorResponse(
                "Too many requests; the request was not carried out. \(limit.description)",
                .rateLimited(quota: 150, windowMilliseconds: 30_000, retryIn: 12_400))
            response.headers = OrderedDictionary(
                limit.headers.map { ($0.name, .a(.component(named: $0.name))) }, uniquingKeysWith: { first, _ in first })
            responses[.init(stringLiteral: SharedResponse.tooManyRequests)] = .b(response)
        }
        responses[.init(stringLiteral: SharedResponse.serverError)] = .b(
            errorResponse(
                "The service failed or is unavailable, or did not answer in time. The request may or may not have been carried out: reads, updates and upserts can be sent again; before sending a create again, read back by a unique field to see whether it was written.",
                .unavailable()))
        return responses
    }

    /// The rate-limit headers, declared once for every response that carries them.
    func rateLimitHeaders() -> OpenAPI.ComponentReferenceDictionary<OpenAPI.Header> {
        var headers: OpenAPI.ComponentReferenceDictionary<OpenAPI.Header> = [:]
        for header in registry.info.rateLimit?.headers ?? [] {
            headers[.init(stringLiteral: header.name)] = .b(
                OpenAPI.Header(schema: .integer(minimum: (0, exclusive: false)), description: header.description, required: true))
        }
        return headers
    }
}

/// Names of the responses in `components/responses`.
public enum SharedResponse {
    public static let tooManyRequests = "TooManyRequests"
    public static let serverError = "ServerError"
}
