extension Registry {
    /// The rules that apply to an operation, one sentence each, for the spec's operation
    /// descriptions and the guides' reference pages.
    public func ruleSentences(for resource: Resource, _ kind: OperationKind) -> [String] {
        // One record's operations follow the rules of their batch counterparts.
        let kind: OperationKind =
            switch kind {
            case .createOne: .create
            case .patch, .updateOne: .update
            case .deleteOne: .delete
            default: kind
            }
        var lines: [String] = []
        if kind == .delete {
            for other in resources {
                for relation in other.relations where relation.resource == resource.name && relation.onDelete == .cascade {
                    lines.append("Deleting a record also deletes its \(other.model.name) records (`\(relation.field)`).")
                }
            }
            return lines
        }
        for relation in resource.relations where kind != .update {
            lines.append(
                "`\(relation.field)` must name an existing \(self.resource(named: relation.resource)?.model.name ?? relation.resource); otherwise 422."
            )
        }
        for rule in resource.rules {
            switch rule {
            case .unique(let field): lines.append("`\(field)` must be unique within the store; a duplicate is a 422.")
            case .uniqueTogether(let fields):
                lines.append(
                    "No two records share \(fields.map { "`\($0)`" }.joined(separator: ", ")); a duplicate is a 422 naming the record that has them."
                )
            case .immutable(let field) where kind == .update: lines.append("`\(field)` cannot be changed after create.")
            case .maxRecords(let limit) where kind == .create: lines.append("A store holds at most \(limit) records of this kind.")
            case .valueMatchesType(let field, let relation, let typeField, _):
                lines.append("`\(field)` must parse as the `\(typeField)` of the record `\(relation)` names.")
            case .upsertKey(let fields):
                lines.append("An item whose \(fields.map { "`\($0)`" }.joined(separator: " and ")) match an existing record replaces it.")
            case .ignoresDuplicates(let fields) where kind == .create || kind == .update:
                lines.append(
                    "An item whose \(fields.map { "`\($0)`" }.joined(separator: ", ")) all equal those of another record changes nothing and is left out of the answer."
                )
            case .exactlyOne(let fields):
                lines.append("Each record sets exactly one of \(fields.map { "`\($0)`" }.joined(separator: " and ")); otherwise 422.")
            case .custom(let rule): lines.append(rule.sentence)
            default: break
            }
        }
        return lines
    }
}
