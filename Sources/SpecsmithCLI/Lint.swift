import ArgumentParser
import Foundation
import SpecLint
import SpecReader

extension Specsmith {
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Report style and validity problems in OpenAPI 3.0, 3.1 and 3.2 documents, and Swagger 2.0 ones.",
            discussion: """
                Files, folders (walked for OpenAPI and Swagger documents) and globs ('reference/**/*.yml', expanded by \
                Specsmith) are linted on every core. The rules come from \
                --ruleset, or from .spectral.yaml, .spectral.yml or .spectral.json in the working folder as Spectral finds \
                them, or else from Specsmith's own catalog. Every finding has a rule id, a severity, a JSON pointer, and \
                the line and column in its file. Exit status: 0 clean, 1 findings at or above --fail-on, 2 a bad ruleset, \
                a bad option or a file that cannot be read.
                """
        )

        @Argument(help: "OpenAPI documents (YAML or JSON), or globs of them.", completion: .file())
        var specs: [String] = []

        @Option(
            name: [.customLong("ruleset"), .customShort("r")],
            help: "A Spectral ruleset (YAML or JSON); default: .spectral.yaml in the working folder if there is one.")
        var ruleset: String?

        @Option(
            name: [.customLong("format"), .customShort("f")],
            help: "Output: \(FindingReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: FindingReport.Format = .text

        @Option(
            name: [.customLong("fail-on"), .customLong("fail-severity")], help: "The least severity that fails: error, warn, info or hint.")
        var failOn: String = "error"

        @Option(name: .customLong("rule"), help: "Change a rule: ID=off, ID=error, ID=warn, ID=info or ID=hint. Repeatable.")
        var rules: [String] = []

        @Flag(
            name: .customLong("ignore-unknown-format"), help: "Skip YAML and JSON files that are not OpenAPI 3 instead of reporting them.")
        var ignoreUnknownFormat = false

        @Option(help: "Findings accepted for now: written on the first run, then only findings not in it are reported and fail.")
        var baseline: String?

        @Flag(name: .customLong("update-baseline"), help: "Rewrite --baseline with the current findings.")
        var updateBaseline = false

        @Flag(help: "List the rules in force with their ids, severities and what they check.")
        var listRules = false

        func threshold() throws -> Severity {
            guard let severity = Severity(spectral: .string(failOn)) else {
                throw ValidationError("--fail-on \(failOn): the severity is error, warn, info or hint")
            }
            return severity
        }

        func validate() throws {
            if specs.isEmpty && !listRules {
                throw ValidationError("name at least one spec to lint, e.g. specsmith lint spec/api.yaml or 'reference/**/*.yml'")
            }
            if updateBaseline && baseline == nil { throw ValidationError("--update-baseline needs --baseline FILE") }
            _ = try threshold()
        }

        func loadRuleset() throws -> Ruleset {
            guard let path = ruleset ?? Ruleset.discover(in: FileManager.default.currentDirectoryPath) else { return .specsmith }
            do {
                return try Ruleset.load(path)
            } catch {
                printError("specsmith: \(error.description)")
                throw ExitCode(2)
            }
        }

        func settings(known: [LintRule]) throws -> [String: Linter.Setting] {
            var settings: [String: Linter.Setting] = [:]
            let ids = known.map(\.id) + Linter.catalog.map(\.id)
            for rule in rules {
                do {
                    let parsed = try Linter.Setting.parse(rule, ids: ids)
                    settings[parsed.id] = parsed.setting
                } catch {
                    throw ValidationError(error.description)
                }
            }
            return settings
        }

        /// The files the arguments name: globs expanded, folders walked for OpenAPI documents,
        /// each file once, in the order given.
        func files() throws -> [String] {
            var files: [String] = []
            var seen: Set<String> = []
            for spec in specs {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: spec, isDirectory: &isFolder), isFolder.boolValue {
                    let found = Self.documents(in: spec)
                    if found.isEmpty {
                        printError(
                            "specsmith: \(spec): a folder with no OpenAPI or Swagger document in it (a .yaml, .yml or .json file with an openapi or swagger field); give files, or a glob such as '\(spec)/**/*.yaml'"
                        )
                        throw ExitCode(2)
                    }
                    files += found.filter { seen.insert($0).inserted }
                    continue
                }
                let expanded = FilePattern.expand(spec)
                if expanded.isEmpty {
                    printError("specsmith: \(spec): no file matches this pattern")
                    throw ExitCode(2)
                }
                files += expanded.filter { seen.insert($0).inserted }
            }
            return files
        }

        /// The OpenAPI and Swagger documents under `folder`, at any depth, sorted: files named
        /// .yaml, .yml or .json whose top level has an `openapi` or `swagger` field. Hidden
        /// folders, `.build` and `node_modules` are not walked.
        static func documents(in folder: String) -> [String] {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
            var found: [String] = []
            let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let isFolder = (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory
                if isFolder {
                    if name.hasPrefix(".") || name == ".build" || name == "node_modules" { walker.skipDescendants() }
                    continue
                }
                guard ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased()) else { continue }
                let path = base + "/" + relative
                guard let text = try? String(contentsOfFile: path, encoding: .utf8), isDocument(text) else { continue }
                found.append(path)
            }
            return found.sorted()
        }

        /// Whether a file's text has a top-level `openapi` or `swagger` field (YAML or JSON).
        static func isDocument(_ text: String) -> Bool {
            text.contains(/(?m)^["']?(openapi|swagger)["']?\s*:/) || text.contains(/^\s*\{[\s\S]*?"(openapi|swagger)"\s*:/)
        }

        func run() async throws {
            BatchHeap.prepare()
            // Loaded here only when the rules are listed; otherwise while the files are read.
            let listed = listRules ? try loadRuleset() : nil
            if let ruleset = listed {
                print(
                    FindingReport.catalog(ruleset.linter(for: "", overrides: try settings(known: ruleset.rules)), as: format),
                    terminator: "")
                if specs.isEmpty { return }
            }
            var inputs: [LintRun.Input] = []
            for file in try files() {
                do {
                    inputs.append(LintRun.Input(path: file, text: try String(contentsOfFile: file, encoding: .utf8)))
                } catch {
                    printError("specsmith: \(file): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            // The ruleset loads while the files are read into trees.
            let command = self
            let (run, found) = try LintRun.lint(inputs) {
                let ruleset = try listed ?? command.loadRuleset()
                let settings = try command.settings(known: ruleset.rules)
                return LintRun(ruleset: ruleset, settings: settings, ignoreUnknownFormat: command.ignoreUnknownFormat)
            }
            var findings = found
            if let baseline {
                do {
                    switch try Baseline.apply(to: findings, file: baseline, update: updateBaseline) {
                    case .written(let count):
                        printError("specsmith: wrote \(baseline) with \(count) findings; later runs report only new ones")
                        return
                    case .filtered(let new, let accepted):
                        printError("specsmith: \(accepted) findings are in the baseline \(baseline); new: \(new.count)")
                        findings = new
                    }
                } catch {
                    printError("specsmith: \(error.description)")
                    throw ExitCode(2)
                }
            }
            // The rules in force outside any override: what SARIF describes.
            let rules = run.ruleset.linter(for: "", overrides: run.settings).rules
            print(FindingReport.render(findings, as: format, rules: rules), terminator: "")
            let threshold = try threshold()
            if findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
        }
    }
}

extension FindingReport.Format: ExpressibleByArgument {}
