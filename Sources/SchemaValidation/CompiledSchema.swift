import Foundation
import JSONModel
import OpenAPIKit

/// A schema in the form the validator reads: each keyword already turned into what a check needs
/// (bounds as numbers, `enum` values as JSON, an object's properties in a list and by name), so
/// judging a value copies nothing and decodes nothing. Made once per schema, from OpenAPIKit's
/// `JSONSchema` or, by a reader of documents as written, straight from the text; either way the
/// validator then judges any number of values against it.
public final class CompiledSchema: Sendable {
    public enum Kind: Sendable {
        case null, boolean
        case number(Bounds)
        case integer(Bounds)
        case string(StringRules)
        case object(ObjectRules)
        case array(ArrayRules)
        case all([CompiledSchema])
        case any([CompiledSchema])
        case one([CompiledSchema])
        case not(CompiledSchema)
        case reference(Reference)
        /// No type and no keyword of one: anything passes but `enum`, `readOnly` and the like.
        case fragment
    }

    public struct Bound: Sendable, Equatable {
        public let value: Double
        public let exclusive: Bool
        public init(value: Double, exclusive: Bool) {
            self.value = value
            self.exclusive = exclusive
        }
    }

    public struct Bounds: Sendable, Equatable {
        public let minimum: Bound?
        public let maximum: Bound?
        public let multipleOf: Double?
        public init(minimum: Bound?, maximum: Bound?, multipleOf: Double?) {
            self.minimum = minimum
            self.maximum = maximum
            self.multipleOf = multipleOf
        }
    }

    public struct StringRules: Sendable, Equatable {
        public let minLength: Int
        public let maxLength: Int?
        public let pattern: String?
        /// The `format` as written, empty when there is none.
        public let format: String
        public init(minLength: Int, maxLength: Int?, pattern: String?, format: String) {
            self.minLength = minLength
            self.maxLength = maxLength
            self.pattern = pattern
            self.format = format
        }
    }

    public struct Property: Sendable {
        public let name: String
        public let schema: CompiledSchema
        public let required: Bool
        public init(name: String, schema: CompiledSchema, required: Bool) {
            self.name = name
            self.schema = schema
            self.required = required
        }
    }

    public enum Additional: Sendable {
        case unspecified
        case allowed(Bool)
        case schema(CompiledSchema)
    }

    public struct ObjectRules: Sendable {
        /// In the order written; names `required` lists without defining them come last, as
        /// required properties that accept anything.
        public let properties: [Property]
        let index: [String: Int]
        public let patternProperties: [(pattern: String, schema: CompiledSchema)]
        public let additional: Additional
        /// The declared `minProperties`, or the number of required properties when that is larger.
        public let minProperties: Int
        public let maxProperties: Int?
        let requiredCount: Int

        public init(
            properties: [Property], patternProperties: [(pattern: String, schema: CompiledSchema)], additional: Additional,
            minProperties: Int?, maxProperties: Int?
        ) {
            self.properties = properties
            var index: [String: Int] = [:]
            index.reserveCapacity(properties.count)
            for (offset, property) in properties.enumerated() where index[property.name] == nil { index[property.name] = offset }
            self.index = index
            self.patternProperties = patternProperties
            self.additional = additional
            requiredCount = properties.count { $0.required }
            self.minProperties = max(minProperties ?? 0, requiredCount)
            self.maxProperties = maxProperties
        }

        public subscript(name: String) -> CompiledSchema? { index[name].map { properties[$0].schema } }
    }

    public struct ArrayRules: Sendable {
        public let minItems: Int
        public let maxItems: Int?
        public let uniqueItems: Bool
        public let prefixItems: [CompiledSchema]
        public let items: CompiledSchema?
        public init(minItems: Int, maxItems: Int?, uniqueItems: Bool, prefixItems: [CompiledSchema], items: CompiledSchema?) {
            self.minItems = minItems
            self.maxItems = maxItems
            self.uniqueItems = uniqueItems
            self.prefixItems = prefixItems
            self.items = items
        }
    }

