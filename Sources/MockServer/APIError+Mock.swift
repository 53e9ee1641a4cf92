import APIRegistry
import JSONModel

/// The errors only the mock gives, about itself rather than the API: its own routes, the HTTP
/// limits it enforces, and its state file. Every answer still has the API's error shape.
extension APIError {
    /// A path outside the server path, `/openapi.yaml`, `/docs` and `/_mock`.
    static func outsideTheAPI(_ path: String, info: APIInfo) -> APIError {
        let variables = info.serverVariables.map(\.name)
        let naming =
            variables.isEmpty
            ? "" : ", where \(variables.joined(separator: " and ")) \(variables.count == 1 ? "is" : "are") letters, digits, - or _"
        return APIError(
            status: 404,
            title:
                "There is nothing at \(path). The API is served under \(info.serverPath), the spec at /openapi.yaml, the guides at /docs/.",
            errors: JSONObject([("path", .string("must start with \(info.serverPath)\(naming)"))]))
    }

    static func noMockRoute(_ path: String, tenants: String) -> APIError {
        APIError(
            status: 404,
            title:
                "There is nothing at \(path). The mock's own routes: /_mock/health, /_mock/\(tenants)/{name}, /_mock/\(tenants)/{name}/reset, /_mock/webhooks.",
            errors: JSONObject([("path", .string("is not a route of the mock"))]))
    }

    /// A method a path of the mock's own does not answer.
    static func onlyMethod(_ path: String, _ method: String, accepted: String) -> APIError {
        APIError(status: 405, title: "\(path) supports \(method).", errors: JSONObject([("method", .string("must be \(accepted)"))]))
    }

    static func noPage(_ path: String, guides: Bool) -> APIError {
        let reason = guides ? "no such page" : "the mock serves no guides (no templates folder, or they did not render: its log says why)"
        return APIError(
            status: 404, title: "There is no page at \(path): \(reason).",
            errors: JSONObject([("path", .string(guides ? "names no page" : "names no page; start the mock where templates/ is"))]))
    }

    /// A form body this reader cannot take.
    static func malformedForm(_ reason: String) -> APIError {
        APIError(status: 400, title: "The form body cannot be read: it \(reason).", errors: JSONObject([("(root)", .string(reason))]))
    }

    /// A `Prefer` header that is malformed, or asks for a response or an example the operation
    /// does not declare.
    static func unmetPreference(_ reason: String) -> APIError {
        APIError(status: 422, title: "The Prefer header cannot be met: \(reason).", errors: JSONObject([("Prefer", .string(reason))]))
    }

    /// The spec could not be written as YAML (the document's values have no YAML spelling).
    static func specUnwritable(_ reason: String) -> APIError {
        APIError(status: 500, title: "The spec could not be written as YAML: \(reason).", errors: JSONObject([("path", "/openapi.yaml")]))
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            status: 413, title: "The request body is larger than \(limit) bytes.",
            errors: JSONObject([("(root)", .string("must be at most \(limit) bytes"))]))
    }

    static func bodyTooSlow(seconds: Int64) -> APIError {
        APIError(
            status: 408, title: "The request body did not arrive within \(seconds) seconds.",
            errors: JSONObject([("(root)", .string("was not received in time"))]))
    }

    /// The mock has no schema for an operation its spec declares: a defect of the mock.
    static func missingSchema(_ method: String, _ path: String) -> APIError {
        APIError(status: 500, title: "The mock has no schema for \(method) \(path).")
    }

    /// A change that the state file could not keep.
    static func notSaved(_ what: String, reason: String, refusing: Bool) -> APIError {
        APIError(
            status: 500, title: "The \(what) could not be saved to the state file: \(reason).",
            errors: JSONObject([("(root)", .string(refusing ? "was not saved; the mock refuses writes until restarted" : "was not saved"))])
        )
    }

    /// Writes after the state file failed.
    static func writesRefused(_ reason: String) -> APIError {
        APIError(
            status: 503, title: "The mock cannot keep writes: \(reason). Restart it.",
            errors: JSONObject([("(root)", .string("was not written"))]))
    }
}
