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
    /// The component schema of a name, made when a reference first needs it: a large document's
    /// components cost more to decode than the few examples that use them to check.
    let lookup: (@Sendable (String) -> JSONSchema?)?

    public init(components: OpenAPI.Components = .noComponents) {
        self.components = components
        self.lookup = nil
    }

    /// A validator that finds `#/components/schemas/NAME` by asking `lookup` for NAME.
    public init(lookup: @escaping @Sendable (String) -> JSONSchema?) {
        self.components = .noComponents
        self.lookup = lookup
    }

    public init(document: OpenAPI.Document) {
        self.init(components: document.components)
    }

    /// Every issue of `value` against `schema`, in document order.
    public func validate(_ value: JSONValue, against schema: JSONSchema, context: MessageContext) -> [ValidationIssue] {
        var run = ValidationRun(validator: self, context: context)
        run.check(value, schema, at: .root, depth: 0)
        return run.issues
    }

    /// Whether `value` satisfies `schema`.
    public func isValid(_ value: JSONValue, against schema: JSONSchema, context: MessageContext) -> Bool {
        validate(value, against: schema, context: context).isEmpty
    }

    /// The schema a reference names, or nil when it does not resolve.
    func resolve(_ schema: JSONSchema) -> JSONSchema? {
        guard case .reference(let reference, _) = schema.value else { return schema }
        if let lookup, case .internal(.component(let name)) = reference { return lookup(name) }
        return components[schema]
    }
}

struct ValidationRun {
    let validator: SchemaValidator
    let context: MessageContext
    var issues: [ValidationIssue] = []

    mutating func add(_ path: JSONPath, _ message: String, hint: String? = nil, _ code: ValidationIssue.Code) {
        issues.append(ValidationIssue(path: path, message: message, hint: hint, code: code))
    }

    /// Runs a sub-check on its own and returns its issues without recording them.
    func trial(_ value: JSONValue, _ schema: JSONSchema, at path: JSONPath, depth: Int) -> [ValidationIssue] {
        var branch = ValidationRun(validator: validator, context: context)
        branch.check(value, schema, at: path, depth: depth)
        return branch.issues
    }

    mutating func check(_ value: JSONValue, _ schema: JSONSchema, at path: JSONPath, depth: Int) {
        guard depth <= validator.maxDepth else {
            return add(path, "cannot be checked: the schema nests deeper than \(validator.maxDepth) levels (circular $ref?)", .uncheckable)
        }
        let core = schema.coreContext
        if !path.components.isEmpty {
            if context == .request && core.readOnly { return add(path, "is read-only and cannot be sent", .readOnly) }
            if context == .response && core.writeOnly { return add(path, "is write-only and must not appear in a response", .writeOnly) }
        }
        if value == .null && core.nullable { return }
        if let allowed = core.allowedValues, !allowed.isEmpty {
            let choices = allowed.map(JSONValue.init)
            if !choices.contains(where: { $0.isJSONEqual(to: value) }) {
                let rendered = choices.map(Self.render)
                let message = choices.count == 1 ? "must be \(rendered[0])" : "must be one of: \(rendered.joined(separator: ", "))"
                return add(path, message, .notAllowed)
            }
        }
        switch schema.value {
        case .null:
            if value != .null { typeMismatch(value, expected: "null", nullable: false, at: path) }
        case .boolean:
            if value.boolValue == nil { typeMismatch(value, expected: "a boolean", nullable: core.nullable, at: path) }
        case .number(_, let numeric):
            guard let number = value.doubleValue else {
                return typeMismatch(value, expected: "a number", nullable: core.nullable, at: path)
            }
            checkBounds(number, numeric, at: path)
        case .integer(_, let integral):
            guard value.doubleValue.map({ $0.rounded() == $0 }) == true, let number = value.doubleValue else {
                return typeMismatch(value, expected: "an integer", nullable: core.nullable, at: path)
            }
            checkBounds(number, integral.numericContext, at: path)
        case .string(let stringCore, let string):
            guard case .string(let text) = value else {
                return typeMismatch(value, expected: "a string", nullable: core.nullable, at: path)
            }
            checkString(text, format: stringCore.format.rawValue, string, at: path)
        case .object(_, let object):
            guard case .object(let members) = value else {
                return typeMismatch(value, expected: "an object", nullable: core.nullable, at: path)
            }
            checkObject(members, object, at: path, depth: depth)
        case .array(_, let array):
            guard case .array(let items) = value else {
                return typeMismatch(value, expected: "an array", nullable: core.nullable, at: path)
            }
            checkArray(items, array, at: path, depth: depth)
        case .all(of: let schemas, _):
            for subschema in schemas { check(value, subschema, at: path, depth: depth + 1) }
        case .any(of: let schemas, _):
            let outcomes = schemas.map { trial(value, $0, at: path, depth: depth + 1) }
            if !outcomes.contains(where: \.isEmpty) {
                reportNoMatch(
                    value, schemas, outcomes, at: path, keyword: "anyOf", message: "must match at least one of the allowed schemas")
            }
        case .one(of: let schemas, _):
            let outcomes = schemas.map { trial(value, $0, at: path, depth: depth + 1) }
            let matches = outcomes.filter(\.isEmpty).count
            if matches == 0 {
                reportNoMatch(
                    value, schemas, outcomes, at: path, keyword: "oneOf", message: "must match exactly one of the allowed schemas")
            } else if matches > 1 {
                let matching = outcomes.indices.filter { outcomes[$0].isEmpty }.map { Self.branch(schemas[$0], $0, "oneOf") }
                add(
                    path, "must match exactly one of the allowed schemas, but matches \(matches): \(matching.joined(separator: ", "))",
                    .composition)
            }
        case .not(let excluded, _):
            if trial(value, excluded, at: path, depth: depth + 1).isEmpty { add(path, "must not match the excluded schema", .composition) }
        case .reference(let reference, _):
            guard let target = validator.resolve(schema) else {
                return add(path, "cannot be checked: the schema reference '\(reference.absoluteString)' does not resolve", .uncheckable)
            }
            check(value, target, at: path, depth: depth + 1)
        case .fragment:
            break
        }
    }

