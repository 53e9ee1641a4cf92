import JSONModel
import SpecReader

/// How much a finding matters.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case hint, info, warning, error

    /// Hint is the least severe, error the most.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.hint, .info, .warning, .error]
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// One problem a rule found, at a JSON pointer and, for files, a line and column.
public struct Finding: Sendable, Hashable {
    /// The id of the rule that found it (`example-valid`).
    public let rule: String
    /// How much it matters, after the ruleset's and the command line's settings.
    public var severity: Severity
    /// What is wrong, in a sentence.
    public let message: String
    /// JSON pointer into the document: `#/paths/~1orders/get`.
    public let pointer: String
    /// The line and column in the file; nil where the document has no such node.
    public let location: Location?
    /// The file the finding is in, as the command line named it.
    public var file: String = ""

    /// A finding of `rule` at `pointer` and `location`.
    public init(rule: String, severity: Severity, message: String, pointer: String, location: Location?) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.location = location
    }
}

extension Finding {
    /// The finding in the shape every command prints: `file:line:column: severity rule: message [pointer]`.
    public var diagnostic: Diagnostic {
        Diagnostic(
            severity: severity.rawValue, code: rule, message: message, file: file, line: location?.line, column: location?.column,
            pointer: pointer)
    }
}

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

    /// A rule with an id, a severity, a description and its check.
    public init(
        _ id: String, _ severity: Severity, _ description: String, documentationURL: String? = nil,
        check: @escaping @Sendable (SpecDocument) -> [RuleHit]
    ) {
        self.id = id
        self.severity = severity
        self.description = description
        self.documentationURL = documentationURL
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
