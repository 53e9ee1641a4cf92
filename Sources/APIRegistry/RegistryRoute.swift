/// Where a method and path lead in a registry: an operation (with the record an item path names),
/// a path without that method, or nothing.
public enum RegistryRoute: Sendable {
    /// An operation on a resource, with the record an item path names and the parent record a
    /// path under a parent names.
    case operation(Resource, Operation, item: String?, parent: String?)
    case action(Resource, Action, item: String?, parent: String?)
    case singleton(Singleton, key: String?, write: Bool)
    case methodNotAllowed(method: String, path: String, allowed: [String])
    case notFound(path: String)
    /// An operation served as its document describes it.
    case documented(DocumentedOperation)
}
