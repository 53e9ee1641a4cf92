import Foundation
import JSONModel
import SpecLint
import SpecReader
import Testing

/// A folder of its own for one test's rulesets and documents.
private struct Folder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("specsmith-spectral-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The findings of `document` under `ruleset`, as `rule pointer: message`.
private func findings(_ document: String, ruleset: String, file: String = "api.yaml") throws -> [String] {
    let folder = try Folder()
    defer { folder.remove() }
    let rules = try Ruleset.load(try folder.write(".spectral.yaml", ruleset))
    let path = try folder.write(file, document)
    return try rules.linter(for: path).lint(document).map { "\($0.rule) \($0.pointer): \($0.message)" }
}

/// One rule applying `function` (with `options`) to what `given` selects in `body`, a document's
/// members after `openapi: 3.1.0`.
private func run(_ function: String, _ options: String? = nil, given: String = "$.x", field: String? = nil, on body: String) throws
    -> [String]
{
    let then = ["function: \(function)"] + (field.map { ["field: '\($0)'"] } ?? []) + (options.map { ["functionOptions: \($0)"] } ?? [])
    let ruleset = "rules:\n  t:\n    given: \"\(given)\"\n    then: { \(then.joined(separator: ", ")) }\n"
    return try findings("openapi: 3.1.0\n" + body, ruleset: ruleset).map { $0.replacingOccurrences(of: "t ", with: "", options: .anchored) }
}

/// A docs team's ruleset, unchanged: what it runs with `spectral lint` today (CI runs it too).
private let teamRuleset: String = {
    guard let url = Bundle.module.url(forResource: "Fixtures/team.spectral.yaml", withExtension: nil),
        let text = try? String(contentsOf: url, encoding: .utf8)
    else { return "" }
    return text
}()

@Suite struct SpectralRulesetTests {
    @Test func theTeamRulesetRunsUnchanged() throws {
        let document = """
            openapi: 3.0.3
            info: {title: Orders, version: '1', description: Orders., contact: {name: Docs}}
            servers: [{url: 'https://api.example.com'}]
            tags: [{name: Orders}]
            paths:
              /orders:
                get:
                  operationId: listOrders
                  description: Lists orders.
                  tags: [Orders]
                  responses:
                    '200':
                      description: Orders
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Order'}
            components:
              schemas:
                Order: {type: object}
                Unused: {type: string}
            """
        // The custom rule fires at the object without properties; oas3-unused-component is off, so
        // `Unused` is not reported; the recommended spectral:oas rules are otherwise quiet.
        #expect(
            try findings(document, ruleset: teamRuleset) == [
                "properties-type-object #/components/schemas/Order/properties: type: object must have a properties sibling."
            ])
    }

    @Test func extendsModesChooseWhichOASRulesRun() throws {
        let document = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n"
        let recommended = try findings(document, ruleset: "extends: spectral:oas\n").map { String($0.prefix { $0 != " " }) }
        #expect(recommended.sorted() == ["info-contact", "info-description", "oas3-api-servers"])
        let all = try findings(document, ruleset: "extends: [[spectral:oas, all]]\n").map { String($0.prefix { $0 != " " }) }
        #expect(all.sorted() == ["info-contact", "info-description", "info-license", "license-url", "oas3-api-servers", "openapi-tags"])
        let off = try findings(document, ruleset: "extends: [[spectral:oas, off]]\nrules:\n  info-license: warn\n")
        #expect(off == [#"info-license #/info/license: Info object must have "license" object."#])
        #expect(
            try findings(
                document,
                ruleset: "extends: spectral:oas\nrules:\n  info-contact: false\n  info-description: off\n  oas3-api-servers: 'off'\n"
            ).isEmpty)
    }

    @Test func specsmithRulesStayAvailableByTheirIds() throws {
        let document =
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /things:\n    delete:\n      responses: {'204': {description: Gone}}\n    get:\n      responses: {'200': {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}}\n"
        let named = try findings(document, ruleset: "rules:\n  delete-without-selector: warn\n")
        #expect(named.count == 1 && named[0].hasPrefix("delete-without-selector #/paths/~1things/delete"))
        let all = try findings(document, ruleset: "extends: specsmith\n").map { String($0.prefix { $0 != " " }) }
        #expect(Set(all) == ["delete-without-selector", "operation-operationId", "operation-description"])
    }

    @Test func rulesetsExtendByRelativePathAndRefuseCycles() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write(".spectral.yaml", "extends: spectral:oas\nrules:\n  info-contact: off\n")
        let child = try folder.write(
            "reference/.spectral.yaml", "extends: [spectral:oas, ../.spectral.yaml]\nrules:\n  info-description: error\n")
        let ruleset = try Ruleset.load(child)
        let linter = ruleset.linter(for: folder.url.appendingPathComponent("reference/api.yaml").path)
        #expect(linter.overrides["info-contact"] == .off)
        #expect(linter.overrides["info-description"] == .severity(.error))
        #expect(linter.overrides["oas3-api-servers"] == .severity(.warning))

        let loop = try folder.write("a.yaml", "extends: ./b.yaml\n")
        try folder.write("b.yaml", "extends: ./a.yaml\n")
        #expect { try Ruleset.load(loop) } throws: { ($0 as? Ruleset.LoadError)?.message.contains("extends it back") == true }
    }

    /// Mistakes in a ruleset name the file, the line and the rule, and exit 2 from the CLI.
    @Test(arguments: [
        (
            "rules:\n  r:\n    given: $.info\n    then: { function: truthly }\n",
            "4:23: rule r: unknown function truthly; did you mean truthy?"
        ),
        (
            "rules:\n  r:\n    given: \"$.paths[?(@.x ==\"\n    then: { function: truthy }\n",
            "3:12: rule r: `given` $.paths[?(@.x == is not a JSONPath"
        ),
        ("rules:\n  info-contcat: off\n", "2:3: rule info-contcat: no rule of that name is defined or inherited"),
        (
            "rules:\n  r:\n    given: $\n    then: { function: pattern, functionOptions: { match: '(' } }\n",
            "4:49: rule r: function pattern its 'match' option '(' is not a regular expression"
        ),
        ("rules:\n  r:\n    given: $\n    then: { function: length }\n", "4:11: rule r: function length needs a number 'min' or 'max'"),
        ("functions: [checkThing]\n", "1:12: `functions`: custom JavaScript functions cannot run here"),
        ("extends: spectral:asyncapi\n", "1:10: extends spectral:asyncapi: only spectral:oas"),
        (
            "overrides:\n  - files: ['api.yaml#/paths']\n    rules: {info-contact: off}\n",
            "2:12: overrides[0]: 'api.yaml#/paths' names part of a file"
        ),
    ])
    func badRulesetsSayWhereAndWhy(ruleset: String, expected: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write(".spectral.yaml", ruleset)
        do {
            _ = try Ruleset.load(path)
            Issue.record("loaded a bad ruleset")
        } catch {
            let text = error.description.replacingOccurrences(of: path + ":", with: "")
            #expect(text.hasPrefix(expected), "\(text)")
        }
    }

    /// A ruleset may be JSON, and is found as Spectral finds it: `.spectral.yaml`, then `.yml`,
    /// then `.json`, in the working folder.
    @Test func rulesetsAreFoundAndMayBeJSON() throws {
        let folder = try Folder()
        defer { folder.remove() }
        #expect(Ruleset.discover(in: folder.url.path) == nil)
        let json = try folder.write(".spectral.json", #"{"extends": [["spectral:oas", "off"]], "rules": {"info-contact": "error"}}"#)
        #expect(Ruleset.discover(in: folder.url.path) == json)
        let ruleset = try Ruleset.load(json)
        #expect(ruleset.linter(for: "api.yaml").overrides["info-contact"] == .severity(.error))
        #expect(ruleset.linter(for: "api.yaml").overrides["info-description"] == .off)
        let yaml = try folder.write(".spectral.yaml", "extends: spectral:oas\n")
        #expect(Ruleset.discover(in: folder.url.path) == yaml)
    }

    @Test func overridesApplyByFilePattern() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write(
            ".spectral.yaml",
            "extends: spectral:oas\noverrides:\n  - files: ['legacy/**/*.yaml']\n    rules:\n      info-contact: off\n")
        let ruleset = try Ruleset.load(path)
        #expect(ruleset.linter(for: folder.url.appendingPathComponent("legacy/v1/api.yaml").path).overrides["info-contact"] == .off)
        #expect(ruleset.linter(for: folder.url.appendingPathComponent("current/api.yaml").path).overrides["info-contact"] != .off)
    }

    @Test func messagesFillTheirPlaceholders() throws {
        let ruleset = """
            rules:
              summary-casing:
                message: "{{property}} at {{path}} is {{value}}: {{error}}"
                given: $.paths[*][*]
                then: { field: summary, function: casing, functionOptions: { type: kebab } }
            """
        let document = "openapi: 3.1.0\npaths:\n  /a:\n    get: {summary: Get A}\n"
        #expect(
            try findings(document, ruleset: ruleset) == [
                #"summary-casing #/paths/~1a/get/summary: summary at paths./a.get.summary is "Get A": must be kebab case"#
            ])
    }

    /// Through a `$ref`, a resolved rule reports where the node is written.
    @Test func resolvedRulesPointAtTheNodeNotTheReference() throws {
        let ruleset = "rules:\n  described:\n    given: $.paths[*][*].responses[*]\n    then: { field: description, function: truthy }\n"
        let document = """
            openapi: 3.1.0
            paths:
              /a:
                get:
                  responses:
                    '200': {$ref: '#/components/responses/Empty'}
            components:
              responses:
                Empty: {description: ''}
            """
        #expect(
            try findings(document, ruleset: ruleset) == [
                #"described #/components/responses/Empty/description: "description" property must be truthy"#
            ])
    }

    @Test func formatsLimitWhereARuleRuns() throws {
        let ruleset = "rules:\n  only-30:\n    formats: [oas3_0]\n    given: $.info\n    then: { field: contact, function: truthy }\n"
        #expect(try findings("openapi: 3.1.0\ninfo: {title: T}\n", ruleset: ruleset).isEmpty)
        #expect(try findings("openapi: 3.0.3\ninfo: {title: T}\n", ruleset: ruleset).count == 1)
    }
}

