import JSONModel

/// Well-known string formats.
public enum StringFormat: String, Sendable {
    case email, uri, ipv4
}

/// The type of a field and its constraints.
public indirect enum FieldType: Sendable {
    case text(format: StringFormat?, minLength: Int?, maxLength: Int?, pattern: String?)
    case integer(minimum: Int?, maximum: Int?)
    case number(minimum: Double?, maximum: Double?)
    case boolean
    /// RFC 3339 date-time, e.g. `2018-11-14T18:58:08Z`.
    case dateTime
    /// Calendar date, `YYYY-MM-DD`.
    case date
    case enumeration([String])
    case array(FieldType, minItems: Int?, maxItems: Int?)
    /// A nested model. When the model belongs to another resource related to this one,
    /// projections treat it as an embedded child (see `Registry.projection`).
    case model(Model)
    /// The model of this name that a field further out declares with `.model`: how a model
    /// contains itself (a comment's replies, a charge whose dispute lists the charge again).
    case reference(String)
    /// An object whose values are strings, keyed by any name.
    case stringMap
    /// A value of exactly one of these types (a form field's value: text, a number, or a list of texts).
    case oneOf([FieldType])
    /// An array whose items are all different.
    case set(FieldType)

    /// A string, with an optional format, length bounds and ECMA-262 pattern.
    public static func string(
        format: StringFormat? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil
    ) -> FieldType {
        .text(format: format, minLength: minLength, maxLength: maxLength, pattern: pattern)
    }

    /// An integer with no bounds.
    public static var integer: FieldType { .integer(minimum: nil, maximum: nil) }

    /// An array of `element`, with optional bounds on its length.
    public static func array(of element: FieldType, minItems: Int? = nil, maxItems: Int? = nil) -> FieldType {
        .array(element, minItems: minItems, maxItems: maxItems)
    }

    /// A short human name of the type, for tables and messages ("string", "array of integer").
    public var displayName: String {
        switch self {
        case .text(let format, _, _, _): format.map { "string (\($0.rawValue))" } ?? "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .dateTime: "string (date-time)"
        case .date: "string (date)"
        case .enumeration: "string (enum)"
        case .array(let element, _, _): "array of \(element.displayName)"
        case .model(let model): model.name
        case .reference(let name): name
        case .stringMap: "map of string"
        case .oneOf(let types): types.map(\.displayName).joined(separator: " or ")
        case .set(let element): "array of different \(element.displayName)"
        }
    }
}
