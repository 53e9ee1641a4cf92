import Foundation
import JSONModel

/// One `specsmith lint` over many files: each file linted on its own core with the ruleset's
/// settings for it, files that are not OpenAPI reported (or skipped) rather than ending the run,
/// and the findings in file order.
public struct LintRun: Sendable {
    public var ruleset: Ruleset
    /// `--rule ID=LEVEL`, over the ruleset's own settings.
    public var settings: [String: Linter.Setting]
    /// Skip YAML and JSON files that are not OpenAPI 3 instead of reporting them.
    public var ignoreUnknownFormat: Bool

    public init(ruleset: Ruleset = .specsmith, settings: [String: Linter.Setting] = [:], ignoreUnknownFormat: Bool = false) {
        self.ruleset = ruleset
        self.settings = settings
        self.ignoreUnknownFormat = ignoreUnknownFormat
    }

    /// The rule ids of findings about a file as a whole, as Spectral names them.
    public static let unrecognizedFormat = "unrecognized-format"
    public static let parser = "parser"

    /// A file as read: its path as given and its text.
    public struct Input: Sendable {
        public let path: String
        public let text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    public func lint(_ inputs: [Input]) -> [Finding] {
        let run = self
        return inputs.concurrentMap { input in run.lint(input) }.flatMap { $0 }
    }

    func lint(_ input: Input) -> [Finding] {
        let linter = ruleset.linter(for: input.path, overrides: settings)
        do {
            return try linter.lint(input.text, file: input.path)
        } catch {
            if error.isOtherFormat && ignoreUnknownFormat { return [] }
            var finding = Finding(
                rule: error.isOtherFormat ? Self.unrecognizedFormat : Self.parser, severity: error.isOtherFormat ? .warning : .error,
                message: error.isOtherFormat
                    ? "\(error.description); not linted (--ignore-unknown-format skips such files)" : error.description,
                pointer: "#", location: error.location ?? Location(line: 1, column: 1))
            finding.file = input.path
            return [finding]
        }
    }
}

/// Findings a team has accepted for now: `--baseline FILE` writes them once, and later runs
/// fail only on findings that are not in it. A finding is known by its rule, file and pointer,
/// not its line, so edits above it do not make it new; each is counted, so a second finding of
/// the same kind at the same place is new.
public struct Baseline: Sendable {
    var counts: [Key: Int]

    struct Key: Hashable {
        let rule: String
        let file: String
        let pointer: String
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public var count: Int { counts.values.reduce(0, +) }

    /// Reads a baseline written by `encoded(_:)`.
    public init(text: String, file: String) throws(LoadError) {
        let value: JSONValue
        do {
            value = try JSONParser().parse(text)
        } catch {
            throw LoadError(description: "\(file): not a Specsmith baseline (\(error)); delete it to write a new one")
        }
        guard case .array(let entries) = value["findings"] ?? .null else {
            throw LoadError(description: "\(file): not a Specsmith baseline: it has no `findings` list; delete it to write a new one")
        }
        counts = [:]
        for (index, entry) in entries.enumerated() {
            guard let rule = entry["rule"]?.stringValue, let file = entry["file"]?.stringValue, let pointer = entry["pointer"]?.stringValue
            else {
                throw LoadError(description: "\(file): findings[\(index)] needs rule, file and pointer")
            }
            counts[Key(rule: rule, file: file, pointer: pointer), default: 0] += 1
        }
    }

    /// The findings not accounted for by the baseline, in their order.
    public func new(in findings: [Finding]) -> [Finding] {
        var remaining = counts
        return findings.filter { finding in
            let key = Key(rule: finding.rule, file: finding.file, pointer: finding.pointer)
            guard let left = remaining[key], left > 0 else { return true }
            remaining[key] = left - 1
            return false
        }
    }

    /// The baseline file: the findings with their messages, for people reading the diff of it.
    public static func encoded(_ findings: [Finding]) -> String {
        let entries: [JSONValue] = findings.map {
            ["rule": .string($0.rule), "file": .string($0.file), "pointer": .string($0.pointer), "message": .string($0.message)]
        }
        return JSONWriter().string(["version": 1, "findings": .array(entries)]) + "\n"
    }
}
