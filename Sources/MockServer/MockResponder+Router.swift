import APIRegistry
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// An answer the mock gives as an error, thrown from a route or middleware and rendered by the
/// router as the response it holds (the API's error shape, with its status and headers).
struct MockErrorResponse: HTTPResponseError {
    let response: Response

    var status: HTTPResponse.Status { response.status }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }
}

extension MockResponder {
    /// The mock as a Hummingbird router. Its own routes (the spec, the guides, health and admin)
    /// are routes; the API is a middleware, since a path under the server path takes any method
    /// (an undeclared one gets the API's 405 with `Allow`) and the router matches methods it knows.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger))
        if options.cors {
            let info = store.api.registry.info
            let methods = allowedMethods.split(separator: ", ").map { HTTPRequest.Method(String($0)) }.compactMap { $0 }
            router.add(
                middleware: CORSMiddleware(
                    allowOrigin: .all,
                    allowHeaders: [.contentType, .accept, .origin]
                        + [HTTPField.Name(info.authHeader), HTTPField.Name("Prefer")].compactMap { $0 },
                    allowMethods: methods, exposedHeaders: exposedHeaders.components(separatedBy: ", "), maxAge: .seconds(600)))
            router.add(middleware: ExposeHeadersMiddleware(headers: exposedHeaders))
        }
        router.add(middleware: APIMiddleware(responder: self))
        for method: HTTPRequest.Method in [.get, .head] {
            router.on("openapi.yaml", method: method) { _, _ in await self.specYAML() }
            router.on("docs", method: method) { request, _ in await self.document(request.uri.path, authority: request.head.authority) }
            router.on("docs/**", method: method) { request, _ in
                await self.document(request.uri.path, authority: request.head.authority)
            }
            router.on("/", method: method) { request, _ in await self.index(accept: request.headers[.accept]) }
            router.on("_mock/health", method: method) { _, _ in await self.health() }
            router.on("_mock/\(tenants)/:tenant", method: method) { request, context in
                try await self.export(request, tenant: context.parameters.get("tenant") ?? "", path: request.uri.path)
            }
        }
        router.post("_mock/\(tenants)/:tenant/reset") { request, context in
            try await self.reset(request, tenant: context.parameters.get("tenant") ?? "", path: request.uri.path)
        }
        addWebhookRoutes(to: router)
        return router
    }
}

/// The API: a request under the server path goes to its store, whatever its method; any other
/// request goes on to the routes, and one no route takes gets the mock's JSON 404 or 405.
struct APIMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let responder: MockResponder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if !MockResponder.isOwnPath(path), let (tenant, rest) = responder.tenantAndPath(path) {
            return await responder.api(request, tenant: tenant, path: rest)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return responder.unrouted(path)
        }
    }
}

/// One log line per request: method, path, status and milliseconds.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, response.status.code, since: start)
            return response
        } catch let error as any HTTPResponseError {
            log(request, error.status.code, since: start)
            throw error
        }
    }

    func log(_ request: Request, _ status: Int, since start: ContinuousClock.Instant) {
        guard logger.logLevel <= .info else { return }
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("\(request.method.rawValue) \(request.uri.path) \(status) \(String(format: "%.2f", milliseconds)) ms")
    }
}

/// Lets a browser read the headers that matter on every answer to a cross-origin request
/// (Hummingbird's CORS middleware names them on preflights only): `Allow`, `Location` and
/// the rate-limit headers.
struct ExposeHeadersMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let headers: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.origin] != nil, request.method != .options else { return try await next(request, context) }
        do {
            var response = try await next(request, context)
            response.headers[.accessControlExposeHeaders] = headers
            return response
        } catch let error as MockErrorResponse {
            var response = error.response
            response.headers[.accessControlExposeHeaders] = headers
            throw MockErrorResponse(response: response)
        }
    }
}
