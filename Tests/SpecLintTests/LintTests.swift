import Foundation
import JSONModel
import SpecLint
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

private func lines(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.location.map(\.description) ?? "-"): \($0.severity.rawValue) \($0.rule): \($0.message) [\($0.pointer)]" }
}

private let referenceExamples = """
    openapi: 3.1.0
    info: {title: Groups, version: '1.0'}
    paths:
      /a: &group
        get:
          responses:
            '200':
              description: A group.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Group'}
                  examples:
                    group: {$ref: '#/components/examples/group'}
                    copy:
                      value: {$ref: '#/components/examples/member-list/value'}
      /b: *group
      /c: *group
    components:
      schemas:
        Group:
          type: object
          properties:
            name: {type: string}
            members:
              type: array
              items:
                type: object
                properties:
                  id: {type: integer}
                  $ref: {type: string, format: uri}
      examples:
        group:
          value:
            name: admins
            members: {$ref: '#/components/examples/members/value'}
        member-list:
          value:
            name: readers
            members:
              - {id: 3, $ref: 'https://example.com/users/3'}
        members:
          value:
            - id: 1
            - id: two
    """

@Suite struct LintTests {
    /// Every rule fires on the defects fixture, at the line and path the expected file names.
    @Test func defectsFixtureGivesTheExpectedFindings() throws {
        let expected = try fixture("defects.expected").split(separator: "\n").map(String.init)
        #expect(lines(try Linter().lint(try fixture("defects.yaml"))) == expected)
    }

    /// The precision fixture: what a corpus of public specs showed the linter missing or getting
    /// wrong. A `$ref` with escapes is followed, each finding is at the failing value's line (or the
    /// shared parameter's, not the `$ref`'s), a DELETE on `/account` and a document without tags
    /// are fine, an object that `maxProperties: 0` says must be empty is no empty placeholder, and
    /// unknown fields, wrong defaults, equivalent paths, a variable used twice and patterns that
    /// are not ECMA-262 are found.
    @Test func precisionFixtureGivesTheExpectedFindings() throws {
        let expected = try fixture("precision.expected").split(separator: "\n").map(String.init)
        #expect(lines(try Linter().lint(try fixture("precision.yaml"))) == expected)
    }

    /// Example values may reuse others' through `$ref`, as GitHub's descriptions do: the
    /// reference is resolved, as Spectral does, and a wrong value that three operations reach is
    /// one finding where it is written, naming the reference. A `$ref` member that is data (a URL)
    /// stays data.
    @Test func referencesInExampleValuesAreResolvedAndReportedOnce() throws {
        let text = """
            \(referenceExamples)
            """
        let found = try Linter().lint(text)
        #expect(!found.contains { $0.rule == "component-unused" })
        #expect(
            lines(found.filter { $0.rule == "example-valid" }) == [
                "44:15: error example-valid: example members[1].id: must be an integer, got a string (reached through $ref '#/components/examples/members/value') [#/components/examples/members/value/1/id]"
            ])
    }

    @Test func everyRuleFiresOnTheDefectsFixtures() throws {
        let linter = Linter(overrides: ["openapikit": .severity(.error)])
        let fired = Set(
            try ["defects.yaml", "typed30.yaml", "precision.yaml"].flatMap { try linter.lint(try fixture($0)) }.map(\.rule))
        #expect(Set(Linter.catalog.map(\.id)).subtracting(fired) == [])
    }

    /// A 3.0 document is read as 3.0 means it: OpenAPIKit30, converted by OpenAPIKitCompat.
    /// `nullable` admits the null name; a boolean `exclusiveMinimum` excludes 1; OpenAPIKit's
    /// validator finds the undefined server variable and the impossible length bounds.
    let typed = Linter(overrides: ["openapikit": .severity(.error)])

    @Test func openAPI30IsConvertedAndJudgedByOpenAPIKit() throws {
        #expect(
            lines(try typed.lint(try fixture("typed30.yaml"))) == [
                "6:3: error openapikit: OpenAPIKit's validator: Server Object does not define the variable 'region' that is found in the `urlTemplate` 'https://{region}.example.com/v1' [#/servers/0]",
                "19:18: error example-valid: example: must be greater than 1 [#/paths/~1things/get/parameters/0/example]",
                "26:43: error example-valid: example code: must be at least 5 characters [#/paths/~1things/get/responses/200/content/application~1json/example/code]",
                "33:15: error openapikit: OpenAPIKit's validator: Failed to satisfy: String minLength and maxLength are compatible [#/components/schemas/Thing/properties/code]",
            ])
    }

    /// The same text as 3.1 does not decode: `exclusiveMinimum` is a number there. The
    /// decoder's error is one line at the schema's line.
    @Test func aDecodingFailureHasAPathAndLine() throws {
        let text = try fixture("typed30.yaml").replacingOccurrences(of: "openapi: 3.0.3", with: "openapi: 3.1.0")
        let found = try typed.lint(text).filter { $0.rule == "openapikit" }
        #expect(
            lines(found) == [
                "18:17: error openapikit: OpenAPIKit cannot decode the document: Found neither a $ref nor a JSONSchema in .parameters[0].schema for the **GET** endpoint under `/things`. JSONSchema could not be decoded because: Expected `exclusiveMinimum` value to be parsable as Double but it was not [#/paths/~1things/get/parameters/0/schema]"
            ])
    }

    /// With eight paths the decoder cannot read, the one reported is the first in the document:
    /// keys are handed to OpenAPIKit in document order, not in hash order (which changes from
    /// process to process and used to move the finding between runs).
    @Test func aDecodingFailureIsTheFirstInTheDocument() throws {
        let paths = (1...8).map {
            "  /p\($0):\n    get:\n      responses: {'200': {description: OK}}\n      parameters: [{name: q, in: query, schema: {type: integer, exclusiveMinimum: true}}]\n"
        }
        let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n" + paths.joined()
        let found = try typed.lint(text).filter { $0.rule == "openapikit" }
        #expect(found.map(\.pointer) == ["#/paths/~1p1/get/parameters/0/schema"])
    }

    /// The typed checks are off unless asked for; asked for, they read what OpenAPI allows and
    /// OpenAPIKit's types do not: a `$ref` among 3.0 `components.requestBodies`, and an integer
    /// bound beyond 64 bits. The only thing left to say about the precision fixture is its
    /// undefined security scheme.
    @Test func typedChecksRunWhenAskedAndReadWhatOpenAPIAllows() throws {
        #expect(try Linter().lint(try fixture("typed30.yaml")).filter { $0.rule == "openapikit" }.isEmpty)
        let found = try typed.lint(try fixture("precision.yaml")).filter { $0.rule == "openapikit" }
        #expect(found.map(\.pointer) == ["#/paths/~1account/delete/security/apiKey"])
        #expect(found.first?.message.contains("must refer to a Security Scheme") == true)
    }

    /// No rule fires on the Customers spec: the fixture where none of them does.
    @Test func theCustomersSpecIsClean() throws {
        let spec = try String(contentsOf: root.appendingPathComponent("spec/customers.v3.yaml"), encoding: .utf8)
        #expect(lines(try Linter().lint(spec)) == [])
    }

    @Test func jsonInputHasLinesToo() throws {
        #expect(
            lines(try Linter().lint(try fixture("small.json"))) == [
                "6:17: error delete-without-selector: DELETE /things takes no parameters and no body: it would delete everything [#/paths/~1things/delete]"
            ])
    }

    @Test(arguments: [
        ("openapi: [", "not YAML or JSON: line 2, column 1: did not find expected node content while parsing a flow node"),
        ("- a\n- b\n", "not an OpenAPI document: the top level is not a mapping"),
        ("title: x\n", "not an OpenAPI document: there is no `openapi` field"),
        ("swagger: '1.2'\n", "Swagger 1.2 is not supported; Specsmith reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2"),
        ("openapi: 4.0.0\n", "OpenAPI 4.0.0 is not supported; Specsmith reads 3.0, 3.1 and 3.2"),
    ])
    func unusableInputSaysWhyInOneLine(text: String, reason: String) {
        #expect(throws: SpecDocument.LoadError.self) { try Linter().lint(text) }
        do {
            _ = try Linter().lint(text)
        } catch {
            #expect(error.description == reason)
        }
    }

    @Test func rulesCanBeSwitchedOffOrChanged() throws {
        let text = try fixture("small.json")
        #expect(try Linter(overrides: ["delete-without-selector": .off]).lint(text).isEmpty)
        #expect(try Linter(overrides: ["delete-without-selector": .severity(.warning)]).lint(text).map(\.severity) == [.warning])
    }

    @Test func ruleIdsAreUniqueAndDocumented() {
        let ids = Linter.catalog.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Linter.catalog.allSatisfy { !$0.description.isEmpty })
    }
}

