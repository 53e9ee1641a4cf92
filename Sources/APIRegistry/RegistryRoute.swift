/// Where a method and path lead in a registry: an operation (with the record an item path names),
/// a path without that method, or nothing.
public enum RegistryRoute: Sendable {
    /// An operation on a resource, with the record an item path names, the parent record a
    /// path under a parent names, and the partition a partitioned resource's path names.
    case operation(Resource, Operation, item: String?, parent: String?, partition: String?)
    case action(Resource, Action, item: String?, parent: String?, partition: String?)
    case singleton(Singleton, key: String?, write: Bool)
    case methodNotAllowed(method: String, path: String, allowed: [String])
    case notFound(path: String)
    /// An operation served as its document describes it.
    case documented(DocumentedOperation)

    /// The method and path template the spec states a registry operation, action or object
    /// under; nil for an operation kept as written (which answers as its document says) and for
    /// no operation.
    public var specOperation: (method: String, path: String)? {
        switch self {
        case .operation(let resource, let operation, _, _, _): (operation.method, resource.path(of: operation))
        case .action(let resource, let action, _, _, _): ("POST", resource.path(of: action))
        case .singleton(let singleton, _, let write): (write ? "PUT" : "GET", singleton.path)
        case .documented, .methodNotAllowed, .notFound: nil
        }
    }
}
