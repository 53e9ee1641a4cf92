import APIRegistry
import Foundation
import JSONModel
import SchemaValidation

/// Operations on one record: the item path's read, partial update and delete, and a create
/// whose body is a single object.
extension MockAPI {
    /// The id of the record an item path's segment names, when it exists.
    func record(_ segment: String?, of resource: Resource, in state: StoreState) -> Int? {
        guard let segment, let id = Int(segment), state[resource.name][id] != nil else { return nil }
        return id
    }

    /// A response holding one record, in the registry's envelope.
    func recordResponse(_ id: Int, of resource: Resource, status: Int, state: StoreState) -> MockResponse {
        guard let stored = state[resource.name][id] else {
            return failure(.recordNotFound(resource.model.name, parameter: resource.itemParameter, value: String(id)))
        }
        let shown = present(stored, of: resource, including: [], state: state)
        return MockResponse(status: status, body: registry.recordEnvelope == .data ? ["data": shown, "meta": [:]] : shown)
    }

    /// A JSON object body validated against the operation's schema, or the error to answer.
    func objectBody(_ operation: APIRegistry.Operation, of resource: Resource, request: MockRequest) -> Result<JSONObject, APIError> {
        let kind = operation.kind
        let path = resource.path(of: operation)
        guard let schema = contract.bodySchema(method: operation.method, path: path) else {
            return .failure(.missingSchema(operation.method, path))
        }
        let body: JSONValue
        switch parsedBody(request, schema: schema) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): body = parsed
        }
        let issues = contract.validator.validate(body, against: schema, context: .request)
        guard issues.isEmpty, let object = body.objectValue else {
            return .failure(.invalidBody(issues.map { explain($0, kind, resource) }))
        }
        return .success(object)
    }

    /// `POST` of one object: checked like a batch of one, answered `201` (or the operation's
    /// status) with the record and its path in `Location` (relative to the collection's URL).
    /// Under a parent's path, the record belongs to `parent`.
    func createOne(
        _ operation: APIRegistry.Operation, of resource: Resource, request: MockRequest, parent: Int?, state: inout StoreState
    ) -> MockResponse {
        var item: JSONObject
        switch objectBody(operation, of: resource, request: request) {
        case .failure(let error): return failure(error)
        case .success(let object): item = object
        }
        var owner: (resource: Resource, id: Int)?
        if let parent, let scope = resource.parent, let parentResource = registry.resource(named: scope.resource) {
            // The path names the parent: rules and the write see it as if the body had sent it.
            if let field = scope.field { item[field] = Self.reference(parent, as: resource.model.field(named: field)?.type) }
            owner = (parentResource, parent)
        }
        let problems = ruleProblems(item, .create, resource, state: state)
        guard problems.isEmpty else { return failure(.ruleViolations(problems)) }
        let id = apply(item, to: resource, .create, parent: owner, partition: request.partition, state: &state)
        var response = recordResponse(id, of: resource, status: operation.status ?? 201, state: state)
        let collection = resource.path.split(separator: "/").last.map(String.init) ?? ""
        response.headers.append((name: "Location", value: "\(collection)/\(id)"))
        return response
    }

    /// `PATCH` of the record the path names: only the fields sent change.
    func patch(_ id: Int, _ operation: APIRegistry.Operation, of resource: Resource, request: MockRequest, state: inout StoreState)
        -> MockResponse
    {
        var item: JSONObject
        switch objectBody(operation, of: resource, request: request) {
        case .failure(let error): return failure(error)
        case .success(let object): item = object
        }
        // The path names the record; the rules and the write find it by its identifier.
        item[resource.model.identifier ?? "id"] = Self.idValue(id, of: resource)
        let problems = ruleProblems(item, .update, resource, state: state)
        guard problems.isEmpty else { return failure(.ruleViolations(problems)) }
        _ = apply(item, to: resource, .update, parent: nil, state: &state)
        return recordResponse(id, of: resource, status: 200, state: state)
    }

    /// `DELETE` of the record the path names, with everything that cascades from it.
    func deleteOne(_ id: Int, of resource: Resource, state: inout StoreState) -> MockResponse {
        if let blocked = restrictions(on: resource, ids: [id], key: resource.itemParameter, state: state) { return failure(blocked) }
        cascade(resource, ids: [id], state: &state)
        return MockResponse(status: 204)
    }

    /// The rules one object breaks, with paths into the object itself (`email`, not `[0].email`).
    func ruleProblems(_ item: JSONObject, _ kind: OperationKind, _ resource: Resource, state: StoreState) -> [(
        path: String, message: String
    )] {
        var problems: [(path: String, message: String)] = []
        var seen = Seen()
        check(item, of: resource, kind, at: .root, parent: nil, state: state, seen: &seen, problems: &problems)
        for rule in resource.rules {
            guard case .maxRecords(let limit) = rule, kind == .create, state[resource.name].count + 1 > limit else { continue }
            problems.append(("(root)", "would make \(limit + 1) \(resource.model.name) records; a store holds at most \(limit)"))
        }
        return problems
    }
}

