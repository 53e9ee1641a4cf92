import Foundation
import JSONModel
import OpenAPIKit

/// Validates JSON values against OpenAPI 3.1 JSON Schemas, resolving `$ref`s through the
/// document's components, and reports every problem with the path of the field at fault.
///
/// One engine serves the spec generator (examples), the mock server (requests) and the
/// linter (examples in any document).
public struct SchemaValidator: Sendable {
    public let components: OpenAPI.Components
    /// Bound on schema nesting followed through `$ref`s, so a circular schema cannot recurse forever.
    public var maxDepth = 128
    /// The compiled component schema of a name, made when a reference first needs it.
    let component: @Sendable (String) -> CompiledSchema?

    public init(components: OpenAPI.Components = .noComponents) {
        self.components = components
        let compiled = CompiledComponents(components)
        self.component = { compiled.schema(named: $0) }
    }

    /// A validator that finds `#/components/schemas/NAME` by asking `lookup` for NAME: a reader
    /// of documents compiles their components itself.
    public init(lookup: @escaping @Sendable (String) -> CompiledSchema?) {
        self.components = .noComponents
        self.component = lookup
    }

    public init(document: OpenAPI.Document) {
        self.init(components: document.components)
    }

    /// Every issue of `value` against `schema`, in document order.
    public func validate(_ value: JSONValue, against schema: JSONSchema, context: MessageContext) -> [ValidationIssue] {
        validate(value, against: CompiledSchema(schema), context: context)
    }

    /// Every issue of `value` against a compiled schema, in document order.
    public func validate(_ value: JSONValue, against schema: CompiledSchema, context: MessageContext) -> [ValidationIssue] {
        var run = ValidationRun(validator: self, context: context)
        run.check(value, schema, depth: 0)
        return run.issues
    }

    /// Whether `value` satisfies `schema`.
    public func isValid(_ value: JSONValue, against schema: JSONSchema, context: MessageContext) -> Bool {
        validate(value, against: schema, context: context).isEmpty
    }

    /// The schema a reference names, or nil when it does not resolve.
    func resolve(_ schema: JSONSchema) -> JSONSchema? {
        guard case .reference = schema.value else { return schema }
        return components[schema]
    }

    /// The compiled schema a reference names, or nil when it does not resolve.
    func resolve(_ schema: CompiledSchema) -> CompiledSchema? {
        guard case .reference(let reference) = schema.kind else { return schema }
        return reference.component.flatMap(component)
    }
}

struct ValidationRun {
    let validator: SchemaValidator
    let context: MessageContext
    var issues: [ValidationIssue] = []
    /// Where the value being checked is: a stack pushed and popped on the way down, made into a
    /// `JSONPath` only for an issue, so judging a large value allocates no path per field.
    var trail: [JSONPath.Component] = []
    var path: JSONPath { JSONPath(components: trail) }

    mutating func add(_ path: JSONPath, _ message: String, hint: String? = nil, _ code: ValidationIssue.Code) {
        issues.append(ValidationIssue(path: path, message: message, hint: hint, code: code))
    }

    /// Runs a sub-check on its own and returns its issues without recording them.
    func trial(_ value: JSONValue, _ schema: CompiledSchema, depth: Int) -> [ValidationIssue] {
        var branch = ValidationRun(validator: validator, context: context, trail: trail)
        branch.check(value, schema, depth: depth)
        return branch.issues
    }

