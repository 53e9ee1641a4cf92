import Foundation
import SpecReader

/// The script inside a JSONPath-plus filter, `[?(@ && @.type == 'object')]`: the subset of
/// JavaScript that Spectral rulesets write, evaluated with JavaScript's truthiness and equality.
///
/// `@` is the node tested; `@property` its key (an index on a list), `@parentProperty` its
/// parent's key, `@parent` its parent, `@path` its JSONPath, `@root` the document. Members
/// (`@.type`, `@['x-foo']`, `.length`), `typeof`, `void 0`, `Array.isArray`, regex literals and
/// the string methods `match`, `test`, `includes`, `startsWith`, `endsWith`, `indexOf`,
/// `toLowerCase`, `toUpperCase` and `trim` are understood; anything else is refused when the
/// ruleset loads, never guessed at.
public struct FilterExpression: Sendable {
    let root: Expression

    /// Why a filter expression does not parse.
    public struct ParseError: Error, CustomStringConvertible {
        /// Where and why, for a ruleset's error message.
        public let description: String
    }

    /// Whether the script reads `@path`, the one variable that needs the whole path built.
    let usesPath: Bool
    /// Set when the script only compares `@property` with names (`@property === 'get' || …`),
    /// the commonest filter in rulesets: then comparing the key with the names answers it. A
    /// list, not a set: every key of a document is looked up in it, and comparing a key with the
    /// two or three names such filters give costs less than hashing it.
    let propertyNames: [String]?
    /// Whether none of those names is one JavaScript compares equal to a number: an item of a
    /// list, whose `@property` is its index, then never matches.
    let propertyNamesAreWords: Bool

    static func propertyNames(_ expression: Expression) -> [String]? {
        switch expression {
        case .binary("||", let left, let right):
            guard let a = propertyNames(left), let b = propertyNames(right) else { return nil }
            return a + b.filter { !a.contains($0) }
        case .binary("===", .variable(.property), .literal(.string(let name))),
            .binary("===", .literal(.string(let name)), .variable(.property)),
            .binary("==", .variable(.property), .literal(.string(let name))),
            .binary("==", .literal(.string(let name)), .variable(.property)):
            return [name]
        default:
            return nil
        }
    }

    /// Set when the script asks only whether the node and members of it are truthy, joined by
    /// `&&` (`@ && @.enum && @.type`): nil stands for `@`, a name for `@.name`. Read straight
    /// from the node, these skip the interpreter, which a filter over every node of a large
    /// document pays for on each.
    let memberTerms: [String?]?

    static func memberTerms(_ expression: Expression) -> [String?]? {
        switch expression {
        case .binary("&&", let left, let right):
            guard let a = memberTerms(left), let b = memberTerms(right) else { return nil }
            return a + b
        case .current: return [nil]
        case .member(.current, .literal(.string(let name))) where name != "length": return [name]
        default: return nil
        }
    }

    /// `memberTerms` judged on `node`, as the interpreter would judge them; nil where only the
    /// interpreter can tell (a list, or a reference to something other than a mapping).
    static func holds(_ terms: [String?], _ node: SpecNode, _ context: Context) -> Bool? {
        guard case .mapping = node.kind else {
            // A scalar has no members; `@` alone is its own truthiness.
            if node.isScalar { return terms.contains { $0 != nil } ? false : Value.of(node).isTruthy }
            return nil
        }
        let target = context.follow(node, at: []).node
        guard case .mapping(let members) = target.kind else { return nil }
        for case let name? in terms {
            guard let member = members.first(where: { $0.key == name }) else { return false }
            let value = context.follow(member.value, at: []).node
            guard Value.of(value).isTruthy else { return false }
        }
        return true
    }

    /// Parses the JavaScript of a JSONPath-plus filter (`@.type === 'object'`).
    public init(_ text: String) throws(ParseError) {
        let tokens = try Tokenizer.tokens(of: text)
        var parser = ExpressionParser(tokens: tokens)
        root = try parser.expression()
        guard parser.atEnd else { throw ParseError(description: "unexpected \(parser.currentText)") }
        usesPath = tokens.contains(.at("path"))
        propertyNames = Self.propertyNames(root)
        // A name that starts with a letter is never a number to JavaScript, `Infinity` aside.
        propertyNamesAreWords = (propertyNames ?? []).allSatisfy { name in
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.first?.isLetter == true && trimmed != "Infinity"
        }
        memberTerms = Self.memberTerms(root)
    }

    /// What a rule's paths are evaluated against: local `$ref`s followed or not.
    /// A class: every filter evaluation holds it, and one reference costs less to pass around
    /// than the document's fields.
    final class Context: Sendable {
        let document: SpecDocument
        let resolved: Bool

        init(document: SpecDocument, resolved: Bool) {
            self.document = document
            self.resolved = resolved
        }