    mutating func typeMismatch(_ value: JSONValue, expected: String, nullable: Bool, at path: JSONPath) {
        add(path, "must be \(expected)\(nullable ? " or null" : ""), got \(value.typeNameWithArticle)", .wrongType)
    }

    /// When no branch of `anyOf`/`oneOf` matches, the branch for the value's own JSON
    /// type explains the failure best; without a single such branch, say it generally.
    /// Otherwise the message names each branch and the first thing wrong with it.
    mutating func reportNoMatch(
        _ value: JSONValue, _ schemas: [JSONSchema], _ outcomes: [[ValidationIssue]], at path: JSONPath, keyword: String, message: String
    ) {
        let sameType = schemas.indices.filter { index in
            guard let type = validator.resolve(schemas[index])?.jsonType else { return false }
            return type.rawValue == value.typeName || (type == .number && value.typeName == "integer")
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
                    + (outcomes[index].first.map { issue in ": " + (issue.path == path ? issue.message : issue.description) } ?? "")
            }
            add(path, message + "; none does: " + reasons.joined(separator: "; "), .composition)
        }
    }

    /// `oneOf[1] Card`: a branch by its place and, when it has one, its component's name or title.
    static func branch(_ schema: JSONSchema, _ index: Int, _ keyword: String) -> String {
        let place = "\(keyword)[\(index)]"
        if case .reference(let reference, _) = schema.value, let name = reference.name { return place + " " + name }
        return schema.title.map { place + " " + $0 } ?? place
    }

    mutating func checkBounds(_ number: Double, _ numeric: JSONSchema.NumericContext, at path: JSONPath) {
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

    mutating func checkString(_ text: String, format: String, _ string: JSONSchema.StringContext, at path: JSONPath) {
        let length = text.unicodeScalars.count
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
        if let problem = StringFormats.problem(with: text, format: format) { add(path, problem, .format) }
    }

    mutating func checkObject(_ members: JSONObject, _ object: JSONSchema.ObjectContext, at path: JSONPath, depth: Int) {
        for (name, property) in object.properties {
            let child = path.appending(key: name)
            if let member = members[name] {
                check(member, property, at: child, depth: depth + 1)
            } else if property.required && !isExemptFromRequired(property) {
                add(child, "is required", .required)
            }
        }
        for (name, member) in members where object.properties[name] == nil {
            let child = path.appending(key: name)
            let patterns = object.patternProperties.filter { RegexCache.shared.matches(name, pattern: $0.key) == true }
            if !patterns.isEmpty {
                for (_, schema) in patterns { check(member, schema, at: child, depth: depth + 1) }
                continue
            }
            switch object.additionalProperties {
            case .a(false):
                add(
                    child, "unknown field '\(name)'",
                    hint: Spelling.closest(to: name, in: Array(object.properties.keys)).map { "did you mean '\($0)'?" }, .unknownField)
            case .b(let schema):
                check(member, schema, at: child, depth: depth + 1)
            case .a(true), nil:
                break
            }
        }
        // OpenAPIKit reports minProperties as at least the number of required properties,
        // which the checks above already cover; only a larger minimum was declared.
        if object.minProperties > object.requiredProperties.count, members.count < object.minProperties {
            add(path, "must have at least \(Self.count(object.minProperties, "field"))", .propertyCount)
        }
        if let maxProperties = object.maxProperties, members.count > maxProperties {
            add(path, "must have at most \(Self.count(maxProperties, "field"))", .propertyCount)
        }
    }

    /// A required property the client cannot send (read-only in a request) or the server
    /// does not return (write-only in a response) is not missing.
    func isExemptFromRequired(_ property: JSONSchema) -> Bool {
        guard let resolved = validator.resolve(property) else { return false }
        let core = resolved.coreContext
        return (context == .request && (core.readOnly || property.coreContext.readOnly))
            || (context == .response && (core.writeOnly || property.coreContext.writeOnly))
    }

    mutating func checkArray(_ items: [JSONValue], _ array: JSONSchema.ArrayContext, at path: JSONPath, depth: Int) {
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
        let prefix = array.prefixItems ?? []
        for (index, item) in items.enumerated() {
            let schema = index < prefix.count ? prefix[index] : array.items
            if let schema { check(item, schema, at: path.appending(index: index), depth: depth + 1) }
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
