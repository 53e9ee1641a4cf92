import APIRegistry
import JSONModel

extension JSONValue {
    /// The number a record is stored under, from an integer id or from one a string
    /// identifier holds as text (`"12"`).
    var recordID: Int? {
        if let number = intValue { return number }
        return stringValue.flatMap { Int($0) }
    }
}

extension MockAPI {
    /// The id a record is stored under, as its identifier's kind shows it: a string
    /// identifier holds the number as text.
    static func idValue(_ id: Int, of resource: Resource) -> JSONValue {
        reference(id, as: resource.model.field(named: resource.model.identifier ?? "id")?.type)
    }

    /// A record's id in a field of kind `type`: as text in a string field (a relation to
    /// records with string identifiers), and in a field that holds the id or the record it
    /// names (an expandable reference, as Stripe's documents write them) as the id option says.
    static func reference(_ id: Int, as type: FieldType?) -> JSONValue {
        switch type {
        case .text?: return .string(String(id))
        case .oneOf(let options)?:
            let text = options.contains { if case .text = $0 { true } else { false } }
            let integer = options.contains { if case .integer = $0 { true } else { false } }
            return text && !integer ? .string(String(id)) : .integer(id)
        default: return .integer(id)
        }
    }
}