    mutating func check(_ value: JSONValue, _ schema: CompiledSchema, depth: Int) {
        guard depth <= validator.maxDepth else {
            return add(path, "cannot be checked: the schema nests deeper than \(validator.maxDepth) levels (circular $ref?)", .uncheckable)
        }
        if !trail.isEmpty {
            if context == .request && schema.readOnly { return add(path, "is read-only and cannot be sent", .readOnly) }
            if context == .response && schema.writeOnly {
                return add(path, "is write-only and must not appear in a response", .writeOnly)
            }
        }
        if schema.nullable, case .null = value { return }
        let choices = schema.allowedValues
        if !choices.isEmpty {
            if !choices.contains(where: { $0.isJSONEqual(to: value) }) {
                let rendered = choices.map(Self.render)
                let message = choices.count == 1 ? "must be \(rendered[0])" : "must be one of: \(rendered.joined(separator: ", "))"
                return add(path, message, .notAllowed)
            }
        }
        let nullable = schema.nullable
        switch schema.kind {
        case .null:
            if value != .null { typeMismatch(value, expected: "null", nullable: false) }
        case .boolean:
            if value.boolValue == nil { typeMismatch(value, expected: "a boolean", nullable: nullable) }
        case .number(let bounds):
            guard let number = value.doubleValue else {
                return typeMismatch(value, expected: "a number", nullable: nullable)
            }
            checkBounds(number, bounds)
        case .integer(let bounds):
            guard value.doubleValue.map({ $0.rounded() == $0 }) == true, let number = value.doubleValue else {
                return typeMismatch(value, expected: "an integer", nullable: nullable)
            }
            checkBounds(number, bounds)
        case .string(let rules):
            guard case .string(let text) = value else {
                return typeMismatch(value, expected: "a string", nullable: nullable)
            }
            checkString(text, rules)
        case .object(let rules):
            guard case .object(let members) = value else {
                return typeMismatch(value, expected: "an object", nullable: nullable)
            }
            checkObject(members, rules, depth: depth)
        case .array(let rules):
            guard case .array(let items) = value else {
                return typeMismatch(value, expected: "an array", nullable: nullable)
            }
            checkArray(items, rules, depth: depth)
        case .all(let schemas):
            for subschema in schemas { check(value, subschema, depth: depth + 1) }
        case .any(let schemas):
            let outcomes = schemas.map { trial(value, $0, depth: depth + 1) }
            if !outcomes.contains(where: \.isEmpty) {
                reportNoMatch(
                    value, schemas, outcomes, keyword: "anyOf", message: "must match at least one of the allowed schemas")
            }
        case .one(let schemas):
            let outcomes = schemas.map { trial(value, $0, depth: depth + 1) }
            let matches = outcomes.filter(\.isEmpty).count
            if matches == 0 {
                reportNoMatch(
                    value, schemas, outcomes, keyword: "oneOf", message: "must match exactly one of the allowed schemas")
            } else if matches > 1 {
                let matching = outcomes.indices.filter { outcomes[$0].isEmpty }.map { Self.branch(schemas[$0], $0, "oneOf") }
                add(
                    path, "must match exactly one of the allowed schemas, but matches \(matches): \(matching.joined(separator: ", "))",
                    .composition)
            }
        case .not(let excluded):
            if trial(value, excluded, depth: depth + 1).isEmpty { add(path, "must not match the excluded schema", .composition) }
        case .reference(let reference):
            guard let target = validator.resolve(schema) else {
                return add(path, "cannot be checked: the schema reference '\(reference.written)' does not resolve", .uncheckable)
            }
            check(value, target, depth: depth + 1)
        case .fragment:
            break
        }
    }

    mutating func typeMismatch(_ value: JSONValue, expected: String, nullable: Bool) {
        add(path, "must be \(expected)\(nullable ? " or null" : ""), got \(value.typeNameWithArticle)", .wrongType)
    }

