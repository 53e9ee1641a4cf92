import Crypto
import Foundation
import JSONModel
import OpenAPIEmitter

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Someone the mock sends events to: a destination URL, the events it wants, and the secret its
/// deliveries are signed with.
public struct WebhookSubscription: Sendable, Equatable {
    public let id: String
    public let url: String
    /// The event names it receives; empty for every event.
    public let events: [String]
    public let secret: String
    /// The store whose events it receives; nil for every store.
    public let tenant: String?

    public init(id: String, url: String, events: [String], secret: String, tenant: String? = nil) {
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.tenant = tenant
    }

    func wants(_ event: RaisedEvent) -> Bool {
        (events.isEmpty || events.contains(event.name)) && (tenant == nil || tenant == event.tenant)
    }

    /// As the admin API and the state file show it; the secret only when asked.
    func json(secret withSecret: Bool) -> JSONValue {
        var object = JSONObject([
            ("id", .string(id)), ("url", .string(url)), ("events", .array(events.map(JSONValue.string))),
        ])
        if let tenant { object["store"] = .string(tenant) }
        if withSecret { object["secret"] = .string(secret) }
        return .object(object)
    }

    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let url = json["url"]?.stringValue, let secret = json["secret"]?.stringValue,
            let events = json["events"]?.arrayValue?.compactMap(\.stringValue)
        else { return nil }
        self.init(id: id, url: url, events: events, secret: secret, tenant: json["store"]?.stringValue)
    }

    /// The id of a subscription given on the command line: the same at every start with the
    /// same destination and events, so deliveries owed before a restart resume after it.
    public static func commandLineID(url: String, events: [String]) -> String {
        let digest = SHA256.hash(data: Array((url + " " + events.joined(separator: ",")).utf8))
        return "cli_" + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// A secret as Standard Webhooks makes them: `whsec_` and 24 random bytes in Base64.
    public static func newSecret() -> String {
        "whsec_" + Data((0..<24).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }

    /// The HMAC key of a secret: the Base64 bytes after `whsec_`, or else the secret's own bytes.
    static func key(_ secret: String) -> SymmetricKey {
        if secret.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(secret.dropFirst(6))), !bytes.isEmpty {
            return SymmetricKey(data: bytes)
        }
        return SymmetricKey(data: Data(secret.utf8))
    }

    /// The `webhook-signature` of a delivery: `v1,` and the Base64 HMAC-SHA256 of
    /// `{id}.{timestamp}.{body}` under the secret, as Standard Webhooks signs.
    public static func signature(secret: String, id: String, timestamp: Int, body: [UInt8]) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key(secret))
        return "v1," + Data(mac).base64EncodedString()
    }
}

/// How the mock delivers events.
public struct WebhookOptions: Sendable {
    /// Hosts destinations may name besides loopback ones (`127.0.0.1`, `::1`, `localhost`).
    public var allowedHosts: [String]
    /// Attempts per event before it is given up as failed.
    public var attempts: Int
    /// The wait before the first retry; each later one waits twice as long, at most `maxRetryDelay`.
    public var firstRetryDelay: Duration
    public var maxRetryDelay: Duration
    /// How long one attempt may take before it counts as failed.
    public var timeout: Duration
    /// Events waiting for one subscriber, at most: beyond it, new events for it are dropped and
    /// the log and the delivery log say so.
    public var queueLimit: Int
    /// Subscriptions given on the command line, made at every start.
    public var subscriptions: [WebhookSubscription]

    public init(
        allowedHosts: [String] = [], attempts: Int = 5, firstRetryDelay: Duration = .milliseconds(500),
        maxRetryDelay: Duration = .seconds(30), timeout: Duration = .seconds(5), queueLimit: Int = 1000,
        subscriptions: [WebhookSubscription] = []
    ) {
        self.allowedHosts = allowedHosts
        self.attempts = attempts
        self.firstRetryDelay = firstRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.timeout = timeout
        self.queueLimit = queueLimit
        self.subscriptions = subscriptions
    }

