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

/// How a filter's query parameters are written: `email:in` (the registry's own), `email[in]` or
/// `email__in`, with the word each operator is written as where it is not its own (`gte` for `min`).
public struct FilterSpelling: Sendable, Equatable {
    /// Where the operator goes.
    public enum Form: String, Sendable {
        /// `email:in`
        case colon
        /// `email[in]`
        case brackets
        /// `email__in`
        case underscores
    }

    /// Where the operator goes.
    public let form: Form
    /// The word an operator is written as, where it is not its own name.
    public let words: [FilterOperator: String]

    /// Operators written in `form`, with `words` for those named otherwise.
    public init(_ form: Form, words: [FilterOperator: String] = [:]) {
        self.form = form
        self.words = words
    }

    /// `email:in`, the registry's own spelling.
    public static let colon = FilterSpelling(.colon)

    /// The query parameter of `filter` with `op`: the filter's name alone for `eq`.
    public func parameter(_ filter: String, _ op: FilterOperator) -> String {
        guard op != .eq else { return filter }
        let word = words[op] ?? op.rawValue
        switch form {
        case .colon: return "\(filter):\(word)"
        case .brackets: return "\(filter)[\(word)]"
        case .underscores: return "\(filter)__\(word)"
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
    /// How its query parameters are written: `email:in` unless the API writes them otherwise.
    public let spelling: FilterSpelling

    /// Where the filter is declared, for problems with it.
    public let declaredAt: SourceLocation

    /// Declares a filter on `fields` (by default the field called `name`).
    public init(
        _ name: String, _ operators: [FilterOperator], _ description: String, fields: [String]? = nil, spelling: FilterSpelling = .colon,
        fileID: String = #fileID, line: Int = #line
    ) {
        self.spelling = spelling
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
        self.name = name
        self.operators = operators
        self.description = description
        self.fields = fields ?? [name]
    }

    /// The query parameter name for an operator: `id:in` (or as the filter's spelling writes it),
    /// or `name` for `eq`.
    public func parameterName(_ op: FilterOperator) -> String {
        spelling.parameter(name, op)
    }

    /// Its query parameters, one per operator (`order_id:in`).
    public var parameterNames: [String] { operators.map(parameterName) }
}

/// A query parameter a list takes that does not choose its records: checked against its type, and
/// otherwise without effect on the mock (GitHub's `since` or `direction`, when no field holds what
/// it compares).
public struct QueryParameter: Sendable {
    public let name: String
    /// The value's type: a query string's value is read as one.
    public let type: FieldType
    public let description: String

    public init(_ name: String, _ type: FieldType, _ description: String = "") {
        self.name = name
        self.type = type
        self.description = description
    }
}
