import APIRegistry
import Foundation
import HTTPTypes
import Hummingbird
import JSONModel
import Logging
import NIOCore
import OpenAPIEmitter

/// The HTTP face of the mock, built on Hummingbird's router (see `router()`): a path under the
/// registry's server path (`/shops/{shop}/v2/...`) goes to the store its variables name,
/// `/openapi.yaml` serves the spec, `/docs/` the guides, `/_mock/...` the mock's own health and
/// admin routes; anything else is a JSON 404. Every response is logged in one line.
public struct MockResponder: Sendable {
    /// What the responder enforces, from the command line.
    public struct Options: Sendable {
        /// Largest request body read, in bytes; a larger one is a 413.
        public var maxBodySize: Int
        public var access: AccessPolicy
        /// Answer CORS preflights and let browsers read responses from any origin.
        public var cors: Bool
        /// How long a request body may take to arrive before the request is a 408.
        public var bodyTimeout: Duration
        /// Requests one store may receive per window; nil for no limit.
        public var rateLimit: RateLimiting?

        public init(
            maxBodySize: Int = 1 << 20, access: AccessPolicy = .open, cors: Bool = true, bodyTimeout: Duration = .seconds(30),
            rateLimit: RateLimiting? = nil
        ) {
            self.maxBodySize = maxBodySize
            self.access = access
            self.cors = cors
            self.bodyTimeout = bodyTimeout
            self.rateLimit = rateLimit
        }
    }

    let store: MockStore
    /// The spec's YAML and the guides, made while the API answers.
    let site: MockSite
    let options: Options
    let logger: Logger
    let started = ContinuousClock.now
    let limiter: RateLimiter?
    /// Headers a browser client may read: the `Allow` of a 405 and the rate-limit headers.
    let exposedHeaders: String
    /// The methods the API answers, for CORS preflights: `GET, POST, PUT, DELETE, OPTIONS`.
    let allowedMethods: String
    /// The scheme and host of the registry's server URL: `https://api.example.com`.
    let productionOrigin: String

    /// A responder for `store`, serving `spec` as YAML and the guides `docs` renders (both made
    /// in the background, after the mock starts answering).
    public init(
        store: MockStore, spec: GeneratedSpec, docs: @escaping @Sendable () -> [GeneratedFile] = { [] }, options: Options = Options(),
        logger: Logger = Logger(label: "specsmith-mock")
    ) {
        self.store = store
        self.site = MockSite(spec: spec, docs: docs)
        self.options = options
        self.logger = logger
        self.limiter = options.rateLimit.map(RateLimiter.init)
        let limitHeaders = store.api.registry.info.rateLimit?.headers.map(\.name) ?? ["Retry-After"]
        self.exposedHeaders = (["Allow", "Location"] + limitHeaders).joined(separator: ", ")
        let resources = store.api.registry.resources
        let declared = Set(
            resources.flatMap { $0.methods(item: false) + $0.methods(item: true) }
                + (resources.contains { !$0.actions.isEmpty } ? ["POST"] : []))
        self.allowedMethods = (["GET", "POST", "PUT", "PATCH", "DELETE"].filter(declared.contains) + ["OPTIONS"]).joined(separator: ", ")
        let info = store.api.registry.info
        self.productionOrigin = String(info.serverURL.dropLast(info.serverPath.count))
    }

    /// A request under the server path: authentication, the rate limit, the body within its
    /// limits, then the store's answer.
    func api(_ request: Request, tenant: String, path rest: String) async -> Response {
        let route = store.api.route(request.method.rawValue, rest)
        if let denied = options.access.denial(token: token(of: request), route: route, info: store.api.registry.info) {
            return error(denied)
        }
        var limitHeaders: [(name: String, value: String)] = []
        if let limiter {
            let decision = await limiter.take(tenant)
            limitHeaders = limiter.headers(decision, rateLimit: store.api.registry.info.rateLimit)
            if !decision.allowed {
                let limit = limiter.limit
                return error(
                    .rateLimited(quota: limit.quota, windowMilliseconds: limit.windowMilliseconds, retryIn: decision.resetMilliseconds),
                    headers: Self.fields(limitHeaders))
            }
        }
        var body = ByteBuffer()
        // Most reads carry no body: they need no deadline race.
        let hasBody = request.headers[.contentLength].map { $0 != "0" } ?? (request.headers[.transferEncoding] != nil)
        if hasBody {
            switch await collect(request.body) {
            case .success(let collected): body = collected
            case .failure(let failure): return error(failure)
            }
        }
        let mockRequest = MockRequest(
            method: request.method.rawValue, path: rest, query: request.uri.query ?? "",
            contentType: request.headers[.contentType], body: Array(body.readableBytesView),
            prefer: HTTPField.Name("Prefer").flatMap { request.headers[$0] })
        var answer = await store.answer(mockRequest, tenant: tenant)
        answer.headers += limitHeaders
        return Self.encode(answer)
    }