    public struct Reference: Sendable, Equatable {
        /// `NAME` of `#/components/schemas/NAME`, the only references the validator follows.
        public let component: String?
        /// The reference as it is written, for messages.
        public let written: String
        /// The last part of its path: what a message calls the schema it names.
        public let name: String?
        public init(component: String?, written: String, name: String?) {
            self.component = component
            self.written = written
            self.name = name
        }
    }

    public let kind: Kind
    public let readOnly: Bool
    public let writeOnly: Bool
    public let nullable: Bool
    /// `enum`, or `const` as a one-value `enum`; empty allows every value.
    public let allowedValues: [JSONValue]
    public let title: String?

    public init(kind: Kind, readOnly: Bool, writeOnly: Bool, nullable: Bool, allowedValues: [JSONValue], title: String?) {
        self.kind = kind
        self.readOnly = readOnly
        self.writeOnly = writeOnly
        self.nullable = nullable
        self.allowedValues = allowedValues
        self.title = title
    }

    /// The JSON type the schema asks for, as `JSONValue.typeName` says types; nil for a
    /// composition, a reference or a fragment.
    public var jsonType: String? {
        switch kind {
        case .null: "null"
        case .boolean: "boolean"
        case .number: "number"
        case .integer: "integer"
        case .string: "string"
        case .object: "object"
        case .array: "array"
        case .all, .any, .one, .not, .reference, .fragment: nil
        }
    }
}

extension CompiledSchema {
    /// OpenAPIKit's schema, as the validator reads it. References stay references, compiled when
    /// the validator first follows them.
    public convenience init(_ schema: JSONSchema) {
        let core = schema.coreContext
        let kind: Kind
        switch schema.value {
        case .null: kind = .null
        case .boolean: kind = .boolean
        case .number(_, let numeric): kind = .number(Bounds(numeric))
        case .integer(_, let integral): kind = .integer(Bounds(integral.numericContext))
        case .string(let stringCore, let string):
            kind = .string(
                StringRules(
                    minLength: string.minLength, maxLength: string.maxLength, pattern: string.pattern, format: stringCore.format.rawValue))
        case .object(_, let object):
            let additional: Additional =
                switch object.additionalProperties {
                case .a(let allowed): .allowed(allowed)
                case .b(let schema): .schema(CompiledSchema(schema))
                case nil: .unspecified
                }
            kind = .object(
                ObjectRules(
                    properties: object.properties.map {
                        Property(name: $0.key, schema: CompiledSchema($0.value), required: $0.value.required)
                    },
                    patternProperties: object.patternProperties.map { ($0.key, CompiledSchema($0.value)) }, additional: additional,
                    minProperties: object.minProperties, maxProperties: object.maxProperties))
        case .array(_, let array):
            kind = .array(
                ArrayRules(
                    minItems: array.minItems, maxItems: array.maxItems, uniqueItems: array.uniqueItems,
                    prefixItems: (array.prefixItems ?? []).map(CompiledSchema.init), items: array.items.map(CompiledSchema.init)))
        case .all(of: let schemas, _): kind = .all(schemas.map(CompiledSchema.init))
        case .any(of: let schemas, _): kind = .any(schemas.map(CompiledSchema.init))
        case .one(of: let schemas, _): kind = .one(schemas.map(CompiledSchema.init))
        case .not(let excluded, _): kind = .not(CompiledSchema(excluded))
        case .reference(let reference, _):
            var component: String?
            if case .internal(.component(let name)) = reference { component = name }
            kind = .reference(Reference(component: component, written: reference.absoluteString, name: reference.name))
        case .fragment: kind = .fragment
        }
        self.init(
            kind: kind, readOnly: core.readOnly, writeOnly: core.writeOnly, nullable: core.nullable,
            allowedValues: (core.allowedValues ?? []).map(JSONValue.init), title: schema.title)
    }
}

extension CompiledSchema.Bounds {
    init(_ numeric: JSONSchema.NumericContext) {
        self.init(
            minimum: numeric.minimum.map { .init(value: $0.value, exclusive: $0.exclusive) },
            maximum: numeric.maximum.map { .init(value: $0.value, exclusive: $0.exclusive) }, multipleOf: numeric.multipleOf)
    }
}

