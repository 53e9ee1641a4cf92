import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

extension DocumentEmitter {
    /// `POST` of an action: its request model as the body, the record or its response model as
    /// the answer, and the errors any write can give.
    func actionOperation(_ action: Action, of resource: Resource, validator: SchemaValidator) throws(Failure) -> OpenAPI.Operation {
        let path = resource.path(of: action)
        let bodySchema = Self.ref(action.request.name)
        let example = action.requestExample ?? action.request.examples.first ?? [:]
        var responses = OpenAPI.Response.Map()
        switch action.response {
        case .record:
            responses[200] = .b(
                json("The record afterwards.", schema: recordResponseSchema(resource), example: recordResponseBody(readExample(resource))))
        case .model(let model, let answer):
            responses[200] = .b(json(model.description, schema: Self.ref(model.name), example: answer))
        }
        if action.onItem {
            responses[404] = .b(
                errorResponse(
                    "No record has this identifier.",
                    .recordNotFound(resource.model.name, parameter: resource.itemParameter, value: "999999")))
        }
        responses[400] = .b(errorResponse("The body is not valid JSON; nothing changed.", try malformedBodyExample()))
        responses[415] = .b(
            errorResponse(
                "The body is not sent as \(acceptedBodies); nothing changed.",
                .unsupportedMediaType("text/plain", formsToo: registry.info.formBodies)))
        guard let invalid = action.invalidExample else {
            throw .registry("POST \(path) declares no invalidExample for its 422 example")
        }
        let issues = validator.validate(invalid, against: bodySchema, context: .request)
        guard !issues.isEmpty else { throw .registry("POST \(path): the invalidExample passes validation, so it cannot show a 422") }
        responses[422] = .b(
            errorResponse("The body is invalid, or the action is refused; nothing changed.", .invalidBody(issues.map(\.apiProblem))))
        let kind: OperationKind = action.readOnly ? .list : .create
        let header = registry.info.authHeader
        responses[401] = .b(errorResponse("The token is missing or not valid.", .unauthenticated(header: header, sent: false)))
        if !action.readOnly, let scope = registry.info.scope(for: kind) {
            responses[403] = .b(
                errorResponse(
                    "The token lacks the `\(scope.name)` scope; nothing changed.",
                    .forbidden(header: header, method: "POST", path: path, scope: scope.name)))
        }
        if registry.info.rateLimit != nil { responses[429] = .a(.component(named: SharedResponse.tooManyRequests)) }
        responses[.range(.serverError)] = .a(.component(named: SharedResponse.serverError))
        responses.sortKeys { $0.rawValue < $1.rawValue }
        var lines = [action.description]
        if let scope = registry.info.scope(for: kind) { lines.append("Requires the `\(scope.name)` scope.") }
        return OpenAPI.Operation(
            tags: [action.tag ?? resource.tag], summary: action.summary, description: lines.joined(separator: "\n\n"),
            operationId: resource.operationID(action),
            requestBody: OpenAPI.Request(
                description: action.request.description,
                content: objectBodyContent(bodySchema, example: example), required: true),
            responses: responses, security: security(for: kind))
    }
}
