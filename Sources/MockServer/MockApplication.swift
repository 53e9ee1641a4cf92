import APIRegistry
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OpenAPIEmitter

/// Builds the mock's HTTP application from a registry.
public enum MockApplication {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; `onRunning` receives the one chosen.
        public var port: Int
        public var seeding: Seeding
        /// Generated records per resource, instead of the registry's `seedRecords`.
        public var records: Int?
        /// Seed of the values made from response schemas (operations answered from the document
        /// with no example): nil makes the first choice and the least number, as the document's
        /// reference pages show them.
        public var sampleSeed: UInt64?
        /// Renders the guides as HTML files (paths like `index.html`), served at `/docs`; none
        /// serves none. It runs after the mock starts answering, while `/docs` waits for it.
        public var docs: @Sendable () -> [GeneratedFile]
        /// The `--state` file; nil keeps stores in memory only.
        public var statePath: String?
        public var options: MockResponder.Options
        /// A connection with nothing to read for this long is closed. Keep it longer than the
        /// body timeout, so that a stalled body is answered with a 408 before the close.
        public var idleTimeout: Duration
        public var logLevel: Logger.Level
        /// How events are delivered to webhook subscribers, and the command line's subscriptions.
        public var webhooks: WebhookOptions
        /// What sends deliveries; nil for HTTP.
        public var webhookTransport: (any WebhookTransport)?

        public init(
            host: String = "127.0.0.1", port: Int = 4010, seeding: Seeding = .seeded(1), records: Int? = nil, sampleSeed: UInt64? = nil,
            docs: @escaping @Sendable () -> [GeneratedFile] = { [] },
            statePath: String? = nil, options: MockResponder.Options = .init(), idleTimeout: Duration = .seconds(30),
            logLevel: Logger.Level = .info, webhooks: WebhookOptions = .init(), webhookTransport: (any WebhookTransport)? = nil
        ) {
            self.host = host
            self.port = port
            self.seeding = seeding
            self.records = records
            self.sampleSeed = sampleSeed
            self.docs = docs
            self.statePath = statePath
            self.options = options
            self.idleTimeout = idleTimeout
            self.logLevel = logLevel
            self.webhooks = webhooks
            self.webhookTransport = webhookTransport
        }
    }

    /// The store and responder for a generated spec's registry, serving the spec and the guides
    /// it is handed for `/docs`.
    public static func responder(
        spec: GeneratedSpec, configuration: Configuration, now: @escaping @Sendable () -> Date = Date.init
    ) throws -> MockResponder {
        let api = try MockAPI(spec: spec, now: now, sampleSeed: configuration.sampleSeed)
        var logger = Logger(label: "specsmith-mock")
        logger.logLevel = configuration.logLevel
        let store = try MockStore(
            api: api, seeding: configuration.seeding, records: configuration.records, statePath: configuration.statePath,
            webhooks: configuration.webhooks, transport: configuration.webhookTransport ?? HTTPTransport(), logger: logger)
        return MockResponder(store: store, spec: spec, docs: configuration.docs, options: configuration.options, logger: logger)
    }

    /// HTTP/1 settings: idle connections closed, and a request line long enough for a filter
    /// of the most values the API takes (1,000 ids of 10 digits), so a longer one reaches
    /// the query parser and gets its 422 instead of the framework's bare 400.
    static func http1(idleTimeout: TimeAmount) -> HTTP1Channel.Configuration {
        var configuration = HTTP1Channel.Configuration(idleTimeout: idleTimeout)
        configuration.httpDecoder = .init(maxHeaderFieldSize: 1 << 20, maxHeaderListSize: 1 << 20)
        return configuration
    }

    /// The application; run it with `runService()`, which stops it on SIGINT or SIGTERM.
    public static func application(
        spec: GeneratedSpec, configuration: Configuration, now: @escaping @Sendable () -> Date = Date.init,
        onRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) throws -> Application<RouterResponder<BasicRequestContext>> {
        var logger = Logger(label: "specsmith-mock")
        // The framework's own lines (start-up, connection errors) only when debugging: the mock logs requests itself.
        logger.logLevel = configuration.logLevel <= .debug ? configuration.logLevel : .warning
        let seconds = configuration.idleTimeout.components.seconds
        let responder = try responder(spec: spec, configuration: configuration, now: now)
        return Application(
            router: responder.router(),
            server: .http1(configuration: http1(idleTimeout: .seconds(seconds))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "specsmith-mock"),
            onServerRunning: { channel in
                responder.site.start()
                await onRunning(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
    }
}
