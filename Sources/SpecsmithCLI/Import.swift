import ArgumentParser
import Foundation
import OpenAPIEmitter
import SpecImport
import SpecReader

extension Specsmith {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Read an OpenAPI document as a registry: show how it is understood, or write the spec that registry generates.",
            discussion: """
                With --plan, prints every resource inferred from the document's path shapes (its collection and item \
                paths, record schema, identifier, list envelope, paging and filters), a line per operation saying \
                how it was understood and why (operations that fit no resource are example-only), then a line per \
                thing the registry does not say as the document does: a JSON pointer and the reason. With \
                --spec-out FILE, writes the spec the inferred registry generates, for `specsmith diff DOCUMENT FILE`: \
                the round trip that shows what the registry keeps. Writing a registry package from the document is \
                not available yet. Exit status: 0; 2 for a file that cannot be read, is not OpenAPI 3, or whose \
                registry cannot be generated.
                """
        )

        @Argument(help: "An OpenAPI 3.0 or 3.1 document, YAML or JSON.", completion: .file())
        var spec: String

        @Flag(help: "Print how the document is understood.")
        var plan = false

        @Option(name: .customLong("spec-out"), help: "Write the spec the inferred registry generates to this file.", completion: .file())
        var specOut: String?

        func validate() throws {
            guard plan || specOut != nil else {
                throw ValidationError(
                    "say what to do: --plan prints how the document is understood, --spec-out FILE writes the spec its registry generates; writing a registry package is not available yet"
                )
            }
        }

        /// The document at `path` read as a registry; exit status 2 with the file, line and
        /// column when it cannot be read or is not OpenAPI 3.
        static func read(_ path: String) throws -> ImportedAPI {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                printError("specsmith: \(path): cannot read: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            let imported: ImportedAPI
            do {
                imported = ImportedAPI(document: try SpecDocument(text: text), fileName: URL(fileURLWithPath: path).lastPathComponent)
            } catch {
                printError("specsmith: \(error.diagnostic(file: path))")
                throw ExitCode(2)
            }
            return imported
        }

        func run() async throws {
            let imported = try Self.read(spec)
            if plan { print(imported.plan.text + imported.report.text, terminator: "") }
            guard let specOut else { return }
            do {
                let generated = try GeneratedSpec(registry: imported.registry)
                try generated.yaml.write(toFile: specOut, atomically: true, encoding: .utf8)
            } catch {
                printError("specsmith: \(spec): the registry read from it cannot be generated: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
