import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

extension DocumentEmitter {
    /// The operations of `resource` served at one path, with the path's parameters: the parent's
    /// under a parent's path, then the record's on the item path.
    func pathItem(for resource: Resource, _ operations: [Operation], at path: String, validator: SchemaValidator) throws(Failure)
        -> OpenAPI.PathItem
    {
        var pathItem = OpenAPI.PathItem()
        for operation in operations {
            let emitted = try self.operation(operation, of: resource, validator: validator)
            switch operation.method {
            case "GET": pathItem.get = emitted
            case "POST": pathItem.post = emitted
            case "PUT": pathItem.put = emitted
            case "PATCH": pathItem.patch = emitted
            default: pathItem.delete = emitted
            }
        }
        var parameters = partitionParameters(resource, in: path)
        if let scope = resource.parent, path.hasPrefix(scope.path) { parameters.append(.parameter(parentParameter(resource))) }
        if path == resource.itemPath { parameters.append(.parameter(itemParameter(resource))) }
        pathItem.parameters = parameters
        return pathItem
    }

    /// `{owner}`, `{repo}`: the parameters of `path` that name no record, in the path's order.
    func partitionParameters(_ resource: Resource, in path: String) -> OpenAPI.Parameter.Array {
        PathTemplate.parameters(path).filter(resource.partitionParameters.contains).map { name in
            .parameter(
                OpenAPI.Parameter(
                    name: name, context: .path(schema: Self.schema(for: resource.partitionTypes[name] ?? .string(), core: Core())),
                    description: "Records written under one `\(name)` are listed and read under it alone."))
        }
    }

    /// `{orderId}`: the record of the parent resource the path is under.
    func parentParameter(_ resource: Resource) -> OpenAPI.Parameter {
        let scope = resource.parent
        let parent = scope.flatMap { registry.resource(named: $0.resource) }
        let identifier = parent?.model.identifier.flatMap { parent?.model.field(named: $0) }
        let name = parent?.model.name ?? "parent"
        return OpenAPI.Parameter(
            name: scope?.parameter ?? "parentId", context: .path(schema: Self.schema(for: identifier?.type ?? .integer, core: Core())),
            description: "The `\(identifier?.name ?? "id")` of the \(name) the records belong to; a \(name) that does not exist is a 404.")
    }

    /// `{bookId}`: the record's identifier, typed as the model types it.
    func itemParameter(_ resource: Resource) -> OpenAPI.Parameter {
        let identifier = resource.model.identifier.flatMap { resource.model.field(named: $0) }
        return OpenAPI.Parameter(
            name: resource.itemParameter,
            context: .path(schema: Self.schema(for: identifier?.type ?? .integer, core: Core())),
            description: "The `\(identifier?.name ?? "id")` of the \(resource.model.name).")
    }

