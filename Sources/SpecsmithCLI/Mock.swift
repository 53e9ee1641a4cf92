import ArgumentParser
import Foundation
import GuideRenderer
import Hummingbird
import JSONModel
import Logging
import MockServer
import OpenAPIEmitter
import SpecImport
import SpecReader

extension Specsmith {
    struct Mock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mock",
            abstract: "Serve a stateful mock of the API described by the registry.",
            discussion: """
                Every resource is served under the path of the registry's server URL (for https://api.example.com/{tenant}/v1, /{tenant}/v1); the \
                values of its variables name a tenant with records of its own, created on first use. The spec is served at \
                /openapi.yaml, the guides at /docs/, the mock's health at /_mock/health, a tenant's records at \
                /_mock/TENANTS/{name}, as the registry names its tenants (POST …/reset starts it over). One log line per request goes to standard error. Stop with Ctrl-C (SIGINT) or SIGTERM.

                Given an OpenAPI document instead, the mock serves the registry inferred from it (as `specsmith import \
                DOCUMENT --plan` shows): records written are kept, listed, filtered, paged, changed and deleted. An \
                operation that fits no resource answers from its examples (`Prefer: code=404, example=NAME` picks \
                one), with a warning at start-up; a document the registry cannot say is refused with exit status 2.
                """
        )

        @Argument(
            help: "An OpenAPI 3.0 or 3.1 document (YAML or JSON) to serve instead of the package's registry.", completion: .file())
        var document: String?

        @Flag(help: "With a document: print how it is understood (resources, operations, what the registry cannot say) and exit.")
        var plan = false

        @Option(
            help:
                "With a document: a YAML or JSON file correcting how operations are understood (see specsmith import --help).",
            completion: .file())
        var overrides: String?

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 picks a free one.")
        var port = 4010

        @Flag(help: "Start every store with no records.")
        var empty = false

        @OptionGroup var project: ProjectOptions

        @Option(
            help:
                "Seed of the generated sample records, and of the values made from response schemas where the document has no example; the same seed gives the same data. (default: 1; without it, values made from schemas are the first choice and the least number)"
        )
        var seed: UInt64?

        @Option(help: "Generated records per resource, instead of the registry's few (e.g. 10000 for load tests).")
        var records: Int?

        @Option(
            name: .customLong("token"),
            help:
                "A token that may read and write, sent as the registry says (its header, or a bearer token). Repeatable. With no tokens the mock is open."
        )
        var tokens: [String] = []

        @Option(name: .customLong("read-only-token"), help: "A token that may only read; its writes are 403. Repeatable.")
        var readOnlyTokens: [String] = []

        @Option(help: "Keep every store in this file (an append-only log, fsynced per write) and reload it at start-up.")
        var state: String?

        @Option(name: .customLong("max-body"), help: "Largest request body: bytes, or with KiB or MiB. (default: 1MiB)")
        var maxBody: String = "1MiB"

        @Option(help: "Seconds a request body may take (then 408); a connection silent a second longer is closed. (default: 30)")
        var timeout: Int = 30

        @Option(
            name: .customLong("rate-limit"),
            help: "Limit each store to N requests per window, like the real API: 5/s, 300/min or 150/30s. Over it: 429. (default: off)")
        var rateLimit: String?

        @Flag(name: .customLong("no-cors"), help: "Do not answer CORS preflights or send Access-Control-Allow-Origin.")
        var noCORS = false

        @Option(name: .customLong("log-level"), help: "trace, debug, info (a line per request), notice, warning, error or critical.")
        var logLevel: String = "info"

        @Option(
            name: .customLong("webhook"),
            help: ArgumentHelp(
                "Deliver the API's events to URL, or only some: URL=EVENT,EVENT. Repeatable. Loopback hosts only, unless --webhook-allow.",
                valueName: "url[=events]"))
        var webhooks: [String] = []

        @Option(
            name: .customLong("webhook-secret"),
            help:
                "The secret --webhook deliveries are signed with (`whsec_` and Base64, or any text of 8 to 200 characters); made and printed when not given."
        )
        var webhookSecret: String?

        @Option(
            name: .customLong("webhook-allow"),
            help: ArgumentHelp("A host webhook destinations may name besides loopback ones. Repeatable.", valueName: "host"))
        var webhookAllow: [String] = []

        @Option(name: .customLong("webhook-timeout"), help: "Seconds one delivery attempt may take. (default: 5)")
        var webhookTimeout: Double = 5

        @Option(
            name: .customLong("webhook-attempts"),
            help: "Attempts per event before it is given up, retried with backoff from 0.5 s. (default: 5)")
        var webhookAttempts: Int = 5

        @Option(
            name: .customLong("webhook-queue"),
            help: "Events that may wait for one subscriber; beyond it new ones are dropped, and logged. (default: 1000)")
        var webhookQueue: Int = 1000

        func validate() throws {
            if plan && document == nil { throw ValidationError("--plan needs a document: specsmith mock DOCUMENT --plan") }
            if overrides != nil && document == nil {
                throw ValidationError("--overrides needs a document: specsmith mock DOCUMENT --overrides FILE")
            }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
            if empty && seed != nil { throw ValidationError("--empty and --seed contradict each other; use one") }
            if empty && records != nil { throw ValidationError("--empty and --records contradict each other; use one") }
            if let records, !(0...1_000_000).contains(records) {
                throw ValidationError("--records must be from 0 to 1000000, got \(records)")
            }
            if Set(tokens).intersection(readOnlyTokens).first != nil {
                throw ValidationError("a token cannot be both --token and --read-only-token")
            }
            if (tokens + readOnlyTokens).contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
                throw ValidationError("a token must be non-empty, without spaces")
            }
            _ = try Self.bytes(maxBody)
            if let rateLimit, RateLimiting(parsing: rateLimit) == nil {
                throw ValidationError("--rate-limit must be N/s, N/min or N/<seconds>s (e.g. 5/s, 300/min, 150/30s); got '\(rateLimit)'")
            }
            guard (1...3600).contains(timeout) else { throw ValidationError("--timeout must be from 1 to 3600 seconds, got \(timeout)") }
            guard webhookTimeout > 0 && webhookTimeout <= 600 else {
                throw ValidationError("--webhook-timeout must be more than 0 and at most 600 seconds, got \(webhookTimeout)")
            }
            guard (1...100).contains(webhookAttempts) else {
                throw ValidationError("--webhook-attempts must be from 1 to 100, got \(webhookAttempts)")
            }
            guard (1...1_000_000).contains(webhookQueue) else {
                throw ValidationError("--webhook-queue must be from 1 to 1000000, got \(webhookQueue)")
            }
            if let webhookSecret, !(8...200).contains(webhookSecret.count) {
                throw ValidationError("--webhook-secret must be 8 to 200 characters, got \(webhookSecret.count)")
            }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError(
                    "--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(logLevel)'")
            }
        }

        /// `1048576`, `512KiB`, `1MiB` (KB and MB are read as KiB and MiB) → bytes.
        static func bytes(_ text: String) throws -> Int {
            let units: [(suffix: String, factor: Int)] = [
                ("KiB", 1 << 10), ("MiB", 1 << 20), ("KB", 1 << 10), ("MB", 1 << 20), ("B", 1), ("", 1),
            ]
            for unit in units where text.hasSuffix(unit.suffix) {
                guard let number = Int(text.dropLast(unit.suffix.count)) else { continue }
                let (total, overflow) = number.multipliedReportingOverflow(by: unit.factor)
                guard !overflow, (1...(1 << 30)).contains(total) else { break }
                return total
            }
            throw ValidationError("--max-body must be a size from 1 byte to 1GiB, like 1048576, 512KiB or 1MiB; got '\(text)'")
        }

        /// The spec and guide templates of the package's API, or of the registry a document is read as.
        func served() throws -> (spec: GeneratedSpec, templates: URL) {
            if let document { return try Self.served(document: document, planOnly: plan, overrides: overrides) }
            let api = try project.singleAPI()
            do {
                return (try GeneratedSpec(registry: api.registry), project.url(api.templates))
            } catch {
                printError("specsmith: cannot generate \(api.name)'s spec: \(error)")
                throw ExitCode(1)
            }
        }

        /// The registry a document is read as, with a warning per operation it does not serve;
        /// its guides are a reference page per resource.
        static func served(document path: String, planOnly: Bool, overrides: String? = nil) throws -> (spec: GeneratedSpec, templates: URL)
        {
            let imported = try Import.read(path, overrides: overrides)
            if planOnly {
                print(imported.plan.text + imported.report.text, terminator: "")
                throw ExitCode.success
            }
            for entry in imported.plan.entries where entry.role == .exampleOnly {
                printError(
                    "specsmith: warning: \(path): \(entry.method.uppercased()) \(entry.path) fits no resource (\(entry.reason)): answered from its examples, keeping nothing"
                )
            }
            let spec: GeneratedSpec
            do {
                spec = try imported.spec()
            } catch {
                printError(
                    "specsmith: \(path): the registry read from it cannot be served: \(error)\n"
                        + "See how it is understood with: specsmith mock \(path) --plan")
                throw ExitCode(2)
            }
            if !imported.report.items.isEmpty {
                printError(
                    "specsmith: \(path): \(imported.report.items.count) thing(s) the registry does not say as the document does; see specsmith mock \(path) --plan"
                )
            }
            return (spec, try documentTemplates())
        }

        /// A folder with the index and reference templates for a document's guides.
        static func documentTemplates() throws -> URL {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "specsmith-docs-\(ProcessInfo.processInfo.processIdentifier)")
            guard
                let index = Bundle.module.url(forResource: "DocumentDocs", withExtension: nil)?.appendingPathComponent("index.md.mustache"),
                let reference = Bundle.module.url(forResource: "Scaffold", withExtension: nil)?
                    .appendingPathComponent("templates/reference/resource.md.mustache")
            else { return folder }
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("reference"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: index, to: folder.appendingPathComponent("index.md.mustache"))
            try FileManager.default.copyItem(at: reference, to: folder.appendingPathComponent("reference/resource.md.mustache"))
            return folder
        }

        /// The command line's subscriptions: `URL`, or `URL=EVENT,EVENT` when what follows the
        /// last `=` names events of the API.
        func webhookOptions(events known: [String]) throws -> WebhookOptions {
            var options = WebhookOptions(
                allowedHosts: webhookAllow, attempts: webhookAttempts, timeout: .milliseconds(Int(webhookTimeout * 1000)),
                queueLimit: webhookQueue)
            let secret = webhookSecret ?? WebhookSubscription.newSecret()
            for given in webhooks {
                var url = given
                var events: [String] = []
                if let equals = given.lastIndex(of: "=") {
                    let names = given[given.index(after: equals)...].split(separator: ",").map(String.init)
                    if !names.isEmpty && names.allSatisfy(known.contains) {
                        url = String(given[..<equals])
                        events = names
                    } else if let unknown = names.first(where: { !known.contains($0) }),
                        let near = Spelling.closest(to: unknown, in: known)
                    {
                        throw ValidationError("--webhook \(given): '\(unknown)' is not an event of this API; did you mean '\(near)'?")
                    }
                }
                if known.isEmpty { throw ValidationError("--webhook \(given): this API declares no events to deliver") }
                if let refusal = options.refusal(of: url) { throw ValidationError("--webhook \(url): \(refusal)") }
                let id = WebhookSubscription.commandLineID(url: url, events: events)
                options.subscriptions.append(WebhookSubscription(id: id, url: url, events: events, secret: secret))
            }
            if !webhooks.isEmpty && webhookSecret == nil {
                FileHandle.standardOutput.write(Data("Webhook deliveries are signed with the secret \(secret)\n".utf8))
            }
            return options
        }

        func run() async throws {
            let (spec, templates) = try served()
            let webhookOptions = try webhookOptions(events: spec.registry.resources.flatMap { $0.events.map(\.name) })
            // A document's templates are a copy made for this start-up only.
            defer { if document != nil { try? FileManager.default.removeItem(at: templates) } }
            let docs: @Sendable () -> [GeneratedFile]
            if !FileManager.default.fileExists(atPath: templates.path) {
                printError("specsmith: no templates folder at \(templates.path), so /docs serves no guides")
                docs = { [] }
            } else {
                // Rendered while the API already answers. A broken template is the docs' problem,
                // not the API's: the mock goes on without them.
                docs = {
                    do {
                        return try Guides.htmlSite(spec: spec, templates: templates)
                    } catch {
                        printError("specsmith: /docs serves no guides: \(error)")
                        return []
                    }
                }
            }
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let options = MockResponder.Options(
                maxBodySize: try Self.bytes(maxBody), access: AccessPolicy(tokens: Set(tokens), readOnlyTokens: Set(readOnlyTokens)),
                cors: !noCORS, bodyTimeout: .seconds(timeout), rateLimit: rateLimit.flatMap(RateLimiting.init(parsing:)))
            let configuration = MockApplication.Configuration(
                host: host, port: port, seeding: empty ? .empty : .seeded(seed ?? 1), records: records, sampleSeed: seed,
                docs: docs, statePath: state, options: options, idleTimeout: .seconds(timeout + 1),
                logLevel: level, webhooks: webhookOptions)
            let host = self.host
            let serverPath = spec.registry.info.serverPath
            let app: Application<RouterResponder<BasicRequestContext>>
            do {
                app = try MockApplication.application(
                    spec: spec, configuration: configuration,
                    onRunning: { port in
                        let base = "http://\(host):\(port)"
                        let line =
                            "Specsmith mock listening on \(base)\(serverPath) (spec: \(base)/openapi.yaml, guides: \(base)/docs/)\n"
                        FileHandle.standardOutput.write(Data(line.utf8))
                    })
            } catch let error as StateFileError {
                printError("specsmith: --state \(error)")
                throw ExitCode(2)
            } catch {
                printError("specsmith: cannot start the mock: \(error)")
                throw ExitCode(1)
            }
            do {
                try await app.runService()
            } catch {
                printError("specsmith: the mock stopped: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
