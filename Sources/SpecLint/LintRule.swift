import JSONModel
import SpecReader

/// A lint rule: a stable id, a default severity, what it checks, and the check.
public struct LintRule: Sendable {
    /// The stable id findings, settings and rulesets use.
    public let id: String
    /// The severity it reports at unless set otherwise.
    public let severity: Severity
    /// What the rule checks, as `--list-rules` and SARIF describe it.
    public let description: String
    /// Where the rule is explained at length: SARIF's help link.
    public let documentationURL: String?
    /// The check: every hit in a document.
    public let check: @Sendable (SpecDocument) -> [RuleHit]
    /// Work the check reads that other rules may share (judging every example, walking the
    /// whole document for a path, finding its references): the linter does it ahead of the rules
    /// that read it, once however many ask, so that no rule holds a core waiting on another's.
    public let preparations: [Preparation]

    /// Shared work, known by a name so that rules asking for the same work have it done once.
    public struct Preparation: Sendable {
        public let name: String
        /// Whether it spreads over every core itself: such work is done alone, the rest side by side.
        public let usesEveryCore: Bool
        public let run: @Sendable (SpecDocument) -> Void
        /// Set when the work is a walk of the document for a ruleset's path (`$..enum`): the
        /// linter joins such walks, as one walk can serve several paths.
        let walk: Walk?

        struct Walk: Sendable {
            let path: NodePath
            let resolved: Bool
            /// Whether the rule asking for it runs on the document at all (its `formats`).
            let wanted: @Sendable (SpecDocument) -> Bool
        }

        public init(_ name: String, usesEveryCore: Bool = false, run: @escaping @Sendable (SpecDocument) -> Void) {
            self.init(name, usesEveryCore: usesEveryCore, walk: nil, run: run)
        }

        init(_ name: String, usesEveryCore: Bool = false, walk: Walk?, run: @escaping @Sendable (SpecDocument) -> Void) {
            self.name = name
            self.usesEveryCore = usesEveryCore
            self.walk = walk
            self.run = run
        }
    }

    /// A rule with an id, a severity, a description and its check.
    public init(
        _ id: String, _ severity: Severity, _ description: String, documentationURL: String? = nil, preparations: [Preparation] = [],
        check: @escaping @Sendable (SpecDocument) -> [RuleHit]
    ) {
        self.id = id
        self.severity = severity
        self.description = description
        self.documentationURL = documentationURL
        self.preparations = preparations
        self.check = check
    }
}

/// What a rule reports: a message at a node.
public struct RuleHit: Sendable {
    /// What is wrong.
    public let message: String
    /// The path of keys and indexes to the node at fault.
    public let path: [String]
    /// Its line and column.
    public let location: Location?
    /// A severity of its own, whatever the rule's: a note that a check did not run is info.
    public let severity: Severity?

    /// A hit at `path`; `severity` only where it differs from the rule's.
    public init(_ message: String, at path: [String], _ location: Location?, severity: Severity? = nil) {
        self.message = message
        self.path = path
        self.location = location
        self.severity = severity
    }
}