@Suite struct FindingReportTests {
    func findings() throws -> [Finding] {
        var findings = try Linter().lint(try fixture("small.json"))
        for index in findings.indices { findings[index].file = "small.json" }
        return findings
    }

    @Test func textNamesFileLineRuleAndPath() throws {
        #expect(
            FindingReport.render(try findings(), as: .text) == """
                small.json:6:17: error delete-without-selector: DELETE /things takes no parameters and no body: it would delete everything [#/paths/~1things/delete]
                1 errors, 0 warnings, 0 info

                """)
    }

    @Test func githubAnnotations() throws {
        #expect(
            FindingReport.render(try findings(), as: .github) == """
                ::error file=small.json,line=6,col=17,title=delete-without-selector::DELETE /things takes no parameters and no body: it would delete everything [#/paths/~1things/delete]

                """)
    }

    @Test func jsonAndSarifAreParseable() throws {
        let json = try JSONParser().parse(FindingReport.render(try findings(), as: .json))
        #expect(json.arrayValue?.first?["line"] == 6)
        #expect(json.arrayValue?.first?["path"] == "#/paths/~1things/delete")
        let sarif = try JSONParser().parse(FindingReport.render(try findings(), as: .sarif))
        #expect(sarif["version"] == "2.1.0")
        let result = sarif["runs"]?.arrayValue?.first?["results"]?.arrayValue?.first
        #expect(result?["ruleId"] == "delete-without-selector")
        #expect(result?["locations"]?.arrayValue?.first?["physicalLocation"]?["region"]?["startLine"] == 6)
    }
}

/// The problems of every stage convert to the one diagnostic shape the commands print.
@Suite struct DiagnosticShapeTests {
    @Test func findingsAndLoadErrorsKeepTheirPlaces() throws {
        var finding = Finding(
            rule: "enum-duplicates", severity: .error, message: "'a' is listed twice", pointer: "#/x",
            location: Location(line: 4, column: 9))
        finding.file = "api.yaml"
        #expect(finding.diagnostic.description == "api.yaml:4:9: error enum-duplicates: 'a' is listed twice [#/x]")
        #expect(FindingReport.render([finding], as: .text).hasPrefix(finding.diagnostic.description + "\n"))
        do {
            _ = try SpecDocument(text: "openapi: 3.1.0\ninfo: [\n")
            Issue.record("a broken document loaded")
        } catch {
            let diagnostic = error.diagnostic(file: "broken.yaml")
            #expect(diagnostic.file == "broken.yaml" && diagnostic.line != nil)
            #expect(diagnostic.description.hasPrefix("broken.yaml:"))
        }
    }
}
