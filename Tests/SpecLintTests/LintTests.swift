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

    @Test func everyRuleFiresOnTheDefectsFixture() throws {
        let fired = Set(try Linter().lint(try fixture("defects.yaml")).map(\.rule))
        #expect(Set(Linter.catalog.map(\.id)).subtracting(fired) == [])
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
