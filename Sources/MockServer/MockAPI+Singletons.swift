import APIRegistry
import Foundation
import JSONModel

/// Singletons: one object per store, per key or per record, kept in a table of its own under
/// the key (1 for the store's), holding the model's defaults until first written.
extension MockAPI {
    /// Where a stored singleton keeps its key.
    static let singletonKey = "#key"

    /// The table id of the object a path names, or the error to answer.
    func singletonID(_ singleton: Singleton, key: String?, state: StoreState) -> Result<Int, APIError> {
        switch singleton.scope {
        case .store:
            return .success(1)
        case .record(let owner):
            let parameter = singleton.parameter ?? "id"
            let model = registry.resource(named: owner)?.model.name ?? owner
            guard let resource = registry.resource(named: owner), let id = record(key, of: resource, in: state) else {
                return .failure(
                    .recordNotFound(
                        model, parameter: parameter, value: key ?? "", identifier: registry.resource(named: owner)?.identifierType))
            }
            return .success(id)
        case .key(let minimum, let maximum):
            guard let key, let id = Int(key), (minimum...maximum).contains(id) else {
                return .failure(
                    .recordNotFound(singleton.model.name, parameter: singleton.parameter ?? "key", value: key ?? "", identifier: .integer))
            }
            return .success(id)
        }
    }

    /// The object as stored, or its defaults when it was never written.
    func singletonObject(_ singleton: Singleton, id: Int, state: StoreState) -> JSONObject {
        var object = state[singleton.name][id] ?? singleton.model.defaults
        object[Self.singletonKey] = nil
        return object
    }

    /// The object as an answer shows it: the read schema's fields, in its order.
    func singletonResponse(_ singleton: Singleton, _ object: JSONObject) -> MockResponse {
        let shown = registry.projection(of: singleton.model, .read).project(.object(object))
        let envelope = singleton.envelope ?? registry.recordEnvelope
        return MockResponse(status: 200, body: envelope == .data ? ["data": shown, "meta": [:]] : shown)
    }

    func get(_ singleton: Singleton, key: String?, state: StoreState) -> MockResponse {
        switch singletonID(singleton, key: key, state: state) {
        case .failure(let error): return failure(error)
        case .success(let id): return singletonResponse(singleton, singletonObject(singleton, id: id, state: state))
        }
    }

    /// `PUT`: the body checked against the schema; the fields sent replace the stored ones, one
    /// value object down; then the singleton's rules, on the object as it would be stored.
    func put(_ singleton: Singleton, key: String?, request: MockRequest, state: inout StoreState) -> MockResponse {
        let id: Int
        switch singletonID(singleton, key: key, state: state) {
        case .failure(let error): return failure(error)
        case .success(let found): id = found
        }
        guard let schema = contract.bodySchema(method: "PUT", path: singleton.path) else {
            return failure(.missingSchema("PUT", singleton.path))
        }
        let body: JSONValue
        switch parsedBody(request, schema: schema) {
        case .failure(let error): return failure(error)
        case .success(let parsed): body = parsed
        }
        let issues = contract.validator.validate(body, against: schema, context: .request)
        guard issues.isEmpty, let sent = body.objectValue else { return failure(.invalidBody(issues.map(\.apiProblem))) }
        let existing: JSONObject? = state[singleton.name][id].map { stored in stored.filter { $0 != Self.singletonKey } }
        var object: JSONObject = existing ?? singleton.model.defaults
        for (name, value) in sent {
            if case .object(let members) = value, case .object(let stored)? = object[name] {
                var merged = stored
                for (member, memberValue) in members { merged[member] = memberValue }
                object[name] = .object(merged)
            } else {
                object[name] = value
            }
        }
        for field in singleton.model.fields where field.derived == .modifiedAt || (field.derived == .createdAt && existing == nil) {
            object[field.name] = timestamp()
        }
        var problems: [(path: String, message: String)] = []
        for case .custom(let rule) in singleton.rules {
            problems += rule.check(object, existing).map { ($0.field, $0.message) }
        }
        guard problems.isEmpty else { return failure(.ruleViolations(problems)) }
        object[Self.singletonKey] = .integer(id)
        state[singleton.name].put(object, id: id)
        return singletonResponse(singleton, singletonObject(singleton, id: id, state: state))
    }
}