/// JSONPath-plus as Spectral evaluates `given`, on the line-aware tree.
@Suite struct NodePathTests {
    let document = try! SpecDocument(
        text: """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            tags: [{name: b}, {name: a}, {name: c}]
            paths:
              /a:
                parameters: [{name: p, in: query}]
                get: {summary: A, parameters: [{name: q, in: query}]}
                post: {summary: B}
              /b:
                links: {parameters: {x: y}}
            components:
              schemas:
                S: {type: object, properties: {e: {type: string, enum: [x, y]}}}
            """)

    func pointers(_ path: String, resolved: Bool = true) throws -> [String] {
        try NodePath(path).evaluate(in: document, resolved: resolved).map { SpecDocument.pointer($0.path) }
    }

    @Test func namesWildcardsAndIndexes() throws {
        #expect(try pointers("$.paths[*][*].summary") == ["#/paths/~1a/get/summary", "#/paths/~1a/post/summary"])
        #expect(try pointers("$.tags[1].name") == ["#/tags/1/name"])
        #expect(try pointers("$.tags[-1]") == ["#/tags/2"])
        #expect(try pointers("$.tags[0:2]") == ["#/tags/0", "#/tags/1"])
        #expect(try pointers("$['paths']['/a'].get") == ["#/paths/~1a/get"])
        #expect(try pointers("$.paths['/a'][get,post]") == ["#/paths/~1a/get", "#/paths/~1a/post"])
    }

