import JSONModel
import SchemaValidation
import SpecReader

/// Compiles a document's schemas for the validator straight from the tree as written, to what
/// OpenAPIKit's decoder makes of them (its 3.1 reader; a 3.0 document's boolean
/// `exclusiveMinimum` is read as 3.0 means it): the same choice of type, the same keywords
/// ignored beside `allOf`, the same schemas refused. Decoding through `Decodable` cost eight
/// times reading the document on an example-heavy one; this reads each keyword once.
///
/// A schema OpenAPIKit would refuse (a `title` that is a list, an `enum` of numbers on a string)
/// compiles to nil, and its examples go unjudged, as before. `SchemaCompilerTests` holds the
/// two readers to the same outline on every schema of the documents the repository carries.
struct SchemaCompiler: Sendable {
    let document: SpecDocument
    /// 3.0's `exclusiveMinimum: true` qualifies `minimum`; 3.1's is the bound itself.
    let booleanExclusiveBounds: Bool
    /// Where to keep every schema compiled on the way, by where it is written: a property's own
    /// `example` is judged against the property's schema, compiled already with its object's.
    private var recording: Recording?

    /// Written by one compile, on one thread, and read once it is done.
    final class Recording: @unchecked Sendable {
        var byLocation: [Location: CompiledSchema] = [:]
    }

    init(_ document: SpecDocument) {
        self.document = document
        booleanExclusiveBounds = document.version == "3.0"
    }

    struct Refused: Error {}

    /// The schema `node` is, or nil when OpenAPIKit would refuse it.
    func compile(_ node: SpecNode) -> CompiledSchema? {
        try? schema(node, depth: 0)
    }

    /// The schema `node` is, with every schema inside it that holds an example or a default, by
    /// where it is written.
    func compileRecording(_ node: SpecNode) -> (schema: CompiledSchema?, inside: [Location: CompiledSchema]) {
        var compiler = self
        let recording = Recording()
        compiler.recording = recording
        let schema = compiler.compile(node)
        // A schema OpenAPIKit refuses refuses its object too: what was compiled inside it stands on its own.
        return (schema, recording.byLocation)
    }

    /// The keywords one schema object holds, read in one pass over its members.
    private struct Keywords {
        var ref, allOf, anyOf, oneOf, not, type, nullable, format, title, enumeration, const, readOnly, writeOnly: SpecNode?
        var multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum: SpecNode?
        var maxLength, minLength, pattern, items, maxItems, minItems, uniqueItems, prefixItems: SpecNode?
        var maxProperties, minProperties, properties, patternProperties, additionalProperties, required: SpecNode?
        /// Keywords OpenAPIKit decodes only to refuse a schema when they have the wrong shape.
        var strings: [SpecNode] = []
        var booleans: [SpecNode] = []
        var examples, defs: SpecNode?
        var example = false
        var numeric = false, string = false, array = false, object = false

        init(_ members: [SpecNode.Member]) {
            for member in members {
                let value = member.value
                switch member.key {
                case "$ref": ref = value
                case "allOf": allOf = value
                case "anyOf": anyOf = value
                case "oneOf": oneOf = value
                case "not": not = value
                case "type": type = value
                case "nullable": nullable = value
                case "format": format = value
                case "title": title = value
                case "enum": enumeration = value
                case "const": const = value
                case "readOnly": readOnly = value
                case "writeOnly": writeOnly = value
                case "description", "$anchor", "$dynamicAnchor", "$id": strings.append(value)
                case "deprecated": booleans.append(value)
                case "examples": examples = value
                case "example": example = true
                case "$defs": defs = value
                case "multipleOf": (multipleOf, numeric) = (value, true)
                case "maximum": (maximum, numeric) = (value, true)
                case "exclusiveMaximum": (exclusiveMaximum, numeric) = (value, true)
                case "minimum": (minimum, numeric) = (value, true)
                case "exclusiveMinimum": (exclusiveMinimum, numeric) = (value, true)
                case "maxLength": (maxLength, string) = (value, true)
                case "minLength": (minLength, string) = (value, true)
                case "pattern": (pattern, string) = (value, true)
                case "contentMediaType", "contentEncoding": string = true
                case "items": (items, array) = (value, true)
                case "maxItems": (maxItems, array) = (value, true)
                case "minItems": (minItems, array) = (value, true)
                case "uniqueItems": (uniqueItems, array) = (value, true)
                case "prefixItems": (prefixItems, array) = (value, true)
                case "maxProperties": (maxProperties, object) = (value, true)
                case "minProperties": (minProperties, object) = (value, true)
                case "properties": (properties, object) = (value, true)
                case "patternProperties": (patternProperties, object) = (value, true)
                case "additionalProperties": (additionalProperties, object) = (value, true)
                case "required": (required, object) = (value, true)
                default: break
                }
            }
        }
    }

