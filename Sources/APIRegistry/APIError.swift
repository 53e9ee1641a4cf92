import JSONModel

/// An error as the API returns it: `{status, title, type, errors}`, where `errors` maps
/// a field path (`[0].email`) or a parameter name to what is wrong with it.
public struct APIError: Error, Sendable, Equatable {
    public let status: Int
    public let title: String
    /// Field path or parameter → message, in the order found. Never empty for a 422.
    public let errors: JSONObject

    public init(status: Int, title: String, errors: JSONObject = JSONObject()) {
        self.status = status
        self.title = title
        self.errors = errors
    }

    /// A body that fails validation: every problem, keyed by its field path.
    /// Several problems with one field are joined into one message.
    public static func invalidBody(_ problems: [(path: String, message: String)]) -> APIError {
        APIError(status: 422, title: "The request body is not valid: \(count(problems.count, "error")).", errors: merge(problems))
    }

    /// A batch longer than the operation allows.
    public static func batchTooLarge(received: Int, limit: Int) -> APIError {
        APIError(
            status: 413,
            title: "Batch of \(count(received, "item")) is too large; the limit is \(limit) per request.",
            errors: JSONObject([("(root)", .string("must be an array of at most \(count(limit, "item"))"))])
        )
    }

    /// Query parameters that are unknown or malformed, each with its reason.
    public static func invalidQuery(_ problems: [QueryProblem]) -> APIError {
        let names = problems.map(\.parameter).joined(separator: ", ")
        return APIError(
            status: 422,
            title: "Invalid query parameter\(problems.count == 1 ? "" : "s"): \(names).",
            errors: merge(problems.map { (path: $0.parameter, message: $0.fullMessage) })
        )
    }

    /// The body the API sends.
    public func body(typeURL: String) -> JSONValue {
        ["status": .integer(status), "title": .string(title), "type": .string(typeURL), "errors": .object(errors)]
    }

    static func merge(_ problems: [(path: String, message: String)]) -> JSONObject {
        var errors = JSONObject()
        for problem in problems {
            if case .string(let earlier) = errors[problem.path] {
                errors[problem.path] = .string(earlier + "; " + problem.message)
            } else {
                errors[problem.path] = .string(problem.message)
            }
        }
        return errors
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
