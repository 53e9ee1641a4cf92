import Foundation
import SpecDiff
import SpecLint
import Testing

private let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/APIRegistry/Specsmith.docc")

/// The rule and check tables of the documentation are the commands' own output, never pasted by
/// hand: `RECORD=1 swift test --filter DocumentationTables` rewrites them.
@Suite struct DocumentationTablesTests {
    @Test(arguments: [
        ("LintRules.md", "specsmith lint --list-rules --format markdown"),
        ("DiffChecks.md", "specsmith diff --list-checks --format markdown"),
    ])
    func theTableIsTheCommandsOutput(article: String, command: String) throws {
        let generated =
            command.contains("lint")
            ? FindingReport.catalog(Ruleset.specsmith.linter(for: "", overrides: [:]), as: .markdown)
            : ChangeReport.catalog(Differ.checks, as: .markdown)
        let url = catalog.appendingPathComponent(article)
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = "<!-- generated: \(command) -->\n"
        let end = "<!-- end generated -->"
        let from = try #require(text.range(of: start), "\(article) has no '\(start)' marker")
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex), "\(article) has no end marker")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try (text[..<from.upperBound] + generated + text[to.lowerBound...]).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            String(text[from.upperBound..<to.lowerBound]) == generated,
            "\(article) is stale: RECORD=1 swift test --filter DocumentationTables")
    }
}
