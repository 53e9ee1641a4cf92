import APIRegistry
import Foundation
import GuideRenderer
import Hummingbird
import Logging
import OpenAPIEmitter

/// Builds the mock's HTTP application from a registry.
public enum MockServer {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; `onRunning` receives the one chosen.
        public var port: Int
        public var seeding: Seeding
        /// The guide templates served as HTML at `/docs`; nil serves no guides.
        public var templates: URL?

        public init(host: String = "127.0.0.1", port: Int = 4010, seeding: Seeding = .seeded(1), templates: URL? = nil) {
            self.host = host
            self.port = port
            self.seeding = seeding
            self.templates = templates
        }
    }

    /// The store and responder for `registry`, with the spec generated from it and, when a
    /// templates folder is given, the guides rendered as HTML for `/docs`.
    public static func responder(
        registry: Registry, seeding: Seeding, templates: URL? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) throws -> MockResponder {
        let (document, file) = try SpecGenerator(registry: registry).generate()
        let api = try MockAPI(registry: registry, document: document, now: now)
        var docs: [String: GeneratedFile] = [:]
        if let templates {
            let pages = try GuideRenderer(registry: registry, document: document, templates: templates).render()
            for page in HTMLSite(pages: pages, spec: file).files() { docs[page.path] = page }
        }
        return MockResponder(store: MockStore(api: api, seeding: seeding), spec: file.contents, docs: docs)
    }

    /// The application; run it with `runService()`, which stops it on SIGINT or SIGTERM.
    public static func application(
        registry: Registry, configuration: Configuration, onRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) throws -> Application<MockResponder> {
        var logger = Logger(label: "specsmith-mock")
        logger.logLevel = .warning
        return Application(
            responder: try responder(registry: registry, seeding: configuration.seeding, templates: configuration.templates),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "specsmith-mock"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }
}
