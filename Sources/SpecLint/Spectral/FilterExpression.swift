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
    /// the commonest filter in rulesets: then a set lookup answers it.
    let propertyNames: Set<String>?

    static func propertyNames(_ expression: Expression) -> Set<String>? {
        switch expression {
        case .binary("||", let left, let right):
            guard let a = propertyNames(left), let b = propertyNames(right) else { return nil }
            return a.union(b)
        case .binary("===", .variable(.property), .literal(.string(let name))),
            .binary("===", .literal(.string(let name)), .variable(.property)),
            .binary("==", .variable(.property), .literal(.string(let name))),
            .binary("==", .literal(.string(let name)), .variable(.property)):
            return [name]
        default:
            return nil
        }
    }

    /// Parses the JavaScript of a JSONPath-plus filter (`@.type === 'object'`).
    public init(_ text: String) throws(ParseError) {
        let tokens = try Tokenizer.tokens(of: text)
        var parser = ExpressionParser(tokens: tokens)
        root = try parser.expression()
        guard parser.atEnd else { throw ParseError(description: "unexpected \(parser.currentText)") }
        usesPath = tokens.contains(.at("path"))
        propertyNames = Self.propertyNames(root)
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
        if let propertyNames, parent.isMapping { return propertyNames.contains(key) }
        let scope = Scope(
            node: node, key: key, parent: parent, parentKey: parentKey, path: usesPath ? path() : [], context: context)
        return scope.evaluate(root).isTruthy
    }

    // MARK: - Values

    indirect enum Value {
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

    enum Token: Equatable {
        case number(Double)
        case string(String)
        case regex(String, String)
        case word(String)
        case at(String)
        case symbol(String)
    }

    enum Tokenizer {
        static let symbols = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ".", ",", "-", "+"]

        static func tokens(of text: String) throws(ParseError) -> [Token] {
            let scalars = Array(text.unicodeScalars)
            var tokens: [Token] = []
            var index = 0
            func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
                scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            }
            /// A `/` starts a regex where an operand is expected, and divides nowhere: there is no division.
            var expectsOperand: Bool {
                guard let last = tokens.last else { return true }
                if case .symbol(let symbol) = last { return symbol != ")" && symbol != "]" }
                if case .word(let word) = last { return word == "typeof" || word == "void" }
                return false
            }
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == " " || scalar == "\t" || scalar == "\n" {
                    index += 1
                } else if scalar == "'" || scalar == "\"" {
                    var text = ""
                    index += 1
                    while index < scalars.count, scalars[index] != scalar {
                        if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                        text.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    guard index < scalars.count else { throw ParseError(description: "unclosed string") }
                    index += 1
                    tokens.append(.string(text))
                } else if scalar == "/" && expectsOperand {
                    var pattern = ""
                    var inClass = false
                    index += 1
                    while index < scalars.count, scalars[index] != "/" || inClass {
                        if scalars[index] == "\\", index + 1 < scalars.count {
                            pattern.unicodeScalars.append(scalars[index])
                            index += 1
                        } else if scalars[index] == "[" {
                            inClass = true
                        } else if scalars[index] == "]" {
                            inClass = false
                        }
                        pattern.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    guard index < scalars.count else { throw ParseError(description: "unclosed regular expression") }
                    index += 1
                    var flags = ""
                    while index < scalars.count, scalars[index].properties.isAlphabetic {
                        flags.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    tokens.append(.regex(pattern, flags))
                } else if ("0"..."9").contains(scalar) {
                    var digits = ""
                    while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." {
                        digits.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    guard let number = Double(digits) else { throw ParseError(description: "bad number \(digits)") }
                    tokens.append(.number(number))
                } else if scalar == "@" {
                    var word = ""
                    index += 1
                    while index < scalars.count, isWordScalar(scalars[index]) {
                        word.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    tokens.append(.at(word))
                } else if isWordScalar(scalar) {
                    var word = ""
                    while index < scalars.count, isWordScalar(scalars[index]) {
                        word.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    tokens.append(.word(word))
                } else if let symbol = symbols.first(where: { symbol in
                    let candidate = Array(symbol.unicodeScalars)
                    return index + candidate.count <= scalars.count && Array(scalars[index..<index + candidate.count]) == candidate
                }) {
                    tokens.append(.symbol(symbol))
                    index += symbol.unicodeScalars.count
                } else {
                    throw ParseError(description: "unexpected '\(scalar)'")
                }
            }
            return tokens
        }
    }

    /// Precedence climbing over JavaScript's operators, loosest first.
    struct ExpressionParser {
        let tokens: [Token]
        var index = 0

        var atEnd: Bool { index >= tokens.count }
        var currentText: String { atEnd ? "end of filter" : "\(tokens[index])" }

        mutating func take(_ symbol: String) -> Bool {
            guard !atEnd, tokens[index] == .symbol(symbol) else { return false }
            index += 1
            return true
        }

        mutating func expect(_ symbol: String) throws(ParseError) {
            guard take(symbol) else { throw ParseError(description: "expected '\(symbol)' but found \(currentText)") }
        }

        static let levels: [[String]] = [["||"], ["&&"], ["===", "!==", "==", "!="], ["<", "<=", ">", ">=", "in"], ["+", "-"]]

        mutating func expression(_ level: Int = 0) throws(ParseError) -> Expression {
            guard level < Self.levels.count else { return try unary() }
            var left = try expression(level + 1)
            while !atEnd {
                let token = tokens[index]
                let op: String
                switch token {
                case .symbol(let symbol) where Self.levels[level].contains(symbol): op = symbol
                case .word("in") where Self.levels[level].contains("in"): op = "in"
                default: return left
                }
                index += 1
                left = .binary(op, left, try expression(level + 1))
            }
            return left
        }

        mutating func unary() throws(ParseError) -> Expression {
            if take("!") { return .not(try unary()) }
            if take("-") { return .negate(try unary()) }
            if !atEnd, tokens[index] == .word("typeof") {
                index += 1
                return .typeOf(try unary())
            }
            if !atEnd, tokens[index] == .word("void") {
                index += 1
                _ = try unary()
                return .literal(.undefined)
            }
            return try postfix(try primary())
        }

        mutating func primary() throws(ParseError) -> Expression {
            guard !atEnd else { throw ParseError(description: "the filter ends where a value was expected") }
            let token = tokens[index]
            index += 1
            switch token {
            case .number(let value): return .literal(.number(value))
            case .string(let value): return .literal(.string(value))
            case .regex(let pattern, let flags):
                guard let regex = ScriptRegex.make(pattern, flags: flags) else {
                    throw ParseError(description: "/\(pattern)/ is not a regular expression this engine reads")
                }
                return .regex(regex)
            case .at(""): return .current
            case .at(let name):
                guard let variable = Variable(rawValue: name) else {
                    throw ParseError(
                        description: "@\(name) is not a JSONPath-plus variable (@property, @parentProperty, @parent, @path, @root)")
                }
                return .variable(variable)
            case .word("true"): return .literal(.bool(true))
            case .word("false"): return .literal(.bool(false))
            case .word("null"): return .literal(.null)
            case .word("undefined"): return .literal(.undefined)
            case .word("$"): return .variable(.root)
            case .word("Array"):
                try expect(".")
                guard !atEnd, tokens[index] == .word("isArray") else { throw ParseError(description: "only Array.isArray is supported") }
                index += 1
                try expect("(")
                let argument = try expression()
                try expect(")")
                return .isArray(argument)
            case .symbol("("):
                let inner = try expression()
                try expect(")")
                return inner
            default:
                throw ParseError(description: "unexpected \(token)")
            }
        }

        mutating func postfix(_ base: Expression) throws(ParseError) -> Expression {
            var value = base
            while true {
                if take(".") {
                    guard !atEnd, case .word(let name) = tokens[index] else {
                        throw ParseError(description: "a name must follow '.', found \(currentText)")
                    }
                    index += 1
                    if take("(") {
                        guard FilterExpression.methods.contains(name) else {
                            throw ParseError(
                                description:
                                    "\(name)() is not supported; known: \(FilterExpression.methods.sorted().joined(separator: ", "))")
                        }
                        var arguments: [Expression] = []
                        if !take(")") {
                            repeat { arguments.append(try expression()) } while take(",")
                            try expect(")")
                        }
                        value = .call(value, method: name, arguments: arguments)
                    } else {
                        value = .member(value, .literal(.string(name)))
                    }
                } else if take("[") {
                    let key = try expression()
                    try expect("]")
                    value = .member(value, key)
                } else {
                    return value
                }
            }
        }
    }

    // MARK: - Evaluation

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

/// JavaScript regular expressions (`/[a-b]+/im` or a bare pattern) as Foundation compiles them.
/// A JavaScript regular expression (`/[a-b]+/im` or a bare pattern) as Foundation compiles it,
/// and, when the pattern is plain text (`<script`, `eval\(`, no flags), that text: a substring
/// search then stands in for the regex engine, which on Linux converts every subject to UTF-16.
struct ScriptRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    let literal: String?

    func matches(_ text: String) -> Bool {
        if let literal { return text.contains(literal) }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var compiled: [String: ScriptRegex?] = [:]
    }

    static func make(_ pattern: String, flags: String) -> ScriptRegex? {
        let key = flags + "/" + pattern
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let known = cache.compiled[key] { return known }
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        if flags.contains("s") { options.insert(.dotMatchesLineSeparators) }
        let translated = translate(pattern)
        let made = (try? NSRegularExpression(pattern: translated, options: options)).map {
            ScriptRegex(regex: $0, literal: options.isEmpty ? literal(of: translated) : nil)
        }
        cache.compiled[key] = made
        return made
    }

    /// The text `pattern` matches when it has no metacharacters once escapes are read.
    static func literal(of pattern: String) -> String? {
        var text = ""
        var escaped = false
        for character in pattern {
            if escaped {
                guard !character.isLetter && !character.isNumber else { return nil }
                text.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if "^$.*+?()[]{}|".contains(character) {
                return nil
            } else {
                text.append(character)
            }
        }
        return escaped || text.isEmpty ? nil : text
    }

    /// JavaScript reads a brace that starts no `{n}`, `{n,}` or `{n,m}` quantifier as a literal
    /// (`/{}/`); ICU refuses it, so such braces are escaped.
    static func translate(_ pattern: String) -> String {
        let characters = Array(pattern)
        var result = ""
        var index = 0
        var inClass = false
        var openQuantifier = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                result.append(character)
                result.append(characters[index + 1])
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
                result.append(character)
            } else if character == "[" {
                inClass = true
                result.append(character)
            } else if character == "{" {
                let rest = String(characters[(index + 1)...])
                if rest.range(of: #"^[0-9]+(,[0-9]*)?\}"#, options: .regularExpression) != nil {
                    openQuantifier = true
                    result.append(character)
                } else {
                    result += "\\{"
                }
            } else if character == "}" {
                result += openQuantifier ? "}" : "\\}"
                openQuantifier = false
            } else {
                result.append(character)
            }
            index += 1
        }
        return result
    }

    /// A pattern option as Spectral reads it: `/body/flags`, or the whole string as the body.
    static func make(option: String) -> ScriptRegex? {
        if option.count > 2, option.hasPrefix("/"), let close = option.lastIndex(of: "/"), close > option.startIndex {
            let flags = option[option.index(after: close)...]
            if flags.allSatisfy({ $0.isLetter && $0.isLowercase }) {
                return make(String(option[option.index(after: option.startIndex)..<close]), flags: String(flags))
            }
        }
        return make(option, flags: "")
    }
}
