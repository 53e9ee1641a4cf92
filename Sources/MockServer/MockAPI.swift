import APIRegistry
import Foundation
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation

/// The behaviour of the documented API, derived from the registry and its OpenAPI document:
/// routing, request validation, domain rules, filtered reads and batch writes over a store.
///
/// It is a value: `MockStore` owns the state and serialises access to it.
public struct MockAPI: Sendable {
    public let registry: Registry
    /// The spec's schemas for bodies and query values, shared with the guide checker.
    let contract: SpecContract
    let now: @Sendable () -> Date
    /// Each resource's read view, by resource name: every presented record needs one.
    let readViews: [String: ProjectedModel]

    public enum SetupError: Error, CustomStringConvertible {
        case missingBodySchema(String)

        public var description: String {
            switch self {
            case .missingBodySchema(let operation): "the spec has no JSON request body schema for \(operation)"
            }
        }
    }

    /// - Parameters:
    ///   - document: the spec generated from `registry`; requests are validated against its schemas.
    ///   - now: the clock that stamps `date_created` and `date_modified`.
    public init(registry: Registry, document: OpenAPI.Document, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.registry = registry
        self.contract = SpecContract(document: document)
        self.now = now
        self.readViews = Dictionary(
            registry.resources.map { ($0.name, registry.projection(of: $0.model, .read)) }, uniquingKeysWith: { first, _ in first })
        for resource in registry.resources {
            for operation in resource.operations where operation.kind.requestProjection != nil {
                guard contract.bodySchema(method: operation.kind.method, path: resource.path) != nil else {
                    throw SetupError.missingBodySchema("\(operation.kind.method) \(resource.path)")
                }
            }
        }
    }

    /// Answers one request against one store.
    func handle(_ request: MockRequest, in state: inout StoreState) -> MockResponse {
        var path = request.path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard let resource = registry.resources.first(where: { $0.path == path }) else {
            return failure(.notFound(path, resources: registry.resources.map(\.path)))
        }
        let method = request.method.uppercased()
        guard let operation = resource.operations.first(where: { $0.kind.method == method }) else {
            let allowed = resource.methods
            var response = failure(.methodNotAllowed(method, path: resource.path, allowed: allowed))
            response.headers.append((name: "Allow", value: allowed.joined(separator: ", ")))
            return response
        }
        switch operation.kind {
        case .list: return list(resource, query: request.query, state: state)
        case .delete: return delete(resource, query: request.query, state: &state)
        case .create, .update, .upsert: return write(operation, of: resource, request: request, state: &state)
        }
    }

    func failure(_ error: APIError) -> MockResponse {
        MockResponse(status: error.status, body: error.body(typeURL: registry.info.errorTypeURL))
    }

    func timestamp() -> JSONValue {
        .string(now().formatted(Date.ISO8601FormatStyle()))
    }
}

// MARK: - Relations between resources

extension MockAPI {
    /// The resource embedded by a field that holds another resource's records.
    func childResource(of field: Field) -> Resource? {
        if case .array(.model(let model), _, _) = field.type { return registry.resource(owning: model) }
        return nil
    }

    /// Records of `child` whose relation to `parent` points at `id`.
    func children(_ child: Resource, of parent: Resource, id: Int?, in state: StoreState) -> [JSONObject] {
        guard let id, let relation = child.relation(to: parent.name) else { return [] }
        return candidates(state[child.name], relation.field, [.integer(id)]).filter { $0[relation.field]?.intValue == id }
    }

    /// The records of `table` whose `field` may hold one of `values`, in id order: by the
    /// table's index when the field has one, else all of them. Callers compare exactly.
    func candidates(_ table: Table, _ field: String, _ values: [JSONValue]) -> [JSONObject] {
        var ids = Set<Int>()
        for value in values {
            guard let found = table.ids(where: field, matches: value) else { return table.all }
            ids.formUnion(found)
        }
        return table.records(ids)
    }

    /// A stored record as responses show it: derived fields computed, requested
    /// sub-resources embedded, fields in the read schema's order.
    func present(_ record: JSONObject, of resource: Resource, including includes: Set<String>, state: StoreState) -> JSONValue {
        let read = readViews[resource.name] ?? registry.projection(of: resource.model, .read)
        let id = resource.model.identifier.flatMap { record[$0]?.intValue }
        var shown = JSONObject()
        for projected in read.fields {
            let field = projected.field
            switch field.derived {
            case .count(let name):
                if let child = registry.resource(named: name) {
                    shown[field.name] = .integer(children(child, of: resource, id: id, in: state).count)
                }
            case .related(let via, let target):
                if let relation = resource.relations.first(where: { $0.field == via }), let key = record[via]?.intValue {
                    shown[field.name] = state[relation.resource][key]?[target]
                }
            case .createdAt, .modifiedAt, nil:
                if let child = childResource(of: field) {
                    guard includes.contains(field.name) else { continue }
                    let embedded = children(child, of: resource, id: id, in: state).map {
                        present($0, of: child, including: [], state: state)
                    }
                    shown[field.name] = .array(embedded)
                } else {
                    shown[field.name] = record[field.name]
                }
            }
        }
        return .object(shown)
    }
}
