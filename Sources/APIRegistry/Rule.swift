import JSONModel

/// A domain rule the mock enforces and the documentation states.
public enum Rule: Sendable {
    /// No two records of the store share this field's value.
    case unique(field: String)
    /// The field is set on create and cannot change afterwards.
    case immutable(field: String)
    /// A store holds at most this many records of the resource.
    case maxRecords(Int)
    /// No two records share the values of all these fields (a key per namespace per parent).
    case uniqueTogether([String])
    /// A batch item whose values of all these fields equal an existing record's (or an earlier
    /// item's) is not written, and the answer leaves it out: sending the same record twice is
    /// harmless.
    case ignoresDuplicates([String])
    /// `field`, sent as text, must parse as the type named by `typeField` of the record that
    /// `relation` points to (an attribute value against its attribute's type); `types` says
    /// which field type each name stands for.
    case valueMatchesType(field: String, relation: String, typeField: String, types: [String: FieldType])
    /// A write creates or replaces the record with these field values.
    case upsertKey([String])
    /// Each record sets exactly one of these fields (a note belongs to an order or to a line,
    /// never both). An embedded record's parent sets one, so it sends none of the others.
    case exactlyOne([String])
    /// A rule of the registry's own.
    case custom(CustomRule)
}
