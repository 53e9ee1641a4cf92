import Foundation

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
        tenants: String = "tenants"
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
    }

    /// The same, for an API whose token goes in a header of its own (`X-Api-Key: <token>`).
    public init(
        title: String, version: String, description: String, serverURL: String,
        serverVariables: [(name: String, defaultValue: String, description: String)], authHeader: String, authDescription: String,
        scopes: [Scope], errorTypeURL: String, specFileName: String, rateLimit: RateLimit? = nil,
        errorFormat: ErrorFormat = .statusTitleType, tenants: String = "tenants"
    ) {
        self.init(
            title: title, version: version, description: description, serverURL: serverURL, serverVariables: serverVariables,
            authentication: .apiKey(header: authHeader), authDescription: authDescription, scopes: scopes, errorTypeURL: errorTypeURL,
            specFileName: specFileName, rateLimit: rateLimit, errorFormat: errorFormat, tenants: tenants)
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

    /// The media type of error bodies.
    public var mediaType: String {
        switch self {
        case .statusTitleType: "application/json"
        case .problemDetails: "application/problem+json"
        }
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

/// How every list operation pages through records.
public struct Pagination: Sendable {
    /// How a list pages.
    public enum Style: String, Sendable {
        /// `page` and `limit`, with `meta.pagination` counting pages and records.
        case page
        /// `after` or `before` an opaque cursor, and `limit`, with `meta.cursor` giving the
        /// cursors of the neighbouring pages: stable while records are added.
        case cursor
    }

    /// Records per page when a request gives no `limit`.
    public let defaultLimit: Int
    /// The largest `limit` a request may give.
    public let maxLimit: Int
    /// The most values one `:in`/`:not_in` filter (and a delete's `id:in`) takes.
    public let maxFilterValues: Int
    /// How lists page unless a resource says otherwise.
    public let style: Style

    /// Paging with these limits, by page number unless `style` says otherwise.
    public init(defaultLimit: Int, maxLimit: Int, maxFilterValues: Int = 1000, style: Style = .page) {
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
        self.maxFilterValues = maxFilterValues
        self.style = style
    }
}

/// How a response that carries one record shows it.
public enum RecordEnvelope: String, Sendable {
    /// `{"data": {…}, "meta": {}}`, like lists and batches.
    case data
    /// The record itself.
    case bare
}

/// A description of the API published elsewhere (the live API's reference), and every place
/// where this registry deliberately differs from it: an undeclared difference is a defect.
public struct PublishedReference: Sendable {
    /// One deliberate difference: what it concerns, what the published description says, what
    /// this API does, and why.
    public struct Difference: Sendable {
        /// What the difference concerns (`DELETE /orders without id:in`).
        public let subject: String
        /// What the published description says.
        public let published: String
        /// What this API does.
        public let here: String
        /// Why it differs.
        public let reason: String

        /// A difference about `subject`.
        public init(_ subject: String, published: String, here: String, reason: String) {
            self.subject = subject
            self.published = published
            self.here = here
            self.reason = reason
        }
    }

    /// The published description's name.
    public let name: String
    /// Where it is published.
    public let url: String
    /// Every deliberate difference from it.
    public let differences: [Difference]

    /// A published description and the differences from it.
    public init(name: String, url: String, differences: [Difference]) {
        self.name = name
        self.url = url
        self.differences = differences
    }
}

/// The single source of an API: everything the spec, guides and mock say comes from here.
public struct Registry: Sendable {
    /// Facts about the whole API: server, authentication, errors, rate limits.
    public let info: APIInfo
    /// How lists page.
    public let pagination: Pagination
    /// The collections, in the order the spec and the guides list them.
    public let resources: [Resource]
    /// How single-record responses (a read, a `createOne`, a `patch`) show the record.
    public let recordEnvelope: RecordEnvelope
    /// The published description this API follows, with its deliberate differences; nil when none.
    public let publishedReference: PublishedReference?
    /// Objects at a path of their own, read and replaced whole (settings, consent).
    public let singletons: [Singleton]

    /// The registry of one API.
    public init(
        info: APIInfo, pagination: Pagination, resources: [Resource], singletons: [Singleton] = [], recordEnvelope: RecordEnvelope = .data,
        publishedReference: PublishedReference? = nil
    ) {
        self.info = info
        self.pagination = pagination
        self.resources = resources
        self.singletons = singletons
        self.recordEnvelope = recordEnvelope
        self.publishedReference = publishedReference
    }

    /// How a resource's list pages: its own styles, or the registry's; none for a bare-array list.
    public func pagingStyles(of resource: Resource) -> [Pagination.Style] {
        resource.pagingStyles(default: pagination)
    }

    /// The resource called `name`, if there is one.
    public func resource(named name: String) -> Resource? {
        resources.first { $0.name == name }
    }

    /// The resource whose records are described by `model`, if any.
    public func resource(owning model: Model) -> Resource? {
        resources.first { $0.model.name == model.name }
    }

    /// The resource whose records a field embeds (`order.lines` → lines), if any.
    public func resource(embeddedBy field: Field) -> Resource? {
        if case .array(.model(let model), _, _) = field.type { return resource(owning: model) }
        return nil
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

extension Registry {
    /// Where a concrete path under the server leads: `/books` → books; `/books/42` → book 42;
    /// `/books/42/lend` → the lend action on book 42; `/accounts/validate-credentials` → a
    /// collection action (actions are matched before item paths).
    public func locate(_ path: String) -> PathTarget? {
        var path = path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        // A collection path is served when some operation is not only under a parent's path.
        if let resource = resources.first(where: { resource in
            resource.path == path && resource.operations.contains { !$0.scoped && !$0.kind.isItem }
        }) {
            return PathTarget(resource: resource, item: nil, action: nil)
        }
        for resource in resources {
            for action in resource.actions where !action.onItem && path == "\(resource.path)/\(action.name)" {
                return PathTarget(resource: resource, item: nil, action: action)
            }
        }
        for resource in resources {
            guard let scope = resource.parent else { continue }
            if let values = PathTemplate.match(scope.path, path) {
                return PathTarget(resource: resource, item: nil, action: nil, parent: values[scope.parameter])
            }
            if let values = PathTemplate.match(resource.itemPath, path) {
                return PathTarget(resource: resource, item: values[resource.itemParameter], action: nil, parent: values[scope.parameter])
            }
        }
        for resource in resources where resource.hasItemOperations && resource.parent == nil && path.hasPrefix(resource.path + "/") {
            let rest = path.dropFirst(resource.path.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            guard let segment = rest.first, !segment.isEmpty else { continue }
            if rest.count == 1 { return PathTarget(resource: resource, item: String(segment), action: nil) }
            if rest.count == 2, let action = resource.actions.first(where: { $0.onItem && $0.name == rest[1] }) {
                return PathTarget(resource: resource, item: String(segment), action: action)
            }
        }
        return nil
    }
}
