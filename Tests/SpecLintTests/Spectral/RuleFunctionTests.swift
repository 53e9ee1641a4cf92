import Foundation
import JSONModel
import SpecLint
import SpecReader
import Testing

/// Spectral's core functions, with the semantics of Spectral's own tests: a value of a type the
/// function does not take passes, a missing field is `undefined`.
@Suite struct CoreFunctionTests {
    @Test func truthyAndFalsy() throws {
        #expect(try run("truthy", on: "x: {a: 1}").isEmpty)
        #expect(try run("truthy", on: "x: false") == [#"#/x: "x" property must be truthy"#])
        #expect(try run("truthy", on: "x: ''") == [#"#/x: "x" property must be truthy"#])
        #expect(try run("truthy", on: "x: 0") == [#"#/x: "x" property must be truthy"#])
        #expect(try run("truthy", given: "$", field: "x", on: "y: 1") == [#"#/x: "x" property must be truthy"#])
        #expect(try run("falsy", on: "x: false").isEmpty)
        #expect(try run("falsy", on: "x: []") == [#"#/x: "x" property must be falsy"#])
    }

    @Test func definedAndUndefined() throws {
        #expect(try run("defined", given: "$", field: "x", on: "x: null").isEmpty)
        #expect(try run("defined", given: "$", field: "x", on: "y: 1") == [#"#/x: "x" property must be defined"#])
        #expect(try run("undefined", given: "$", field: "x", on: "y: 1").isEmpty)
        #expect(try run("undefined", given: "$", field: "x", on: "x: false") == [#"#/x: "x" property must be undefined"#])
    }

    @Test func enumeration() throws {
        #expect(try run("enumeration", "{ values: [a, 2, true] }", on: "x: 2").isEmpty)
        #expect(
            try run("enumeration", "{ values: [a, b] }", on: "x: c") == [#"#/x: "c" must be equal to one of the allowed values: "a", "b""#])
        // Objects and arrays are not checked.
        #expect(try run("enumeration", "{ values: [a] }", on: "x: {a: 1}").isEmpty)
    }

    @Test func pattern() throws {
        #expect(try run("pattern", "{ match: '^[a-z]+$' }", on: "x: abc").isEmpty)
        #expect(try run("pattern", "{ match: '^[a-z]+$' }", on: "x: aBc") == [#"#/x: "aBc" must match the pattern "^[a-z]+$""#])
        #expect(try run("pattern", "{ match: '/^[a-z]+$/i' }", on: "x: aBc").isEmpty)
        #expect(
            try run("pattern", "{ notMatch: 'eval\\(' }", on: "x: 'a eval( b'") == [
                #"#/x: "a eval( b" must not match the pattern "eval\(""#
            ])
        #expect(try run("pattern", "{ notMatch: '{}' }", on: "x: '/a/{}'").count == 1)
        #expect(try run("pattern", "{ match: '^a' }", on: "x: 12").isEmpty)
    }

    @Test func casing() throws {
        #expect(try run("casing", "{ type: camel }", on: "x: fooBar2").isEmpty)
        #expect(try run("casing", "{ type: camel }", on: "x: FooBar") == ["#/x: must be camel case"])
        #expect(try run("casing", "{ type: camel, disallowDigits: true }", on: "x: foo2") == ["#/x: must be camel case"])
        #expect(try run("casing", "{ type: kebab }", on: "x: foo-bar").isEmpty)
        #expect(try run("casing", "{ type: snake }", on: "x: foo-bar") == ["#/x: must be snake case"])
        #expect(try run("casing", "{ type: macro }", on: "x: FOO_BAR").isEmpty)
        #expect(try run("casing", "{ type: cobol }", on: "x: FOO-BAR").isEmpty)
        #expect(try run("casing", "{ type: pascal }", on: "x: FooBar").isEmpty)
        #expect(try run("casing", "{ type: flat }", on: "x: foobar").isEmpty)
        #expect(try run("casing", "{ type: kebab, separator: { char: '/', allowLeading: true } }", on: "x: /foo-bar/baz").isEmpty)
        #expect(try run("casing", "{ type: kebab, separator: { char: '/' } }", on: "x: /foo-bar") == ["#/x: must be kebab case"])
    }