    /// JSON Schema's type names, as OpenAPIKit's `JSONType` reads them.
    private static let types: Set<String> = ["null", "boolean", "object", "array", "string", "integer", "number"]

    private func schema(_ node: SpecNode, depth: Int) throws -> CompiledSchema {
        let compiled = try compiledSchema(node, depth: depth)
        // Only schemas with values of their own to judge are looked up by where they are: the
        // many others would cost a dictionary entry each for nothing.
        if let recording, case .mapping(let members) = node.kind,
            members.indices.contains(where: { Self.judgedKeys.contains(members[$0].key) })
        {
            recording.byLocation[node.location] = compiled
        }
        return compiled
    }

    /// What makes a schema worth recording: `example`, `examples` or `default` written on it.
    private static let judgedKeys = ["example", "examples", "default"]

    private func compiledSchema(_ node: SpecNode, depth: Int) throws -> CompiledSchema {
        guard case .mapping(let members) = node.kind else { throw Refused() }
        let keywords = Keywords(members)
        if case .string(let ref)? = keywords.ref?.json {
            // A reference OpenAPIKit cannot follow (into `paths`, or with escapes) is read as what it names.
            if !Self.isPlainComponent(ref, document), depth < 16, let target = document.target(of: ref) {
                return try schema(target.node, depth: depth + 1)
            }
            return try core(keywords, .reference(Self.reference(ref)), enumAsStrings: false)
        }
        if let allOf = keywords.allOf { return try composed(keywords, allOf, depth: depth, CompiledSchema.Kind.all) }
        if let anyOf = keywords.anyOf { return try composed(keywords, anyOf, depth: depth, CompiledSchema.Kind.any) }
        if let oneOf = keywords.oneOf { return try composed(keywords, oneOf, depth: depth, CompiledSchema.Kind.one) }
        if let not = keywords.not { return try core(keywords, .not(try schema(not, depth: depth + 1)), enumAsStrings: false) }

        var hint: String?
        switch keywords.type?.json {
        case nil, .null?: break
        case .string(let text)?:
            guard Self.types.contains(text) else { throw Refused() }
            hint = text
        case .array(let items)?:
            let names = try items.map { item -> String in
                guard case .string(let text) = item, Self.types.contains(text) else { throw Refused() }
                return text
            }
            hint = names.first { $0 != "null" }
        default: throw Refused()
        }
        let kind: CompiledSchema.Kind
        if hint == "null" {
            kind = .null
        } else if hint == "integer" {
            kind = .integer(try integerBounds(keywords))
        } else if hint == "number" || (hint == nil && keywords.numeric) {
            kind = .number(try numberBounds(keywords))
        } else if hint == "string" || (hint == nil && keywords.string) {
            kind = .string(
                CompiledSchema.StringRules(
                    minLength: try keywords.minLength.flatMap(Self.count) ?? 0, maxLength: try keywords.maxLength.flatMap(Self.count),
                    pattern: try keywords.pattern.flatMap(Self.text), format: try keywords.format.flatMap(Self.text) ?? ""))
            return try core(keywords, kind, enumAsStrings: true)
        } else if hint == "array" || (hint == nil && keywords.array) {
            kind = .array(try arrayRules(keywords, depth: depth))
        } else if hint == "object" || (hint == nil && keywords.object) {
            kind = .object(try objectRules(keywords, depth: depth))
        } else if hint == "boolean" {
            kind = .boolean
        } else {
            kind = .fragment
        }
        return try core(keywords, kind, enumAsStrings: false)
    }

    private func composed(
        _ keywords: Keywords, _ list: SpecNode, depth: Int, _ make: ([CompiledSchema]) -> CompiledSchema.Kind
    ) throws -> CompiledSchema {
        guard case .sequence(let items) = list.kind else { throw Refused() }
        let schemas = try items.map { try schema($0, depth: depth + 1) }
        // OpenAPIKit makes a composition nullable when any of its members is.
        return try core(keywords, make(schemas), enumAsStrings: false, nullable: schemas.contains(where: \.nullable))
    }

