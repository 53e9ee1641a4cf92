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
