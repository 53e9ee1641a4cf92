import ArgumentParser
import Foundation
import JSONModel
import SpecLint

extension Specsmith {
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report style and validity problems in OpenAPI 3.0 or 3.1 documents.",
            discussion: """
                Every finding has a stable rule id, a severity, a JSON pointer and the line and column in the file. \
                Exit status: 0 clean, 1 findings at or above --fail-on, 2 an unreadable file or one that is not OpenAPI.
                """
        )

        @Argument(help: "YAML or JSON OpenAPI documents.", completion: .file())
        var specs: [String] = []

        @Option(help: "Output: \(FindingReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: FindingReport.Format = .text

        @Option(name: .customLong("fail-on"), help: "The least severity that fails: error or warning.")
        var failOn: FailOn = .error

        @Option(name: .customLong("rule"), help: "Change a rule: ID=off, ID=warn or ID=error. Repeatable.")
        var rules: [String] = []

        @Flag(help: "List the rules with their ids, severities and what they check.")
        var listRules = false

        enum FailOn: String, ExpressibleByArgument, CaseIterable {
            case error, warning
        }

        func validate() throws {
            if specs.isEmpty && !listRules {
                throw ValidationError("name at least one spec to lint, e.g. specsmith lint spec/api.yaml")
            }
            _ = try overrides()
        }

        func overrides() throws -> [String: Linter.Setting] {
            var overrides: [String: Linter.Setting] = [:]
            let known = Set(Linter.catalog.map(\.id))
            for rule in rules {
                let parts = rule.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, known.contains(parts[0]) else {
                    let hint = parts.first.flatMap { Spelling.closest(to: $0, in: known.sorted()) }
                    throw ValidationError("--rule \(rule): no such rule\(hint.map { "; did you mean \($0)?" } ?? "") (see --list-rules)")
                }
                switch parts[1] {
                case "off": overrides[parts[0]] = .off
                case "warn", "warning": overrides[parts[0]] = .severity(.warning)
                case "error": overrides[parts[0]] = .severity(.error)
                case "info": overrides[parts[0]] = .severity(.info)
                default: throw ValidationError("--rule \(rule): the level must be off, warn or error")
                }
            }
            return overrides
        }

        func run() async throws {
            if listRules {
                for rule in Linter.catalog { print("\(rule.id)  [\(rule.severity.rawValue)]  \(rule.description)") }
                if specs.isEmpty { return }
            }
            let linter = Linter(overrides: try overrides())
            var findings: [Finding] = []
            for spec in specs {
                let text: String
                do {
                    text = try String(contentsOfFile: spec, encoding: .utf8)
                } catch {
                    printError("specsmith: \(spec): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                do {
                    findings += try linter.lint(text, file: spec)
                } catch {
                    printError("specsmith: \(spec): \(error)")
                    throw ExitCode(2)
                }
            }
            print(FindingReport.render(findings, as: format), terminator: "")
            let threshold: Severity = failOn == .error ? .error : .warning
            if findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
        }
    }
}

extension FindingReport.Format: ExpressibleByArgument {}