        /// The node a `$ref` names when resolving, with its path; the node itself otherwise.
        func follow(_ node: SpecNode, at path: [String]) -> (node: SpecNode, path: [String]) {
            resolved ? document.follow(node, at: path) : (node, path)
        }
    }

    /// Whether the filter holds for `node`, the member `key` of `parent` (itself the member
    /// `parentKey` of its own parent). `path` is asked for only when the script says `@path`.
    func isTrue(
        node: SpecNode, key: String, parent: SpecNode, parentKey: String?, path: () -> [String], _ context: Context
    ) -> Bool {
        if let propertyNames {
            if parent.isMapping { return propertyNames.contains(key) }
            if propertyNamesAreWords { return false }
        }
        if let memberTerms, let answer = Self.holds(memberTerms, node, context) { return answer }
        let scope = Scope(
            node: node, key: key, parent: parent, parentKey: parentKey, path: usesPath ? path() : [], context: context)
        return scope.evaluate(root).isTruthy
    }

    // MARK: - Values

    // Not `indirect`: a value is made for every node a filter looks at, and an indirect case
    // is a heap box each time; arrays hold their values out of line already.
    enum Value {
        case undefined
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case node(SpecNode)
        case array([Value])
        case regex(ScriptRegex)

        var isTruthy: Bool {
            switch self {
            case .undefined, .null: false
            case .bool(let value): value
            case .number(let value): value != 0 && !value.isNaN
            case .string(let value): !value.isEmpty
            case .node, .array, .regex: true
            }
        }

        var typeName: String {
            switch self {
            case .undefined: "undefined"
            case .null, .node, .array, .regex: "object"
            case .bool: "boolean"
            case .number: "number"
            case .string: "string"
            }
        }

        /// A scalar node as JavaScript sees it once YAML's core schema has typed it.
        static func of(_ node: SpecNode) -> Value {
            guard case .scalar = node.kind else { return .node(node) }
            switch node.json {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .integer(let value): return .number(Double(value))
            case .number(let value): return .number(value)
            case .string(let value): return .string(value)
            default: return .node(node)
            }
        }

        var asNumber: Double {
            switch self {
            case .number(let value): value
            case .bool(let value): value ? 1 : 0
            case .null: 0
            case .string(let value):
                value.trimmingCharacters(in: .whitespaces).isEmpty ? 0 : Double(value.trimmingCharacters(in: .whitespaces)) ?? .nan
            default: .nan
            }
        }

        var asString: String? {
            switch self {
            case .string(let value): value
            case .number(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
            case .bool(let value): String(value)
            case .null: "null"
            case .undefined: "undefined"
            default: nil
            }
        }

        static func strictlyEqual(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.undefined, .undefined), (.null, .null): true
            case (.bool(let x), .bool(let y)): x == y
            case (.number(let x), .number(let y)): x == y
            case (.string(let x), .string(let y)): x == y
            // Two nodes are the same node when they start at the same place.
            case (.node(let x), .node(let y)): x.location == y.location
            default: false
            }
        }