    /// When no branch of `anyOf`/`oneOf` matches, the branch for the value's own JSON
    /// type explains the failure best; without a single such branch, say it generally.
    /// Otherwise the message names each branch and the first thing wrong with it.
    mutating func reportNoMatch(
        _ value: JSONValue, _ schemas: [CompiledSchema], _ outcomes: [[ValidationIssue]], keyword: String, message: String
    ) {
        let types = schemas.map { validator.resolve($0)?.jsonType }
        let sameType = schemas.indices.filter { index in
            guard let type = types[index] else { return false }
            return type == value.typeName || (type == "number" && value.typeName == "integer")
        }
        // A branch of no one type (a composition itself) may be meant as well as those of the
        // value's type: of all these, the one it comes closest to, with the fewest issues,
        // explains it best. (Of branches that each have a type, each is named below.)
        let plausible = schemas.indices.filter { types[$0] == nil || sameType.contains($0) }
        if plausible.contains(where: { types[$0] == nil }), plausible.count > 1 {
            let fewest = plausible.map { outcomes[$0].count }.min() ?? 0
            let closest = plausible.filter { outcomes[$0].count == fewest }
            if closest.count == 1 { return issues.append(contentsOf: outcomes[closest[0]]) }
        }
        // Every branch wants another type: say which types would do.
        let wanted = outcomes.map { outcome -> Substring? in
            guard let first = outcome.first, first.code == .wrongType, first.path == path, first.message.hasPrefix("must be "),
                let got = first.message.range(of: ", got ")
            else { return nil }
            return first.message[first.message.index(first.message.startIndex, offsetBy: 8)..<got.lowerBound]
        }
        if sameType.count == 1 {
            issues.append(contentsOf: outcomes[sameType[0]])
        } else if !wanted.isEmpty, wanted.allSatisfy({ $0 != nil }) {
            let types = wanted.compactMap { $0 }.map(String.init)
            let list = types.count > 1 ? types.dropLast().joined(separator: ", ") + " or " + (types.last ?? "") : types.joined()
            add(path, "must be \(list), got \(value.typeNameWithArticle)", .wrongType)
        } else {
            let reasons = schemas.indices.map { index in
                Self.branch(schemas[index], index, keyword)
                    + (outcomes[index].first.map { issue in ": " + Self.relative(issue, to: path) } ?? "")
            }
            add(path, message + "; none does: " + reasons.joined(separator: "; "), .composition)
        }
    }

    /// An issue inside a branch, its field named from the value the branch judged: `in: must be query`.
    static func relative(_ issue: ValidationIssue, to path: JSONPath) -> String {
        guard issue.path != path else { return issue.message }
        guard issue.path.components.starts(with: path.components) else { return issue.description }
        let inner = JSONPath(components: Array(issue.path.components.dropFirst(path.components.count)))
        return "\(inner): \(issue.message)"
    }

    /// `oneOf[1] Card`: a branch by its place and, when it has one, its component's name or title.
    static func branch(_ schema: CompiledSchema, _ index: Int, _ keyword: String) -> String {
        let place = "\(keyword)[\(index)]"
        if case .reference(let reference) = schema.kind, let name = reference.name { return place + " " + name }
        return schema.title.map { place + " " + $0 } ?? place
    }

    mutating func checkBounds(_ number: Double, _ numeric: CompiledSchema.Bounds) {
        if let minimum = numeric.minimum {
            if minimum.exclusive && number <= minimum.value {
                add(path, "must be greater than \(Self.render(minimum.value))", .outOfRange)
            } else if number < minimum.value {
                add(path, "must be at least \(Self.render(minimum.value))", .outOfRange)
            }
        }
        if let maximum = numeric.maximum {
            if maximum.exclusive && number >= maximum.value {
                add(path, "must be less than \(Self.render(maximum.value))", .outOfRange)
            } else if number > maximum.value {
                add(path, "must be at most \(Self.render(maximum.value))", .outOfRange)
            }
        }
        if let divisor = numeric.multipleOf, divisor > 0 {
            let quotient = number / divisor
            if abs(quotient - quotient.rounded()) > 1e-9 { add(path, "must be a multiple of \(Self.render(divisor))", .outOfRange) }
        }
    }

