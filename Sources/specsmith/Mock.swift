import ArgumentParser
import CustomersAPI
import Foundation
import Hummingbird
import MockServer

extension Specsmith {
    struct Mock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a stateful mock of the API described by the registry.",
            discussion: """
                Every resource is served under /stores/{store_hash}/v3; each store_hash is its own store, \
                created on first use. The spec is served at /openapi.yaml. Stop with Ctrl-C (SIGINT) or SIGTERM.
                """
        )

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 picks a free one.")
        var port = 4010

        @Flag(help: "Start every store with no records.")
        var empty = false

        @Option(help: "The project folder whose templates/ are served as HTML guides at /docs.", completion: .directory)
        var root = "."

        @Option(help: "Seed of the generated sample records; the same seed gives the same data. (default: 1)")
        var seed: UInt64?

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
            if empty && seed != nil { throw ValidationError("--empty and --seed contradict each other; use one") }
        }

        func run() async throws {
            let templates = URL(fileURLWithPath: root).appendingPathComponent("templates")
            let hasTemplates = FileManager.default.fileExists(atPath: templates.path)
            if !hasTemplates { printError("specsmith: no templates/ under '\(root)', so /docs serves no guides") }
            let configuration = MockServer.Configuration(
                host: host, port: port, seeding: empty ? .empty : .seeded(seed ?? 1), templates: hasTemplates ? templates : nil)
            let host = self.host
            let app: Application<MockResponder>
            do {
                app = try MockServer.application(registry: CustomersV3.registry, configuration: configuration) { port in
                    let base = "http://\(host):\(port)"
                    let line =
                        "Specsmith mock listening on \(base)/stores/{store_hash}/v3 (spec: \(base)/openapi.yaml, guides: \(base)/docs/)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
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
