import ArgumentParser
import Foundation
import OpenAPIEmitter
import SpecLint

extension Specsmith {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fail when spec/ or site/ is stale, invalid, or holds an invalid example.",
            discussion: """
                Regenerates spec/ and site/ in memory and compares them with the committed files, then runs \
                OpenAPIKit's validator and `specsmith lint` on the spec, which must have no findings. Exit status 1 \
                names every finding; 0 means all is current and valid.
                """
        )

        @OptionGroup var project: ProjectOptions

        func run() async throws {
            let files = try ProjectFiles.generate(root: project)
            var findings = SpecGenerator.validatorFindings(yaml: files.spec.contents).map { "\(files.spec.path): OpenAPIKit: \($0)" }
            do {
                let lint = try Linter().lint(files.spec.contents, file: files.spec.path)
                findings += lint.map { finding in
                    "\(finding.file):\(finding.location.map(\.description) ?? "-"): lint \(finding.rule): \(finding.message) [\(finding.pointer)]"
                }
            } catch {
                findings.append("\(files.spec.path): lint cannot read it: \(error)")
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
            guard findings.isEmpty else {
                for finding in findings { printError(finding) }
                printError("Run `swift run specsmith generate` and commit the result.")
                throw ExitCode(1)
            }
            print("spec/ and site/ are current and valid (\(files.all.count) files).")
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