    /// The keywords every schema has, checked as OpenAPIKit checks them.
    private func core(
        _ keywords: Keywords, _ kind: CompiledSchema.Kind, enumAsStrings: Bool, nullable alsoNullable: Bool = false
    ) throws -> CompiledSchema {
        for node in keywords.strings { _ = try Self.text(node) }
        for node in keywords.booleans { _ = try Self.flag(node) }
        if !keywords.example, let examples = keywords.examples {
            switch examples.json {
            case .null, .array: break
            default: throw Refused()
            }
        }
        _ = try keywords.format.flatMap(Self.text)
        let title = try keywords.title.flatMap(Self.text)
        let readOnly = try keywords.readOnly.flatMap(Self.flag)
        let writeOnly = try keywords.writeOnly.flatMap(Self.flag)
        if readOnly == true && writeOnly == true { throw Refused() }
        var nullable = alsoNullable
        if let flag = keywords.nullable?.json.boolValue {
            nullable = nullable || flag
        } else if case .array(let items)? = keywords.type?.json {
            // OpenAPIKit reads the list as types only when every item is one.
            let names = items.compactMap(\.stringValue)
            nullable = nullable || (names.count == items.count && names.allSatisfy(Self.types.contains) && names.contains("null"))
        } else if keywords.type?.json == .string("null") {
            nullable = true
        }
        var allowed: [JSONValue] = []
        if let list = keywords.enumeration, list.json != .null {
            guard case .sequence(let items) = list.kind else { throw Refused() }
            allowed = try items.map { try Self.allowed($0.json, asString: enumAsStrings, nullable: nullable) }
        } else if let const = keywords.const, const.json != .null {
            allowed = [try Self.allowed(const.json, asString: enumAsStrings, nullable: nullable)]
        }
        if let defs = keywords.defs, defs.json != .null {
            guard case .mapping(let members) = defs.kind else { throw Refused() }
            for member in members { _ = try schema(member.value, depth: 1) }
        }
        return CompiledSchema(
            kind: kind, readOnly: readOnly ?? false, writeOnly: writeOnly ?? false, nullable: nullable, allowedValues: allowed,
            title: title)
    }

    /// An `enum` value as OpenAPIKit holds it: a string schema's must be strings (or null when
    /// the schema is nullable); any other's become plain values, whole numbers as integers.
    private static func allowed(_ value: JSONValue, asString: Bool, nullable: Bool) throws -> JSONValue {
        if asString {
            if case .string = value { return value }
            if nullable, value == .null { return value }
            throw Refused()
        }
        return CompiledSchema.plainValue(OpenAPIKitRule.clamp(value))
    }

    /// `#/components/schemas/Name` for a component that exists, with nothing to unescape.
    static func isPlainComponent(_ ref: String, _ document: SpecDocument) -> Bool {
        let prefix = "#/components/schemas/"
        guard ref.hasPrefix(prefix) else { return false }
        let name = ref.dropFirst(prefix.count)
        return !name.contains { $0 == "/" || $0 == "~" || $0 == "%" } && document.target(of: ref) != nil
    }

    /// `#/components/schemas/NAME` is a component, followed by name; anything else stays as written.
    static func reference(_ ref: String) -> CompiledSchema.Reference {
        if let path = SpecDocument.refPath(ref) {
            let isComponent = path.count == 3 && path[0] == "components" && path[1] == "schemas" && !path[2].isEmpty
            return CompiledSchema.Reference(component: isComponent ? path[2] : nil, written: ref, name: path.last)
        }
        // Another file's: named by the last part of its fragment.
        let fragment = ref.split(separator: "#", maxSplits: 1).dropFirst().first
        return CompiledSchema.Reference(component: nil, written: ref, name: fragment?.split(separator: "/").last.map(String.init))
    }

    private func integerBounds(_ keywords: Keywords) throws -> CompiledSchema.Bounds {
        func integral(_ node: SpecNode?) throws -> Double? {
            guard let node, let number = try Self.number(node) else { return nil }
            guard number.rounded() == number else { throw Refused() }
            return number
        }
        let multipleOf = try integral(keywords.multipleOf)
        let (minimum, maximum) = try bounds(keywords, integral)
        return CompiledSchema.Bounds(minimum: minimum, maximum: maximum, multipleOf: multipleOf)
    }

    private func numberBounds(_ keywords: Keywords) throws -> CompiledSchema.Bounds {
        let (minimum, maximum) = try bounds(keywords) { try $0.flatMap(Self.number) }
        return CompiledSchema.Bounds(minimum: minimum, maximum: maximum, multipleOf: try keywords.multipleOf.flatMap(Self.number))
    }

