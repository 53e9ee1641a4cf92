import Foundation
import JSONModel
import SpecReader

/// A Spectral ruleset (`.spectral.yaml`, `.spectral.yml` or `.spectral.json`) read unchanged:
/// `extends` (`spectral:oas` with `recommended`, `all` or `off`, Specsmith's own rules as
/// `specsmith`, and other rulesets by relative path), rule overrides, custom rules with
/// `given`/`then` and the core functions, `aliases`, `formats` and `overrides` by file pattern.
public struct Ruleset: Sendable {
    /// Every rule the ruleset knows, in the order findings are reported.
    public private(set) var rules: [LintRule]
    /// Each rule's setting: off, or the severity it reports at.
    public private(set) var settings: [String: Linter.Setting]
    /// Settings and rules that apply only to files matching patterns.
    var overrides: [Override]

    struct Override: Sendable {
        let patterns: [FilePattern]
        let settings: [String: Linter.Setting]
        let rules: [LintRule]
    }

    /// A ruleset that could not be read: where, and what is wrong.
    public struct LoadError: Error, CustomStringConvertible {
        /// The ruleset file at fault.
        public let file: String
        /// The line and column in it.
        public let location: Location?
        /// What is wrong, naming the rule.
        public let message: String

        /// The problem in the shape every command prints.
        public var diagnostic: Diagnostic {
            Diagnostic(message: message, file: file, line: location?.line, column: location?.column)
        }

        /// `file:line:column: message`, as the command line prints it.
        public var description: String { diagnostic.description }
    }

    /// The names Spectral looks for in the working folder when no ruleset is named.
    public static let discoveredNames = [".spectral.yaml", ".spectral.yml", ".spectral.json"]

    /// The ruleset Spectral would use in `folder`, if there is one.
    public static func discover(in folder: String) -> String? {
        discoveredNames.map { (folder as NSString).appendingPathComponent($0) }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Specsmith's own catalog at its defaults: what runs when there is no ruleset.
    public static var specsmith: Ruleset {
        Ruleset(rules: Linter.catalog, settings: Linter.defaultSettings, overrides: [])
    }

    /// The linter for one file: the ruleset's settings with the overrides whose patterns match it.
    public func linter(for file: String, overrides extra: [String: Linter.Setting] = [:]) -> Linter {
        var rules = self.rules
        var settings = self.settings
        let absolute = FilePattern.absolute(file)
        for override in overrides where override.patterns.contains(where: { $0.matches(absolute) }) {
            for rule in override.rules {
                if let index = rules.firstIndex(where: { $0.id == rule.id }) { rules[index] = rule } else { rules.append(rule) }
            }
            settings.merge(override.settings) { _, new in new }
        }
        settings.merge(extra) { _, new in new }
        return Linter(rules: rules, overrides: settings)
    }

    /// Reads the ruleset at `path` and every ruleset it extends.
    public static func load(_ path: String) throws(LoadError) -> Ruleset {
        var loader = Loader()
        let collected = try loader.load(FilePattern.absolute(path), chain: [])
        return Ruleset(
            rules: collected.order.compactMap { collected.rules[$0] }, settings: collected.settings, overrides: collected.overrides)
    }

    // MARK: - Loading

    /// The rules of a ruleset file with what it extends, before they become a Ruleset.
    struct Collected {
        var order: [String] = []
        /// Each rule, whose own severity is the one it reports at when switched on without one.
        var rules: [String: LintRule] = [:]
        var recommended: [String: Bool] = [:]
        var settings: [String: Linter.Setting] = [:]
        var overrides: [Override] = []

        mutating func define(_ rule: LintRule, recommended: Bool) {
            if rules[rule.id] == nil { order.append(rule.id) }
            rules[rule.id] = rule
            self.recommended[rule.id] = recommended
        }

        /// Another ruleset's rules, as `extends` brings them in with its mode.
        mutating func inherit(_ other: Collected, mode: String) {
            for id in other.order {
                guard let rule = other.rules[id] else { continue }
                define(rule, recommended: other.recommended[id] ?? true)
                switch mode {
                case "all": settings[id] = .severity(rule.severity)
                case "off": settings[id] = .off
                default: settings[id] = other.recommended[id] == false ? .off : other.settings[id] ?? .off
                }
            }
            overrides += other.overrides
        }
    }

}

extension Severity {
    /// A severity as Spectral writes it: a name, or 0 (error) to 3 (hint).
    public init?(spectral value: JSONValue) {
        switch value {
        case .string("error"), .integer(0): self = .error
        case .string("warn"), .string("warning"), .integer(1): self = .warning
        case .string("info"), .string("information"), .integer(2): self = .info
        case .string("hint"), .integer(3): self = .hint
        default: return nil
        }
    }
}
