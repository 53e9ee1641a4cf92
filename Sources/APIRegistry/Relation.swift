import JSONModel

/// A reference from a field of this resource to records of another resource.
public struct Relation: Sendable {
    /// What deleting a referenced record does to the records that name it.
    public enum OnDelete: String, Sendable {
        /// Deleting the referenced record deletes the referencing ones.
        case cascade
        /// The referenced record cannot be deleted while referenced.
        case restrict
    }

    /// The field that names the other record.
    public let field: String
    /// The resource it names a record of.
    public let resource: String
    /// What deleting that record does to this one.
    public let onDelete: OnDelete

    /// Where the relation is declared, for problems with it.
    public let declaredAt: SourceLocation

    /// A relation from `field` to records of `resource`.
    public init(_ field: String, references resource: String, onDelete: OnDelete, fileID: String = #fileID, line: Int = #line) {
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
        self.field = field
        self.resource = resource
        self.onDelete = onDelete
    }
}