    static func fields(_ headers: [(name: String, value: String)]) -> HTTPFields {
        var fields = HTTPFields()
        for header in headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return fields
    }

    /// The request body, unless it is larger than `--max-body` (413) or slower than the timeout (408).
    func collect(_ body: RequestBody) async -> Result<ByteBuffer, APIError> {
        let limit = options.maxBodySize
        let timeout = options.bodyTimeout
        let tooLarge = APIError.bodyTooLarge(limit: limit)
        let tooSlow = APIError.bodyTooSlow(seconds: timeout.components.seconds)
        return await withTaskGroup(of: Result<ByteBuffer, APIError>?.self) { group in
            group.addTask {
                do {
                    return .success(try await body.collect(upTo: limit))
                } catch {
                    return .failure(tooLarge)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(tooSlow)
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let next { return next }
            }
            return .failure(tooSlow)
        }
    }

    /// `GET /`: a browser lands on the guides; an API client gets a JSON index of what is served.
    func index(accept: String?) async -> Response {
        let docs = await site.content.docs
        if !docs.isEmpty, accept?.contains("text/html") == true {
            return Response(status: .found, headers: [.location: "/docs/"])
        }
        let registry = store.api.registry
        var body = JSONObject([
            ("api", .string(registry.info.title)), ("version", .string(registry.info.version)),
            ("base_path", .string(registry.info.serverPath)), ("spec", "/openapi.yaml"),
        ])
        if !docs.isEmpty { body["docs"] = "/docs/" }
        body["health"] = "/_mock/health"
        body["tenants"] = .string("/_mock/\(tenants)/{name}")
        body["webhooks"] = "/_mock/webhooks"
        body["paths"] = .array(registry.servedPaths.map { .string(registry.info.serverPath + $0) })
        return Self.encode(MockResponse(status: 200, body: .object(body)))
    }

    /// `GET /_mock/health`: never behind a token.
    func health() async -> Response {
        let uptime = started.duration(to: .now).components.seconds
        let body: JSONValue = ["status": "ok", "\(tenants)": .integer(await store.tenantCount), "uptime_seconds": .integer(Int(uptime))]
        return Self.encode(MockResponse(status: 200, body: body))
    }

    /// `GET /_mock/TENANTS/{name}`: a tenant's records, for any valid token.
    func export(_ request: Request, tenant: String, path: String) async throws -> Response {
        guard Self.isTenantName(tenant) else { throw failure(.noMockRoute(path, tenants: tenants)) }
        if case .failure(let denied) = options.access.grant(token(of: request), header: store.api.registry.info.authHeader) {
            throw failure(denied)
        }
        return Self.encode(MockResponse(status: 200, body: await store.export(tenant)))
    }

    /// `POST /_mock/TENANTS/{name}/reset`: a tenant's records back to their seed, for a token with every scope.
    func reset(_ request: Request, tenant: String, path: String) async throws -> Response {
        guard Self.isTenantName(tenant) else { throw failure(.noMockRoute(path, tenants: tenants)) }
        let registry = store.api.registry
        let grant = options.access.grant(token(of: request), header: registry.info.authHeader)
        if case .failure(let denied) = grant { throw failure(denied) }
        if case .success(.readOnly) = grant, let scope = registry.info.scopes.first(where: { $0.access == .modify }) {
            throw failure(.forbidden(header: registry.info.authHeader, method: "POST", path: path, scope: scope.name))
        }
        do {
            try await store.reset(tenant)
        } catch {
            throw failure(.notSaved("reset", reason: error.description, refusing: false))
        }
        return Response(status: .noContent)
    }

    /// The paths the mock keeps for itself, before any API path: the spec, the guides, its own routes.
    /// The admin routes' name for the data sets the server variables select (`/_mock/TENANTS/{name}`).
    var tenants: String { store.api.registry.info.tenants }

    static func isOwnPath(_ path: String) -> Bool {
        path == "/openapi.yaml" || path == "/docs" || path.hasPrefix("/docs/") || path == "/_mock" || path.hasPrefix("/_mock/")
    }

    /// The answer to a request no route takes: a 405 for a route of the mock's own asked with another
    /// method, a JSON 404 for any other path.
    func unrouted(_ path: String) -> Response {
        let parts = path.split(separator: "/").map(String.init)
        if path == "/" || path == "/openapi.yaml" || path == "/docs" || path.hasPrefix("/docs/") || parts == ["_mock", "health"]
            || (parts.count == 3 && parts[0] == "_mock" && parts[1] == tenants && Self.isTenantName(parts[2]))
        {
            return onlyGet(path)
        }
        if parts.count == 4 && parts[0] == "_mock" && parts[1] == tenants && parts[3] == "reset" && Self.isTenantName(parts[2]) {
            return error(.onlyMethod(path, "POST", accepted: "POST"), headers: [.allow: "POST"])
        }
        if parts.first == "_mock" && parts.dropFirst().first == "webhooks" && (2...4).contains(parts.count) {
            let allowed = parts.count == 2 ? "GET, POST" : parts.count == 3 ? "GET, DELETE" : parts[3] == "deliveries" ? "GET" : nil
            if let allowed {
                return error(
                    .onlyMethod(path, allowed, accepted: allowed.replacingOccurrences(of: ", ", with: " or ")),
                    headers: [.allow: allowed])
            }
        }
        if path == "/_mock" || path.hasPrefix("/_mock/") { return error(.noMockRoute(path, tenants: tenants)) }
        return error(.outsideTheAPI(path, info: store.api.registry.info))
    }

    /// An error answer to throw from a route.
    func failure(_ error: APIError) -> MockErrorResponse {
        MockErrorResponse(response: self.error(error))
    }

    /// The token in the header the registry names.
    func token(of request: Request) -> String? {
        let authentication = store.api.registry.info.authentication
        guard let value = HTTPField.Name(authentication.header).flatMap({ request.headers[$0] }) else { return nil }
        // A value not of the scheme's form (`Authorization: Basic …`) is a token the API does not accept.
        return authentication.token(in: value) ?? ""
    }

    /// `GET /openapi.yaml`.
    func specYAML() async -> Response {
        switch await site.content.spec {
        case .success(let yaml):
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: yaml)))
        case .failure(let problem):
            return error(.specUnwritable(problem.description))
        }
    }

    func onlyGet(_ path: String) -> Response {
        error(.onlyMethod(path, "GET", accepted: "GET or HEAD"), headers: [.allow: "GET, HEAD"])
    }

    /// A page of the HTML guides; `/docs` and `/docs/` are the index. Pages name the production
    /// server and the mock's default address; served here, both become this mock's own address,
    /// so the base URL and the quick start's commands work as shown.
    func document(_ path: String, authority: String?) async -> Response {
        if path == "/docs" {
            return Response(status: .movedPermanently, headers: [.location: "/docs/"])
        }
        var file = String(path.dropFirst("/docs/".count))
        if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
        let docs = await site.content.docs
        guard let page = docs[file] else { return error(.noPage(path, guides: !docs.isEmpty)) }
        let type =
            file.hasSuffix(".html")
            ? "text/html; charset=utf-8" : file.hasSuffix(".css") ? "text/css; charset=utf-8" : "application/yaml; charset=utf-8"
        var contents = page.contents
        if file.hasSuffix(".html"), let authority {
            let here = "http://\(authority)"
            contents = contents.replacingOccurrences(of: productionOrigin, with: here)
                .replacingOccurrences(of: "http://127.0.0.1:\(MockApplication.Configuration().port)", with: here)
        }
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: contents)))
    }

    /// The store a path names and the path under the server: with the server path
    /// `/shops/{shop}/v2`, `/shops/abc123/v2/orders` → (`abc123`, `/orders`). The
    /// server's variables name the store (joined with `.` when there are several; `default` when
    /// there are none); nil when the path is not under the server path.
    func tenantAndPath(_ path: String) -> (tenant: String, rest: String)? {
        let info = store.api.registry.info
        guard let split = info.splitServerPath(path) else { return nil }
        let values = info.serverVariables.compactMap { split.variables[$0.name] }
        guard values.allSatisfy(Self.isTenantName) else { return nil }
        return (values.isEmpty ? "default" : values.joined(separator: "."), split.rest)
    }

    /// Letters, digits, `-`, `_` (and `.` between several variables' values), at most 64.
    static func isTenantName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    static func encode(_ response: MockResponse) -> Response {
        var headers = fields(response.headers)
        guard let body = response.body else {
            headers[.contentType] = nil
            return Response(status: .init(code: response.status), headers: headers)
        }
        // An error's media type is the registry's (`application/problem+json`); anything else is JSON.
        headers[.contentType] = (headers[.contentType] ?? "application/json") + "; charset=utf-8"
        return Response(
            status: .init(code: response.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter(pretty: false).bytes(body))))
    }

    func error(_ error: APIError, headers: HTTPFields = [:]) -> Response {
        var response = Self.encode(store.api.failure(error))
        response.headers.append(contentsOf: headers)
        return response
    }
}
