import APIRegistry
import Foundation
import HTTPTypes
import Hummingbird
import JSONModel
import NIOCore
import OpenAPIEmitter

/// `/_mock/webhooks`: subscriptions to the API's events, and what was delivered to each.
extension MockResponder {
    func addWebhookRoutes(to router: Router<BasicRequestContext>) {
        router.post("_mock/webhooks") { request, _ in try await self.subscribe(request) }
        router.get("_mock/webhooks") { request, _ in try await self.subscriptions(request) }
        router.get("_mock/webhooks/:id") { request, context in
            try await self.subscription(request, id: context.parameters.get("id") ?? "")
        }
        router.delete("_mock/webhooks/:id") { request, context in
            try await self.unsubscribe(request, id: context.parameters.get("id") ?? "")
        }
        router.get("_mock/webhooks/:id/deliveries") { request, context in
            try await self.deliveries(request, id: context.parameters.get("id") ?? "")
        }
    }

    /// Reads need a valid token; changes one with every scope, as a reset does.
    func authorize(_ request: Request, writing: Bool) throws {
        let registry = store.api.registry
        let grant = options.access.grant(token(of: request), header: registry.info.authHeader)
        if case .failure(let denied) = grant { throw failure(denied) }
        if writing, case .success(.readOnly) = grant, let scope = registry.info.scopes.first(where: { $0.access == .modify }) {
            throw failure(
                .forbidden(header: registry.info.authHeader, method: request.method.rawValue, path: request.uri.path, scope: scope.name))
        }
    }

    /// `POST /_mock/webhooks` with `{"url": …, "events": […], "secret": …, "store": …}`: 201 with
    /// the subscription and its secret (made when not given).
    func subscribe(_ request: Request) async throws -> Response {
        try authorize(request, writing: true)
        let known = store.api.registry.resources.flatMap { $0.events.map(\.name) }
        guard !known.isEmpty else {
            throw failure(
                APIError(
                    status: 422, title: "This API declares no events, so there is nothing to subscribe to.",
                    errors: JSONObject([("events", "the registry's resources declare none")])))
        }
        let bytes: ByteBuffer
        switch await collect(request.body) {
        case .success(let collected): bytes = collected
        case .failure(let failure): throw self.failure(failure)
        }
        let body: JSONValue
        do {
            body = try JSONParser().parse(Array(bytes.readableBytesView))
        } catch {
            throw failure(.malformedJSON(error.message))
        }
        var problems: [(path: String, message: String)] = []
        guard case .object(let fields) = body else {
            throw failure(.invalidBody([("(root)", "must be an object with url, and optionally events, secret and store")]))
        }
        for key in fields.keys where !["url", "events", "secret", "store"].contains(key) {
            problems.append((key, "is not a field of a subscription; send url, events, secret or store"))
        }
        let url = fields["url"]?.stringValue ?? ""
        if fields["url"] == nil {
            problems.append(("url", "is required: where to send events, e.g. http://127.0.0.1:9000/hooks"))
        } else if let refusal = store.webhookOptions.refusal(of: url) {
            problems.append(("url", refusal))
        }
        var events: [String] = []
        if let given = fields["events"] {
            if let names = given.arrayValue?.compactMap(\.stringValue), names.count == given.arrayValue?.count {
                for (index, name) in names.enumerated() where !known.contains(name) {
                    let near = Spelling.closest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
                    problems.append(("events[\(index)]", "'\(name)' is not an event of this API\(near)"))
                }
                events = names
            } else {
                problems.append(("events", "must be an array of event names, e.g. [\"\(known[0])\"]; leave it out for every event"))
            }
        }
        var secret = WebhookSubscription.newSecret()
        if let given = fields["secret"] {
            if let text = given.stringValue, (8...200).contains(text.count) {
                secret = text
            } else {
                problems.append(("secret", "must be text of 8 to 200 characters; leave it out and the mock makes one"))
            }
        }
        let tenant = fields["store"]?.stringValue
        if fields["store"] != nil && !(tenant.map(Self.isTenantName) ?? false) {
            problems.append(("store", "must be a store's name: letters, digits, - or _"))
        }
        guard problems.isEmpty else { throw failure(.invalidBody(problems)) }
        let subscription = WebhookSubscription(
            id: "wh_" + UUID().uuidString.prefix(8).lowercased(), url: url, events: events, secret: secret, tenant: tenant)
        do {
            try await store.subscribe(subscription)
        } catch {
            throw failure(.notSaved("subscription", reason: error.description, refusing: false))
        }
        return Self.encode(
            MockResponse(
                status: 201, headers: [(name: "Location", value: "/_mock/webhooks/\(subscription.id)")],
                body: subscription.json(secret: true)))
    }

    /// `GET /_mock/webhooks`: every subscription, with how its deliveries stand.
    func subscriptions(_ request: Request) async throws -> Response {
        try authorize(request, writing: false)
        var data: [JSONValue] = []
        for subscription in await store.subscriptions { data.append(await summary(subscription)) }
        return Self.encode(MockResponse(status: 200, body: ["data": .array(data)]))
    }

    func subscription(_ request: Request, id: String) async throws -> Response {
        try authorize(request, writing: false)
        guard let subscription = await store.subscription(id) else { throw noSubscription(id) }
        return Self.encode(MockResponse(status: 200, body: await summary(subscription)))
    }

    func summary(_ subscription: WebhookSubscription) async -> JSONValue {
        var body = subscription.json(secret: false)
        let counts = await store.dispatcher.counts(of: subscription.id)
        var object = body.objectValue ?? JSONObject()
        object["deliveries"] = .object(
            JSONObject(
                [WebhookDelivery.Status.pending, .delivered, .failed, .dropped].map { ($0.rawValue, .integer(counts[$0] ?? 0)) }))
        body = .object(object)
        return body
    }

    func unsubscribe(_ request: Request, id: String) async throws -> Response {
        try authorize(request, writing: true)
        let ended: Bool
        do {
            ended = try await store.unsubscribe(id)
        } catch {
            throw failure(.notSaved("unsubscription", reason: error.description, refusing: false))
        }
        guard ended else { throw noSubscription(id) }
        return Response(status: .noContent)
    }

    /// `GET /_mock/webhooks/{id}/deliveries`: oldest first, each with its status, attempts and last error.
    func deliveries(_ request: Request, id: String) async throws -> Response {
        try authorize(request, writing: false)
        guard let deliveries = await store.deliveries(of: id) else { throw noSubscription(id) }
        return Self.encode(MockResponse(status: 200, body: ["data": .array(deliveries.map(\.json))]))
    }

    func noSubscription(_ id: String) -> MockErrorResponse {
        failure(
            APIError(
                status: 404, title: "There is no webhook subscription \(id); GET /_mock/webhooks lists them.",
                errors: JSONObject([("id", .string("names no subscription"))])))
    }
}