    /// Why the mock may not send to `url`; nil when it may.
    public func refusal(of url: String) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return "must be an http:// or https:// URL, such as http://127.0.0.1:9000/hooks"
        }
        guard let host = parsed.host?.lowercased(), !host.isEmpty else { return "must name a host" }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if Self.isLoopback(bare) || allowedHosts.contains(where: { $0.lowercased() == bare }) { return nil }
        return "names \(bare), which is neither loopback nor allowed; start the mock with --webhook-allow \(bare) to send there"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }

    /// The wait before retry `number` (1 for the first).
    func retryDelay(_ number: Int) -> Duration {
        var delay = firstRetryDelay
        for _ in 1..<max(number, 1) where delay < maxRetryDelay { delay *= 2 }
        return min(delay, maxRetryDelay)
    }
}

/// How one attempt ended.
public enum WebhookAttempt: Sendable, Equatable {
    /// The destination answered with this status.
    case answered(Int)
    /// No answer: refused, timed out, or cut.
    case failed(String)
}

/// Sends one delivery; the mock's sends over HTTP, a guide's run records instead.
public protocol WebhookTransport: Sendable {
    func post(_ url: URL, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration) async -> WebhookAttempt
}

/// Deliveries over HTTP with Foundation's URL loading.
public struct URLSessionTransport: WebhookTransport {
    let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 4
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    public func post(_ url: URL, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration) async -> WebhookAttempt {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        // The race below cuts an attempt off; URL loading's own timer, a second later, is only a
        // backstop (on Linux it misfires on a first connection when set below a second).
        request.timeoutInterval = seconds + 1
        for header in headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        let session = self.session
        let prepared = request
        // The request, or the timeout, whichever ends first: a destination that accepts and never
        // answers must not hold the subscriber's queue for longer than one attempt may take.
        return await withTaskGroup(of: WebhookAttempt?.self) { group in
            group.addTask {
                do {
                    let (_, response) = try await session.data(for: prepared)
                    return .answered((response as? HTTPURLResponse)?.statusCode ?? 0)
                } catch {
                    return Task.isCancelled ? nil : .failed(Self.describe(error))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failed("no answer within \(seconds.formatted()) s")
            }
            var outcome: WebhookAttempt = .failed("no answer")
            for await result in group {
                if let result {
                    outcome = result
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            switch error.code {
            case .timedOut: return "timed out"
            case .cannotConnectToHost: return "connection refused"
            case .networkConnectionLost: return "connection closed before an answer"
            default: return error.localizedDescription
            }
        }
        return "\(error)"
    }
}

/// What happened to one event for one subscriber.
public struct WebhookDelivery: Sendable {
    public enum Status: String, Sendable {
        case pending, delivered, failed, dropped
    }

    public let event: RaisedEvent
    public var status: Status = .pending
    public var attempts = 0
    public var lastStatus: Int?
    public var lastError: String?
    /// Wall-clock times: when the event was handed to the queue, and when it was acknowledged.
    var queuedAt: Date
    var deliveredAt: Date?

    var json: JSONValue {
        var object = JSONObject([
            ("event_id", .string(event.id)), ("event", .string(event.name)), ("store", .string(event.tenant)),
            ("status", .string(status.rawValue)), ("attempts", .integer(attempts)),
            ("last_status", lastStatus.map(JSONValue.integer) ?? .null), ("last_error", lastError.map(JSONValue.string) ?? .null),
        ])
        if let deliveredAt {
            object["delivered_at"] = .string(deliveredAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            object["latency_ms"] = .number((deliveredAt.timeIntervalSince(queuedAt) * 1000 * 10).rounded() / 10)
        }
        object["payload"] = event.payload
        return .object(object)
    }
}

/// Delivers events to subscribers, each in the order its events were committed, one at a time
/// per subscriber and side by side across subscribers: one that hangs or refuses waits out its
/// own timeouts and retries without holding up the others, and never the request that raised
/// the event. Commands arrive through `commands`, in the order the store issues them.
public actor WebhookDispatcher {
    enum Command: Sendable {
        case subscribe(WebhookSubscription, pending: [RaisedEvent])
        case unsubscribe(String)
        case deliver([(event: RaisedEvent, to: [String])])
    }

    final class Subscriber: @unchecked Sendable {
        let subscription: WebhookSubscription
        let queue: AsyncStream<Int>.Continuation
        var waiting = 0
        /// Deliveries waiting or in flight, by their number (the order they were queued in).
        var pending: [Int: WebhookDelivery] = [:]
        /// Settled deliveries (delivered, failed, dropped) with their numbers, oldest first: the
        /// last `logLimit` of them.
        var settled: [(number: Int, delivery: WebhookDelivery)] = []
        var queued = 0
        /// Drops since the last warning, which is given on the first of a run of drops and
        /// then every thousand.
        var unreportedDrops = 0
        /// Every delivery since the subscriber was made (or the mock started), by status: the log
        /// forgets, these do not.
        var totals: [WebhookDelivery.Status: Int] = [:]
        var worker: Task<Void, Never>?

        init(_ subscription: WebhookSubscription, queue: AsyncStream<Int>.Continuation) {
            self.subscription = subscription
            self.queue = queue
        }
    }

    let options: WebhookOptions
    let transport: any WebhookTransport
    /// Told when a delivery is settled (delivered, failed or dropped), so the state file stops
    /// counting it as owed.
    let settled: (@Sendable (_ eventID: String, _ subscription: String, _ status: WebhookDelivery.Status) async -> Void)?
    let warn: @Sendable (String) -> Void
    nonisolated let commands: AsyncStream<Command>.Continuation
    var subscribers: [String: Subscriber] = [:]
    /// The most entries a subscriber's delivery log keeps; older settled ones are forgotten.
    static let logLimit = 1000

    init(
        options: WebhookOptions, transport: any WebhookTransport, warn: @escaping @Sendable (String) -> Void,
        settled: (@Sendable (String, String, WebhookDelivery.Status) async -> Void)?
    ) {
        self.options = options
        self.transport = transport
        self.warn = warn
        self.settled = settled
        let (stream, continuation) = AsyncStream.makeStream(of: Command.self)
        commands = continuation
        Task { [weak self] in
            for await command in stream {
                guard let self else { return }
                await self.apply(command)
            }
        }
    }

    /// Stops every delivery; the store's state file keeps what was owed.
    nonisolated func stop() {
        commands.finish()
        Task { await self.cancelAll() }
    }

    func cancelAll() {
        for subscriber in subscribers.values { subscriber.worker?.cancel() }
        subscribers = [:]
    }

    func apply(_ command: Command) {
        switch command {
        case .subscribe(let subscription, let pending):
            subscribers[subscription.id]?.worker?.cancel()
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
            let subscriber = Subscriber(subscription, queue: continuation)
            subscribers[subscription.id] = subscriber
            for event in pending { enqueue(event, for: subscriber) }
            subscriber.worker = Task { [weak self] in
                for await index in stream {
                    guard let self, !Task.isCancelled else { return }
                    await self.deliver(index, of: subscriber)
                }
            }
        case .unsubscribe(let id):
            subscribers.removeValue(forKey: id)?.worker?.cancel()
        case .deliver(let batch):
            for (event, targets) in batch {
                for id in targets {
                    guard let subscriber = subscribers[id] else { continue }
                    enqueue(event, for: subscriber)
                }
            }
        }
    }

    func enqueue(_ event: RaisedEvent, for subscriber: Subscriber) {
        var delivery = WebhookDelivery(event: event, queuedAt: Date())
        let number = subscriber.queued
        subscriber.queued += 1
        if subscriber.waiting >= options.queueLimit {
            delivery.status = .dropped
            delivery.lastError = "the queue was full (\(options.queueLimit) events waiting)"
            subscriber.totals[.dropped, default: 0] += 1
            keep(number, delivery, of: subscriber)
            if subscriber.unreportedDrops % 1000 == 0 {
                warn(
                    "webhook \(subscriber.subscription.id): \(options.queueLimit) events are waiting; dropping new ones (\(subscriber.totals[.dropped] ?? 0) so far)"
                )
            }
            subscriber.unreportedDrops += 1
            if let settled {
                let id = subscriber.subscription.id
                Task { await settled(event.id, id, .dropped) }
            }
            return
        }
        subscriber.unreportedDrops = 0
        subscriber.waiting += 1
        subscriber.totals[.pending, default: 0] += 1
        subscriber.pending[number] = delivery
        subscriber.queue.yield(number)
    }

    /// Keeps a settled delivery in the log, forgetting the oldest beyond `logLimit` (in bulk, so
    /// keeping one costs the same however long the log is).
    func keep(_ number: Int, _ delivery: WebhookDelivery, of subscriber: Subscriber) {
        subscriber.settled.append((number, delivery))
        if subscriber.settled.count >= 2 * Self.logLimit { subscriber.settled.removeFirst(subscriber.settled.count - Self.logLimit) }
    }

    /// Sends one queued event until it is acknowledged or its attempts run out.
    func deliver(_ number: Int, of subscriber: Subscriber) async {
        guard var delivery = subscriber.pending[number], let url = URL(string: subscriber.subscription.url) else { return }
        let event = delivery.event
        let body = JSONWriter(pretty: false).bytes(event.payload)
        var status: WebhookDelivery.Status = .failed
        for attempt in 1...max(options.attempts, 1) {
            if attempt > 1 {
                try? await Task.sleep(for: options.retryDelay(attempt - 1))
                if Task.isCancelled { return }
            }
            let timestamp = Int(Date().timeIntervalSince1970)
            let headers: [(name: String, value: String)] = [
                ("Content-Type", "application/json"), ("User-Agent", "specsmith-mock"),
                ("webhook-id", event.id), ("webhook-timestamp", String(timestamp)),
                (
                    "webhook-signature",
                    WebhookSubscription.signature(secret: subscriber.subscription.secret, id: event.id, timestamp: timestamp, body: body)
                ),
            ]
            let outcome = await transport.post(url, headers: headers, body: body, timeout: options.timeout)
            if Task.isCancelled { return }
            delivery.attempts = attempt
            defer { subscriber.pending[number] = delivery }
            switch outcome {
            case .answered(let code):
                delivery.lastStatus = code
                if (200..<300).contains(code) {
                    delivery.lastError = nil
                    status = .delivered
                } else {
                    delivery.lastError = "answered \(code)"
                }
            case .failed(let reason):
                delivery.lastError = reason
            }
            if status == .delivered { break }
        }
        delivery.status = status
        if status == .delivered { delivery.deliveredAt = Date() }
        subscriber.pending[number] = nil
        keep(number, delivery, of: subscriber)
        subscriber.waiting -= 1
        subscriber.totals[.pending, default: 0] -= 1
        subscriber.totals[status, default: 0] += 1
        if status == .failed {
            warn(
                "webhook \(subscriber.subscription.id): gave up \(event.name) \(event.id) after \(options.attempts) attempts: \(delivery.lastError ?? "")"
            )
        }
        await settled?(event.id, subscriber.subscription.id, status)
    }

    /// A subscriber's deliveries, oldest first; nil when there is no such subscriber.
    func deliveries(of id: String) -> [WebhookDelivery]? {
        guard let subscriber = subscribers[id] else { return nil }
        let all = subscriber.settled.suffix(Self.logLimit) + subscriber.pending.map { ($0.key, $0.value) }
        return all.sorted { $0.0 < $1.0 }.suffix(Self.logLimit).map(\.1)
    }

    /// Counts of a subscriber's deliveries by status.
    func counts(of id: String) -> [WebhookDelivery.Status: Int] {
        subscribers[id]?.totals ?? [:]
    }
}

/// What subscribers are still owed, as a state file tells it: the events raised for each, in
/// order, less those settled; and the subscriptions the admin API made and did not end.
struct WebhookBacklog {
    var owed: [String: [RaisedEvent]] = [:]
    var settled: Set<String> = []

    mutating func replay(_ entry: StateJournal.Entry, subscriptions: inout [WebhookSubscription]) {
        switch entry {
        case .changes(_, _, let events):
            for (event, to) in events {
                for id in to { owed[id, default: []].append(event) }
            }
        case .subscribed(let subscription):
            subscriptions.removeAll { $0.id == subscription.id }
            subscriptions.append(subscription)
        case .unsubscribed(let id):
            subscriptions.removeAll { $0.id == id }
            owed[id] = nil
        case .settled(let event, let subscription, _):
            settled.insert(subscription + " " + event)
        case .reset:
            break
        }
    }

    func events(for subscription: String) -> [RaisedEvent] {
        (owed[subscription] ?? []).filter { !settled.contains(subscription + " " + $0.id) }
    }
}
