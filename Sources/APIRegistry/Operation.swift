import JSONModel

/// The operations a resource can offer. On the collection path: `list`, and batch writes whose
/// body is a JSON array (`create`, `update`, `upsert`) or whose selector is `id:in` (`delete`);
/// `createOne` takes a single object. On the item path (`/books/{bookId}`): `read`, `patch` and
/// `updateOne` (a partial update, with `PATCH` or `PUT`: only the fields sent change) and `deleteOne`.
public enum OperationKind: String, Sendable, CaseIterable {
    case list, create, update, upsert, delete
    case createOne, read, patch, updateOne, deleteOne

    /// The HTTP method.
    public var method: String {
        switch self {
        case .list, .read: "GET"
        case .create, .createOne: "POST"
        case .update, .upsert, .updateOne: "PUT"
        case .patch: "PATCH"
        case .delete, .deleteOne: "DELETE"
        }
    }

    var verb: String {
        switch self {
        case .list, .read: "get"
        case .create, .createOne: "create"
        case .update, .patch, .updateOne: "update"
        case .upsert: "upsert"
        case .delete, .deleteOne: "delete"
        }
    }

    /// The projection a request item of this operation is validated against.
    public var requestProjection: ProjectionKind? {
        switch self {
        case .create, .createOne: .create
        case .update: .update
        case .upsert: .upsert
        case .patch, .updateOne: .patch
        case .list, .delete, .read, .deleteOne: nil
        }
    }

    /// Served at the item path, naming one record.
    public var isItem: Bool { self == .read || self == .patch || self == .updateOne || self == .deleteOne }

    /// Takes a JSON array of items, up to the operation's batch limit.
    public var isBatch: Bool { self == .create || self == .update || self == .upsert }

    /// Whether the operation changes records (and needs the modify scope).
    public var isWrite: Bool { self != .list && self != .read }
}

/// One operation on a resource, with its prose and examples.
public struct Operation: Sendable {
    /// What the operation does.
    public let kind: OperationKind
    /// A short phrase for the spec and the guides (`List orders`).
    public let summary: String
    /// What it does, for the spec and the guides.
    public let description: String
    /// Most items one request may carry (create, update, upsert).
    public let batchLimit: Int?
    /// A request body to show instead of the one derived from the model's examples.
    public let requestExample: JSONValue?
    /// A request body (for a list: a query string) that must be rejected; the error
    /// example in the spec is what the validation engine or query parser says about it.
    public let invalidExample: JSONValue?
    /// Still served, but clients should move to what the description names.
    public let deprecated: Bool
    /// Served under the parent's path (`ParentScope`) instead of the collection path.
    public let scoped: Bool
    /// The spec's operationId, when the default (`getOrders`) is not wanted.
    public let operationID: String?
    /// The status of a success, when not the default (`201` for `createOne`, `200` otherwise).
    public let status: Int?
    /// The HTTP method it is served with: its kind's (`PATCH` for a patch), or the one an API
    /// uses instead (some change a record with a `POST` on its item path).
    public let method: String
    /// Where the operation is declared, for problems with its examples.
    public let declaredAt: SourceLocation

    /// Declares an operation; `fileID` and `line` record where it is declared.
    public init(
        _ kind: OperationKind,
        summary: String,
        description: String,
        batchLimit: Int? = nil,
        requestExample: JSONValue? = nil,
        invalidExample: JSONValue? = nil,
        deprecated: Bool = false,
        scoped: Bool = false,
        operationID: String? = nil,
        status: Int? = nil,
        method: String? = nil,
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
        self.kind = kind
        self.summary = summary
        self.description = description
        self.batchLimit = batchLimit
        self.requestExample = requestExample
        self.invalidExample = invalidExample
        self.deprecated = deprecated
        self.scoped = scoped
        self.operationID = operationID
        self.status = status
        self.method = method?.uppercased() ?? kind.method
    }
}
