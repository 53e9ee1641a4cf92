import Foundation
import JSONModel
import SpecLint
import SpecReader
import Testing

private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("specsmith-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private let clean = """
    openapi: 3.1.0
    info: {title: Clean, version: '1'}
    paths:
      /things/{id}:
        get:
          operationId: getThing
          summary: One thing
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          responses: {'200': {description: OK}}

    """

@Suite struct LintRunTests {
    @Test func globsExpandAcrossFoldersInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["reference/b.yml", "reference/a.yml", "reference/v2/c.yml", "reference/notes.txt", "reference/.hidden/d.yml"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "x: 1\n".write(to: url, atomically: true, encoding: .utf8)
        }
        let base = folder.path + "/reference/"
        #expect(FilePattern.expand(base + "**/*.yml") == [base + "a.yml", base + "b.yml", base + "v2/c.yml"])
        #expect(FilePattern.expand(base + "*.yml") == [base + "a.yml", base + "b.yml"])
        #expect(FilePattern.expand(base + "{a,v2/c}.yml") == [base + "a.yml", base + "v2/c.yml"])
        #expect(FilePattern.expand(base + "a.yml") == [base + "a.yml"])
        #expect(FilePattern("legacy/**/*.yaml", relativeTo: "/r").matches("/r/legacy/x/y.yaml"))
        #expect(!FilePattern("legacy/*.yaml", relativeTo: "/r").matches("/r/legacy/x/y.yaml"))
    }

    /// A ruleset in the glob, or any YAML that is not OpenAPI, is a finding of its own and the
    /// other files are still linted; with --ignore-unknown-format it is skipped.
    @Test func otherYAMLIsReportedOrSkippedNeverTheEndOfTheRun() {
        let inputs = [
            LintRun.Input(path: "reference/.spectral.yaml", text: "extends: spectral:oas\n"),
            LintRun.Input(path: "reference/broken.yaml", text: "openapi: [\n"),
            LintRun.Input(path: "reference/api.yaml", text: clean.replacingOccurrences(of: "      summary: One thing\n", with: "")),
        ]
        let reported = LintRun().lint(inputs).map { "\($0.file) \($0.rule) \($0.severity.rawValue)" }
        #expect(
            reported == [
                "reference/.spectral.yaml unrecognized-format warning", "reference/broken.yaml parser error",
                "reference/api.yaml operation-description warning",
            ])
        let skipped = LintRun(ignoreUnknownFormat: true).lint(inputs).map(\.rule)
        #expect(skipped == ["parser", "operation-description"])
    }

    /// The CLI reads the files while the ruleset loads: the findings are the run's, and a ruleset
    /// that does not load is the run's error, with nothing reported.
    @Test func filesAreReadWhileTheRunIsMade() throws {
        let inputs = [LintRun.Input(path: "api.yaml", text: clean.replacingOccurrences(of: "      summary: One thing\n", with: ""))]
        let (run, found) = try LintRun.lint(inputs) { LintRun(ignoreUnknownFormat: true) }
        #expect(run.ignoreUnknownFormat)
        #expect(found == LintRun().lint(inputs))
        #expect(found.map(\.rule) == ["operation-description"])
        struct Refused: Error {}
        #expect(throws: Refused.self) { try LintRun.lint(inputs) { throw Refused() } }
    }

    @Test func runsGiveTheSameFindingsEveryTime() {
        let inputs = (0..<8).map {
            LintRun.Input(path: "f\($0).yaml", text: clean.replacingOccurrences(of: "      summary: One thing\n", with: ""))
        }
        let first = LintRun().lint(inputs)
        #expect(first.map(\.file) == inputs.map(\.path))
        #expect(LintRun().lint(inputs) == first)
    }

    /// The baseline knows findings by rule, file and pointer: moving one down a line keeps it
    /// known; a new one is reported.
    @Test func aBaselineLetsOnlyNewFindingsThrough() throws {
        let old = clean.replacingOccurrences(of: "      summary: One thing\n", with: "")
        let before = LintRun().lint([LintRun.Input(path: "api.yaml", text: old)])
        #expect(before.count == 1)
        let baseline = try Baseline(text: Baseline.encoded(before), file: "baseline.json")
        #expect(baseline.count == 1)
        let moved = old.replacingOccurrences(of: "paths:\n", with: "x-owner: docs\npaths:\n")
        #expect(baseline.new(in: LintRun().lint([LintRun.Input(path: "api.yaml", text: moved)])).isEmpty)
        let worse = moved.replacingOccurrences(of: "      operationId: getThing\n", with: "")
        #expect(baseline.new(in: LintRun().lint([LintRun.Input(path: "api.yaml", text: worse)])).map(\.rule) == ["operation-operationId"])
        #expect(throws: Baseline.LoadError.self) { try Baseline(text: "{}", file: "baseline.json") }
    }

    @Test func sarifCarriesRulesWithDescriptionsHelpAndIndexes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rulesetPath = folder.appendingPathComponent(".spectral.yaml").path
        try "extends: spectral:oas\n".write(toFile: rulesetPath, atomically: true, encoding: .utf8)
        let ruleset = try Ruleset.load(rulesetPath)
        let findings = LintRun(ruleset: ruleset).lint([LintRun.Input(path: "my api.yaml", text: clean)])
        let sarif = try JSONParser().parse(FindingReport.render(findings, as: .sarif, rules: ruleset.rules))
        let run = try #require(sarif["runs"]?.arrayValue?.first)
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        let results = try #require(run["results"]?.arrayValue)
        #expect(!results.isEmpty)
        for result in results {
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[index]["id"] == result["ruleId"])
            #expect(result["locations"]?.arrayValue?.first?["physicalLocation"]?["artifactLocation"]?["uri"] == "my%20api.yaml")
        }
        let contact = try #require(rules.first { $0["id"] == "info-contact" })
        #expect(contact["helpUri"]?.stringValue?.hasPrefix("https://docs.stoplight.io/") == true)
        #expect(contact["fullDescription"]?["text"] == "Info object must have \"contact\" object.")
    }
}
