import APIRegistry
import JSONModel
import SpecReader

/// Values made from a schema alone: a valid one, for a model with no example in the document,
/// and one a validator must refuse, for the spec's 422 example.
struct Samples {
    let reading: SchemaReading

    /// A value the schema accepts, the same on every run: the first enum choice, the smallest
    /// number allowed, a string of the format.
    func valid(_ schema: SpecNode?, depth: Int = 0) -> JSONValue {
        guard let schema, depth < 8 else { return .null }
        let resolved = reading.resolve(schema)
        if let example = resolved["example"] { return example.json }
        if let choice = resolved["enum"]?.items.first { return choice.json }
        if let value = resolved["default"] { return value.json }
        if let choice = (resolved["oneOf"]?.items ?? resolved["anyOf"]?.items)?.first { return valid(choice, depth: depth + 1) }
        let shape = reading.merged(schema)
        if !shape.properties.isEmpty {
            var object = JSONObject()
            for member in shape.properties where shape.required.contains(member.key) || depth == 0 {
                let property = reading.resolve(member.value)
                if property["readOnly"]?.json.boolValue == true, !shape.required.contains(member.key) { continue }
                object[member.key] = valid(member.value, depth: depth + 1)
            }
            return .object(object)
        }
        switch SchemaReading.types(resolved).types.first {
        case "integer": return .integer(max(resolved["minimum"]?.json.intValue ?? 1, 1))
        case "number": return .number(max(resolved["minimum"]?.json.doubleValue ?? 1, 1))
        case "boolean": return .bool(true)
        case "array":
            let count = max(resolved["minItems"]?.json.intValue ?? 1, 1)
            return .array(Array(repeating: valid(resolved["items"], depth: depth + 1), count: count))
        case "object": return .object(JSONObject())
        default:
            switch resolved["format"]?.string {
            case "date-time": return "2024-01-01T00:00:00Z"
            case "date": return "2024-01-01"
            case "email": return "ada@example.com"
            case "uri", "url": return "https://example.com/"
            case "uuid": return "00000000-0000-4000-8000-000000000001"
            case "ipv4": return "192.0.2.1"
            default:
                let minimum = resolved["minLength"]?.json.intValue ?? 1
                let text = String(repeating: "a", count: max(minimum, 1))
                return .string(resolved["maxLength"]?.json.intValue.map { String(text.prefix(max($0, 0))) } ?? text)
            }
        }
    }

    /// A body the schema refuses, made from a valid one by breaking one rule: a required member
    /// left out, or else a number under its minimum, an empty string under its minimum length, a choice
    /// not offered; a member it does not have when it has no rule to break.
    /// A value `type` refuses, when it has a bound, a length or choices.
    static func breaking(_ type: FieldType) -> JSONValue? {
        switch type {
        case .integer(let minimum?, _): .integer(minimum - 1)
        case .integer(nil, let maximum?): .integer(maximum + 1)
        case .number(let minimum?, _): .number(minimum - 1)
        case .number(nil, let maximum?): .number(maximum + 1)
        case .text(_, let minimum?, _, _) where minimum > 0: .string("")
        case .text(_, _, let maximum?, _): .string(String(repeating: "a", count: maximum + 1))
        case .enumeration: "not-one-of-the-choices"
        case .integer, .number, .text, .boolean, .dateTime, .date, .array, .model, .stringMap, .oneOf, .set: nil
        }
    }

    /// `partial` is for a write that changes only the fields it sends, where nothing is required.
    func invalid(_ schema: SpecNode?, valid example: JSONValue, model: Model? = nil, partial: Bool = false) -> JSONValue {
        guard let schema else { return .string("not JSON the operation takes") }
        let shape = reading.merged(schema)
        let resolved = shape.node ?? schema
        if SchemaReading.types(resolved).types.first == "array" {
            if let maximum = resolved["maxItems"]?.json.intValue, maximum < 1_000, let item = example.arrayValue?.first {
                return .array(Array(repeating: item, count: maximum + 1))
            }
            if let item = example.arrayValue?.first {
                return .array([invalid(resolved["items"], valid: item, model: model, partial: partial)])
            }
            return .string("not an array")
        }
        guard case .object(var object) = example else { return .array([]) }
        // A required member left out breaks the body's own schema, whichever schema a field's
        // type was read from.
        if !partial, let required = shape.properties.first(where: { shape.required.contains($0.key) }) {
            var kept = JSONObject()
            for (key, value) in object where key != required.key { kept[key] = value }
            return .object(kept)
        }
        for member in shape.properties {
            // The registry checks a field by its one type, which may have been read from another
            // schema than this body's: a rule the field's type does not have would pass.
            if let model {
                guard let type = model.field(named: member.key)?.type, let broken = Self.breaking(type) else { continue }
                object[member.key] = broken
                return .object(object)
            }
            let property = reading.resolve(member.value)
            if let minimum = property["minimum"]?.json.intValue {
                object[member.key] = .integer(minimum - 1)
                return .object(object)
            }
            if let maximum = property["maximum"]?.json.intValue {
                object[member.key] = .integer(maximum + 1)
                return .object(object)
            }
            if let minimum = property["minLength"]?.json.intValue, minimum > 0 {
                object[member.key] = .string("")
                return .object(object)
            }
            if property["enum"] != nil {
                object[member.key] = .string("not-one-of-the-choices")
                return .object(object)
            }
        }
        // With no rule to break, a member the schema does not have: the registry's request
        // schemas take no other members.
        var name = "unknown_field"
        while shape.properties.contains(where: { $0.key == name }) { name += "_" }
        object[name] = "?"
        return .object(object)
    }
}
