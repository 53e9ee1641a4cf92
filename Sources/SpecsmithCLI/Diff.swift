import ArgumentParser
import Foundation
import SpecLint

extension Specsmith {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify every change between two versions of a spec as breaking, warning or info.",
            discussion: """
                Each change has a stable check id. Exit status: 0 nothing at or above --fail-on, 1 such changes, \
                2 an unreadable file or one that is not OpenAPI.
                """
        )

        @Argument(help: "The earlier version.", completion: .file())
        var base: String

        @Argument(help: "The new version.", completion: .file())
        var head: String

        @Option(help: "Output: \(ChangeReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ChangeReport.Format = .text

        @Option(name: .customLong("fail-on"), help: "The least level that fails: breaking or warning.")
        var failOn: FailOn = .breaking

        enum FailOn: String, ExpressibleByArgument, CaseIterable {
            case breaking, warning
        }

        func run() async throws {
            var texts: [String] = []
            for file in [base, head] {
                do {
                    texts.append(try String(contentsOfFile: file, encoding: .utf8))
                } catch {
                    printError("specsmith: \(file): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            let changes: [Change]
            do {
                changes = try SpecDiff().compare(base: texts[0], head: texts[1])
            } catch {
                printError("specsmith: \(error)")
                throw ExitCode(2)
            }
            print(ChangeReport.render(changes, as: format, base: base, head: head), terminator: "")
            let threshold: ChangeLevel = failOn == .breaking ? .breaking : .warning
            if changes.contains(where: { $0.level >= threshold }) { throw ExitCode(1) }
        }
    }
}

extension ChangeReport.Format: ExpressibleByArgument {}
