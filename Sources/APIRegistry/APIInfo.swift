import Foundation
import JSONModel

/// An OAuth scope and what it grants.
public struct Scope: Sendable {
    /// What a scope allows.
    public enum Access: String, Sendable {
        case read, modify
    }

    /// The scope's name, as tokens carry it (`orders:write`).
    public let name: String
    /// Read only, or read and modify.
    public let access: Access
    /// What a token with the scope may do.
    public let description: String

    /// A scope called `name`.
    public init(_ name: String, access: Access, description: String) {
        self.name = name
        self.access = access
        self.description = description
    }
}

/// Facts about the whole API: identity, server, authentication, pagination.
public struct APIInfo: Sendable {
    /// The API's name (`Orders`).
    public let title: String
    /// The API's version, the spec's `info.version`.
    public let version: String
    /// What the API is for, the spec's `info.description`.
    public let description: String
    /// Server URL template, e.g. `https://api.example.com/shops/{shop}/v2`.
    public let serverURL: String
    /// Variables of `serverURL`: name, default value, description.
    public let serverVariables: [(name: String, defaultValue: String, description: String)]
    /// How a client sends its token.
    public let authentication: Authentication
    /// How a client authenticates, in a sentence for the spec and the guides.
    public let authDescription: String
    /// The scopes tokens carry: a read scope and a modify scope.
    public let scopes: [Scope]
    /// The `type` URL every error response carries.
    public let errorTypeURL: String
    /// File name of the generated spec under `spec/`.
    public let specFileName: String
    /// How the API limits request rates and tells clients so; nil when it documents no limit.
    public let rateLimit: RateLimit?
    /// The shape and media type of error bodies.
    public let errorFormat: ErrorFormat
    /// What the API calls the data sets its server variables select (a shop's records, a
    /// workspace's), plural: the mock's admin routes are `/_mock/TENANTS/{name}`.
    public let tenants: String
    /// Whether bodies that are one object may also be sent as a form
    /// (`application/x-www-form-urlencoded`, nesting in brackets: `metadata[plan]=pro`), as some
    /// APIs take them; JSON is always taken.
    public let formBodies: Bool

    /// Facts about the API; `tenants` names what its server variables select (`stores`).
    public init(
        title: String,
        version: String,
        description: String,
        serverURL: String,
        serverVariables: [(name: String, defaultValue: String, description: String)],
        authentication: Authentication,
        authDescription: String,
        scopes: [Scope],
        errorTypeURL: String,
        specFileName: String,
        rateLimit: RateLimit? = nil,
        errorFormat: ErrorFormat = .statusTitleType,
        tenants: String = "tenants",
        formBodies: Bool = false
    ) {
        self.title = title
        self.version = version
        self.description = description
        self.serverURL = serverURL
        self.serverVariables = serverVariables
        self.authentication = authentication
        self.authDescription = authDescription
        self.scopes = scopes
        self.errorTypeURL = errorTypeURL
        self.specFileName = specFileName
        self.rateLimit = rateLimit
        self.errorFormat = errorFormat
        self.tenants = tenants
        self.formBodies = formBodies
    }

    /// The same, for an API whose token goes in a header of its own (`X-Api-Key: <token>`).
    public init(
        title: String, version: String, description: String, serverURL: String,
        serverVariables: [(name: String, defaultValue: String, description: String)], authHeader: String, authDescription: String,
        scopes: [Scope], errorTypeURL: String, specFileName: String, rateLimit: RateLimit? = nil,
        errorFormat: ErrorFormat = .statusTitleType, tenants: String = "tenants", formBodies: Bool = false
    ) {
        self.init(
            title: title, version: version, description: description, serverURL: serverURL, serverVariables: serverVariables,
            authentication: .apiKey(header: authHeader), authDescription: authDescription, scopes: scopes, errorTypeURL: errorTypeURL,
            specFileName: specFileName, rateLimit: rateLimit, errorFormat: errorFormat, tenants: tenants, formBodies: formBodies)
    }

    /// The header carrying the token.
    public var authHeader: String { authentication.header }

    /// The scope an operation requires: reads need read access, writes modify access.
    public func scope(for kind: OperationKind) -> Scope? {
        scopes.first { $0.access == (kind.isWrite ? .modify : .read) }
    }
}

/// How error bodies look.
public enum ErrorFormat: Sendable, Equatable {
    /// `{status, title, type, errors}` as `application/json`; `title` says what went wrong this time.
    case statusTitleType
    /// RFC 9457 problem details as `application/problem+json`: `{type, title, status, detail, errors}`,
    /// where `type` and `title` name the kind of problem and `detail` says what went wrong this time.
    case problemDetails

    /// A body of the API's own design, such as `{"error": {"type": …, "message": …, "param": …}}`:
    /// an imported document's error schema, kept as the document declares it.
    case shaped(ErrorShape)

    /// Whether errors take a shape of the API's own design.
    public var isShaped: Bool {
        if case .shaped = self { return true }
        return false
    }

    /// The media type of error bodies.
    public var mediaType: String {
        switch self {
        case .statusTitleType: "application/json"
        case .problemDetails: "application/problem+json"
        case .shaped(let shape): shape.mediaType
        }
    }
}

/// An error body of an API's own design: a body whose fixed members are filled in, and the places
/// where each error's message, the field at fault and the status go.
public struct ErrorShape: Sendable, Equatable {
    /// The media type errors are sent as.
    public let mediaType: String
    /// The body with its fixed members (`{"error": {"type": "invalid_request_error"}}`).
    public let body: JSONValue
    /// Where the sentence saying what went wrong goes (`["error", "message"]`).
    public let message: [String]
    /// Where the first field or parameter at fault goes (`["error", "param"]`), when the body names one.
    public let field: [String]?
    /// Where the HTTP status goes, when the body repeats it.
    public let status: [String]?
    /// The body's JSON Schema, as the spec declares it.
    public let schema: JSONValue

