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
    public let now: @Sendable () -> Date
    /// How each resource's records are shown, by resource name: worked out once from the
    /// read schema, since every presented record follows it.
    let presentations: [String: Presentation]
    /// Seed of the values made from response schemas; nil makes the same values on every run of any seed.
    let sampleSeed: UInt64?
    /// What the `$ref`s of operations kept as written name.
    let componentSchemas: ComponentSchemas

    public enum SetupError: Error, CustomStringConvertible {
        case missingBodySchema(String)

        public var description: String {
            switch self {
            case .missingBodySchema(let operation): "the spec has no JSON request body schema for \(operation)"
            }
        }
    }

    /// - Parameters:
    ///   - spec: the registry and the spec generated from it; requests are validated against its schemas.
    ///   - now: the clock that stamps `date_created` and `date_modified`.
    ///   - sampleSeed: varies the values made from response schemas, the same for one seed.
    public init(spec: GeneratedSpec, now: @escaping @Sendable () -> Date = Date.init, sampleSeed: UInt64? = nil) throws {
        self.registry = spec.registry
        self.sampleSeed = sampleSeed
        self.componentSchemas = ComponentSchemas(registry: spec.registry, components: spec.contract.document.components.schemas)
        self.contract = spec.contract
        self.now = now
        self.presentations = Presentation.all(registry)
        for resource in registry.resources {
            for operation in resource.operations where operation.kind.requestProjection != nil {
                let path = resource.path(of: operation)
                guard contract.bodySchema(method: operation.method, path: path) != nil else {
                    throw SetupError.missingBodySchema("\(operation.method) \(path)")
                }
            }
        }
        for singleton in registry.singletons where singleton.update != nil {
            guard contract.bodySchema(method: "PUT", path: singleton.path) != nil else {
                throw SetupError.missingBodySchema("PUT \(singleton.path)")
            }
        }
    }

    /// The route of `method` on `path`, as the registry declares it.
    func route(_ method: String, _ path: String) -> RegistryRoute {
        registry.route(method, path)
    }

    /// The record a path under a parent's path names, which comes first: a missing one is the
    /// 404. Off such a path, none.
    func parentRecord(of resource: Resource, _ segment: String?, in state: StoreState) -> (id: Int?, refusal: MockResponse?) {
        guard let scope = resource.parent, let segment else { return (nil, nil) }
        let owner = registry.resource(named: scope.resource)
        guard let owner, let id = record(segment, of: owner, in: state) else {
            return (
                nil,
                failure(
                    .recordNotFound(
                        owner?.model.name ?? scope.resource, parameter: scope.parameter, value: segment, identifier: owner?.identifierType))
            )
        }
        return (id, nil)
    }

    /// Answers one request against one store.
    func handle(_ request: MockRequest, in state: inout StoreState) -> MockResponse {
        let route = route(request.method, request.path)
        // A declared answer asked for by `Prefer: code=…` reads and writes nothing.
        if let declared = route.specOperation, let preferred = preferred(request.prefer, method: declared.method, path: declared.path) {
            return preferred
        }
        switch route {
        case .notFound(let path):
            return failure(.notFound(path, resources: registry.servedPaths))
        case .methodNotAllowed(let method, let path, let allowed):
            var response = failure(.methodNotAllowed(method, path: path, allowed: allowed))
            response.headers.append((name: "Allow", value: allowed.joined(separator: ", ")))
            return response
        case .documented(let documented):
            return answer(documented, to: request)
        case .action(let resource, let action, let item, let parentSegment, let partition):
            let (parent, refusal) = parentRecord(of: resource, parentSegment, in: state)
            if let refusal { return refusal }
            var request = request
            request.partition = partition
            return perform(action, of: resource, item: item, parent: parent, request: request, state: &state)
        case .singleton(let singleton, let key, let write):
            return write ? put(singleton, key: key, request: request, state: &state) : get(singleton, key: key, state: state)
        case .operation(let resource, let operation, let item, let parentSegment, let partition):
            let (parent, refusal) = parentRecord(of: resource, parentSegment, in: state)
            if let refusal { return refusal }
            var request = request
            request.partition = partition
            switch operation.kind {
            case .list: return list(resource, operation, request: request, parent: parent, state: state)
            case .delete: return delete(resource, query: request.query, state: &state)
            case .create, .update, .upsert: return write(operation, of: resource, request: request, state: &state)
            case .createOne: return createOne(operation, of: resource, request: request, parent: parent, state: &state)
            case .read, .patch, .updateOne, .deleteOne:
                guard let id = record(item, of: resource, in: state),
                    parent == nil || state[resource.name][id]?[resource.parent?.storageKey ?? ""]?.recordID == parent,
                    Self.inPartition(state[resource.name][id], request.partition)
                else {
                    return failure(
                        .recordNotFound(
                            resource.model.name, parameter: resource.itemParameter, value: item ?? "", identifier: resource.identifierType))
                }
                switch operation.kind {
                case .read: return recordResponse(id, of: resource, status: 200, state: state)
                case .patch, .updateOne: return patch(id, operation, of: resource, request: request, state: &state)
                default: return deleteOne(id, of: resource, state: &state)
                }
            }
        }
    }

    /// Where a record written under a partition's path keeps it. The mock's own key: no
    /// answer shows it, since answers show the model's fields.
    static let partitionKey = "_specsmith_partition"

    /// Whether a record is seen under a partition's paths: one written there, or one the store
    /// was seeded with (the document's examples show under every `owner` and `repo`).
    static func inPartition(_ record: JSONObject?, _ partition: String?) -> Bool {
        guard let partition, let stored = record?[partitionKey]?.stringValue else { return true }
        return stored == partition
    }

    func failure(_ error: APIError) -> MockResponse {
        MockResponse(
            status: error.status, headers: [(name: "Content-Type", value: registry.info.errorFormat.mediaType)],
            body: error.body(registry.info))
    }

    func timestamp() -> JSONValue {
        .string(now().formatted(Date.ISO8601FormatStyle()))
    }
}

