import JSONModel

/// Query-filter operators, written `name:op=value` (`eq` is written `name=value`).
public enum FilterOperator: String, Sendable, CaseIterable {
    case eq, `in`
    case notIn = "not_in"
    case like, min, max

    /// Operators whose value is a comma-separated list.
    public var takesList: Bool { self == .in || self == .notIn }

    /// What the operator means, in words for the guides.
    public var meaning: String {
        switch self {
        case .eq: "equals the value"
        case .in: "is one of the comma-separated values"
        case .notIn: "is none of the comma-separated values"
        case .like: "contains the value (case-insensitive)"
        case .min: "is greater than or equal to the value"
        case .max: "is less than or equal to the value"
        }
    }
}

/// A list filter on one or more fields of the resource's model.
public struct Filter: Sendable {
    /// The filter's name, the part before the colon (`order_id`).
    public let name: String
    /// The operators it takes.
    public let operators: [FilterOperator]
    /// What it filters on, for the spec and the guides.
    public let description: String
    /// The model fields the filter matches; `[name]` unless the filter spans several
    /// (`name` matches `first_name` and `last_name`).
    public let fields: [String]

    /// Where the filter is declared, for problems with it.
    public let declaredAt: SourceLocation

    /// Declares a filter on `fields` (by default the field called `name`).
    public init(
        _ name: String, _ operators: [FilterOperator], _ description: String, fields: [String]? = nil, fileID: String = #fileID,
        line: Int = #line
    ) {
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
        self.name = name
        self.operators = operators
        self.description = description
        self.fields = fields ?? [name]
    }

    /// The query parameter name for an operator: `id:in`, or `name` for `eq`.
    public func parameterName(_ op: FilterOperator) -> String {
        op == .eq ? name : "\(name):\(op.rawValue)"
    }

    /// Its query parameters, one per operator (`order_id:in`).
    public var parameterNames: [String] { operators.map(parameterName) }
}