    /// The bounds, with 3.0's boolean `exclusiveMaximum: true` qualifying `maximum` as OpenAPIKitCompat reads it.
    private func bounds(
        _ keywords: Keywords, _ read: (SpecNode?) throws -> Double?
    ) throws -> (CompiledSchema.Bound?, CompiledSchema.Bound?) {
        func bound(_ exclusive: SpecNode?, _ inclusive: SpecNode?) throws -> CompiledSchema.Bound? {
            if booleanExclusiveBounds, let flag = exclusive?.json.boolValue {
                return try read(inclusive).map { CompiledSchema.Bound(value: $0, exclusive: flag) }
            }
            if let value = try read(exclusive) { return CompiledSchema.Bound(value: value, exclusive: true) }
            return try read(inclusive).map { CompiledSchema.Bound(value: $0, exclusive: false) }
        }
        return (try bound(keywords.exclusiveMinimum, keywords.minimum), try bound(keywords.exclusiveMaximum, keywords.maximum))
    }

    private func arrayRules(_ keywords: Keywords, depth: Int) throws -> CompiledSchema.ArrayRules {
        var prefix: [CompiledSchema] = []
        if let list = keywords.prefixItems, list.json != .null {
            guard case .sequence(let items) = list.kind else { throw Refused() }
            prefix = try items.map { try schema($0, depth: depth + 1) }
        }
        let items = try keywords.items.flatMap { $0.isScalar && $0.json == .null ? nil : try schema($0, depth: depth + 1) }
        return CompiledSchema.ArrayRules(
            minItems: try keywords.minItems.flatMap(Self.count) ?? 0, maxItems: try keywords.maxItems.flatMap(Self.count),
            uniqueItems: try keywords.uniqueItems.flatMap(Self.flag) ?? false,
            prefixItems: prefix, items: items)
    }

    private func objectRules(_ keywords: Keywords, depth: Int) throws -> CompiledSchema.ObjectRules {
        var required: [String] = []
        if let list = keywords.required, list.json != .null {
            guard case .sequence(let items) = list.kind else { throw Refused() }
            required = try items.map { item in
                guard case .string(let name) = item.json else { throw Refused() }
                return name
            }
        }
        let requiredSet = Set(required)
        var properties: [CompiledSchema.Property] = []
        var declared: Set<String> = []
        for member in try Self.mapping(keywords.properties) {
            properties.append(
                .init(name: member.key, schema: try schema(member.value, depth: depth + 1), required: requiredSet.contains(member.key)))
            declared.insert(member.key)
        }
        // A name `required` lists without defining it is a required property that accepts anything.
        for name in required where declared.insert(name).inserted {
            properties.append(.init(name: name, schema: Self.anything, required: true))
        }
        let patterns = try Self.mapping(keywords.patternProperties).map {
            (pattern: $0.key, schema: try schema($0.value, depth: depth + 1))
        }
        var additional = CompiledSchema.Additional.unspecified
        if let node = keywords.additionalProperties, node.json != .null {
            if case .bool(let allowed) = node.json {
                additional = .allowed(allowed)
            } else {
                additional = .schema(try schema(node, depth: depth + 1))
            }
        }
        return CompiledSchema.ObjectRules(
            properties: properties, patternProperties: patterns, additional: additional,
            minProperties: try keywords.minProperties.flatMap(Self.count), maxProperties: try keywords.maxProperties.flatMap(Self.count))
    }

    private static let anything = CompiledSchema(
        kind: .fragment, readOnly: false, writeOnly: false, nullable: false, allowedValues: [], title: nil)

    private static func mapping(_ node: SpecNode?) throws -> [SpecNode.Member] {
        guard let node else { return [] }
        if case .mapping(let members) = node.kind { return members }
        guard node.json == .null else { throw Refused() }
        return []
    }

    /// A string keyword's value; null is no value, as `decodeIfPresent` reads it.
    private static func text(_ node: SpecNode) throws -> String? {
        switch node.json {
        case .null: return nil
        case .string(let text): return text
        default: throw Refused()
        }
    }

    private static func flag(_ node: SpecNode) throws -> Bool? {
        switch node.json {
        case .null: return nil
        case .bool(let flag): return flag
        default: throw Refused()
        }
    }

    /// A whole number of items, characters or properties; null is no number at all.
    private static func count(_ node: SpecNode) throws -> Int? {
        switch node.json {
        case .null: return nil
        case .integer(let number): return number
        case .number(let number):
            guard let exact = Int(exactly: number) else { throw Refused() }
            return exact
        default: throw Refused()
        }
    }

    /// A bound as OpenAPIKit reads it, with one beyond 64 bits held at the largest integer.
    private static func number(_ node: SpecNode) throws -> Double? {
        let value = OpenAPIKitRule.clamp(node.json)
        if value == .null { return nil }
        guard let number = value.doubleValue else { throw Refused() }
        return number
    }

}
