import Foundation

/// The single source of an API: everything the spec, guides and mock say comes from here.
public struct Registry: Sendable {
    /// Facts about the whole API: server, authentication, errors, rate limits.
    public let info: APIInfo
    /// How lists page.
    public let pagination: Pagination
    /// The collections, in the order the spec and the guides list them.
    public let resources: [Resource]
    /// How single-record responses (a read, a `createOne`, a `patch`) show the record.
    public let recordEnvelope: RecordEnvelope
    /// The published description this API follows, with its deliberate differences; nil when none.
    public let publishedReference: PublishedReference?
    /// Objects at a path of their own, read and replaced whole (settings, consent).
    public let singletons: [Singleton]
    /// Operations served as their document describes them, with no records behind them.
    public private(set) var documented: [DocumentedOperation]
    /// The component schemas `documented` operations refer to that no model is.
    public private(set) var documentedSchemas: [DocumentedSchema]
    /// Webhooks the spec lists as their document describes them (their `path` is the webhook's
    /// name), besides those the resources' events make. The mock raises none of them: no
    /// declaration says which change sends which.
    public private(set) var documentedWebhooks: [DocumentedOperation]
    /// Every model declared, by name: what a `.reference` names.
    let modelsByName: [String: Model]
    /// `allProjections()`, worked out on first use: a copy that differs only in the operations
    /// it keeps as written (`documenting`) shares it.
    let projections = Memo<[ProjectedModel]>()

    /// The registry of one API.
    public init(
        info: APIInfo, pagination: Pagination, resources: [Resource], singletons: [Singleton] = [], recordEnvelope: RecordEnvelope = .data,
        publishedReference: PublishedReference? = nil, documented: [DocumentedOperation] = [], documentedSchemas: [DocumentedSchema] = [],
        documentedWebhooks: [DocumentedOperation] = []
    ) {
        self.documented = documented
        self.documentedWebhooks = documentedWebhooks
        self.documentedSchemas = documentedSchemas
        self.info = info
        self.pagination = pagination
        self.resources = resources
        self.singletons = singletons
        self.recordEnvelope = recordEnvelope
        self.publishedReference = publishedReference
        self.modelsByName = Self.modelsByName(resources: resources, singletons: singletons)
    }

    /// The same registry keeping `documented` operations as written, with the schemas they name.
    public func documenting(
        _ documented: [DocumentedOperation], schemas: [DocumentedSchema], webhooks: [DocumentedOperation]? = nil
    ) -> Registry {
        var registry = self
        registry.documented = documented
        registry.documentedSchemas = schemas
        if let webhooks { registry.documentedWebhooks = webhooks }
        return registry
    }

    /// The model called `name`, wherever the registry declares it.
    public func model(named name: String) -> Model? { modelsByName[name] }

    /// The models of resources, singletons and actions, and those their fields hold, by name;
    /// the first of a name wins.
    static func modelsByName(resources: [Resource], singletons: [Singleton]) -> [String: Model] {
        var found: [String: Model] = [:]
        func visit(_ model: Model) {
            guard found[model.name] == nil else { return }
            found[model.name] = model
            for field in model.fields { visit(type: field.type) }
        }
        func visit(type: FieldType) {
            switch type {
            case .model(let model): visit(model)
            case .array(let element, _, _), .set(let element): visit(type: element)
            case .oneOf(let options): options.forEach(visit(type:))
            case .text, .integer, .number, .boolean, .dateTime, .date, .enumeration, .stringMap, .reference: break
            }
        }
        for resource in resources {
            visit(resource.model)
            for action in resource.actions {
                visit(action.request)
                if case .model(let model, _) = action.response { visit(model) }
            }
        }
        for singleton in singletons { visit(singleton.model) }
        return found
    }

    /// How a resource's list pages: its own styles, or the registry's; none for a bare-array list.
    public func pagingStyles(of resource: Resource) -> [Pagination.Style] {
        resource.pagingStyles(default: pagination)
    }

    /// How a resource's list answers are laid out: nil for `{data, meta}` or a bare array.
    public func listLayout(of resource: Resource) -> ListLayout? {
        resource.layout(default: pagination)
    }

    /// The resource called `name`, if there is one.
    public func resource(named name: String) -> Resource? {
        resources.first { $0.name == name }
    }

    /// The resource whose records are described by `model`, if any.
    public func resource(owning model: Model) -> Resource? {
        resources.first { $0.model.name == model.name }
    }

    /// The resource whose records a field embeds (`order.lines` → lines), if any.
    public func resource(embeddedBy field: Field) -> Resource? {
        if case .array(.model(let model), _, _) = field.type { return resource(owning: model) }
        return nil
    }
}

extension Registry {
    /// Whether a request of `method` on the concrete path `path` reaches an operation: one kept
    /// as its document says it, an object's, an action, or a resource's operation of that method.
    public func serves(method: String, path: String) -> Bool {
        switch route(method, path) {
        case .documented, .singleton, .action, .operation: true
        case .methodNotAllowed, .notFound: false
        }
    }