// MARK: - Actions

extension MockAPI {
    /// `POST` of an action: the body checked against its schema, the item (if any) found, then
    /// the registry's function run on a view of the store. A refusal changes nothing.
    func perform(
        _ action: Action, of resource: Resource, item: String?, parent: Int? = nil, request: MockRequest, state: inout StoreState
    ) -> MockResponse {
        var record: (id: Int, stored: JSONObject)?
        if action.onItem {
            // Under a parent's path, the record must be that parent's.
            guard let id = self.record(item, of: resource, in: state), let stored = state[resource.name][id],
                parent == nil || stored[resource.parent?.storageKey ?? ""]?.recordID == parent, Self.inPartition(stored, request.partition)
            else {
                return failure(
                    .recordNotFound(
                        resource.model.name, parameter: resource.itemParameter, value: item ?? "", identifier: resource.identifierType))
            }
            record = (id, stored)
        }
        let path = resource.path(of: action)
        guard let schema = contract.bodySchema(method: "POST", path: path) else {
            return failure(.missingSchema("POST", path))
        }
        let body: JSONValue
        switch parsedBody(request, schema: schema) {
        case .failure(let error): return failure(error)
        case .success(let parsed): body = parsed
        }
        let issues = contract.validator.validate(body, against: schema, context: .request)
        guard issues.isEmpty, let object = body.objectValue else { return failure(.invalidBody(issues.map(\.apiProblem))) }
        let snapshot = state
        let context = ActionContext(
            body: object, record: record?.stored, now: timestamp().stringValue ?? "",
            find: { name, field, value in
                let type = self.registry.resource(named: name)?.model.field(named: field)?.type ?? .string()
                return self.candidates(snapshot[name], field, [value]).filter { $0[field].map { Self.equal($0, value, type) } ?? false }
            },
            matchesSecret: { record, path, candidate in
                record[Secrets.key(path)]?.stringValue.map { Secrets.matches(candidate, $0) } ?? false
            },
            singleton: { name, key in
                guard let singleton = self.registry.singleton(named: name),
                    case .success(let id) = self.singletonID(singleton, key: key.map(String.init), state: snapshot)
                else { return nil }
                return self.singletonObject(singleton, id: id, state: snapshot)
            })
        switch action.perform(context) {
        case .refuse(let problems):
            return failure(.ruleViolations(problems.isEmpty ? [("(root)", "was refused")] : problems))
        case .answer(let value):
            return MockResponse(status: 200, body: value)
        case .update(let changes):
            guard let record else { return MockResponse(status: 200, body: .object(changes)) }
            var item = changes
            item[resource.model.identifier ?? "id"] = Self.idValue(record.id, of: resource)
            let problems = ruleProblems(item, .update, resource, state: state)
            guard problems.isEmpty else { return failure(.ruleViolations(problems)) }
            _ = apply(item, to: resource, .update, parent: nil, state: &state)
            return recordResponse(record.id, of: resource, status: 200, state: state)
        }
    }
}