    @Test func length() throws {
        #expect(try run("length", "{ max: 3 }", on: "x: abc").isEmpty)
        #expect(try run("length", "{ max: 2 }", on: "x: abc") == [#"#/x: "x" property must be shorter than 2"#])
        #expect(try run("length", "{ min: 2 }", on: "x: [1]") == [#"#/x: "x" property must be longer than 2"#])
        #expect(try run("length", "{ max: 1 }", on: "x: {a: 1, b: 2}").count == 1)
        #expect(try run("length", "{ min: 5 }", on: "x: 4").count == 1)
        #expect(try run("length", "{ min: 5 }", on: "x: true").isEmpty)
    }

    @Test func alphabetical() throws {
        #expect(try run("alphabetical", on: "x: [a, b, c]").isEmpty)
        #expect(try run("alphabetical", on: "x: [b, a]") == [#"#/x/0: "b" must be placed after "a""#])
        #expect(try run("alphabetical", on: "x: {b: 1, a: 2}") == [#"#/x/b: "b" must be placed after "a""#])
        #expect(try run("alphabetical", "{ keyedBy: name }", on: "x: [{name: a}, {name: b}]").isEmpty)
        #expect(
            try run("alphabetical", "{ keyedBy: name }", on: "x: [{name: b}, {name: a}]") == [
                "#/x: properties must follow the alphabetical order"
            ])
        #expect(try run("alphabetical", on: "x: [1, 3, 2]") == ["#/x/1: 3 must be placed after 2"])
    }

    @Test func xor() throws {
        #expect(try run("xor", "{ properties: [value, externalValue] }", on: "x: {value: 1}").isEmpty)
        let both = try run("xor", "{ properties: [value, externalValue] }", on: "x: {value: 1, externalValue: u}")
        #expect(both == [#"#/x: "value" and "externalValue" must not be both defined or both undefined"#])
        #expect(try run("xor", "{ properties: [value, externalValue] }", on: "x: {summary: s}").count == 1)
    }

    @Test func schema() throws {
        #expect(try run("schema", "{ schema: { type: array, minItems: 1 } }", on: "x: [1]").isEmpty)
        #expect(try run("schema", "{ schema: { type: array, minItems: 1 } }", on: "x: []").count == 1)
        #expect(try run("schema", "{ schema: { type: string } }", given: "$", field: "x", on: "y: 1") == [#"#/x: "x" property must exist"#])
        let nested = try run("schema", "{ schema: { type: object, properties: { n: { type: integer } } } }", on: "x: {n: a}")
        #expect(nested.first?.hasPrefix("#/x/n: ") == true)
    }

    @Test func typedEnum() throws {
        #expect(try run("typedEnum", given: "$.s", on: "s: {type: string, enum: [a, b]}").isEmpty)
        #expect(
            try run("typedEnum", given: "$.s", on: "s: {type: integer, enum: [1, a]}") == [
                #"#/s/enum/1: Enum value "a" must be "integer"."#
            ])
    }

    @Test func unreferencedReusableObject() throws {
        let body =
            "paths:\n  /a: {get: {responses: {'200': {$ref: '#/components/responses/Used'}}}}\ncomponents:\n  responses:\n    Used: {description: u}\n    Spare: {description: s}\n"
        #expect(
            try run(
                "unreferencedReusableObject", "{ reusableObjectsLocation: '#/components/responses' }", given: "$.components.responses",
                on: body)
                == ["#/components/responses/Spare: Potential orphaned reusable object has been detected"])
    }

    @Test func keysAreTargetsWithAtKey() throws {
        #expect(
            try run("pattern", "{ notMatch: '/$' }", given: "$.paths", field: "@key", on: "paths:\n  /a/: {}\n  /b: {}\n") == [
                #"#/paths/~1a~1: "/a/" must not match the pattern "/$""#
            ])
    }
}
