import APIRegistry
import Crypto
import CustomersAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSONModel
import MockServer
import NIOCore
import TestRegistries
import Testing

/// A subscriber on a real loopback port: `/ok` acknowledges, `/flaky` fails its first two
/// deliveries, `/hang` never answers while `hanging` is set, `/slow` takes a while.
actor Receiver {
    struct Delivery: Sendable {
        let path: String
        let headers: HTTPFields
        let body: [UInt8]
        var json: JSONValue? { try? JSONParser().parse(body) }
    }

    var deliveries: [Delivery] = []
    var flakyFailures = 0
    var hanging = true

    func record(_ delivery: Delivery) { deliveries.append(delivery) }

    func failFlaky() -> Bool {
        flakyFailures += 1
        return flakyFailures <= 2
    }

    func stopHanging() { hanging = false }

    func received(at path: String) -> [Delivery] { deliveries.filter { $0.path == path } }

    /// Waits until `count` deliveries reached `path`, for at most `seconds`.
    func wait(for count: Int, at path: String, seconds: Double = 10) async -> [Delivery] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while received(at: path).count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return received(at: path)
    }

    /// Runs `test` with a receiver listening on a free loopback port, given its base URL.
    static func live(_ test: @escaping @Sendable (Receiver, String) async throws -> Void) async throws {
        let receiver = Receiver()
        let router = Router()
        router.post("/:kind") { request, context -> Response in
            let kind = context.parameters.get("kind") ?? ""
            let body = try await request.body.collect(upTo: 1 << 20)
            await receiver.record(Delivery(path: "/" + kind, headers: request.headers, body: Array(body.readableBytesView)))
            switch kind {
            case "flaky" where await receiver.failFlaky(): return Response(status: .internalServerError)
            case "hang":
                while await receiver.hanging { try await Task.sleep(for: .milliseconds(20)) }
            case "slow": try await Task.sleep(for: .milliseconds(100))
            default: break
            }
            return Response(status: .noContent)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await test(receiver, "http://127.0.0.1:\(port)")
        }
    }
}

/// Fast retries and a short timeout, so the tests take tenths of a second.
func quickWebhooks(_ subscriptions: [WebhookSubscription] = [], queueLimit: Int = 1000) -> WebhookOptions {
    WebhookOptions(
        attempts: 3, firstRetryDelay: .milliseconds(50), maxRetryDelay: .milliseconds(200), timeout: .milliseconds(400),
        queueLimit: queueLimit, subscriptions: subscriptions)
}

/// Runs `test` against a Customers mock delivering events as `webhooks` says.
func withWebhookMock(
    _ webhooks: WebhookOptions, statePath: String? = nil, registry: Registry = CustomersV3.registry,
    _ test: @escaping @Sendable (MockClient) async throws -> Void
) async throws {
    let configuration = MockApplication.Configuration(
        port: 0, seeding: .empty, statePath: statePath, logLevel: .critical, webhooks: webhooks)
    try await withMock(configuration: configuration, registry: registry) { mock in try await test(mock) }
}

/// The Standard Webhooks signature, computed here from the headers and the body received.
func signatureIsValid(_ delivery: Receiver.Delivery, secret: String) -> Bool {
    guard let id = delivery.headers[HTTPField.Name("webhook-id")!], let timestamp = delivery.headers[HTTPField.Name("webhook-timestamp")!],
        let signature = delivery.headers[HTTPField.Name("webhook-signature")!], secret.hasPrefix("whsec_"),
        let key = Data(base64Encoded: String(secret.dropFirst(6)))
    else { return false }
    let mac = HMAC<SHA256>.authenticationCode(for: Array("\(id).\(timestamp).".utf8) + delivery.body, using: SymmetricKey(data: key))
    return signature == "v1," + Data(mac).base64EncodedString()
}

let testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

/// A subscription's delivery log once none of its `count` deliveries is pending (or after 10 s):
/// a receiver has a delivery before the mock has its answer.
func settledLog(_ mock: MockClient, _ id: String, count: Int) async throws -> [JSONValue] {
    var log = try await mock.send(.get, "/_mock/webhooks/\(id)/deliveries", absolute: true).data
    for _ in 0..<500 where log.count < count || log.contains(where: { $0["status"] == "pending" }) {
        try await Task.sleep(for: .milliseconds(20))
        log = try await mock.send(.get, "/_mock/webhooks/\(id)/deliveries", absolute: true).data
    }
    return log
}

