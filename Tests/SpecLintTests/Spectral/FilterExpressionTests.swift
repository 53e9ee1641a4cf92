import Foundation
import SpecReader
import Testing

@testable import SpecLint

/// The JavaScript inside `[?( … )]`, with JavaScript's truthiness, equality and types, as
/// Spectral's rulesets rely on them; anything else is refused when the ruleset loads.
@Suite struct FilterExpressionTests {
    let document: SpecDocument

    init() throws {
        document = try SpecDocument(
            text: """
                openapi: 3.1.0
                info: {title: T, version: '1'}
                x:
                  zero: 0
                  one: 1
                  text: '1'
                  empty: ''
                  none: null
                  yes: true
                  list: [a, b]
                  map: {type: object, name: Order}
                  other: {type: string, name: order-line}
                """)
    }

    /// The keys under `x` that the filter keeps.
    func kept(_ filter: String) throws -> [String] {
        try NodePath("$.x[?(\(filter))]").evaluate(in: document, resolved: true).compactMap(\.path.last)
    }

    @Test func truthinessIsJavaScripts() throws {
        // 0, '', null and false are falsy; objects and lists are truthy whatever they hold.
        #expect(try kept("@") == ["one", "text", "yes", "list", "map", "other"])
        #expect(try kept("!@") == ["zero", "empty", "none"])
    }

    @Test func looseAndStrictEquality() throws {
        #expect(try kept("@ == 1") == ["one", "text", "yes"])
        #expect(try kept("@ === 1") == ["one"])
        #expect(try kept("@ != null && @ !== void 0 && typeof @ === 'string'") == ["text", "empty"])
    }

    @Test func typesMembersAndArrays() throws {
        #expect(try kept("typeof @ === 'object' && !Array.isArray(@) && @ !== null") == ["map", "other"])
        #expect(try kept("Array.isArray(@) && @.length === 2") == ["list"])
        #expect(try kept("@.type === 'object'") == ["map"])
        #expect(try kept("@['name'] && 'type' in @") == ["map", "other"])
    }

    @Test func stringMethodsAndRegularExpressions() throws {
        #expect(try kept("@.name && @.name.match(/^[A-Z]/)") == ["map"])
        #expect(try kept("/-/.test(@.name)") == ["other"])
        #expect(try kept("@.name && @.name.toLowerCase().startsWith('order')") == ["map", "other"])
        #expect(try kept("@property.includes('e') && @property.indexOf('o') === -1") == ["text", "empty", "yes"])
    }

    @Test(arguments: ["@.x ==", "@.x.foo()", "@weird", "eval('1')", "@.a = 1"])
    func whatIsNotUnderstoodIsRefused(filter: String) {
        #expect(throws: FilterExpression.ParseError.self) { try FilterExpression(filter) }
    }
}

/// Filters that only ask whether a node and members of it are truthy are judged without the
/// interpreter; on every node of GitHub's description, written and resolved, the answer is the
/// interpreter's.
@Suite struct MemberTermsTests {
    @Test(arguments: ["@ && @.enum && @.type", "@.type && @.properties", "@", "@.example"])
    func answersAsTheInterpreterDoes(_ script: String) throws {
        let expression = try FilterExpression(script)
        let terms = try #require(expression.memberTerms)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus/github-api.1.1.4.yaml")
        let document = try SpecDocument(text: String(contentsOf: url, encoding: .utf8))
        for resolved in [false, true] {
            let context = FilterExpression.Context(document: document, resolved: resolved)
            var judged = 0
            var differing: [String] = []
            func visit(_ node: SpecNode, key: String, parent: SpecNode) {
                if let fast = FilterExpression.holds(terms, node, context) {
                    judged += 1
                    let slow = FilterExpression.Scope(node: node, key: key, parent: parent, parentKey: nil, path: [], context: context)
                        .evaluate(expression.root).isTruthy
                    if fast != slow { differing.append("\(node.location) \(key)") }
                }
                switch node.kind {
                case .scalar: break
                case .sequence(let items): for (index, item) in items.enumerated() { visit(item, key: String(index), parent: node) }
                case .mapping(let members): for member in members { visit(member.value, key: member.key, parent: node) }
                }
            }
            visit(document.root, key: "", parent: document.root)
            #expect(judged > 60_000)
            #expect(differing.isEmpty, "\(differing.prefix(5))")
        }
    }

    @Test func otherScriptsGoToTheInterpreter() throws {
        #expect(try FilterExpression("@.length && @.type").memberTerms == nil)
        #expect(try FilterExpression("@.type === 'object'").memberTerms == nil)
        #expect(try FilterExpression("@ || @.enum").memberTerms == nil)
    }
}

/// Patterns that are plain text, plain text at the end (`.+\/$`), or one class of characters
/// (`^[A-Za-z0-9-._~]*$`) are answered without the regex engine, as the regex engine answers them.
@Suite struct PlainPatternTests {
    @Test func answersAsTheRegexEngineDoes() throws {
        let texts = [
            "/pets/", "/pets", "/", "", "a\n/", "x-/", "é/", "/x/\u{301}", "<script>", "eval(1)", "ab\r/", "//", "getPets",
            "get-pets_v2.1~", "get pets", "a[0]$&'()*+,;=@!", "get\\pets", "pets^", "ABC", "ä",
        ]
        let patterns = [
            ".+\\/$", "\\/$", ".*\\/$", "./$", "<script", "eval\\(", "x-$", ".+x-$", "^[A-Za-z0-9-._~:/?#\\[\\]@!\\$&'()*+,;=]*$",
            "^[a-z]+$", "^[a-zA-Z0-9_-]*$",
        ]
        for pattern in patterns {
            let regex = try #require(ScriptRegex.make(pattern, flags: ""))
            #expect(regex.literal != nil || regex.suffix != nil || regex.whole != nil, "\(pattern)")
            let engine = try NSRegularExpression(pattern: ScriptRegex.translate(pattern))
            for text in texts {
                let expected = engine.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(regex.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
            }
        }
        #expect(try #require(ScriptRegex.make("a+$", flags: "")).suffix == nil)
        #expect(try #require(ScriptRegex.make("\\/$", flags: "i")).suffix == nil)
        for other in ["^[\\w]*$", "^[^a-z]*$", "^[a-z]{2}$", "^[a-z]*x$"] {
            #expect(try #require(ScriptRegex.make(other, flags: "")).whole == nil, "\(other)")
        }
        // Plain text is searched by bytes, anchored on the literal's least common byte.
        for literal in ["eval(", "<script", "e", "((", "example.com"] {
            for text in [
                "", "eval", "eval(", "xeval(1)", "ev(al(", "(eval(", "eval((", "a<scrip", "<<script", "é<script>", "ee", "((", "x((y",
                "http://example.com/", "example.co",
            ] {
                #expect(ScriptRegex.contains(text, literal) == Array(text.utf8).containsSlice(Array(literal.utf8)), "\(literal) in \(text)")
            }
        }
        // JavaScript's `$` is the end of the text, not also before a last line break as ICU's is.
        #expect(try #require(ScriptRegex.make("^[a-z]+$", flags: "")).matches("abc\n") == false)
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes hold `slice` somewhere, compared naively.
    fileprivate func containsSlice(_ slice: [UInt8]) -> Bool {
        guard !slice.isEmpty else { return true }
        guard slice.count <= count else { return false }
        return (0...(count - slice.count)).contains { Array(self[$0..<($0 + slice.count)]) == slice }
    }
}
