import Foundation
import JSONModel
import OpenAPIKit
import SchemaValidation
import SpecReader

/// What a rule's `then` hands its function: the value its `given` (and `field`) selected.
public struct RuleTarget {
    /// The node, or nil when the field is absent (`undefined` to the function).
    public let node: SpecNode?
    /// Where the value is, as keys from the root.
    public let path: [String]
    /// Set when the target is a property name (`field: '@key'`, or `~`): the name is the value.
    public var key: String?
    /// Where a finding about this target is reported when the node is absent.
    public var fallbackLocation: Location?

    var value: FilterExpression.Value {
        if let key { return .string(key) }
        guard let node else { return .undefined }
        return .of(node)
    }

    var json: JSONValue? {
        if let key { return .string(key) }
        return node?.json
    }

    /// `"name" property ` as Spectral prints the property a message is about, or nothing at the root.
    var printedProperty: String {
        path.last.map { "\"\($0)\" property " } ?? ""
    }
}

/// One thing a function found: a message, and a path when it is more precise than the target's.
public struct FunctionResult {
    /// What is wrong; a ruleset's message can show it as `{{error}}`.
    public let message: String
    /// Where, when not at the node the function was given.
    public var path: [String]?
    /// Set by the built-in functions that know the exact spot, such as a key rather than its value.
    public var location: Location?

    /// A result at `path`, or at the node given.
    public init(_ message: String, path: [String]? = nil, location: Location? = nil) {
        self.message = message
        self.path = path
        self.location = location
    }
}

/// A function a rule's `then` names: Spectral's core functions, with Spectral's semantics (a
/// value of a type the function does not take passes), and the options each accepts, checked
/// when the ruleset loads.
public struct RuleFunction: Sendable {
    /// The name rulesets call it by (`truthy`).
    public let name: String
    /// Why the options are wrong, or nil when they are right.
    let checkOptions: @Sendable (JSONValue?) -> String?
    let run: @Sendable (RuleTarget, JSONValue?, SpecDocument) -> [FunctionResult]
    /// Whether it reads the document as Specsmith's model holds it (a 2.0 file read into the 3.x
    /// model) rather than as written; its findings are then moved to where the 2.0 file has them.
    var readsModel = false
    /// Shared work it reads, done before the rules run (see `LintRule.preparation`).
    var preparation: LintRule.Preparation?
    /// Reads the options once, for a function that would otherwise read them on every node
    /// (`pattern` compiling its expressions): the check for those options.
    var bind: (@Sendable (JSONValue?) -> @Sendable (RuleTarget, SpecDocument) -> [FunctionResult])?

    /// The check for one rule's options.
    func bound(_ options: JSONValue?) -> @Sendable (RuleTarget, SpecDocument) -> [FunctionResult] {
        if let bind { return bind(options) }
        let run = run
        return { target, document in run(target, options, document) }
    }

    /// Spectral prints values in messages this way: strings quoted, containers by kind.
    static func printed(_ value: FilterExpression.Value) -> String {
        switch value {
        case .undefined: return "undefined"
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .number: return value.asString ?? ""
        case .string(let text): return "\"\(text)\""
        case .node(let node):
            if case .sequence = node.kind { return "Array[]" }
            return "Object{}"
        case .array: return "Array[]"
        case .regex: return "RegExp"
        }
    }