        static func looselyEqual(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.undefined, .null), (.null, .undefined): return true
            case (.undefined, _), (.null, _), (_, .undefined), (_, .null): return strictlyEqual(a, b)
            case (.node, _), (_, .node), (.array, _), (_, .array), (.regex, _), (_, .regex): return strictlyEqual(a, b)
            case (.string(let x), .string(let y)): return x == y
            default: return a.asNumber == b.asNumber
            }
        }
    }

    // MARK: - Syntax

    indirect enum Expression: Sendable {
        case literal(Literal)
        case regex(ScriptRegex)
        case current
        case variable(Variable)
        case member(Expression, Expression)
        case call(Expression, method: String, arguments: [Expression])
        case isArray(Expression)
        case typeOf(Expression)
        case not(Expression)
        case negate(Expression)
        case binary(String, Expression, Expression)
    }

    enum Variable: String, Sendable {
        case property, parentProperty, parent, path, root
    }

    enum Literal: Sendable {
        case undefined, null
        case bool(Bool)
        case number(Double)
        case string(String)
    }

    static let methods: Set<String> = [
        "match", "test", "includes", "startsWith", "endsWith", "indexOf", "toLowerCase", "toUpperCase", "trim",
    ]

    struct Scope {
        let node: SpecNode
        let key: String
        let parent: SpecNode
        let parentKey: String?
        let path: [String]
        let context: Context

        func evaluate(_ expression: Expression) -> Value {
            switch expression {
            case .literal(let literal):
                switch literal {
                case .undefined: return .undefined
                case .null: return .null
                case .bool(let value): return .bool(value)
                case .number(let value): return .number(value)
                case .string(let value): return .string(value)
                }
            case .regex(let regex):
                return .regex(regex)
            case .current:
                return Value.of(node)
            case .variable(let variable):
                switch variable {
                case .property:
                    if case .sequence = parent.kind, let index = Int(key) {
                        return .number(Double(index))
                    }
                    return .string(key)
                case .parentProperty:
                    return parentKey.map(Value.string) ?? .undefined
                case .parent:
                    return .node(parent)
                case .path:
                    return .string("$" + path.map { "['\($0)']" }.joined())
                case .root:
                    return .node(context.document.root)
                }
            case .member(let base, let keyExpression):
                return member(evaluate(base), evaluate(keyExpression))
            case .call(let base, let method, let arguments):
                return call(evaluate(base), method, arguments.map(evaluate))
            case .isArray(let argument):
                if case .node(let node) = evaluate(argument), case .sequence = node.kind { return .bool(true) }
                if case .array = evaluate(argument) { return .bool(true) }
                return .bool(false)
            case .typeOf(let argument):
                return .string(evaluate(argument).typeName)
            case .not(let argument):
                return .bool(!evaluate(argument).isTruthy)
            case .negate(let argument):
                return .number(-evaluate(argument).asNumber)
            case .binary(let op, let left, let right):
                return binary(op, left, right)
            }
        }

        func binary(_ op: String, _ leftExpression: Expression, _ rightExpression: Expression) -> Value {
            let left = evaluate(leftExpression)
            switch op {
            case "&&": return left.isTruthy ? evaluate(rightExpression) : left
            case "||": return left.isTruthy ? left : evaluate(rightExpression)
            default: break
            }
            let right = evaluate(rightExpression)
            switch op {
            case "===": return .bool(Value.strictlyEqual(left, right))
            case "!==": return .bool(!Value.strictlyEqual(left, right))
            case "==": return .bool(Value.looselyEqual(left, right))
            case "!=": return .bool(!Value.looselyEqual(left, right))
            case "in":
                guard case .node(let node) = right, let name = left.asString else { return .bool(false) }
                return .bool(!member(.node(node), .string(name)).isUndefined)
            case "+":
                if case .string(let x) = left, let y = right.asString { return .string(x + y) }
                if case .string(let y) = right, let x = left.asString { return .string(x + y) }
                return .number(left.asNumber + right.asNumber)
            case "-": return .number(left.asNumber - right.asNumber)
            default:
                if case .string(let x) = left, case .string(let y) = right {
                    switch op {
                    case "<": return .bool(x < y)
                    case "<=": return .bool(x <= y)
                    case ">": return .bool(x > y)
                    default: return .bool(x >= y)
                    }
                }
                let (x, y) = (left.asNumber, right.asNumber)
                switch op {
                case "<": return .bool(x < y)
                case "<=": return .bool(x <= y)
                case ">": return .bool(x > y)
                default: return .bool(x >= y)
                }
            }
        }

        func member(_ base: Value, _ key: Value) -> Value {
            switch base {
            case .node(let node):
                let target = context.follow(node, at: []).node
                guard let name = key.asString else { return .undefined }
                switch target.kind {
                case .sequence(let items):
                    if name == "length" { return .number(Double(items.count)) }
                    guard let index = Int(name), items.indices.contains(index) else { return .undefined }
                    return Value.of(context.follow(items[index], at: []).node)
                case .mapping(let members):
                    guard let member = members.first(where: { $0.key == name }) else { return .undefined }
                    return Value.of(context.follow(member.value, at: []).node)
                case .scalar:
                    return .undefined
                }
            case .string(let text):
                if key.asString == "length" { return .number(Double(text.utf16.count)) }
                return .undefined
            case .array(let items):
                if key.asString == "length" { return .number(Double(items.count)) }
                return .undefined
            default:
                return .undefined
            }
        }

        func call(_ base: Value, _ method: String, _ arguments: [Value]) -> Value {
            let argument = arguments.first ?? .undefined
            if case .regex(let regex) = base {
                guard method == "test", let text = argument.asString else { return .undefined }
                return .bool(regex.matches(text))
            }
            guard case .string(let text) = base else { return .undefined }
            switch method {
            case "match":
                let regex: ScriptRegex?
                if case .regex(let given) = argument {
                    regex = given
                } else {
                    regex = argument.asString.flatMap { ScriptRegex.make($0, flags: "") }
                }
                guard let regex else { return .undefined }
                return regex.matches(text) ? .array([.string(text)]) : .null
            case "includes": return .bool(argument.asString.map { $0.isEmpty || text.contains($0) } ?? false)
            case "startsWith": return .bool(argument.asString.map(text.hasPrefix) ?? false)
            case "endsWith": return .bool(argument.asString.map(text.hasSuffix) ?? false)
            case "indexOf":
                guard let needle = argument.asString else { return .number(-1) }
                guard let range = text.range(of: needle) else { return .number(needle.isEmpty ? 0 : -1) }
                return .number(Double(text.utf16.distance(from: text.startIndex, to: range.lowerBound)))
            case "toLowerCase": return .string(text.lowercased())
            case "toUpperCase": return .string(text.uppercased())
            case "trim": return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
            default: return .undefined
            }
        }
    }
}

extension FilterExpression.Value {
    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }
}
