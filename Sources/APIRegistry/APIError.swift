import JSONModel

/// An error as the API returns it: `{status, title, type, errors}`, where `errors` maps
/// a field path (`[0].email`) or a parameter name to what is wrong with it.
public struct APIError: Error, Sendable, Equatable {
    /// The HTTP status of the answer.
    public let status: Int
    /// What went wrong, in one sentence for a person.
    public let title: String
    /// Field path or parameter → message, in the order found. Never empty for a 422.
    public let errors: JSONObject

    /// An error answer; `errors` maps field paths (`[0].email`) or parameters to messages.
    public init(status: Int, title: String, errors: JSONObject = JSONObject()) {
        self.status = status
        self.title = title
        self.errors = errors
    }

    /// The title and each problem it does not already say, as one message, for an error format
    /// with room for one: `… starting_after is not a valid filter; valid filters: created, email`.
    public var sentence: String {
        let details = errors.compactMap { key, value -> String? in
            guard let text = value.stringValue, !title.contains(text.hasPrefix("must be ") ? String(text.dropFirst(8)) : text) else {
                return nil
            }
            return key == "(root)" ? "the body \(text)" : "\(key) \(text)"
        }
        return details.isEmpty ? title : title + " " + details.joined(separator: "; ")
    }

    /// A body that fails validation: every problem, keyed by its field path.
    /// Several problems with one field are joined into one message.
    public static func invalidBody(_ problems: [(path: String, message: String)]) -> APIError {
        APIError(status: 422, title: "The request body is not valid: \(count(problems.count, "error")).", errors: merge(problems))
    }