    /// Where `method` on the concrete path `path` (a trailing slash ignored) leads: an operation
    /// kept as its document says it first, then an object, an action, or a resource's operation;
    /// else a path served without that method, or nothing. The mock answers by it, and the
    /// importer asks it what the registry it built serves.
    public func route(_ method: String, _ path: String) -> RegistryRoute {
        let method = method.uppercased()
        var trimmed = path
        if trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        if let documented = documented.first(where: { $0.method == method && PathTemplate.match($0.path, trimmed) != nil }) {
            return .documented(documented)
        }
        if let (singleton, key) = locateSingleton(trimmed) {
            guard singleton.methods.contains(method) else {
                return .methodNotAllowed(method: method, path: singleton.path, allowed: singleton.methods)
            }
            return .singleton(singleton, key: key, write: method == "PUT")
        }
        guard let target = locate(path) else { return .notFound(path: trimmed) }
        let (resource, item) = (target.resource, target.item)
        if let action = target.action {
            guard method == "POST" else { return .methodNotAllowed(method: method, path: target.template, allowed: ["POST"]) }
            return .action(resource, action, item: item, parent: target.parent, partition: target.partition)
        }
        let onItem = item != nil
        let scoped = target.parent != nil
        guard
            let operation = resource.operations.first(where: {
                $0.method == method && $0.kind.isItem == onItem && (onItem || $0.scoped == scoped)
            })
        else {
            return .methodNotAllowed(method: method, path: target.template, allowed: resource.methods(item: onItem, scoped: scoped))
        }
        return .operation(resource, operation, item: item, parent: target.parent, partition: target.partition)
    }

    /// Where a concrete path under the server leads: `/books` → books; `/books/42` → book 42;
    /// `/books/42/lend` → the lend action on book 42; `/accounts/validate-credentials` → a
    /// collection action (actions are matched before item paths).
    public func locate(_ path: String) -> PathTarget? {
        var path = path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        // A collection path is served when some operation is not only under a parent's path.
        // One under parameters that name no resource (`/repos/{owner}/{repo}/issues`) matches
        // whatever they are.
        for resource in resources where resource.operations.contains(where: { !$0.scoped && !$0.kind.isItem }) {
            if resource.path == path { return PathTarget(resource: resource, item: nil, action: nil) }
            if resource.isPartitioned, let values = PathTemplate.match(resource.path, path) {
                return PathTarget(resource: resource, item: nil, action: nil, partition: resource.partition(from: values))
            }
        }
        for resource in resources {
            if resource.isPartitioned {
                for action in resource.actions where !action.onItem {
                    if let values = PathTemplate.match(resource.path(of: action), path) {
                        return PathTarget(resource: resource, item: nil, action: action, partition: resource.partition(from: values))
                    }
                }
                continue
            }
            guard path.hasPrefix(resource.path + "/") else { continue }
            let rest = path.utf8.dropFirst(resource.path.utf8.count + 1)
            for action in resource.actions where !action.onItem && rest.elementsEqual(action.name.utf8) {
                return PathTarget(resource: resource, item: nil, action: action)
            }
        }
        for resource in resources {
            guard let scope = resource.parent else { continue }
            if let values = PathTemplate.match(scope.path, path) {
                return PathTarget(
                    resource: resource, item: nil, action: nil, parent: values[scope.parameter], partition: resource.partition(from: values)
                )
            }
            if let values = PathTemplate.match(resource.itemPath, path) {
                return PathTarget(
                    resource: resource, item: values[resource.itemParameter], action: nil, parent: values[scope.parameter],
                    partition: resource.partition(from: values))
            }
            for action in resource.actions where action.onItem {
                if let values = PathTemplate.match(resource.path(of: action), path) {
                    return PathTarget(
                        resource: resource, item: values[resource.itemParameter], action: action, parent: values[scope.parameter],
                        partition: resource.partition(from: values))
                }
            }
        }
        for resource in resources where resource.isPartitioned && resource.parent == nil {
            if resource.hasItemOperations, let values = PathTemplate.match(resource.itemPath, path) {
                return PathTarget(
                    resource: resource, item: values[resource.itemParameter], action: nil, partition: resource.partition(from: values))
            }
            for action in resource.actions where action.onItem {
                if let values = PathTemplate.match(resource.path(of: action), path) {
                    return PathTarget(
                        resource: resource, item: values[resource.itemParameter], action: action,
                        partition: resource.partition(from: values))
                }
            }
        }
        for resource in resources
        where resource.hasItemOperations && resource.parent == nil && !resource.isPartitioned && path.hasPrefix(resource.path + "/") {
            let rest = path.dropFirst(resource.path.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            guard let segment = rest.first, !segment.isEmpty else { continue }
            if rest.count == 1 { return PathTarget(resource: resource, item: String(segment), action: nil) }
            if rest.count == 2, let action = resource.actions.first(where: { $0.onItem && $0.name == rest[1] }) {
                return PathTarget(resource: resource, item: String(segment), action: action)
            }
        }
        return nil
    }
}

/// A value worked out once, on first use, and shared by the copies of the value holding it.
final class Memo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    /// The value, made by `make` the first time.
    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}
