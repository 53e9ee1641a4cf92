import JSONModel

/// Where a field appears: in responses, in create requests, in update requests.
public enum Visibility: String, Sendable, CaseIterable {
    case read, create, update
}

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
        case .stringMap: "map of string"
        case .oneOf(let types): types.map(\.displayName).joined(separator: " or ")
        case .set(let element): "array of different \(element.displayName)"
        }
    }
}

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

/// One field of a model: its type, where it is visible, and where it is required.
public struct Field: Sendable {
    /// The field's name in JSON (`first_name`).
    public let name: String
    /// Its type and constraints.
    public let type: FieldType
    /// What it holds, for the spec and the guides.
    public let description: String
    /// The views this field appears in.
    public let visibility: Set<Visibility>
    /// The views in which the field must be present; always a subset of `visibility`.
    public let requiredIn: Set<Visibility>
    /// A value the spec shows when no model example has the field.
    public let example: JSONValue?
    /// Set for fields the server computes rather than stores.
    public let derived: Derivation?
    /// Realistic values the mock draws from when it generates records.
    public let samples: [JSONValue]
    /// The value the server stores when a create leaves the field out.
    public let defaultValue: JSONValue?
    /// The field's name where its record is embedded in another record, when that differs (a
    /// line's `price` might be `line_price` inside an order).
    public let embeddedName: String?
    /// The `include=` value that asks for this field, for a field returned only when asked for;
    /// nil when the include value is the field's name, or the field is always returned.
    public let includedAs: String?
    /// A value clients send but the server keeps only as a salted hash and never returns (a
    /// password); actions can check a candidate against it (`ActionContext.matchesSecret`).
    public let secret: Bool
    /// `null` is a value of the field: "none", or "inherit" where the registry says so.
    public let nullable: Bool
    /// Where the field is declared, for problems with it.
    public let declaredAt: SourceLocation

    /// Declares a field. It is visible everywhere and required nowhere unless `visibility` and
    /// `requiredIn` say otherwise; `fileID` and `line` record where it is declared.
    public init(
        _ name: String,
        _ type: FieldType,
        _ description: String,
        visibility: Set<Visibility> = [.read, .create, .update],
        requiredIn: Set<Visibility> = [],
        example: JSONValue? = nil,
        derived: Derivation? = nil,
        samples: [JSONValue] = [],
        defaultValue: JSONValue? = nil,
        embeddedName: String? = nil,
        includedAs: String? = nil,
        secret: Bool = false,
        nullable: Bool = false,
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.visibility = visibility
        self.requiredIn = requiredIn
        self.example = example
        self.derived = derived
        self.samples = samples
        self.defaultValue = defaultValue
        self.embeddedName = embeddedName
        self.includedAs = includedAs
        self.secret = secret
        self.nullable = nullable
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
    }

    /// The `include=` value that asks for this field when the resource offers it as an include.
    public var includeName: String { includedAs ?? name }

    /// Set by the server, never by a client: visible in responses only.
    public var isReadOnly: Bool { visibility == [.read] }

    /// Sent by clients but never returned.
    public var isWriteOnly: Bool { !visibility.contains(.read) }

    /// Whether the field appears in `visibility`'s view.
    public func isVisible(in visibility: Visibility) -> Bool { self.visibility.contains(visibility) }
    /// Whether the field must be present in `visibility`'s view.
    public func isRequired(in visibility: Visibility) -> Bool { requiredIn.contains(visibility) }
}

/// A model: the one declaration from which the read, create and update schemas are derived.
public struct Model: Sendable {
    /// The model's name, and its read schema's (`Order`).
    public let name: String
    /// What one record is, for the spec and the guides.
    public let description: String
    /// The identifying field: read-only in responses, required in updates.
    public let identifier: String?
    /// Every field, in the order the schemas list them.
    public let fields: [Field]
    /// Complete example records, holding every field in any view; each projection
    /// keeps the members it shows.
    public let examples: [JSONValue]
    /// Where the model is declared, for problems with it and its examples.
    public let declaredAt: SourceLocation

    /// Declares a model; `fileID` and `line` record where it is declared.
    public init(
        _ name: String,
        description: String,
        identifier: String? = nil,
        fields: [Field],
        examples: [JSONValue] = [],
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.name = name
        self.description = description
        self.identifier = identifier
        self.fields = fields
        self.examples = examples
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
    }

    /// The field called `name`, if the model has one.
    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }
}