    static func printed(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .array: return "Array[]"
        case .object: return "Object{}"
        default: return JSONWriter(pretty: false).string(value)
        }
    }

    static func options(_ options: JSONValue?, allowed: Set<String>, required: Set<String> = [], example: String) -> String? {
        guard let options, case .object(let object) = options else {
            return required.isEmpty && options == nil ? nil : "takes options like \(example)"
        }
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            return "has no option '\(unknown)' (it takes \(allowed.sorted().joined(separator: ", ")); for example \(example))"
        }
        if let missing = required.sorted().first(where: { object[$0] == nil }) {
            return "needs the option '\(missing)', for example \(example)"
        }
        return nil
    }

    static let noOptions: @Sendable (JSONValue?) -> String? = { options in
        if let options, options != .null { return "takes no options" }
        return nil
    }

    static func enumerationOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(
            options, allowed: ["values"], required: ["values"], example: #"{ "values": ["Berlin", "London"] }"#)
        {
            return problem
        }
        guard case .array(let values) = options?.objectValue?["values"],
            values.allSatisfy({ if case .array = $0 { false } else if case .object = $0 { false } else { true } })
        else { return "its 'values' option must be a list of strings, numbers, booleans or null" }
        return nil
    }

    static func patternOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(options, allowed: ["match", "notMatch"], example: #"{ "match": "^Stoplight" }"#) {
            return problem
        }
        guard let object = options?.objectValue, !object.keys.isEmpty else {
            return #"needs 'match' or 'notMatch', for example { "match": "^Stoplight" }"#
        }
        for key in ["match", "notMatch"] {
            guard let value = object[key] else { continue }
            guard let text = value.stringValue else { return "its '\(key)' option must be a string" }
            if ScriptRegex.make(option: text) == nil { return "its '\(key)' option '\(text)' is not a regular expression" }
        }
        return nil
    }

    static func casingOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(
            options, allowed: ["type", "disallowDigits", "separator"], required: ["type"], example: #"{ "type": "camel" }"#)
        {
            return problem
        }
        guard let type = options?.objectValue?["type"]?.stringValue, casings[type] != nil else {
            return "its 'type' must be one of \(casings.keys.sorted().joined(separator: ", "))"
        }
        if let separator = options?.objectValue?["separator"] {
            guard let char = separator.objectValue?["char"]?.stringValue, char.count == 1 else {
                return #"its 'separator' must be like { "char": "/", "allowLeading": true }"#
            }
        }
        return nil
    }

    static func lengthOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(options, allowed: ["min", "max"], example: #"{ "min": 2 }, { "max": 5 }"#) { return problem }
        guard let object = options?.objectValue, !object.keys.isEmpty,
            object.allSatisfy({ $0.value.doubleValue != nil })
        else { return #"needs a number 'min' or 'max', for example { "min": 0, "max": 10 }"# }
        return nil
    }

    static func alphabeticalOptions(_ options: JSONValue?) -> String? {
        if options == nil || options == .null { return nil }
        return Self.options(options, allowed: ["keyedBy"], example: #"{ "keyedBy": "name" }"#)
    }

    static func xorOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(
            options, allowed: ["properties"], required: ["properties"], example: #"{ "properties": ["id", "name"] }"#)
        {
            return problem
        }
        guard case .array(let names) = options?.objectValue?["properties"], names.count == 2,
            names.allSatisfy({ $0.stringValue != nil })
        else { return #"its 'properties' option takes two names, for example ["id", "name"]"# }
        return nil
    }

    static func schemaOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(
            options, allowed: ["schema", "dialect", "allErrors", "prepareResults"], required: ["schema"],
            example: #"{ "schema": { "type": "string" } }"#)
        {
            return problem
        }
        guard let schema = options?.objectValue?["schema"] else { return nil }
        return decodeSchema(schema) == nil ? "its 'schema' option is not a JSON Schema this engine reads" : nil
    }

    static func unreferencedReusableObjectOptions(_ options: JSONValue?) -> String? {
        if let problem = Self.options(
            options, allowed: ["reusableObjectsLocation"], required: ["reusableObjectsLocation"],
            example: ##"{ "reusableObjectsLocation": "#/components/schemas" }"##)
        {
            return problem
        }
        guard let location = options?.objectValue?["reusableObjectsLocation"]?.stringValue, location.hasPrefix("#") else {
            return ##"its 'reusableObjectsLocation' must be a JSON pointer fragment such as "#/components/schemas""##
        }
        return nil
    }

    // MARK: - Presence

    static let truthy = RuleFunction(name: "truthy", checkOptions: noOptions) { target, _, _ in
        target.value.isTruthy ? [] : [FunctionResult("\(target.printedProperty)must be truthy")]
    }

    static let falsy = RuleFunction(name: "falsy", checkOptions: noOptions) { target, _, _ in
        target.value.isTruthy ? [FunctionResult("\(target.printedProperty)must be falsy")] : []
    }

    static let defined = RuleFunction(name: "defined", checkOptions: noOptions) { target, _, _ in
        target.value.isUndefined ? [FunctionResult("\(target.printedProperty)must be defined")] : []
    }

    static let undefined = RuleFunction(name: "undefined", checkOptions: noOptions) { target, _, _ in
        target.value.isUndefined ? [] : [FunctionResult("\(target.printedProperty)must be undefined")]
    }

    // MARK: - Values

    static let enumeration = RuleFunction(name: "enumeration", checkOptions: enumerationOptions) { target, options, _ in
        guard let value = target.json else { return [] }
        switch value {
        case .array, .object: return []
        default: break
        }
        guard case .array(let values) = options?.objectValue?["values"] else { return [] }
        let equal = values.contains { allowed in
            if let x = allowed.doubleValue, let y = value.doubleValue { return x == y }
            return allowed == value
        }
        guard !equal else { return [] }
        return [
            FunctionResult("\(printed(value)) must be equal to one of the allowed values: \(values.map(printed).joined(separator: ", "))")
        ]
    }

    static let pattern: RuleFunction = {
        var function = RuleFunction(name: "pattern", checkOptions: patternOptions) { target, options, document in
            bindPattern(options)(target, document)
        }
        function.bind = bindPattern
        return function
    }()

    /// `pattern` with its expressions compiled once: a rule over every description asks on each.
    static func bindPattern(_ options: JSONValue?) -> @Sendable (RuleTarget, SpecDocument) -> [FunctionResult] {
        let object = options?.objectValue
        let match = object?["match"]?.stringValue.flatMap { text in ScriptRegex.make(option: text).map { (text, $0) } }
        let notMatch = object?["notMatch"]?.stringValue.flatMap { text in ScriptRegex.make(option: text).map { (text, $0) } }
        return { target, _ in
            guard case .string(let text) = target.value else { return [] }
            var results: [FunctionResult] = []
            if let (pattern, regex) = match, !regex.matches(text) {
                results.append(FunctionResult("\"\(text)\" must match the pattern \"\(pattern)\""))
            }
            if let (pattern, regex) = notMatch, regex.matches(text) {
                results.append(FunctionResult("\"\(text)\" must not match the pattern \"\(pattern)\""))
            }
            return results
        }
    }

    static let casings: [String: String] = [
        "flat": "[a-z][a-z{D}]*",
        "camel": "[a-z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
        "pascal": "[A-Z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
        "kebab": "[a-z][a-z{D}]*(?:-[a-z{D}]+)*",
        "cobol": "[A-Z][A-Z{D}]*(?:-[A-Z{D}]+)*",
        "snake": "[a-z][a-z{D}]*(?:_[a-z{D}]+)*",
        "macro": "[A-Z][A-Z{D}]*(?:_[A-Z{D}]+)*",
    ]

    static let casing = RuleFunction(name: "casing", checkOptions: casingOptions) { target, options, _ in
        guard case .string(let text) = target.value, !text.isEmpty, let object = options?.objectValue,
            let type = object["type"]?.stringValue, let base = casings[type]
        else { return [] }
        let separator = object["separator"]?.objectValue
        let char = separator?["char"]?.stringValue
        let allowLeading = separator?["allowLeading"]?.boolValue == true
        if text.count == 1, allowLeading, text == char { return [] }
        let digits = object["disallowDigits"]?.boolValue == true ? "" : "0-9"
        let body = base.replacingOccurrences(of: "{D}", with: digits)
        var regex = "^\(body)$"
        if let char {
            let escaped = NSRegularExpression.escapedPattern(for: char)
            regex = "^\(allowLeading ? "[\(escaped)]?" : "")\(body)(?:[\(escaped)]\(body))*$"
        }
        guard let compiled = ScriptRegex.make(regex, flags: ""), !compiled.matches(text) else { return [] }
        return [FunctionResult("must be \(type) case")]
    }

    static let length = RuleFunction(name: "length", checkOptions: lengthOptions) { target, options, _ in
        let size: Double
        switch target.value {
        case .string(let text): size = Double(text.utf16.count)
        case .number(let value): size = value
        case .node(let node): size = Double(node.isMapping ? node.members.count : node.items.count)
        default: return []
        }
        var results: [FunctionResult] = []
        if let min = options?.objectValue?["min"]?.doubleValue, size < min {
            results.append(FunctionResult("\(target.printedProperty)must be longer than \(printed(FilterExpression.Value.number(min)))"))
        }
        if let max = options?.objectValue?["max"]?.doubleValue, size > max {
            results.append(FunctionResult("\(target.printedProperty)must be shorter than \(printed(FilterExpression.Value.number(max)))"))
        }
        return results
    }

    static let alphabetical = RuleFunction(name: "alphabetical", checkOptions: alphabeticalOptions) { target, options, _ in
        guard let node = target.node, target.key == nil else { return [] }
        var values: [JSONValue]
        let isList: Bool
        switch node.kind {
        case .mapping(let members):
            values = members.map { .string($0.key) }
            isList = false
        case .sequence(let items):
            values = items.map(\.json)
            isList = true
        case .scalar: return []
        }
        guard values.count >= 2 else { return [] }
        let keyedBy = options?.objectValue?["keyedBy"]?.stringValue
        if let keyedBy {
            var keyed: [JSONValue] = []
            for value in values {
                guard case .object(let object) = value else { return [FunctionResult("\(target.printedProperty)must be an object")] }
                keyed.append(object[keyedBy] ?? .null)
            }
            values = keyed
        }
        guard values.allSatisfy({ $0.stringValue != nil || $0.doubleValue != nil }) else {
            return [FunctionResult("\(target.printedProperty)must be one of the allowed types: number, string")]
        }
        for index in 0..<(values.count - 1) where compare(values[index], values[index + 1]) > 0 {
            if keyedBy != nil { return [FunctionResult("properties must follow the alphabetical order")] }
            let at = isList ? String(index) : values[index].stringValue ?? ""
            return [
                FunctionResult(
                    "\(printed(values[index])) must be placed after \(printed(values[index + 1]))", path: target.path + [at])
            ]
        }
        return []
    }

    static let englishLocale = Locale(identifier: "en_US")

    /// Numbers by value, strings as `localeCompare` orders them.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        if let x = a.doubleValue, let y = b.doubleValue { return x < y ? -1 : x > y ? 1 : 0 }
        guard let x = a.stringValue, let y = b.stringValue else { return 0 }
        switch x.compare(y, options: [], range: nil, locale: englishLocale) {
        case .orderedAscending: return -1
        case .orderedDescending: return 1
        case .orderedSame: return 0
        }
    }

    static let xor = RuleFunction(name: "xor", checkOptions: xorOptions) { target, options, _ in
        guard let node = target.node, node.isMapping, target.key == nil,
            case .array(let names) = options?.objectValue?["properties"], names.count == 2
        else { return [] }
        let keys = Set(node.members.map(\.key))
        let present = names.compactMap(\.stringValue).filter(keys.contains)
        guard present.count != 1 else { return [] }
        return [FunctionResult("\(printed(names[0])) and \(printed(names[1])) must not be both defined or both undefined")]
    }

    // MARK: - Schemas and references

    static let schema = RuleFunction(name: "schema", checkOptions: schemaOptions) { target, options, _ in
        guard let schemaValue = options?.objectValue?["schema"], let schema = decodeSchema(schemaValue) else { return [] }
        guard let value = target.json else { return [FunctionResult("\(target.printedProperty)must exist")] }
        let validator = SchemaValidator(components: .noComponents)
        return validator.validate(value, against: schema, context: .plain).map { issue in
            FunctionResult("\(target.printedProperty)\(issue.message)", path: target.path + issue.path.components.map(\.text))
        }
    }

    /// The `schema` option decoded and compiled once, not once per node the rule checks.
    static func decodeSchema(_ value: JSONValue) -> CompiledSchema? {
        schemas.lock.lock()
        defer { schemas.lock.unlock() }
        if let known = schemas.compiled[value] { return known }
        let compiled = OpenAPIKitRule.schema(value, version: "3.1").map(CompiledSchema.init)
        schemas.compiled[value] = compiled
        return compiled
    }

    private static let schemas = SchemaCache()

    private final class SchemaCache: @unchecked Sendable {
        let lock = NSLock()
        var compiled: [JSONValue: CompiledSchema?] = [:]
    }

    static let typedEnum = RuleFunction(name: "typedEnum", checkOptions: noOptions) { target, _, document in
        guard let node = target.node, let values = node["enum"]?.items, let typeNode = node["type"] else { return [] }
        let types = typeNode.items.isEmpty ? [typeNode.string ?? ""] : typeNode.items.compactMap(\.string)
        let nullable = document.version == "3.0" && node["nullable"]?.json == .bool(true)
        return values.enumerated().compactMap { index, item -> FunctionResult? in
            let value = item.json
            let fits = types.contains { type in
                switch (type, value) {
                case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object): true
                case ("number", .integer), ("number", .number), ("integer", .integer): true
                case ("integer", .number(let number)): number.rounded() == number
                default: false
                }
            }
            guard !fits, !(nullable && value == .null) else { return nil }
            let wanted = types.count == 1 ? "\"\(types[0])\"" : "one of " + types.map { "\"\($0)\"" }.joined(separator: ", ")
            return FunctionResult("Enum value \(printed(value)) must be \(wanted).", path: target.path + ["enum", String(index)])
        }
    }

    static let unreferencedReusableObject = RuleFunction(
        name: "unreferencedReusableObject", checkOptions: unreferencedReusableObjectOptions
    ) { target, options, document in
        guard let node = target.node, node.isMapping, let location = options?.objectValue?["reusableObjectsLocation"]?.stringValue,
            let base = SpecDocument.refPath(location)
        else { return [] }
        // Every pointer a reference names, and each pointer above it: an object is used when a
        // reference names it or something inside it.
        var used: Set<String> = []
        for reference in document.references {
            var pointer = Substring(reference.ref)
            while used.insert(String(pointer)).inserted, let slash = pointer.lastIndex(of: "/") { pointer = pointer[..<slash] }
        }
        return node.members.compactMap { member in
            let pointer = SpecDocument.pointer(base + [member.key])
            guard !used.contains(pointer) else { return nil }
            return FunctionResult("Potential orphaned reusable object has been detected", path: base + [member.key])
        }
    }

    /// The functions a ruleset's `then` may name.
    public static let core: [String: RuleFunction] = Dictionary(
        uniqueKeysWithValues: [
            truthy, falsy, defined, undefined, enumeration, pattern, casing, length, alphabetical, xor, schema, typedEnum,
            unreferencedReusableObject,
        ].map { ($0.name, $0) })
}

extension JSONPath.Component {
    var text: String {
        switch self {
        case .index(let index): String(index)
        case .key(let key): key
        }
    }
}

extension JSONValue {
    var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}
