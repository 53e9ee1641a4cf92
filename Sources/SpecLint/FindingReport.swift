import Foundation
import JSONModel
import SpecReader

/// Renders findings for people (text, markdown), tools (json, sarif) and GitHub's annotations.
public enum FindingReport {
    /// How findings and the rule catalog are printed.
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, sarif, markdown
    }

    /// The findings in `format`; SARIF describes `rules`, the rules in force.
    public static func render(_ findings: [Finding], as format: Format, rules: [LintRule] = Linter.catalog) -> String {
        switch format {
        case .text: text(findings)
        case .json: JSONWriter().string(.array(findings.map(json))) + "\n"
        case .github: findings.map(github).joined()
        case .sarif: JSONWriter().string(sarif(findings, rules: rules)) + "\n"
        case .markdown: markdown(findings)
        }
    }

    /// The rules a linter runs, each with the level it runs at: `--list-rules`, and the table of
    /// the documentation, which a test keeps equal to this.
    public static func catalog(_ linter: Linter, as format: Format) -> String {
        let rows = linter.rules.map { rule -> (id: String, level: String, description: String) in
            let level: String
            switch linter.overrides[rule.id] {
            case .off: level = "off"
            case .severity(let severity): level = severity.rawValue
            case nil: level = rule.severity.rawValue
            }
            return (rule.id, level, rule.description)
        }
        switch format {
        case .markdown:
            return "| Rule | Default | Checks |\n|---|---|---|\n"
                + rows.map { "| `\($0.id)` | \($0.level) | \(cell($0.description)) |\n" }.joined()
        case .json:
            return JSONWriter().string(
                .array(rows.map { ["id": .string($0.id), "level": .string($0.level), "description": .string($0.description)] })) + "\n"
        case .text, .github, .sarif:
            return rows.map { "\($0.id)  [\($0.level)]  \($0.description)\n" }.joined()
        }
    }

    /// Text for a Markdown table cell: pipes escaped, lines joined.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A table for a pull request comment or a release page.
    static func markdown(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "No findings.\n" }
        return "| Where | Severity | Rule | Finding |\n|---|---|---|---|\n"
            + findings.map { "| `\(position($0))` | \($0.severity.rawValue) | `\($0.rule)` | \(cell($0.message)) (`\($0.pointer)`) |\n" }
            .joined()
    }

    static func position(_ finding: Finding) -> String {
        finding.location.map { "\(finding.file):\($0.line):\($0.column)" } ?? finding.file
    }

    static func text(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "No findings.\n" }
        let lines = findings.map(\.diagnostic.description)
        let count = { (severity: Severity) in findings.filter { $0.severity == severity }.count }
        let hints = count(.hint)
        return lines.joined(separator: "\n")
            + "\n\(count(.error)) errors, \(count(.warning)) warnings, \(count(.info)) info\(hints > 0 ? ", \(hints) hints" : "")\n"
    }

    static func json(_ finding: Finding) -> JSONValue {
        var object = JSONObject([
            ("rule", .string(finding.rule)), ("severity", .string(finding.severity.rawValue)), ("message", .string(finding.message)),
            ("path", .string(finding.pointer)), ("file", .string(finding.file)),
        ])
        if let location = finding.location {
            object["line"] = .integer(location.line)
            object["column"] = .integer(location.column)
        }
        return .object(object)
    }

    /// Workflow commands GitHub turns into annotations on the pull request.
    static func github(_ finding: Finding) -> String {
        let level = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
        return GitHubAnnotation.line(
            level: level, file: finding.file, location: finding.location, title: finding.rule,
            message: finding.message + " [" + finding.pointer + "]")
    }

    /// SARIF's level for a severity: info and hint are notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info, .hint: "note"
        }
    }

    /// The rules findings name that are about a file as a whole rather than a rule of the ruleset.
    static let fileRules = [
        LintRule(LintRun.parser, .error, "The file is YAML or JSON.") { _ in [] },
        LintRule(LintRun.unrecognizedFormat, .warning, "The file is an OpenAPI 3 document (--ignore-unknown-format skips others).") { _ in
            []
        },
    ]

    /// SARIF 2.1.0, as code-scanning tools read it: every rule in force with its description and
    /// help link, and each result pointing at its rule, file, line, column and JSON pointer.
    static func sarif(_ findings: [Finding], rules: [LintRule]) -> JSONValue {
        var catalog = rules
        for rule in fileRules where !catalog.contains(where: { $0.id == rule.id }) { catalog.append(rule) }
        for finding in findings where !catalog.contains(where: { $0.id == finding.rule }) {
            catalog.append(LintRule(finding.rule, finding.severity, finding.rule) { _ in [] })
        }
        let index = Dictionary(catalog.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results: [JSONValue] = findings.map { finding in
            var physical = JSONObject([("artifactLocation", ["uri": .string(uri(finding.file))])])
            if let location = finding.location {
                physical["region"] = ["startLine": .integer(max(location.line, 1)), "startColumn": .integer(max(location.column, 1))]
            }
            return [
                "ruleId": .string(finding.rule),
                "ruleIndex": .integer(index[finding.rule] ?? 0),
                "level": .string(level(finding.severity)),
                "message": ["text": .string(finding.message)],
                "locations": [
                    ["physicalLocation": .object(physical), "logicalLocations": [["fullyQualifiedName": .string(finding.pointer)]]]
                ],
            ]
        }
        let descriptors: [JSONValue] = catalog.map { rule in
            var descriptor = JSONObject([
                ("id", .string(rule.id)), ("shortDescription", ["text": .string(rule.description)]),
                ("fullDescription", ["text": .string(rule.description)]),
                ("defaultConfiguration", ["level": .string(level(rule.severity))]),
            ])
            // Specsmith's own rules are explained in its README, which has no address of its own.
            if let url = rule.documentationURL { descriptor["helpUri"] = .string(url) }
            descriptor["help"] = [
                "text": .string(rule.description + " See " + (rule.documentationURL ?? "Specsmith's README, Lint rules") + ".")
            ]
            return .object(descriptor)
        }
        let driver: JSONValue = ["name": "specsmith", "rules": .array(descriptors)]
        return [
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [["tool": ["driver": driver], "results": .array(results)]],
        ]
    }

    /// A file path as a relative URI reference: spaces and other reserved characters escaped.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