    /// A batch whose items are valid one by one but break the API's rules
    /// (a missing related record, a duplicate, a store limit).
    public static func ruleViolations(_ problems: [(path: String, message: String)]) -> APIError {
        APIError(
            status: 422, title: "The request breaks \(count(problems.count, "rule")); nothing was written.", errors: merge(problems))
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

    /// A body that is not JSON at all.
    public static func malformedJSON(_ reason: String) -> APIError {
        APIError(
            status: 400, title: "The request body is not valid JSON: \(reason).",
            errors: JSONObject([("(root)", .string("is not valid JSON: \(reason)"))]))
    }

    /// A body sent as something other than JSON.
    /// `formsToo` where the operation also takes a form.
    public static func unsupportedMediaType(_ received: String?, formsToo: Bool = false) -> APIError {
        let sent = received.map { "'\($0)'" } ?? "no Content-Type"
        let accepted = formsToo ? "application/json or application/x-www-form-urlencoded" : "application/json"
        return APIError(
            status: 415, title: "Send the body as \(accepted); the request had \(sent).",
            errors: JSONObject([("Content-Type", .string("must be \(accepted)"))]))
    }

    /// A path that names no resource.
    public static func notFound(_ path: String, resources: [String]) -> APIError {
        let known = resources.joined(separator: ", ")
        return APIError(
            status: 404, title: "There is no resource at \(path). Resources: \(known).",
            errors: JSONObject([("path", .string("is not a resource; resources: \(known)"))]))
    }

    /// An item path whose record does not exist. When the identifier is an integer and the path
    /// holds something else (`/books/abc`), the answer says so rather than only "no such book".
    public static func recordNotFound(_ model: String, parameter: String, value: String, identifier: FieldType? = nil) -> APIError {
        if case .integer? = identifier, Int(value) == nil {
            return APIError(
                status: 404, title: "There is no \(model) with \(parameter) \(value): \(parameter) is an integer.",
                errors: JSONObject([(parameter, .string("must be an integer, got '\(value)'"))]))
        }
        return APIError(
            status: 404, title: "There is no \(model) with \(parameter) \(value).",
            errors: JSONObject([(parameter, .string("names no \(model)"))]))
    }

    /// A delete of a record that a `restrict` relation still points at.
    public static func stillReferenced(
        _ model: String, id: Int, by other: String, count: Int, path: String, field: String, key: String
    ) -> APIError {
        APIError(
            status: 422, title: "\(model) \(id) is still referenced by \(count) \(other) record(s).",
            errors: JSONObject([(key, .string("\(id) is referenced by \(path) (\(field)); delete those first"))]))
    }

    /// A method the resource does not offer; `allowed` also goes in the `Allow` header.
    public static func methodNotAllowed(_ method: String, path: String, allowed: [String]) -> APIError {
        let list = allowed.joined(separator: ", ")
        return APIError(
            status: 405, title: "\(path) does not support \(method); it supports \(list).",
            errors: JSONObject([("method", .string("must be one of \(list)"))]))
    }

    /// A request without a token the API accepts, in the header the registry names.
    public static func unauthenticated(header: String, sent: Bool) -> APIError {
        APIError(
            status: 401,
            title: sent ? "The \(header) token is not one this API accepts." : "Send an API token in the \(header) header.",
            errors: JSONObject([(header, .string(sent ? "is not a valid token" : "is missing"))]))
    }

    /// A token without the scope the operation needs.
    public static func forbidden(header: String, method: String, path: String, scope: String) -> APIError {
        APIError(
            status: 403, title: "\(method) \(path) requires the \(scope) scope; this token does not have it.",
            errors: JSONObject([(header, .string("lacks the \(scope) scope"))]))
    }

    /// A request over the rate limit: it was not carried out.
    public static func rateLimited(quota: Int, windowMilliseconds window: Int, retryIn milliseconds: Int) -> APIError {
        let length = window % 1000 == 0 ? "\(window / 1000) s" : "\(window) ms"
        return APIError(
            status: 429,
            title: "Too many requests: the limit is \(count(quota, "request")) per \(length). Try again in \(milliseconds) ms.",
            errors: JSONObject([("(root)", .string("was not carried out; send it again after \(milliseconds) ms"))]))
    }

    /// A failure of the service itself. The request may or may not have been carried out.
    public static func unavailable() -> APIError {
        APIError(
            status: 503,
            title: "The service is unavailable. The request may or may not have been carried out; read before sending a create again.",
            errors: JSONObject([("(root)", .string("may not have been carried out"))]))
    }

    /// The body the API sends, in the registry's error format.
    public func body(_ info: APIInfo) -> JSONValue {
        switch info.errorFormat {
        case .statusTitleType:
            return ["status": .integer(status), "title": .string(title), "type": .string(info.errorTypeURL), "errors": .object(errors)]
        case .problemDetails:
            let (slug, name) = Self.problemType(status)
            var base = info.errorTypeURL
            while base.hasSuffix("/") { base.removeLast() }
            return [
                "type": .string("\(base)/\(slug)"), "title": .string(name), "status": .integer(status), "detail": .string(title),
                "errors": .object(errors),
            ]
        case .shaped(let shape):
            return shape.body(status: status, title: sentence, fields: errors.keys.filter { $0 != "(root)" })
        }
    }

    /// The kind of problem a status names, for RFC 9457's `type` (a path under the registry's
    /// error URL) and `title` (the same for every occurrence).
    static func problemType(_ status: Int) -> (slug: String, title: String) {
        switch status {
        case 400: ("malformed-body", "Malformed request body")
        case 401: ("unauthenticated", "Authentication required")
        case 403: ("forbidden", "Not allowed")
        case 404: ("not-found", "Not found")
        case 405: ("method-not-allowed", "Method not allowed")
        case 408: ("timeout", "Request timeout")
        case 409: ("conflict", "Conflict")
        case 413: ("too-large", "Request too large")
        case 415: ("unsupported-media-type", "Unsupported media type")
        case 422: ("invalid-request", "Invalid request")
        case 429: ("rate-limited", "Too many requests")
        case 500...599: ("unavailable", "Service unavailable")
        default: ("error", "Error")
        }
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
