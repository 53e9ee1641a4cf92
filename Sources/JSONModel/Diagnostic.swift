/// The one shape every problem Specsmith reports takes, whichever command finds it: what is
/// wrong, where (a file with its line and column, a JSON pointer or field path), the rule or check
/// that says so and how much it matters, and the fix when one is obvious.
///
/// Lint findings, diff changes, guide problems, registry declaration problems, invalid examples,
/// query and validation problems and unreadable files all convert to it, and every command prints
/// it the same way: `file:line:column: severity code: message [pointer]; fix`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// `error`, `warning`, `info`, `hint`, or a diff level (`breaking`); nil when the command's
    /// exit status says it all.
    public var severity: String?
    /// The stable id of the rule or check (`example-valid`, `type-changed`); nil for a problem
    /// with no catalog entry.
    public var code: String?
    /// What is wrong, in a sentence.
    public var message: String
    /// The file, as the command line or the registry names it.
    public var file: String?
    /// The line, from 1.
    public var line: Int?
    /// The column, from 1.
    public var column: Int?
    /// Where inside the file's document: a JSON pointer (`#/paths/~1orders/get`) or a field path
    /// (`[0].email`).
    public var pointer: String?
    /// The fix, when one is obvious: "did you mean 'company'?".
    public var fix: String?

    public init(
        severity: String? = nil, code: String? = nil, message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        pointer: String? = nil, fix: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.fix = fix
    }

    /// `file:line:column`, as much of it as is known.
    public var position: String? {
        guard let file else { return nil }
        return file + (line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? "")
    }

    public var description: String {
        var text = position.map { "\($0): " } ?? ""
        text += [severity, code.map { "\($0):" }].compactMap { $0 }.joined(separator: " ")
        if severity != nil || code != nil { text += " " }
        text += message
        if let pointer { text += " [\(pointer)]" }
        if let fix { text += "; \(fix)" }
        return text
    }
}
