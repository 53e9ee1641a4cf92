import Foundation
import JSONModel
import SpecReader

/// One `specsmith lint` over many files: each file linted on its own core with the ruleset's
/// settings for it, files that are not OpenAPI reported (or skipped) rather than ending the run,
/// and the findings in file order.
public struct LintRun: Sendable {
    /// The rules, by file: a Spectral ruleset, or Specsmith's own catalog.
    public var ruleset: Ruleset
    /// `--rule ID=LEVEL`, over the ruleset's own settings.
    public var settings: [String: Linter.Setting]
    /// Skip YAML and JSON files that are not OpenAPI 3 instead of reporting them.
    public var ignoreUnknownFormat: Bool

    /// A run with `ruleset`, `--rule` settings over it, and whether files that are not OpenAPI are skipped.
    public init(ruleset: Ruleset = .specsmith, settings: [String: Linter.Setting] = [:], ignoreUnknownFormat: Bool = false) {
        self.ruleset = ruleset
        self.settings = settings
        self.ignoreUnknownFormat = ignoreUnknownFormat
    }

    /// The rule ids of findings about a file as a whole, as Spectral names them.
    public static let unrecognizedFormat = "unrecognized-format"
    /// The rule id of a file that is not YAML or JSON at all.
    public static let parser = "parser"

    /// A file as read: its path as given and its text.
    public struct Input: Sendable {
        /// The path as given, which findings name.
        public let path: String
        /// The file's text.
        public let text: String

        /// The file read into a document, or why it is not one.
        var document: Result<SpecDocument, SpecDocument.LoadError> {
            Result { () throws(SpecDocument.LoadError) in try SpecDocument(text: text) }
        }

        /// A file read from `path`.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Every finding of every file, on all cores, in file order.
    public func lint(_ inputs: [Input]) -> [Finding] {
        let run = self
        return inputs.concurrentMap { input in run.lint(input) }.flatMap { $0 }
    }

    /// Every finding of every file, each file read into its tree while `prepare` makes the run
    /// (loads a ruleset) on another thread: a ruleset such as `spectral:oas` takes as long to
    /// load as a large file takes to read. Throws what `prepare` throws, and then reports nothing.
    public static func lint(_ inputs: [Input], after prepare: @escaping @Sendable () throws -> LintRun) throws -> (
        run: LintRun, findings: [Finding]
    ) {
        let made = Pending<Result<LintRun, any Error>>()
        // A thread of its own, not the shared pool: the pool's threads may all be waiting for it.
        Thread { made.fulfil(Result { try prepare() }) }.start()
        let found = inputs.concurrentMap { input -> [Finding] in
            var laps = Linter.Laps()
            let document = input.document
            laps.lap("load")
            guard case .success(let run) = made.value else { return [] }
            return run.lint(input, document)
        }
        return (try made.value.get(), found.flatMap { $0 })
    }

    /// A value another thread works out, waited for.
    private final class Pending<Value: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var result: Value?

        func fulfil(_ value: Value) {
            condition.lock()
            result = value
            condition.broadcast()
            condition.unlock()
        }

        var value: Value {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result { return result }
                condition.wait()
            }
        }
    }

    func lint(_ input: Input) -> [Finding] {
        lint(input, input.document)
    }

    func lint(_ input: Input, _ document: Result<SpecDocument, SpecDocument.LoadError>) -> [Finding] {
        let linter = ruleset.linter(for: input.path, overrides: settings)
        do {
            return linter.lint(try document.get(), file: input.path)
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