    /// A shape whose errors fill `body` at `message`, `field` and `status`, declared by `schema`.
    public init(mediaType: String, body: JSONValue, message: [String], field: [String]? = nil, status: [String]? = nil, schema: JSONValue) {
        self.mediaType = mediaType
        self.body = body
        self.message = message
        self.field = field
        self.status = status
        self.schema = schema
    }

    /// Members that carry what went wrong, by the names APIs give them.
    public static let messageMembers: Set<String> = ["message", "detail", "title", "error_description", "description", "msg"]
    /// Members that name the field or parameter at fault.
    public static let fieldMembers: Set<String> = ["param", "field", "parameter", "pointer", "path"]
    /// Members that repeat the HTTP status.
    public static let statusMembers: Set<String> = ["status", "status_code", "statusCode", "code"]

    /// The body of one error: `title` at `message`, the first of `fields` at `field`.
    public func body(status code: Int, title: String, fields: [String]) -> JSONValue {
        var result = body
        result.set(.string(title), at: message)
        if let field, let first = fields.first { result.set(.string(first), at: field) }
        if let status { result.set(.integer(code), at: status) }
        return result
    }
}

/// How a client proves who it is: the scheme the spec declares and the mock checks.
public enum Authentication: Sendable, Equatable {
    /// The token alone, in a header the API names: `X-Api-Key: <token>`.
    case apiKey(header: String)
    /// `Authorization: Bearer <token>` (RFC 6750); `format` hints what the token is, e.g. `JWT`.
    case bearer(format: String?)

    /// The header the token travels in.
    public var header: String {
        switch self {
        case .apiKey(let header): header
        case .bearer: "Authorization"
        }
    }

    /// The name of the security scheme in the spec's components.
    public var schemeName: String {
        switch self {
        case .apiKey(let header): header
        case .bearer: "bearerAuth"
        }
    }

    /// The token in a value of `header`, nil when the value is not of this scheme's form.
    public func token(in value: String) -> String? {
        switch self {
        case .apiKey: return value.isEmpty ? nil : value
        case .bearer:
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            let token = parts[1].trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
    }

    /// How a request shows the token: `X-Api-Key: your-token` or `Authorization: Bearer your-token`.
    public func example(_ token: String) -> String {
        switch self {
        case .apiKey(let header): "\(header): \(token)"
        case .bearer: "Authorization: Bearer \(token)"
        }
    }
}

/// A request-rate limit as the API documents it: a 429 when a client sends too many requests,
/// and headers on every response that say where the client stands.
public struct RateLimit: Sendable {
    /// What a rate-limit header tells a client.
    public enum Meaning: String, Sendable {
        /// Requests allowed in one window.
        case quota
        /// Requests left in the current window.
        case remaining
        /// The window's length, in milliseconds.
        case windowMilliseconds
        /// Time until the window resets and requests are allowed again, in milliseconds.
        case resetMilliseconds
        /// Seconds to wait before sending again (`Retry-After`).
        case retryAfterSeconds
    }

    /// One rate-limit header: its name, what it tells and a description.
    public struct Header: Sendable {
        /// The header's name (`X-Rate-Limit-Requests-Left`).
        public let name: String
        /// What its value tells.
        public let meaning: Meaning
        /// What it says, for the spec.
        public let description: String

        /// A header called `name`.
        public init(_ name: String, _ meaning: Meaning, _ description: String) {
            self.name = name
            self.meaning = meaning
            self.description = description
        }
    }

    /// Prose for the spec and the guides: who is limited, and how much.
    public let description: String
    /// The headers every answer carries.
    public let headers: [Header]

    /// A rate limit told by these headers.
    public init(description: String, headers: [Header]) {
        self.description = description
        self.headers = headers
    }

    /// The headers' values for a window of `quota` requests and `window` milliseconds, with
    /// `remaining` left and `reset` milliseconds to go.
    public func values(quota: Int, remaining: Int, window: Int, reset: Int) -> [(name: String, value: String)] {
        headers.map { header in
            let value =
                switch header.meaning {
                case .quota: quota
                case .remaining: remaining
                case .windowMilliseconds: window
                case .resetMilliseconds: reset
                case .retryAfterSeconds: (reset + 999) / 1000
                }
            return (header.name, String(value))
        }
    }
}

extension APIInfo {
    /// The path part of the server URL: `/shops/{shop}/v2`; empty when the server is a bare host.
    public var serverPath: String {
        var path = serverURL
        if let scheme = path.firstRange(of: "://") { path = String(path[scheme.upperBound...].drop { $0 != "/" }) }
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// A request path split at the server path: `/shops/abc/v2/orders` →
    /// (`["shop": "abc"]`, `/orders`). Each `{variable}` matches one non-empty segment;
    /// nil when the path is not under the server path.
    public func splitServerPath(_ path: String) -> (variables: [String: String], rest: String)? {
        guard path.hasPrefix("/") else { return nil }
        let count = serverPath.split(separator: "/", omittingEmptySubsequences: false).count
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= count, let variables = PathTemplate.match(serverPath, segments.prefix(count).joined(separator: "/")) else {
            return nil
        }
        return (variables, "/" + segments.dropFirst(count).joined(separator: "/"))
    }

}
