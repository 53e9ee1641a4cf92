import ArgumentParser
import Foundation
import OpenAPIEmitter

extension Specsmith {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fail when spec/ is stale, invalid, or holds an invalid example.",
            discussion: """
                Regenerates in memory and compares with the committed files, then runs OpenAPIKit's \
                validator on the YAML. Exit status 1 names every finding; 0 means all is current and valid.
                """
        )

        @OptionGroup var project: ProjectOptions

        func run() async throws {
            let generated = try generatedSpec()
            var findings = SpecGenerator.validatorFindings(yaml: generated.contents).map { "\(generated.path): OpenAPIKit: \($0)" }
            let url = project.url(generated.path)
            if !FileManager.default.fileExists(atPath: url.path) {
                findings.append("\(generated.path) is missing. Run `swift run specsmith generate`.")
            } else {
                let committed: String
                do {
                    committed = try String(contentsOf: url, encoding: .utf8)
                } catch {
                    printError("specsmith: cannot read \(url.path): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                if let difference = FileDifference.first(committed: committed, generated: generated.contents) {
                    findings.append("\(generated.path) is stale: \(difference)\nRun `swift run specsmith generate` and commit the result.")
                }
            }
            guard findings.isEmpty else {
                for finding in findings { printError(finding) }
                throw ExitCode(1)
            }
            print("\(generated.path) is current and valid.")
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
