import Foundation
import JSONModel
import SpecReader

/// Rules about schemas: empty placeholders, duplicate enum values, unbounded batches.
enum SchemaRules {
    static let combinators = ["allOf", "anyOf", "oneOf", "not", "$ref", "properties", "additionalProperties", "patternProperties"]

    static let emptyObject = LintRule(
        "schema-empty-object", .warning,
        "An object schema says what it holds: properties or additionalProperties (not a bare `type: object`)."
    ) { document in
        document.schemas.compactMap { schema in
            guard schema.node["type"]?.string == "object", !combinators.contains(where: { schema.node[$0] != nil }) else { return nil }
            // `maxProperties: 0` says it: the object must be empty.
            guard schema.node["maxProperties"]?.json != .integer(0) else { return nil }
            return RuleHit(
                "an object schema with no properties and no additionalProperties says nothing", at: schema.path, schema.node.location)
        }
    }

    static let emptyItems = LintRule("schema-empty-items", .warning, "An array schema says what its items are.") { document in
        document.schemas.compactMap { schema in
            guard schema.node["type"]?.string == "array" else { return nil }
            guard let items = schema.node["items"] else {
                return RuleHit("an array schema without items says nothing about them", at: schema.path, schema.node.location)
            }
            guard items.isMapping, items.members.isEmpty else { return nil }
            return RuleHit("an array schema whose items are {} says nothing about them", at: schema.path + ["items"], items.location)
        }
    }

    static let enumDuplicates = LintRule("enum-duplicates", .error, "No enum lists a value twice.") { document in
        document.schemas.flatMap { schema -> [RuleHit] in
            var seen: Set<String> = []
            return (schema.node["enum"]?.items ?? []).enumerated().compactMap { index, value in
                // Scalars by their typed value's text (1 and "1" differ); others by their JSON.
                let key: String
                switch value.json {
                case .string(let text): key = "s" + text
                case .integer(let number): key = "n" + String(number)
                case .number(let number): key = "n" + String(number)
                case .bool(let flag): key = "b" + String(flag)
                case .null: key = "null"
                case let other: key = "j" + JSONWriter(pretty: false).string(other)
                }
                guard seen.insert(key).inserted else {
                    return RuleHit(
                        "enum value \(value.string ?? key) is listed twice", at: schema.path + ["enum", String(index)], value.location)
                }
                return nil
            }
        }
    }

    static let batchMaxItems = LintRule(
        "batch-array-max-items", .warning, "A request body that is an array (a batch) has maxItems, so clients know the batch size."
    ) { document in
        document.operations.filter { ["post", "put", "patch"].contains($0.method) }.flatMap { operation -> [RuleHit] in
            guard let body = operation.node["requestBody"], let content = (document.resolved(body) ?? body)["content"] else { return [] }
            return content.members.compactMap { media in
                guard media.key.contains("json"), let schema = media.value["schema"], let resolved = document.resolved(schema),
                    resolved["type"]?.string == "array", resolved["maxItems"] == nil
                else { return nil }
                return RuleHit(
                    "\(operation.name) takes an array body without maxItems: state the batch size",
                    at: operation.location + ["requestBody", "content", media.key, "schema"], schema.location)
            }
        }
    }

    /// Constructs other regex engines accept and ECMA-262 (what OpenAPI and JSON Schema name)
    /// does not, with what to write instead.
    static let nonECMA: [(String, String)] = [
        ("(?i)", "inline flags such as (?i) are not ECMA-262; list both cases, e.g. [Aa]"),
        ("(?m)", "inline flags such as (?m) are not ECMA-262"),
        ("(?s)", "inline flags such as (?s) are not ECMA-262; use [\\s\\S] for any character"),
        ("(?x)", "inline flags such as (?x) are not ECMA-262"),
        ("(?>", "atomic groups (?>…) are not ECMA-262"),
        ("(?P<", "(?P<name>…) is Python's; ECMA-262 writes (?<name>…)"),
        ("++", "possessive quantifiers (++) are not ECMA-262"),
        ("*+", "possessive quantifiers (*+) are not ECMA-262"),
        ("?+", "possessive quantifiers (?+) are not ECMA-262"),
    ]

    /// Why `pattern` is not ECMA-262, if it is not. Escapes and bracket classes are set aside
    /// first, so `\\++` or `[*+]` are not mistaken for possessive quantifiers.
    static func nonECMAReason(_ pattern: String) -> String? {
        if pattern.contains("[[:") { return "POSIX classes like [[:alpha:]] are not ECMA-262; use [A-Za-z]" }
        var bare = ""
        var escapes: Set<Character> = []
        var inClass = false
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            if character == "\\" {
                if let escaped = iterator.next(), !inClass { escapes.insert(escaped) }
                if !inClass { bare.append("e") }
            } else if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
                bare.append("c")
            } else {
                bare.append(character)
            }
        }
        if let anchor = ["A", "Z", "z"].map(Character.init).first(where: escapes.contains) {
            return "\\\(anchor) is not ECMA-262; use \(anchor == "A" ? "^" : "$")"
        }
        return nonECMA.first { bare.contains($0.0) }?.1
    }

    static let patternECMA = LintRule(
        "schema-pattern-ecma", .error, "A schema's `pattern` is an ECMA-262 regular expression, as OpenAPI requires."
    ) { document in
        document.schemas.compactMap { schema -> RuleHit? in
            guard let node = schema.node["pattern"], let pattern = node.string else { return nil }
            let path = schema.path + ["pattern"]
            if let why = nonECMAReason(pattern) { return RuleHit("pattern '\(pattern)': \(why)", at: path, node.location) }
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                return RuleHit("pattern '\(pattern)' is not a regular expression", at: path, node.location)
            }
            return nil
        }
    }

    static let all = [emptyObject, emptyItems, enumDuplicates, batchMaxItems, patternECMA]
}