@Suite struct WebhookTests {
    /// Subscribed through the admin API: each change's events arrive signed, in commit order,
    /// each with an id of its own; the delivery log says they were delivered.
    @Test func deliveriesAreSignedAndInCommitOrder() async throws {
        try await Receiver.live { receiver, base in
            try await withWebhookMock(quickWebhooks()) { mock in
                let subscribed = try await mock.send(
                    .post, "/_mock/webhooks", raw: #"{"url": "\#(base)/ok", "secret": "\#(testSecret)"}"#, absolute: true)
                #expect(subscribed.status == 201)
                let id = try #require(subscribed.body?["id"]?.stringValue)
                let jane = try await mock.createCustomer("jane@example.com", JSONObject([("addresses", [sydney])]))
                _ = try await mock.put("/customers", [["id": .integer(jane), "notes": "VIP"]])
                _ = try await mock.put("/customers", [["id": .integer(jane), "notes": "VIP"]])  // unchanged: no event
                #expect(try await mock.delete("/customers?id:in=\(jane)").status == 204)
                let received = await receiver.wait(for: 5, at: "/ok")
                #expect(
                    received.compactMap { $0.json?["scope"]?.stringValue } == [
                        "store/customer/created", "store/customer/address/created", "store/customer/updated",
                        "store/customer/deleted", "store/customer/address/deleted",
                    ])
                #expect(received.allSatisfy { signatureIsValid($0, secret: testSecret) })
                #expect(Set(received.compactMap { $0.headers[HTTPField.Name("webhook-id")!] }).count == 5)
                #expect(received.first?.json?["data"]?["id"] == .integer(jane) && received.first?.json?["store_id"] == "test-store")
                #expect(received[1].json?["data"]?["address"]?["customer_id"] == .integer(jane))
                let log = try await settledLog(mock, id, count: 5)
                #expect(log.map { $0["status"] } == Array(repeating: "delivered", count: 5))
                #expect(log.first?["attempts"] == 1 && log.first?["last_status"] == 204)
            }
        }
    }

    /// A subscriber that fails is retried until it acknowledges, keeping the event's id; one that
    /// does not answer holds up neither the others nor the request that raised the event.
    @Test func aFailingSubscriberIsRetriedAndAHangingOneHoldsUpNoOne() async throws {
        try await Receiver.live { receiver, base in
            let subscriptions = ["ok", "flaky", "hang"].map {
                WebhookSubscription(id: $0, url: "\(base)/\($0)", events: ["store/customer/created"], secret: testSecret)
            }
            var options = quickWebhooks(subscriptions)
            options.timeout = .seconds(60)
            try await withWebhookMock(options) { mock in
                _ = try await mock.createCustomer("a@example.com")
                _ = try await mock.createCustomer("b@example.com")
                // Answered while the hanging subscriber still has its first event: the requests did not wait.
                let waiting = try await mock.send(.get, "/_mock/webhooks/hang/deliveries", absolute: true)
                #expect(waiting.data.map { $0["status"] } == ["pending", "pending"])
                let quick = await receiver.wait(for: 2, at: "/ok")
                #expect(quick.compactMap { $0.json?["data"]?["id"]?.intValue } == [1, 2])
                // The flaky one failed twice, then took the first event; the second followed it.
                let flaky = await receiver.wait(for: 4, at: "/flaky")
                #expect(flaky.compactMap { $0.json?["data"]?["id"]?.intValue } == [1, 1, 1, 2])
                #expect(Set(flaky.prefix(3).compactMap { $0.headers[HTTPField.Name("webhook-id")!] }).count == 1, "a retry keeps its id")
                let flakyLog = try await settledLog(mock, "flaky", count: 2)
                #expect(flakyLog.map { $0["attempts"] } == [3, 1])
                #expect(flakyLog.map { $0["status"] } == ["delivered", "delivered"])
                // Both reached the others while the hanging one's first attempt was still open.
                let held = try await mock.send(.get, "/_mock/webhooks/hang/deliveries", absolute: true)
                #expect(held.data.map { $0["status"] } == ["pending", "pending"])
                #expect(await receiver.received(at: "/hang").count == 1)
                await receiver.stopHanging()
                #expect(await receiver.wait(for: 2, at: "/hang").count == 2)
            }
        }
    }