    @Test func descendantsAndFilters() throws {
        #expect(try pointers("$..enum") == ["#/components/schemas/S/properties/e/enum"])
        #expect(try pointers("$..[?(@ && @.type == 'object')]") == ["#/components/schemas/S"])
        #expect(try pointers("$.paths[*][?(@property === 'get' || @property === 'post')]") == ["#/paths/~1a/get", "#/paths/~1a/post"])
        #expect(
            try pointers("$..[?(@parentProperty !== 'links' && @.parameters)]['parameters'].[?(@.in)]") == [
                "#/paths/~1a/parameters/0", "#/paths/~1a/get/parameters/0",
            ])
        #expect(try pointers("$.tags[?(@.name.match(/^[ab]$/))]") == ["#/tags/0", "#/tags/1"])
        #expect(try pointers("$.tags[?(typeof @.name === 'string' && @.name.startsWith('c'))]") == ["#/tags/2"])
        #expect(try pointers("$.paths[?(@property.includes('b'))]") == ["#/paths/~1b"])
        #expect(try pointers("$.tags[?(@property > 1)]") == ["#/tags/2"])
    }

    @Test func parentAndPropertyName() throws {
        #expect(try pointers("$.paths['/a'].get.summary^") == ["#/paths/~1a/get"])
        let names = try NodePath("$.paths.*~").evaluate(in: document, resolved: true)
        #expect(names.map(\.isPropertyName) == [true, true])
    }

    @Test(arguments: ["paths", "$.[", "$.paths[?(@.x ==)]", "$.paths[(@.length-1)]", "$.a[?(@.x.foo())]", "$.a[?(@weird)]"])
    func badPathsAreRefused(path: String) {
        #expect(throws: NodePath.ParseError.self) { try NodePath(path) }
    }
}

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
