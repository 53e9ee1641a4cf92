import Foundation
import JSONModel
import SpecReader

/// Runs the rule catalog over documents. Rules can be switched off or given another
/// severity, the way `--rule ID=off|warn|error` does.
public struct Linter: Sendable {
    /// Every rule, in the order findings are reported: the catalog `--list-rules` prints.
    public static let catalog: [LintRule] =
        StructureRules.all + OpenAPIKitRule.all + OperationRules.all + ParameterRules.all + SchemaRules.all + ExampleRules.all
        + DocumentRules.all

    /// What `--rule ID=…` sets: off, or a severity of its own.
    public enum Setting: Sendable, Equatable {
        case off
        case severity(Severity)

        /// `--rule ID=LEVEL`: a rule of `ids` and off, error, warn, info or hint.
        package static func parse(_ text: String, ids: [String]) throws(LevelSetting.Problem) -> (id: String, setting: Setting) {
            let parsed = try LevelSetting.parse(
                text, option: "--rule", kind: "rule", ids: ids, levels: ["error", "warn", "info", "hint"], list: "--list-rules")
            guard let level = parsed.level, let severity = Severity(spectral: .string(level)) else { return (parsed.id, .off) }
            return (parsed.id, .severity(severity))
        }
    }

    /// The rules it runs, in the order findings are listed.
    public var rules: [LintRule]
    /// Rule id → its setting, for rules that do not keep their default severity.
    public var overrides: [String: Setting]

    /// Rules that run only when asked for by name: costly, and covered by others by default.
    public static let offByDefault: Set<String> = [OpenAPIKitRule.id]

    /// Every catalog rule at its default: its own severity, or off.
    public static var defaultSettings: [String: Setting] {
        Dictionary(uniqueKeysWithValues: catalog.map { ($0.id, offByDefault.contains($0.id) ? .off : .severity($0.severity)) })
    }

    /// A linter of `rules`, with `overrides` of their severities.
    public init(rules: [LintRule] = Linter.catalog, overrides: [String: Setting] = [:]) {
        self.rules = rules
        var settings = Dictionary(uniqueKeysWithValues: Self.offByDefault.map { ($0, Setting.off) })
        settings.merge(overrides) { _, chosen in chosen }
        self.overrides = settings
    }

    /// Every finding in `text`, sorted by line; throws when the text is not an OpenAPI document.
    public func lint(_ text: String, file: String = "") throws(SpecDocument.LoadError) -> [Finding] {
        var laps = Laps()
        let document = try SpecDocument(text: text)
        laps.lap("load")
        return lint(document, file: file)
    }

    /// With SPECSMITH_LINT_TIMINGS=1, where the time goes, for the benchmark's readers.
    struct Laps {
        static let timed = ProcessInfo.processInfo.environment["SPECSMITH_LINT_TIMINGS"] == "1"
        private var started = ContinuousClock.now

        mutating func lap(_ label: String) {
            guard Self.timed else { return }
            let now = ContinuousClock.now
            FileHandle.standardError.write(Data("\(label): \(started.duration(to: now))\n".utf8))
            started = now
        }
    }

    /// Every finding in a document already read, sorted by line.
    public func lint(_ document: SpecDocument, file: String = "") -> [Finding] {
        let timed = Laps.timed
        var laps = Laps()
        // Rules are independent of each other: they run side by side, and their findings are
        // gathered in catalog order, so the result does not depend on which finishes first.
        let active = rules.compactMap { rule -> (LintRule, Severity)? in
            switch overrides[rule.id] {
            case .off: return nil
            case .severity(let chosen): return (rule, chosen)
            case nil: return (rule, rule.severity)
            }
        }
        // Shared work that wants both cores (judging every example) is done first, each once:
        // among the rules it would have one core while another rule waited on it.
        var prepared: Set<String> = []
        var sideBySide: [LintRule.Preparation] = []
        for (rule, _) in active {
            for preparation in rule.preparations where prepared.insert(preparation.name).inserted {
                guard preparation.usesEveryCore else {
                    sideBySide.append(preparation)
                    continue
                }
                preparation.run(document)
                laps.lap("prepare \(preparation.name)")
            }
        }
        sideBySide = LintRule.Preparation.joiningWalks(sideBySide)
        // The rest of the shared work (walks of the whole document) goes first in one queue with
        // the rules: the rules that need none of it follow straight on, those that read it last,
        // so neither core waits while the other walks.
        enum Task {
            case prepare(LintRule.Preparation)
            case check(Int)
        }
        let waits = active.map { rule, _ in !rule.preparations.allSatisfy(\.usesEveryCore) }
        let queued = active.indices.filter { !waits[$0] } + active.indices.filter { waits[$0] }
        let tasks = sideBySide.map(Task.prepare) + queued.map(Task.check)
        let done = tasks.concurrentMap { task -> (index: Int, findings: [Finding], time: Duration)? in
            guard case .check(let index) = task else {
                if case .prepare(let preparation) = task { preparation.run(document) }
                return nil
            }
            let (rule, severity) = active[index]
            let started = ContinuousClock().now
            let found = rule.check(document).map { hit in
                var finding = Finding(
                    rule: rule.id, severity: hit.severity ?? severity, message: hit.message, pointer: SpecDocument.pointer(hit.path),
                    location: hit.location)
                finding.file = file
                return finding
            }
            return (index, found, started.duration(to: ContinuousClock().now))
        }
        // In catalog order, whatever order they ran in.
        let results = done.compactMap { $0 }.sorted { $0.index < $1.index }.map { ($0.findings, $0.time) }
        if timed {
            for (index, result) in results.enumerated() {
                FileHandle.standardError.write(Data("\(active[index].0.id): \(result.1)\n".utf8))
            }
        }
        let findings = results.flatMap(\.0)
        defer { laps.lap("rules and sort") }
        // Decoded schemas do not keep key order, so ties at one location are broken by
        // rule and message, never by discovery order: the same file always reads the same.
        let order = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return findings.sorted { a, b in
            let (x, y) = (a.location ?? Location(line: 0, column: 0), b.location ?? Location(line: 0, column: 0))
            if x != y { return x < y }
            if a.rule != b.rule { return (order[a.rule] ?? 0) < (order[b.rule] ?? 0) }
            return a.message < b.message
        }
    }
}
