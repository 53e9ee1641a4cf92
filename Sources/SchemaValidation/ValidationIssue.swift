import JSONModel

/// The HTTP message a value belongs to; decides how `readOnly` and `writeOnly` apply.
public enum MessageContext: String, Sendable {
    /// A request body or parameter: `readOnly` properties must not be sent.
    case request
    /// A response body: `writeOnly` properties must not be returned.
    case response
    /// Neither: both annotations are ignored.
    case plain
}

/// One reason a value does not satisfy a schema.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, for callers that act on the kind rather than the words.
    public enum Code: String, Sendable, Hashable {
        case readOnly, writeOnly, notAllowed, wrongType, composition, outOfRange, length, pattern, format, required
        case unknownField, propertyCount, itemCount, duplicateItems, uncheckable
    }

    /// The offending field, `[0].email`.
    public let path: JSONPath
    /// What is wrong, in words a person understands: "is required".
    public let message: String
    /// A likely fix, when one is obvious: "did you mean 'company'?".
    public let hint: String?
    public let code: Code

    public init(path: JSONPath, message: String, hint: String? = nil, code: Code) {
        self.path = path
        self.message = message
        self.hint = hint
        self.code = code
    }

    public var description: String {
        "\(path): \(message)" + (hint.map { " (\($0))" } ?? "")
    }

    /// The issue in the shape every command prints: the field path, the message and the fix.
    public var diagnostic: Diagnostic { Diagnostic(message: message, pointer: path.description, fix: hint) }
}

extension ValidationIssue {
    /// The entry this issue becomes in an error response's `errors` map: path → message and hint.
    public var apiProblem: (path: String, message: String) {
        (path.description, message + (hint.map { "; \($0)" } ?? ""))
    }
}
