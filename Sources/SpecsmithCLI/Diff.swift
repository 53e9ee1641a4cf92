import ArgumentParser
import Foundation
import SpecDiff
import SpecReader

extension Specsmith {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Classify every change between two versions of a spec as breaking, warning or info.",
            discussion: """
                Each change has a stable check id (--list-checks). Either version can be a file as a git \
                revision holds it, REF:PATH (v1.2:spec/orders.yaml, origin/main:spec/orders.yaml), read with \
                git show from the current directory's repository. Exit status: 0 nothing at or above --fail-on, \
                1 such changes, 2 an unreadable file or revision, one that is not OpenAPI, or a bad option or \
                ignore file.
                """
        )

        @Argument(help: "The earlier version: a file, or REF:PATH for the file at a git revision.", completion: .file())
        var base: String?

        @Argument(help: "The new version: a file, or REF:PATH.", completion: .file())
        var head: String?

        @Flag(name: .customLong("list-checks"), help: "Print every check: id, level and what it finds.")
        var listChecks = false

        @Option(name: .customLong("check"), help: "Change a check's level, or turn it off: ID=breaking|warning|info|off. Repeatable.")
        var checks: [String] = []

        @Option(help: "Accepted changes, one per line: 'CHECK WHERE: reason' (WHERE is METHOD /path, /path or *).", completion: .file())
        var ignore: String?

        @Option(help: "The date x-sunset dates are compared with (YYYY-MM-DD); today (UTC) by default.")
        var date: String?

        @Option(name: .customLong("min-sunset-days"), help: "Deprecation policy: the least days between deprecating and x-sunset.")
        var minimumSunsetDays = 0

        @Option(help: "Output: \(ChangeReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ChangeReport.Format = .text

        @Option(name: .customLong("fail-on"), help: "The least level that fails: breaking or warning.")
        var failOn: FailOn = .breaking

        enum FailOn: String, ExpressibleByArgument, CaseIterable {
            case breaking, warning
        }

        func run() async throws {
            BatchHeap.prepare()
            if listChecks {
                print(ChangeReport.catalog(Differ.checks, as: format), terminator: "")
                return
            }
            guard let base, let head else { throw ValidationError("give BASE and HEAD, the two versions to compare") }
            var options = DiffOptions(
                date: date ?? Date.now.formatted(Date.ISO8601FormatStyle().year().month().day()), minimumSunsetDays: minimumSunsetDays)
            for entry in checks {
                do {
                    try options.setLevel(entry)
                } catch {
                    throw ValidationError(error.description)
                }
            }
            if let ignore {
                do {
                    options.ignores = try DiffIgnore.load(file: ignore)
                } catch {
                    printError("specsmith: \(error.description)")
                    throw ExitCode(2)
                }
            }
            var texts: [String] = []
            for file in [base, head] {
                do {
                    if let revision = GitRevision(argument: file) {
                        texts.append(try revision.text())
                    } else {
                        texts.append(try String(contentsOfFile: file, encoding: .utf8))
                    }
                } catch let failure as GitRevision.Failure {
                    printError("specsmith: \(failure.description)")
                    throw ExitCode(2)
                } catch {
                    printError("specsmith: \(file): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            let result: DiffResult
            do {
                result = try Differ().run(base: texts[0], head: texts[1], options: options)
            } catch {
                // Name the file at fault: the differ reads both at once and says only what is wrong.
                let file = (try? SpecDocument(text: texts[0])) == nil ? base : head
                printError("specsmith: \(error.diagnostic(file: file))")
                throw ExitCode(2)
            }
            let changes = result.changes
            print(ChangeReport.render(changes, as: format, base: base, head: head, versions: result.versions), terminator: "")
            if let ignore, !result.ignored.isEmpty {
                printError("specsmith: \(result.ignored.count) change\(result.ignored.count == 1 ? "" : "s") accepted by \(ignore)")
            }
            for entry in result.unusedIgnores {
                printError("specsmith: \(ignore ?? ""):\(entry.line): '\(entry.check) \(entry.place)' matched no change; remove it")
            }
            let threshold: ChangeLevel = failOn == .breaking ? .breaking : .warning
            if changes.contains(where: { $0.level >= threshold }) { throw ExitCode(1) }
        }
    }
}

extension ChangeReport.Format: ExpressibleByArgument {}
