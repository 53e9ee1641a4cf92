import Foundation
import SpecLint
import SpecReader
import Testing

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
