import JSONModel

/// Where a field appears: in responses, in create requests, in update requests.
public enum Visibility: String, Sendable, CaseIterable {
    case read, create, update
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