    mutating func checkString(_ text: String, _ string: CompiledSchema.StringRules) {
        // Counting characters walks the whole string: only when a bound asks for it.
        let length = string.minLength > 0 || string.maxLength != nil ? text.unicodeScalars.count : 0
        if length < string.minLength {
            add(
                path, string.minLength == 1 ? "must not be empty" : "must be at least \(Self.count(string.minLength, "character"))", .length
            )
        }
        if let maxLength = string.maxLength, length > maxLength {
            add(path, "must be at most \(Self.count(maxLength, "character"))", .length)
        }
        if let pattern = string.pattern {
            switch RegexCache.shared.matches(text, pattern: pattern) {
            case .some(false): add(path, "must match the pattern \(pattern)", .pattern)
            case nil: add(path, "cannot be checked: the schema pattern \(pattern) is not a valid regular expression", .uncheckable)
            case .some(true): break
            }
        }
        if let problem = StringFormats.problem(with: text, format: string.format) { add(path, problem, .format) }
    }

    mutating func checkObject(_ members: JSONObject, _ object: CompiledSchema.ObjectRules, depth: Int) {
        for property in object.properties {
            if let member = members[property.name] {
                trail.append(.key(property.name))
                check(member, property.schema, depth: depth + 1)
                trail.removeLast()
            } else if property.required && !isExemptFromRequired(property.schema) {
                add(path.appending(key: property.name), "is required", .required)
            }
        }
        for (name, member) in members where object[name] == nil {
            trail.append(.key(name))
            defer { trail.removeLast() }
            let patterns = object.patternProperties.filter { RegexCache.shared.matches(name, pattern: $0.pattern) == true }
            if !patterns.isEmpty {
                for (_, schema) in patterns { check(member, schema, depth: depth + 1) }
                continue
            }
            switch object.additional {
            case .allowed(false):
                add(
                    path, "unknown field '\(name)'",
                    hint: Spelling.closest(to: name, in: object.properties.map(\.name)).map { "did you mean '\($0)'?" }, .unknownField)
            case .schema(let schema):
                check(member, schema, depth: depth + 1)
            case .allowed(true), .unspecified:
                break
            }
        }
        // OpenAPIKit reports minProperties as at least the number of required properties,
        // which the checks above already cover; only a larger minimum was declared.
        if object.minProperties > object.requiredCount, members.count < object.minProperties {
            add(path, "must have at least \(Self.count(object.minProperties, "field"))", .propertyCount)
        }
        if let maxProperties = object.maxProperties, members.count > maxProperties {
            add(path, "must have at most \(Self.count(maxProperties, "field"))", .propertyCount)
        }
    }

    /// A required property the client cannot send (read-only in a request) or the server
    /// does not return (write-only in a response) is not missing.
    func isExemptFromRequired(_ property: CompiledSchema) -> Bool {
        guard let resolved = validator.resolve(property) else { return false }
        return (context == .request && (resolved.readOnly || property.readOnly))
            || (context == .response && (resolved.writeOnly || property.writeOnly))
    }

    mutating func checkArray(_ items: [JSONValue], _ array: CompiledSchema.ArrayRules, depth: Int) {
        if items.count < array.minItems {
            add(path, "must be an array of at least \(Self.count(array.minItems, "item"))", .itemCount)
        }
        if let maxItems = array.maxItems, items.count > maxItems {
            add(path, "must be an array of at most \(Self.count(maxItems, "item"))", .itemCount)
        }
        if array.uniqueItems {
            outer: for i in items.indices {
                for j in items.indices where j > i && items[i].isJSONEqual(to: items[j]) {
                    add(path, "must not contain duplicate items ([\(i)] and [\(j)] are equal)", .duplicateItems)
                    break outer
                }
            }
        }
        let prefix = array.prefixItems
        for (index, item) in items.enumerated() {
            let schema = index < prefix.count ? prefix[index] : array.items
            guard let schema else { continue }
            trail.append(.index(index))
            check(item, schema, depth: depth + 1)
            trail.removeLast()
        }
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func render(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func render(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter(pretty: false).string(value)
    }
}
