import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

extension DocumentEmitter {
    /// `GET` and `PUT` of a singleton, with the parameter that names which object.
    func pathItem(for singleton: Singleton, validator: SchemaValidator) throws(Failure) -> OpenAPI.PathItem {
        var item = OpenAPI.PathItem()
        item.get = singletonOperation(singleton, write: false, validator: validator)
        if singleton.update != nil { item.put = try singletonWrite(singleton, validator: validator) }
        if let parameter = singletonParameter(singleton) { item.parameters = [.parameter(parameter)] }
        return item
    }

    func singletonEnvelope(_ singleton: Singleton) -> RecordEnvelope { singleton.envelope ?? registry.recordEnvelope }

    func singletonResponseName(_ singleton: Singleton) -> String { singleton.model.name + "Response" }

    /// The object as an answer shows it: the model's first example, or the defaults.
    func singletonExample(_ singleton: Singleton) -> JSONValue {
        let shown = registry.projection(of: singleton.model, .read).examples.first ?? .object(singleton.model.defaults)
        return singletonEnvelope(singleton) == .data ? ["data": shown, "meta": [:]] : shown
    }

    func singletonResponseSchema(_ singleton: Singleton) -> JSONSchema {
        singletonEnvelope(singleton) == .data ? Self.ref(singletonResponseName(singleton)) : Self.ref(singleton.model.name)
    }

    /// `{channel_id}` or `{orderId}`: which object the path names; nil for the store's one.
    func singletonParameter(_ singleton: Singleton) -> OpenAPI.Parameter? {
        guard let name = singleton.parameter else { return nil }
        switch singleton.scope {
        case .record(let owner):
            let resource = registry.resource(named: owner)
            let identifier = resource?.model.identifier.flatMap { resource?.model.field(named: $0) }
            let model = resource?.model.name ?? owner
            return OpenAPI.Parameter(
                name: name, context: .path(schema: Self.schema(for: identifier?.type ?? .integer, core: Core())),
                description: "The `\(identifier?.name ?? "id")` of the \(model); a \(model) that does not exist is a 404.")
        case .key(let minimum, let maximum):
            return OpenAPI.Parameter(
                name: name, context: .path(schema: Self.schema(for: .integer(minimum: minimum, maximum: maximum), core: Core())),
                description: "Which \(singleton.model.name) to read or change: every value from \(minimum) has one.")
        case .store:
            return nil
        }
    }

    func singletonOperation(_ singleton: Singleton, write: Bool, validator: SchemaValidator) -> OpenAPI.Operation {
        var responses = OpenAPI.Response.Map()
        responses[200] = .b(
            json(
                write ? "The object as stored." : "The object.", schema: singletonResponseSchema(singleton),
                example: singletonExample(singleton)))
        let kind: OperationKind = write ? .update : .list
        let path = singleton.path
        let header = registry.info.authHeader
        responses[401] = .b(errorResponse("The token is missing or not valid.", .unauthenticated(header: header, sent: false)))
        if write, let scope = registry.info.scope(for: kind) {
            responses[403] = .b(
                errorResponse(
                    "The token lacks the `\(scope.name)` scope; nothing was written.",
                    .forbidden(header: header, method: "PUT", path: path, scope: scope.name)))
        }
        if let parameter = singleton.parameter {
            var owner = singleton.model.name
            if case .record(let resource) = singleton.scope { owner = registry.resource(named: resource)?.model.name ?? resource }
            responses[404] = .b(
                errorResponse(
                    "No \(owner) has this `\(parameter)`\(write ? "; nothing was written" : "").",
                    .recordNotFound(owner, parameter: parameter, value: "0")))
        }
        if registry.info.rateLimit != nil { responses[429] = .a(.component(named: SharedResponse.tooManyRequests)) }
        responses[.range(.serverError)] = .a(.component(named: SharedResponse.serverError))
        responses.sortKeys { $0.rawValue < $1.rawValue }
        let operation = write ? singleton.update ?? singleton.read : singleton.read
        var lines = [operation.description]
        if write {
            lines.append("Only the fields sent change, one object down; the others keep their values.")
            if let inherits = singleton.inherits, let parent = registry.singleton(named: inherits) {
                lines.append("A field set to `null` has no value of its own here: `GET \(parent.path)` gives the value that applies.")
            }
            for case .custom(let rule) in singleton.rules { lines.append(rule.sentence) }
        }
        if let scope = registry.info.scope(for: kind) { lines.append("Requires the `\(scope.name)` scope.") }
        return OpenAPI.Operation(
            tags: [singleton.tag], summary: operation.summary, description: lines.joined(separator: "\n\n"),
            operationId: write ? singleton.updateOperationID : singleton.readOperationID, responses: responses,
            security: security(for: kind))
    }

    /// `PUT`: the operation above, with its body and the errors a body can give.
    func singletonWrite(_ singleton: Singleton, validator: SchemaValidator) throws(Failure) -> OpenAPI.Operation {
        var operation = singletonOperation(singleton, write: true, validator: validator)
        let projected = registry.projection(of: singleton.model, .patch)
        let bodySchema = Self.ref(projected.schemaName)
        let example = singleton.update?.requestExample ?? projected.examples.first ?? .object(singleton.model.defaults)
        operation.requestBody = .b(
            OpenAPI.Request(
                description: "The fields to change.",
                content: objectBodyContent(bodySchema, example: example),
                required: true))
        guard let invalid = singleton.update?.invalidExample else {
            throw .registry("PUT \(singleton.path) declares no invalidExample for its 422 example")
        }
        let issues = validator.validate(invalid, against: bodySchema, context: .request)
        guard !issues.isEmpty else {
            throw .registry("PUT \(singleton.path): the invalidExample passes validation, so it cannot show a 422")
        }
        operation.responses[400] = .b(errorResponse("The body is not valid JSON; nothing was written.", try malformedBodyExample()))
        operation.responses[415] = .b(
            errorResponse(
                "The body is not sent as \(acceptedBodies); nothing was written.",
                .unsupportedMediaType("text/plain", formsToo: registry.info.formBodies)))
        operation.responses[422] = .b(
            errorResponse("The body is invalid or breaks a rule; nothing was written.", .invalidBody(issues.map(\.apiProblem))))
        operation.responses.sortKeys { $0.rawValue < $1.rawValue }
        return operation
    }
}