extension CompiledSchema {
    /// Every keyword the validator reads, on one line per schema, indented by depth: two schemas
    /// with the same outline judge every value alike. Tests compare schemas compiled two ways by it.
    public var outline: String {
        var lines: [String] = []
        outline(into: &lines, indent: "")
        return lines.joined(separator: "\n")
    }

    private func outline(into lines: inout [String], indent: String) {
        var head = indent
        var children: [(String, CompiledSchema)] = []
        switch kind {
        case .null: head += "null"
        case .boolean: head += "boolean"
        case .number(let bounds): head += "number" + Self.describe(bounds)
        case .integer(let bounds): head += "integer" + Self.describe(bounds)
        case .string(let rules):
            head += "string min \(rules.minLength) max \(rules.maxLength.map(String.init) ?? "-") pattern \(rules.pattern ?? "-")"
            head += " format '\(rules.format)'"
        case .object(let rules):
            head += "object min \(rules.minProperties) max \(rules.maxProperties.map(String.init) ?? "-")"
            switch rules.additional {
            case .unspecified: break
            case .allowed(let allowed): head += " additional \(allowed)"
            case .schema(let schema): children.append(("additional", schema))
            }
            children += rules.properties.map { ("property \($0.name)\($0.required ? " required" : "")", $0.schema) }
            children += rules.patternProperties.map { ("pattern \($0.pattern)", $0.schema) }
        case .array(let rules):
            head += "array min \(rules.minItems) max \(rules.maxItems.map(String.init) ?? "-") unique \(rules.uniqueItems)"
            children += rules.prefixItems.enumerated().map { ("prefix \($0.offset)", $0.element) }
            children += rules.items.map { [("items", $0)] } ?? []
        case .all(let schemas):
            head += "allOf"
            children += schemas.map { ("-", $0) }
        case .any(let schemas):
            head += "anyOf"
            children += schemas.map { ("-", $0) }
        case .one(let schemas):
            head += "oneOf"
            children += schemas.map { ("-", $0) }
        case .not(let schema):
            head += "not"
            children.append(("-", schema))
        case .reference(let reference):
            head += "$ref \(reference.written) component \(reference.component ?? "-") name \(reference.name ?? "-")"
        case .fragment: head += "fragment"
        }
        if readOnly { head += " readOnly" }
        if writeOnly { head += " writeOnly" }
        if nullable { head += " nullable" }
        if !allowedValues.isEmpty { head += " enum " + allowedValues.map { JSONWriter(pretty: false).string($0) }.joined(separator: ",") }
        if let title { head += " title '\(title)'" }
        lines.append(head)
        for (label, child) in children {
            lines.append(indent + "  " + label + ":")
            child.outline(into: &lines, indent: indent + "    ")
        }
    }

    private static func describe(_ bounds: Bounds) -> String {
        func bound(_ bound: Bound?) -> String { bound.map { "\($0.value)\($0.exclusive ? " exclusive" : "")" } ?? "-" }
        return " min \(bound(bounds.minimum)) max \(bound(bounds.maximum)) multipleOf \(bounds.multipleOf.map { "\($0)" } ?? "-")"
    }
}

/// Component schemas compiled when a reference first reaches them, each once, for validators
/// made from OpenAPIKit's components (the generator's and the mock's).
final class CompiledComponents: @unchecked Sendable {
    private let components: OpenAPI.Components
    private let lock = NSLock()
    private var compiled: [String: CompiledSchema?] = [:]

    init(_ components: OpenAPI.Components) {
        self.components = components
    }

    func schema(named name: String) -> CompiledSchema? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[name] { return known }
        let schema = OpenAPI.ComponentKey(rawValue: name).flatMap { components.schemas[$0] }.map(CompiledSchema.init)
        compiled[name] = schema
        return schema
    }
}

extension CompiledSchema {
    /// A value written in a document (an `enum` member) as OpenAPIKit holds it once decoded:
    /// whole numbers as integers, object members by name.
    public static func plainValue(_ value: JSONValue) -> JSONValue {
        JSONValue(AnyCodable(decodingDirectly: value))
    }
}
