import SpecReader

/// How much a finding matters.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case hint, info, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.hint, .info, .warning, .error]
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// One problem a rule found, at a JSON pointer and, for files, a line and column.
public struct Finding: Sendable, Hashable {
    public let rule: String
    public var severity: Severity
    public let message: String
    /// JSON pointer into the document: `#/paths/~1orders/get`.
    public let pointer: String
    public let location: Location?
    public var file: String = ""

    public init(rule: String, severity: Severity, message: String, pointer: String, location: Location?) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.location = location
    }
}

/// A lint rule: a stable id, a default severity, what it checks, and the check.
public struct LintRule: Sendable {
    public let id: String
    public let severity: Severity
    public let description: String
    /// Where the rule is explained at length: SARIF's help link.
    public let documentationURL: String?
    public let check: @Sendable (SpecDocument) -> [RuleHit]

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
    public let message: String
    public let path: [String]
    public let location: Location?
    /// A severity of its own, whatever the rule's: a note that a check did not run is info.
    public let severity: Severity?

    public init(_ message: String, at path: [String], _ location: Location?, severity: Severity? = nil) {
        self.message = message
        self.path = path
        self.location = location
        self.severity = severity
    }
}
