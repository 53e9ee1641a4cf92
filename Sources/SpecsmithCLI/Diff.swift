import ArgumentParser
import Foundation
import SpecLint

extension Specsmith {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Classify every change between two versions of a spec as breaking, warning or info.",
            discussion: """
                Each change has a stable check id (--list-checks). Exit status: 0 nothing at or above --fail-on, \
                1 such changes, 2 an unreadable file, one that is not OpenAPI, or a bad option or ignore file.
                """
        )

        @Argument(help: "The earlier version.", completion: .file())
        var base: String?

        @Argument(help: "The new version.", completion: .file())
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
            if listChecks {
                print(ChangeReport.catalog(SpecDiff.checks, as: format), terminator: "")
                return
            }
            guard let base, let head else { throw ValidationError("give BASE and HEAD, the two versions to compare") }
            var options = DiffOptions(
                date: date ?? Date.now.formatted(Date.ISO8601FormatStyle().year().month().day()), minimumSunsetDays: minimumSunsetDays)
            let ids = Set(SpecDiff.checks.map(\.id))
            for entry in checks {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, ids.contains(parts[0]) else {
                    throw ValidationError("--check \(entry): no such check (see --list-checks); write ID=breaking|warning|info|off")
                }
                guard parts[1] == "off" || ChangeLevel(rawValue: parts[1]) != nil else {
                    throw ValidationError("--check \(entry): the level must be breaking, warning, info or off")
                }
                options.levels[parts[0]] = parts[1] == "off" ? .some(nil) : ChangeLevel(rawValue: parts[1])
            }
            if let ignore {
                do {
                    options.ignores = try DiffIgnore.parse(try String(contentsOfFile: ignore, encoding: .utf8), file: ignore)
                } catch let error as DiffIgnoreError {
                    printError("specsmith: \(error.description)")
                    throw ExitCode(2)
                } catch {
                    printError("specsmith: \(ignore): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                for entry in options.ignores where !ids.contains(entry.check) {
                    printError("specsmith: \(ignore):\(entry.line): no check is called '\(entry.check)' (see --list-checks)")
                    throw ExitCode(2)
                }
            }
            var texts: [String] = []
            for file in [base, head] {
                do {
                    texts.append(try String(contentsOfFile: file, encoding: .utf8))
                } catch {
                    printError("specsmith: \(file): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            let result: DiffResult
            do {
                result = try SpecDiff().run(base: texts[0], head: texts[1], options: options)
            } catch {
                printError("specsmith: \(error)")
                throw ExitCode(2)
            }
            let changes = result.changes
            print(ChangeReport.render(changes, as: format, base: base, head: head), terminator: "")
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