// MARK: - Relations between resources

extension MockAPI {
    /// The resource embedded by a field that holds another resource's records.
    func childResource(of field: Field, in owner: Resource) -> Resource? {
        // An array of another resource's records that do not point back (Stripe's invoice
        // `default_tax_rates`) is a value the record keeps, not its children.
        registry.resource(embeddedBy: field).flatMap { $0.relation(to: owner.name) == nil ? nil : $0 }
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
        guard let plan = presentations[resource.name] else { return .object(record) }
        let id = record[plan.identifier]?.recordID
        var shown = JSONObject(minimumCapacity: plan.steps.count)
        for step in plan.steps {
            switch step {
            case .stored(let name, let include):
                if include.map(includes.contains) ?? true { shown[name] = record[name] }
            case .count(let name, let child, let relation):
                shown[name] = .integer(records(of: child, where: relation, is: id, in: state).count)
            case .related(let name, let via, let target, let field):
                if let key = record[via]?.recordID { shown[name] = state[target][key]?[field] }
            case .computed(let name, let value):
                shown[name] = value.compute(record)
            case .embedded(let name, let include, let child, let relation, let wire):
                guard includes.contains(include), let childResource = registry.resource(named: child) else { continue }
                shown[name] = .array(
                    records(of: child, where: relation, is: id, in: state).map {
                        let presented = present($0, of: childResource, including: [], state: state)
                        return wire?.project(presented) ?? presented
                    })
            }
        }
        return .object(shown)
    }

    /// The records of resource `name` whose `field` holds `id`, in id order.
    func records(of name: String, where field: String, is id: Int?, in state: StoreState) -> [JSONObject] {
        guard let id else { return [] }
        return candidates(state[name], field, [.integer(id)]).filter { $0[field]?.recordID == id }
    }
}

/// How one resource's records are shown: a step per field of its read schema, in order.
struct Presentation: Sendable {
    enum Step: Sendable {
        /// A stored value, as stored; when it has an include name, only when the request includes it.
        case stored(String, include: String?)
        /// How many records of `child` point at this one through `relation`.
        case count(String, child: String, relation: String)
        /// A field of the `target` record that `via` points at.
        case related(String, via: String, target: String, field: String)
        /// A value the registry computes from the stored record.
        case computed(String, ComputedValue)
        /// The records of `child` pointing at this one, when the request includes them; renamed
        /// by `wire` where the embedded record names fields otherwise.
        case embedded(String, include: String, child: String, relation: String, wire: ProjectedModel?)
    }

    let identifier: String
    let steps: [Step]

    static func all(_ registry: Registry) -> [String: Presentation] {
        var plans: [String: Presentation] = [:]
        for resource in registry.resources {
            var steps: [Step] = []
            for projected in registry.projection(of: resource.model, .read).fields {
                let field = projected.field
                switch field.derived {
                case .count(let name):
                    if let child = registry.resource(named: name), let relation = child.relation(to: resource.name) {
                        steps.append(.count(field.name, child: child.name, relation: relation.field))
                    }
                case .related(let via, let target):
                    if let relation = resource.relations.first(where: { $0.field == via }) {
                        steps.append(.related(field.name, via: via, target: relation.resource, field: target))
                    }
                case .computed(let value):
                    steps.append(.computed(field.name, value))
                case .createdAt, .modifiedAt, nil:
                    if let child = registry.resource(embeddedBy: field), let relation = child.relation(to: resource.name) {
                        let wire = registry.projection(of: child.model, .read, embeddedIn: resource.model)
                        steps.append(
                            .embedded(
                                field.name, include: field.includeName, child: child.name, relation: relation.field,
                                wire: wire.renames ? wire : nil))
                    } else {
                        steps.append(.stored(field.name, include: resource.isIncludeOnly(field) ? field.includeName : nil))
                    }
                }
            }
            plans[resource.name] = Presentation(identifier: resource.model.identifier ?? "id", steps: steps)
        }
        return plans
    }
}
