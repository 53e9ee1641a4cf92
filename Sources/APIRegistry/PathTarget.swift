import JSONModel

/// Where a concrete path under the server leads.
public struct PathTarget: Sendable {
    /// The resource the path leads to.
    public let resource: Resource
    /// The record segment of an item path (`/books/42` → `42`).
    public let item: String?
    /// The action the path names, if it names one.
    public let action: Action?
    /// The parent segment of a path under a parent record (`/orders/7/notes` → `7`).
    public let parent: String?
    /// The partition the path names, for a partitioned resource (`owner=octocat&repo=hello`).
    public let partition: String?

    /// Where a path leads: a resource, a record of it, an action, a parent record, a partition.
    public init(resource: Resource, item: String?, action: Action?, parent: String? = nil, partition: String? = nil) {
        self.resource = resource
        self.item = item
        self.action = action
        self.parent = parent
        self.partition = partition
    }

    /// The path as the spec writes it: `/books`, `/books/{bookId}`, `/books/{bookId}/lend`,
    /// `/orders/{orderId}/notes`.
    public var template: String {
        let base = item == nil ? (parent == nil ? resource.path : resource.parent?.path ?? resource.path) : resource.itemPath
        return action.map { "\(base)/\($0.name)" } ?? base
    }
}
