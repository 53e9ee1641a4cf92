import Foundation
import SpecReader

extension FilterExpression {
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
}
