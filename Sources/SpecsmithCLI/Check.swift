import ArgumentParser
import Foundation
import JSONModel
import OpenAPIEmitter
import SpecLint

extension Specsmith {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Fail when a spec or guide is stale, invalid, holds an invalid example, or tells what the mock does not do.",
            discussion: """
                Regenerates spec/ and site/ in memory and compares them with the committed files, then runs \
                OpenAPIKit's validator and `specsmith lint` on the spec, which must have no findings. Exit status 1 \
                names every finding; 0 means all is current and valid.
                """
        )

        @OptionGroup var project: ProjectOptions

        func run() async throws {
            var findings: [String] = []
            var count = 0
            for api in try project.selectedAPIs() {
                let files = try ProjectFiles.generate(api, root: project)
                count += files.all.count
                let spec = files.outputs[0]
                findings += GeneratedSpec.validatorFindings(yaml: spec.contents).map {
                    Diagnostic(severity: "error", code: "openapikit", message: $0, file: spec.path).description
                }
                do {
                    findings += try Linter().lint(spec.contents, file: spec.path).map(\.diagnostic.description)
                } catch {
                    findings.append(error.diagnostic(file: spec.path).description)
                }
                for file in files.all {
                    let url = project.url(file.path)
                    guard FileManager.default.fileExists(atPath: url.path) else {
                        findings.append("\(file.path) is missing.")
                        continue
                    }
                    let committed: String
                    do {
                        committed = try String(contentsOf: url, encoding: .utf8)
                    } catch {
                        printError("specsmith: cannot read \(url.path): \(error.localizedDescription)")
                        throw ExitCode(2)
                    }
                    if let difference = FileDifference.first(committed: committed, generated: file.contents) {
                        findings.append("\(file.path) is stale: \(difference)")
                    }
                }
                findings += files.leftovers(root: project).map { "\($0) is no longer generated." }
            }
            guard findings.isEmpty else {
                for finding in findings { printError(finding) }
                printError("Run `swift run specsmith generate` and commit the result.")
                throw ExitCode(1)
            }
            print("The specs and guides are current and valid (\(count) files).")
        }
    }
}

/// The first line where two texts differ, described for a person.
enum FileDifference {
    static func first(committed: String, generated: String) -> String? {
        guard committed != generated else { return nil }
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        func show(_ lines: [Substring]) -> String { line < lines.count ? "'\(lines[line])'" : "(end of file)" }
        return "first difference at line \(line + 1):\n  committed: \(show(old))\n  generated: \(show(new))"
    }
}
