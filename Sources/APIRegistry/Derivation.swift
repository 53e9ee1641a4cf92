import JSONModel

/// How the server computes a field that clients never set.
public enum Derivation: Sendable, Equatable {
    /// The time the record was created.
    case createdAt
    /// The time the record last changed.
    case modifiedAt
    /// The number of records of `resource` whose relation points at this record.
    case count(of: String)
    /// `field` of the record that the relation field `via` points to.
    case related(via: String, field: String)
    /// A value the registry's own function works out from the rest of the record.
    case computed(ComputedValue)
}

/// A server-set value a registry computes from a record's stored fields (a country's name from
/// its code): the mock shows it in every response, and clients never send it.
public struct ComputedValue: Sendable, Equatable {
    /// A stable name, by which two computed values are the same.
    public let id: String
    /// The value for a stored record; nil leaves the field out.
    public let compute: @Sendable (JSONObject) -> JSONValue?

    /// A computed value named `id`, worked out by `compute` from the stored record.
    public init(_ id: String, compute: @escaping @Sendable (JSONObject) -> JSONValue?) {
        self.id = id
        self.compute = compute
    }

    /// Two computed values are the same when their ids are.
    public static func == (lhs: ComputedValue, rhs: ComputedValue) -> Bool { lhs.id == rhs.id }
}