    func operation(_ operation: Operation, of resource: Resource, validator: SchemaValidator) throws(Failure) -> OpenAPI.Operation {
        let kind = operation.kind
        let path = resource.path(of: operation)
        var responses = OpenAPI.Response.Map()
        var requestBody: OpenAPI.Request?
        var parameters: OpenAPI.Parameter.Array = []
        let notFound = APIError.recordNotFound(resource.model.name, parameter: resource.itemParameter, value: "999999")
        switch kind {
        case .list:
            parameters = listParameters(resource)
            if resource.listEnvelope == .bare {
                let paged = !registry.pagingStyles(of: resource).isEmpty
                var answer = json(
                    paged ? "A page of matching records." : "Every matching record.",
                    schema: .array(.init(), .init(items: Self.ref(resource.model.name))),
                    example: .array(registry.projection(of: resource.model, .read).examples))
                if paged {
                    let link = OpenAPI.Header(
                        schema: .string(),
                        description:
                            "The neighbouring pages (RFC 8288), relative to this list's URL and keeping its filters: `rel=\"prev\"`, `\"next\"`, `\"first\"` and `\"last\"`, each where there is one.",
                        required: true)
                    answer.headers = OpenAPI.Header.Map(dictionaryLiteral: ("Link", .b(link)))
                }
                responses[200] = .b(answer)
            } else {
                responses[200] = .b(
                    json("A page of matching records.", schema: Self.ref(listResponseName(resource)), example: listExample(resource)))
            }
            if !parameters.isEmpty {
                responses[422] = .b(errorResponse("A filter is unknown or has a malformed value.", try queryErrorExample(resource)))
            }
        case .delete:
            parameters = deleteParameters(resource)
            responses[204] = .b(OpenAPI.Response(description: "The records are deleted."))
            responses[422] = .b(errorResponse("`id:in` is missing or malformed; nothing was deleted.", try deleteErrorExample()))
        case .read:
            responses[200] = .b(
                json("The record.", schema: recordResponseSchema(resource), example: recordResponseBody(readExample(resource))))
            responses[404] = .b(errorResponse("No record has this identifier.", notFound))
        case .deleteOne:
            responses[204] = .b(OpenAPI.Response(description: "The record is deleted."))
            responses[404] = .b(errorResponse("No record has this identifier; nothing was deleted.", notFound))
            for other in registry.resources {
                guard let relation = other.relations.first(where: { $0.resource == resource.name && $0.onDelete == .restrict }) else {
                    continue
                }
                responses[422] = .b(
                    errorResponse(
                        "Records of \(other.path) still reference this one; nothing was deleted.",
                        .stillReferenced(
                            resource.model.name, id: 1, by: other.model.name, count: 1, path: other.path, field: relation.field,
                            key: resource.itemParameter)))
                break
            }
        case .createOne, .patch, .updateOne:
            guard let projected = registry.requestProjection(of: resource, operation) else {
                throw .registry("\(operation.method) \(path) has no request projection")
            }
            let bodySchema = Self.ref(projected.schemaName)
            let example = operation.requestExample ?? projected.examples.first ?? [:]
            requestBody = OpenAPI.Request(
                description: kind == .createOne ? "The record to create." : "The fields to change; the others stay as they are.",
                content: objectBodyContent(bodySchema, example: example), required: true)
            let stored = recordResponseBody(writeResponseRecord(resource, item: example, index: 0))
            if kind == .createOne {
                var created = json("The record as stored.", schema: recordResponseSchema(resource), example: stored)
                let location = OpenAPI.Header(schema: .string(format: .other("uri-reference")), description: "The new record's path.")
                created.headers = OpenAPI.Header.Map(dictionaryLiteral: ("Location", .b(location)))
                created.links = try links(from: resource, created: true)
                responses[OpenAPI.Response.StatusCode(integerLiteral: operation.status ?? 201)] = .b(created)
            } else {
                responses[200] = .b(json("The record as stored.", schema: recordResponseSchema(resource), example: stored))
                responses[404] = .b(errorResponse("No record has this identifier; nothing was changed.", notFound))
            }
            responses[400] = .b(errorResponse("The body is not valid JSON; nothing was written.", try malformedBodyExample()))
            responses[415] = .b(
                errorResponse(
                    "The body is not sent as \(acceptedBodies); nothing was written.",
                    .unsupportedMediaType("text/plain", formsToo: registry.info.formBodies)))
            responses[422] = .b(
                errorResponse(
                    "The body is invalid or breaks a rule; nothing was written.",
                    try bodyErrorExample(operation, resource, bodySchema, validator)))
        case .create, .update, .upsert:
            guard let projected = registry.requestProjection(of: resource, kind), let limit = operation.batchLimit else {
                throw .registry("\(operation.method) \(resource.path) has no request projection or batch limit")
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
            stored.links = try links(from: resource, created: false)
            responses[200] = .b(stored)
            responses[400] = .b(errorResponse("The body is not valid JSON; nothing was written.", try malformedBodyExample()))
            responses[413] = .b(
                errorResponse(
                    "The batch holds more than \(limit) items; nothing was written.",
                    try batchErrorExample(example, limit: limit, bodySchema, validator, at: "\(operation.method) \(path)")))
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
                    .forbidden(header: header, method: operation.method, path: path, scope: scope.name)))
        }
        if registry.info.rateLimit != nil {
            responses[429] = .a(.component(named: SharedResponse.tooManyRequests))
        }
        responses[.range(.serverError)] = .a(.component(named: SharedResponse.serverError))
        if let scope = resource.parent, path.hasPrefix(scope.path), !responses.keys.contains(404) {
            let parent = registry.resource(named: scope.resource)?.model.name ?? scope.resource
            responses[404] = .b(
                errorResponse(
                    "No \(parent) has this `\(scope.parameter)`; nothing was read or written.",
                    .recordNotFound(parent, parameter: scope.parameter, value: "999999")))
        }
        responses.sortKeys { $0.rawValue < $1.rawValue }
        return OpenAPI.Operation(
            tags: [resource.tag],
            summary: operation.summary,
            description: description(of: operation, resource),
            operationId: resource.operationID(of: operation),
            parameters: parameters,
            requestBody: requestBody,
            responses: responses,
            deprecated: operation.deprecated,
            security: security(for: kind)
        )
    }

    /// Links from a write's response to reading and deleting the record it wrote (the first of a
    /// batch), so clients and stateful testers can follow them with a real id.
    func links(from resource: Resource, created single: Bool) throws(Failure) -> OpenAPI.Link.Map {
        // Records without an identifier of their own cannot be named in a later request.
        guard let identifier = resource.model.identifier else { return [:] }
        let expression =
            single
            ? (registry.recordEnvelope == .data ? "$response.body#/data/\(identifier)" : "$response.body#/\(identifier)")
            : "$response.body#/data/0/\(identifier)"
        guard let id = OpenAPI.RuntimeExpression(rawValue: expression) else {
            throw .registry("'\(expression)' is not a runtime expression")
        }
        var links = OpenAPI.Link.Map()
        let targets: [(OperationKind, String, String)] = [
            (.read, "Get", resource.itemParameter), (.list, "Get", "id:in"), (.deleteOne, "Delete", resource.itemParameter),
            (.delete, "Delete", "id:in"),
        ]
        for (kind, name, parameter) in targets where resource.operation(kind) != nil {
            if parameter == "id:in" && resource.filter(named: identifier)?.operators.contains(.in) != true { continue }
            let key = "\(name)\(resource.model.name)"
            guard links[key] == nil else { continue }
            links[key] = .b(
                OpenAPI.Link(
                    operationId: resource.operationID(kind), parameters: [parameter: .a(id)],
                    description: "\(name == "Get" ? "Read" : "Delete") the \(single ? "record" : "first record") written, by its id."))
        }
        // What lives under the record: sub-collections and per-record objects, by the record's id.
        for child in registry.resources {
            guard let scope = child.parent, scope.resource == resource.name, let list = child.operation(.list, scoped: true) else {
                continue
            }
            links["Get\(child.model.name)Of\(resource.model.name)"] = .b(
                OpenAPI.Link(
                    operationId: child.operationID(of: list), parameters: [scope.parameter: .a(id)],
                    description: "List the \(child.model.name) records of the \(single ? "record" : "first record") written."))
        }
        for singleton in registry.singletons where singleton.scope == .record(of: resource.name) {
            guard let parameter = singleton.parameter else { continue }
            links["Get\(singleton.model.name)"] = .b(
                OpenAPI.Link(
                    operationId: singleton.readOperationID, parameters: [parameter: .a(id)],
                    description: "Read the \(singleton.model.name) of the \(single ? "record" : "first record") written."))
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

    /// A request body that is one object: JSON, and a form too where the API takes one.
    func objectBodyContent(_ schema: JSONSchema, example: JSONValue) -> OpenAPI.Content.Map {
        var content: OpenAPI.Content.Map = [.json: .b(OpenAPI.Content(schema: schema, example: example.anyCodable))]
        if registry.info.formBodies { content[.form] = .b(OpenAPI.Content(schema: schema)) }
        return content
    }

    /// What a 415 says the body must be sent as.
    var acceptedBodies: String {
        registry.info.formBodies ? "`application/json` or `application/x-www-form-urlencoded`" : "`application/json`"
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