    /// A destination that never answers is cut off at the timeout, retried, and given up.
    @Test func anUnansweredDeliveryIsGivenUp() async throws {
        try await Receiver.live { receiver, base in
            let hanging = WebhookSubscription(id: "hang", url: "\(base)/hang", events: [], secret: testSecret)
            try await withWebhookMock(quickWebhooks([hanging])) { mock in
                _ = try await mock.createCustomer("a@example.com")
                var log = try await mock.send(.get, "/_mock/webhooks/hang/deliveries", absolute: true)
                for _ in 0..<200 where log.data.first?["status"] == "pending" {
                    try await Task.sleep(for: .milliseconds(50))
                    log = try await mock.send(.get, "/_mock/webhooks/hang/deliveries", absolute: true)
                }
                #expect(log.data.first?["status"] == "failed" && log.data.first?["attempts"] == 3)
                #expect(log.data.first?["last_error"] == "no answer within 0.4 s")
                #expect(await receiver.received(at: "/hang").count == 3)
                await receiver.stopHanging()
            }
        }
    }

    /// A subscriber that cannot keep up has at most `queueLimit` events waiting; later ones are
    /// dropped and marked so.
    @Test func theQueueIsBoundedAndSaysWhenItDrops() async throws {
        try await Receiver.live { receiver, base in
            let hanging = WebhookSubscription(id: "hang", url: "\(base)/hang", events: [], secret: testSecret)
            try await withWebhookMock(quickWebhooks([hanging], queueLimit: 2)) { mock in
                for index in 1...4 { _ = try await mock.createCustomer("c\(index)@example.com") }
                let log = try await mock.send(.get, "/_mock/webhooks/hang/deliveries", absolute: true)
                #expect(log.data.map { $0["status"] } == ["pending", "pending", "dropped", "dropped"])
                #expect(log.data.last?["last_error"] == "the queue was full (2 events waiting)")
                let summary = try await mock.send(.get, "/_mock/webhooks/hang", absolute: true)
                #expect(summary.body?["deliveries"]?["dropped"] == 2)
                await receiver.stopHanging()
            }
        }
    }

    /// Events not yet delivered when the mock stops are sent after a restart with the same
    /// `--state` file; a subscription made through the admin API is kept too.
    @Test func undeliveredEventsSurviveARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specsmith-webhooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state.jsonl").path
        try await Receiver.live { receiver, base in
            var slow = quickWebhooks()
            slow.timeout = .seconds(30)
            try await withWebhookMock(slow, statePath: state) { mock in
                let made = try await mock.send(
                    .post, "/_mock/webhooks", raw: #"{"url": "\#(base)/hang", "secret": "\#(testSecret)"}"#, absolute: true)
                #expect(made.status == 201)
                _ = try await mock.createCustomer("kept@example.com")
                _ = try await mock.createCustomer("also@example.com")
                // The first is in flight, and never acknowledged; the second waits behind it.
                #expect(await receiver.wait(for: 1, at: "/hang").count == 1)
            }
            await receiver.stopHanging()
            try await withWebhookMock(quickWebhooks(), statePath: state) { mock in
                let hooks = try await mock.send(.get, "/_mock/webhooks", absolute: true)
                let id = try #require(hooks.data.first?["id"]?.stringValue)
                let again = await receiver.wait(for: 3, at: "/hang")
                #expect(again.dropFirst().compactMap { $0.json?["data"]?["id"]?.intValue } == [1, 2])
                #expect(again[0].headers[HTTPField.Name("webhook-id")!] == again[1].headers[HTTPField.Name("webhook-id")!])
                #expect(try await mock.delete("/customers?id:in=1").status == 204)
                #expect(await receiver.wait(for: 4, at: "/hang").last?.json?["scope"] == "store/customer/deleted")
                #expect(try await settledLog(mock, id, count: 3).map { $0["status"] } == ["delivered", "delivered", "delivered"])
            }
            // Delivered before the second stop: a third start owes nothing.
            try await withWebhookMock(quickWebhooks(), statePath: state) { mock in
                try await Task.sleep(for: .milliseconds(200))
                #expect(await receiver.received(at: "/hang").count == 4)
                let hooks = try await mock.send(.get, "/_mock/webhooks", absolute: true)
                #expect(hooks.data.first?["deliveries"]?["pending"] == 0)
            }
        }
    }

