import Foundation
import JSONModel
import SpecLint
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

private func lines(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.location.map(\.description) ?? "-"): \($0.severity.rawValue) \($0.rule): \($0.message) [\($0.pointer)]" }
}

@Suite struct LintTests {
    /// Every rule fires on the defects fixture, at the line and path the expected file names.
    @Test func defectsFixtureGivesTheExpectedFindings() throws {
        let expected = try fixture("defects.expected").split(separator: "\n").map(String.init)
        #expect(lines(try Linter().lint(try fixture("defects.yaml"))) == expected)
    }

    @Test func everyRuleFiresOnTheDefectsFixtures() throws {
        let fired = Set(try (Linter().lint(try fixture("defects.yaml")) + Linter().lint(try fixture("typed30.yaml"))).map(\.rule))
        #expect(Set(Linter.catalog.map(\.id)).subtracting(fired) == [])
    }

    /// A 3.0 document is read as 3.0 means it: OpenAPIKit30, converted by OpenAPIKitCompat.
    /// `nullable` admits the null name; a boolean `exclusiveMinimum` excludes 1; OpenAPIKit's
    /// validator finds the undefined server variable and the impossible length bounds.
    @Test func openAPI30IsConvertedAndJudgedByOpenAPIKit() throws {
        #expect(
            lines(try Linter().lint(try fixture("typed30.yaml"))) == [
                "6:3: error openapikit: OpenAPIKit's validator: Server Object does not define the variable 'region' that is found in the `urlTemplate` 'https://{region}.example.com/v1' [#/servers/0]",
                "19:18: error example-valid: example (root): must be greater than 1 [#/paths/~1things/get/parameters/0/example]",
                "26:24: error example-valid: example code: must be at least 5 characters [#/paths/~1things/get/responses/200/content/application~1json/example]",
                "33:15: error openapikit: OpenAPIKit's validator: Failed to satisfy: String minLength and maxLength are compatible [#/components/schemas/Thing/properties/code]",
            ])
    }

    /// The same text as 3.1 does not decode: `exclusiveMinimum` is a number there. The
    /// decoder's error is one line at the schema's line.
    @Test func aDecodingFailureHasAPathAndLine() throws {
        let text = try fixture("typed30.yaml").replacingOccurrences(of: "openapi: 3.0.3", with: "openapi: 3.1.0")
        let typed = try Linter().lint(text).filter { $0.rule == "openapikit" }
        #expect(
            lines(typed) == [
                "18:17: error openapikit: OpenAPIKit cannot decode the document: Found neither a $ref nor a JSONSchema in .parameters[0].schema for the **GET** endpoint under `/things`. JSONSchema could not be decoded because: Expected `exclusiveMinimum` value to be parsable as Double but it was not [#/paths/~1things/get/parameters/0/schema]"
            ])
    }

    /// Over 1 MiB the typed checks say they were skipped, unless asked for by --rule.
    @Test func typedChecksHaveASizeBudget() throws {
        let padding = String(repeating: "x", count: 1 << 20)
        let text = try fixture("typed30.yaml").replacingOccurrences(
            of: "title: Typed checks", with: "title: Typed checks\n  description: \(padding)")
        let skipped = try Linter().lint(text).filter { $0.rule == "openapikit" }
        #expect(skipped.map(\.severity) == [.info])
        #expect(skipped.first?.message.hasPrefix("OpenAPIKit's typed checks were skipped: the document is 1.0 MB") == true)
        let asked = try Linter(overrides: ["openapikit": .severity(.warning)]).lint(text).filter { $0.rule == "openapikit" }
        #expect(asked.map(\.severity) == [.warning, .warning])
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
        ("swagger: '2.0'\n", "Swagger 2.0 is not supported; convert it to OpenAPI 3 first"),
        ("openapi: 4.0.0\n", "OpenAPI 4.0.0 is not supported; Specsmith reads 3.0 and 3.1"),
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
