import Foundation
import JSONModel
import SpecLint
import SpecReader
import Testing

/// A folder of its own for one test's rulesets and documents.
struct Folder {
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
func findings(_ document: String, ruleset: String, file: String = "api.yaml") throws -> [String] {
    let folder = try Folder()
    defer { folder.remove() }
    let rules = try Ruleset.load(try folder.write(".spectral.yaml", ruleset))
    let path = try folder.write(file, document)
    return try rules.linter(for: path).lint(document).map { "\($0.rule) \($0.pointer): \($0.message)" }
}

/// One rule applying `function` (with `options`) to what `given` selects in `body`, a document's
/// members after `openapi: 3.1.0`.
func run(_ function: String, _ options: String? = nil, given: String = "$.x", field: String? = nil, on body: String) throws
    -> [String]
{
    let then = ["function: \(function)"] + (field.map { ["field: '\($0)'"] } ?? []) + (options.map { ["functionOptions: \($0)"] } ?? [])
    let ruleset = "rules:\n  t:\n    given: \"\(given)\"\n    then: { \(then.joined(separator: ", ")) }\n"
    return try findings("openapi: 3.1.0\n" + body, ruleset: ruleset).map { $0.replacingOccurrences(of: "t ", with: "", options: .anchored) }
}

/// A docs team's ruleset, unchanged: what it runs with `spectral lint` today (CI runs it too).
let teamRuleset: String = {
    guard let url = Bundle.module.url(forResource: "Fixtures/team.spectral.yaml", withExtension: nil),
        let text = try? String(contentsOf: url, encoding: .utf8)
    else { return "" }
    return text
}()
