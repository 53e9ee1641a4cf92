import JSONModel

/// Renders findings for people (text), tools (json, sarif) and GitHub's annotations.
public enum FindingReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, sarif
    }

    public static func render(_ findings: [Finding], as format: Format, rules: [LintRule] = Linter.catalog) -> String {
        switch format {
        case .text: text(findings)
        case .json: JSONWriter().string(.array(findings.map(json))) + "\n"
        case .github: findings.map(github).joined()
        case .sarif: JSONWriter().string(sarif(findings, rules: rules)) + "\n"
        }
    }

    static func position(_ finding: Finding) -> String {
        finding.location.map { "\(finding.file):\($0.line):\($0.column)" } ?? finding.file
    }

    static func text(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "No findings.\n" }
        let lines = findings.map { "\(position($0)): \($0.severity.rawValue) \($0.rule): \($0.message) [\($0.pointer)]" }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        return lines.joined(separator: "\n") + "\n\(errors) errors, \(warnings) warnings, \(findings.count - errors - warnings) info\n"
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
        var properties = ["file=\(escapeProperty(finding.file))"]
        if let location = finding.location { properties += ["line=\(location.line)", "col=\(location.column)"] }
        properties.append("title=\(escapeProperty(finding.rule))")
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(finding.message + " [" + finding.pointer + "]"))\n"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
            of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// SARIF 2.1.0, as code-scanning tools read it.
    static func sarif(_ findings: [Finding], rules: [LintRule]) -> JSONValue {
        let results: [JSONValue] = findings.map { finding in
            var physical = JSONObject([("artifactLocation", ["uri": .string(finding.file)])])
            if let location = finding.location {
                physical["region"] = ["startLine": .integer(location.line), "startColumn": .integer(location.column)]
            }
            return [
                "ruleId": .string(finding.rule),
                "level": .string(finding.severity == .info ? "note" : finding.severity.rawValue),
                "message": ["text": .string(finding.message)],
                "locations": [
                    ["physicalLocation": .object(physical), "logicalLocations": [["fullyQualifiedName": .string(finding.pointer)]]]
                ],
            ]
        }
        let descriptors: [JSONValue] = rules.map { ["id": .string($0.id), "shortDescription": ["text": .string($0.description)]] }
        return [
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [["tool": ["driver": ["name": "specsmith", "rules": .array(descriptors)]], "results": .array(results)]],
        ]
    }
}