    /// An action's event, from a registry that is not Customers: the record afterwards, in that
    /// API's own payload style.
    @Test func anActionRaisesItsEventInTheAPIsOwnStyle() async throws {
        try await Receiver.live { receiver, base in
            let all = WebhookSubscription(id: "all", url: "\(base)/ok", events: ["book.lent"], secret: "plain-text-secret")
            let configuration = MockApplication.Configuration(
                port: 0, seeding: .seeded(1), logLevel: .critical, webhooks: quickWebhooks([all]))
            try await withMock(configuration: configuration, registry: Library.registry) { base in
                var mock = base
                mock.prefix = "/{store}/v2"
                mock.store = "main"
                #expect(try await mock.post("/books/1/lend", ["borrower": "Ada", "days": 7]).status == 200)
                let received = await receiver.wait(for: 1, at: "/ok")
                let event = try #require(received.first?.json)
                #expect(event["type"] == "book.lent" && event["book"]?["id"] == 1 && event["library"] == "main")
                #expect(event["book"]?["status"] == "lent")
                // A secret without `whsec_` signs with its own bytes.
                let delivery = try #require(received.first)
                let id = delivery.headers[HTTPField.Name("webhook-id")!] ?? ""
                let timestamp = delivery.headers[HTTPField.Name("webhook-timestamp")!] ?? ""
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Array("\(id).\(timestamp).".utf8) + delivery.body, using: SymmetricKey(data: Data("plain-text-secret".utf8)))
                #expect(delivery.headers[HTTPField.Name("webhook-signature")!] == "v1," + Data(mac).base64EncodedString())
            }
        }
    }

    /// The admin API refuses what it cannot keep: another host, an unknown event, no URL.
    @Test func subscriptionsAreChecked() async throws {
        try await withWebhookMock(quickWebhooks()) { mock in
            let elsewhere = try await mock.send(
                .post, "/_mock/webhooks", raw: #"{"url": "https://example.com/hooks", "events": ["store/customer/craeted"]}"#,
                absolute: true)
            #expect(elsewhere.status == 422)
            #expect(
                elsewhere.errors == [
                    "url: names example.com, which is neither loopback nor allowed; start the mock with --webhook-allow example.com to send there",
                    "events[0]: 'store/customer/craeted' is not an event of this API; did you mean 'store/customer/created'?",
                ])
            let nothing = try await mock.send(.post, "/_mock/webhooks", raw: #"{"events": []}"#, absolute: true)
            #expect(nothing.errors == ["url: is required: where to send events, e.g. http://127.0.0.1:9000/hooks"])
            #expect(try await mock.send(.get, "/_mock/webhooks", absolute: true).data.isEmpty, "nothing was subscribed")
            #expect(try await mock.send(.get, "/_mock/webhooks/nope/deliveries", absolute: true).status == 404)
            #expect(try await mock.send(.put, "/_mock/webhooks", absolute: true).headers[.allow] == "GET, POST")
            let made = try await mock.send(.post, "/_mock/webhooks", raw: #"{"url": "http://localhost:9/hooks"}"#, absolute: true)
            #expect(made.body?["secret"]?.stringValue?.hasPrefix("whsec_") == true)
            let id = try #require(made.body?["id"]?.stringValue)
            #expect(try await mock.send(.delete, "/_mock/webhooks/\(id)", absolute: true).status == 204)
            #expect(try await mock.send(.get, "/_mock/webhooks/\(id)", absolute: true).status == 404)
        }
        var allowed = quickWebhooks()
        allowed.allowedHosts = ["hooks.example.com"]
        #expect(allowed.refusal(of: "https://hooks.example.com/in") == nil)
        #expect(allowed.refusal(of: "ftp://127.0.0.1/in") != nil)
        #expect(allowed.refusal(of: "http://[::1]:9000/in") == nil)
    }
}
