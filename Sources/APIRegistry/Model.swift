import JSONModel

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
