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
            let count = min(max(resolved["minItems"]?.json.intValue ?? 1, 1), 1_000)
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
                if let pattern = resolved["pattern"]?.string, let text = Self.matching(pattern) { return .string(text) }
                let minimum = resolved["minLength"]?.json.intValue ?? 1
                let text = String(repeating: "a", count: min(max(minimum, 1), 100_000))
                return .string(resolved["maxLength"]?.json.intValue.map { String(text.prefix(max($0, 0))) } ?? text)
            }
        }
    }

    /// A string `pattern` matches, for the patterns documents use: literals, classes (`[a-z]`,
    /// `[^/]`, `\\d`, `\\w`, `.`), groups with alternatives, and quantifiers, each repeated as
    /// few times as it allows. Nil for anything else (back-references, lookarounds), or when the
    /// string made does not match after all.
    static func matching(_ pattern: String) -> String? {
        var reader = PatternReader(characters: Array(pattern))
        guard let text = reader.alternation(), reader.position == reader.characters.count,
            let regex = try? Regex(pattern), text.contains(regex)
        else { return nil }
        return text
    }

    /// The document's example made to fit the registry's field kinds: a member where the model
    /// has no field, and a value of a free-form map that is not a string, are left out (a schema
    /// cut where it contains itself is such a map); a member some view requires, or a `null`
    /// where the field takes none, is filled with a value of the field's kind.
    static func conform(_ value: JSONValue, to type: FieldType, depth: Int = 0) -> JSONValue {
        switch (type, value) {
        case (.model(let model), .object(let object)): return conform(object, to: model, depth: depth)
        // A model that contains itself is the document's own below the first visit.
        case (.reference, .object): return value
        case (.stringMap, .object(let object)):
            return .object(JSONObject(object.filter { $0.value.stringValue != nil }.map { ($0.key, $0.value) }))
        case (.array(let element, _, _), .array(let items)), (.set(let element), .array(let items)):
            // An item that cannot be made to fit (a model nested too deep to finish) is left out.
            return .array(
                items.compactMap { item in
                    let fitted = conform(item, to: element, depth: depth + 1)
                    return fitted == .null && !fits(fitted, element) ? nil : fitted
                })
        case (.oneOf(let options), .object):
            // An object is meant for the first option that is a model.
            for case .model(let model) in options { return conform(value, to: .model(model), depth: depth) }
            return value
        default: return fits(value, type) ? value : self.value(of: type, depth: depth) ?? value
        }
    }

    /// Whether a scalar is of the kind: the JSON type, and one of the choices of an enumeration.
    static func fits(_ value: JSONValue, _ type: FieldType) -> Bool {
        switch type {
        case .enumeration(let choices): value.stringValue.map(choices.contains) ?? false
        case .integer: value.intValue != nil
        case .number: value.doubleValue != nil
        case .boolean: value.boolValue != nil
        case .text, .dateTime, .date: value.stringValue != nil
        case .array, .set: value.arrayValue != nil
        case .model, .reference, .stringMap: value.objectValue != nil
        case .oneOf(let options): options.contains { fits(value, $0) }
        }
    }

    static func conform(_ object: JSONObject, to model: Model, depth: Int = 0) -> JSONValue {
        var kept = JSONObject()
        for (key, member) in object {
            guard let field = model.field(named: key) else { continue }
            if member == .null, !field.nullable {
                if let made = value(of: field.type, depth: depth + 1), !field.requiredIn.isEmpty { kept[key] = made }
                continue
            }
            kept[key] = conform(member, to: field.type, depth: depth + 1)
        }
        for field in model.fields where kept[field.name] == nil && !field.requiredIn.isEmpty && field.derived == nil {
            if let made = value(of: field.type, depth: depth + 1) { kept[field.name] = made }
        }
        return .object(kept)
    }

    /// A value of a field kind, the same on every run; nil for a model nested too deep to finish.
    static func value(of type: FieldType, depth: Int = 0) -> JSONValue? {
        switch type {
        case .text(let format, let minLength, let maxLength, let pattern):
            if let pattern, let text = matching(pattern) { return .string(text) }
            switch format {
            case .email: return "ada@example.com"
            case .uri: return "https://example.com/"
            case .ipv4: return "192.0.2.1"
            case nil: break
            }
            let text = String(repeating: "a", count: min(max(minLength ?? 1, 1), 100_000))
            return .string(maxLength.map { String(text.prefix(max($0, 0))) } ?? text)
        case .integer(let minimum, _): return .integer(max(minimum ?? 1, 1))
        case .number(let minimum, _): return .number(max(minimum ?? 1, 1))
        case .boolean: return .bool(true)
        case .dateTime: return "2024-01-01T00:00:00Z"
        case .date: return "2024-01-01"
        case .enumeration(let choices): return choices.first.map(JSONValue.string)
        case .array(let element, let minItems, _):
            let count = min(minItems ?? 0, 1_000)
            guard count > 0 else { return .array([]) }
            return value(of: element, depth: depth + 1).map { .array(Array(repeating: $0, count: count)) }
        case .set: return .array([])
        case .stringMap: return .object(JSONObject())
        case .oneOf(let options): return options.first.flatMap { value(of: $0, depth: depth + 1) }
        // The model is the one further out: a value of it is one level more of the same, endless.
        case .reference: return nil
        case .model(let model):
            guard depth < 12 else { return nil }
            var object = JSONObject()
            for field in model.fields where !field.requiredIn.isEmpty && field.derived == nil {
                guard let made = value(of: field.type, depth: depth + 1) else { return nil }
                object[field.name] = made
            }
            return .object(object)
        }
    }

    /// A body the schema refuses, made from a valid one by breaking one rule: a required member
    /// left out, or else a number under its minimum, an empty string under its minimum length, a choice
    /// not offered; a member it does not have when it has no rule to break.
    /// A value `type` refuses, when it has a bound, a length or choices.
    static func breaking(_ type: FieldType) -> JSONValue? {
        switch type {
        // Bounds at the ends of the integers, and lengths too long to send, have no value past them.
        case .integer(let minimum?, _): minimum > Int.min ? .integer(minimum - 1) : nil
        case .integer(nil, let maximum?): maximum < Int.max ? .integer(maximum + 1) : nil
        case .number(let minimum?, _): .number(minimum - 1)
        case .number(nil, let maximum?): .number(maximum + 1)
        case .text(_, let minimum?, _, _) where minimum > 0: .string("")
        case .text(_, _, let maximum?, _): maximum < 100_000 ? .string(String(repeating: "a", count: maximum + 1)) : nil
        case .enumeration: "not-one-of-the-choices"
        case .integer, .number, .text, .boolean, .dateTime, .date, .array, .model, .reference, .stringMap, .oneOf, .set: nil
        }
    }

    /// `partial` is for a write that changes only the fields it sends, where nothing is required.
    /// An update's items name their records by `identifier`, which is all they must send.
    func invalid(
        _ schema: SpecNode?, valid example: JSONValue, model: Model? = nil, partial: Bool = false, identifier: String? = nil
    ) -> JSONValue {
        guard let schema else { return .string("not JSON the operation takes") }
        let shape = reading.merged(schema)
        let resolved = shape.node ?? schema
        if SchemaReading.types(resolved).types.first == "array" {
            if let maximum = resolved["maxItems"]?.json.intValue, maximum < 1_000, let item = example.arrayValue?.first {
                return .array(Array(repeating: item, count: maximum + 1))
            }
            if let item = example.arrayValue?.first {
                return .array([invalid(resolved["items"], valid: item, model: model, partial: partial, identifier: identifier)])
            }
            return .string("not an array")
        }
        guard case .object(var object) = example else { return .array([]) }
        if let identifier, object[identifier] != nil {
            object[identifier] = JSONValue?.none
            return .object(object)
        }
        // A required member left out breaks the body's own schema, whichever schema a field's
        // type was read from; a read-only one (`id`) is required of answers only.
        if !partial,
            let required = shape.properties.first(where: { member in
                shape.required.contains(member.key) && reading.resolve(member.value)["readOnly"]?.json.boolValue != true
            })
        {
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
                object[member.key] = .integer(minimum > Int.min ? minimum - 1 : minimum)
                return .object(object)
            }
            if let maximum = property["maximum"]?.json.intValue {
                object[member.key] = .integer(maximum < Int.max ? maximum + 1 : maximum)
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

/// Reads a regular expression far enough to write the shortest string it matches.
private struct PatternReader {
    let characters: [Character]
    var position = 0

    /// A sequence of quantified atoms, up to `|` or `)`.
    mutating func sequence() -> String? {
        var text = ""
        while position < characters.count, characters[position] != "|", characters[position] != ")" {
            guard let atom = atom() else { return nil }
            guard let count = quantifier() else { return nil }
            text += String(repeating: atom, count: count)
        }
        return text
    }

    /// An alternation: the first alternative, the rest read past.
    mutating func alternation() -> String? {
        guard let first = sequence() else { return nil }
        while position < characters.count, characters[position] == "|" {
            position += 1
            guard sequence() != nil else { return nil }
        }
        return first
    }

    mutating func atom() -> String? {
        let character = characters[position]
        position += 1
        switch character {
        case "^", "$": return ""
        case ".": return "a"
        case "(":
            if position + 1 < characters.count, characters[position] == "?" {
                guard characters[position + 1] == ":" else { return nil }
                position += 2
            }
            guard let inner = alternation(), position < characters.count, characters[position] == ")" else { return nil }
            position += 1
            return inner
        case "[": return characterClass()
        case "\\":
            guard position < characters.count else { return nil }
            let escaped = characters[position]
            position += 1
            switch escaped {
            case "d": return "1"
            case "w": return "a"
            case "s": return " "
            case "D", "W", "S": return "-"
            case _ where escaped.isLetter || escaped.isNumber: return nil
            default: return String(escaped)
            }
        case "*", "+", "?", "{", "|", ")": return nil
        default: return String(character)
        }
    }

    /// A character from a class: the first member of a plain one, for a negated one the first
    /// of a few common characters it leaves out.
    mutating func characterClass() -> String? {
        var negated = false
        if position < characters.count, characters[position] == "^" {
            negated = true
            position += 1
        }
        var members: [Character] = []
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while position < characters.count, characters[position] != "]" || first {
            first = false
            var character = characters[position]
            position += 1
            if character == "\\", position < characters.count {
                character = characters[position]
                position += 1
                switch character {
                case "d": ranges.append("0"..."9")
                case "w": ranges.append("a"..."z")
                case "s": members.append(" ")
                default: members.append(character)
                }
                continue
            }
            if position + 1 < characters.count, characters[position] == "-", characters[position + 1] != "]" {
                let upper = characters[position + 1]
                position += 2
                guard character <= upper else { return nil }
                ranges.append(character...upper)
            } else {
                members.append(character)
            }
        }
        guard position < characters.count else { return nil }
        position += 1
        let contains = { (character: Character) in members.contains(character) || ranges.contains { $0.contains(character) } }
        if negated { return "a1A_-".first { !contains($0) }.map(String.init) }
        return (ranges.first?.lowerBound ?? members.first).map(String.init)
    }

    /// How many times the atom before is repeated: as few as the quantifier allows.
    mutating func quantifier() -> Int? {
        guard position < characters.count else { return 1 }
        var count = 1
        switch characters[position] {
        case "*", "?":
            position += 1
            count = 0
        case "+": position += 1
        case "{":
            guard let end = characters[position...].firstIndex(of: "}") else { return nil }
            let bounds = String(characters[(position + 1)..<end]).split(separator: ",", omittingEmptySubsequences: false)
            // A document's pattern asks for at most a few hundred characters; more is refused.
            guard let lower = bounds.first.flatMap({ Int($0) }), lower <= 1_000 else { return nil }
            position = end + 1
            count = lower
        default: return 1
        }
        // A lazy or possessive mark changes nothing for the shortest match.
        if position < characters.count, characters[position] == "?" || characters[position] == "+" { position += 1 }
        return count
    }
}
