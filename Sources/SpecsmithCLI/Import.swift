import ArgumentParser
import Foundation
import SpecImport
import SpecReader

extension Specsmith {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Show how an OpenAPI document is understood as a registry: resources, actions, singletons, paging, filters.",
            discussion: """
                With --plan, prints every resource inferred from the document's path shapes (its collection and item \
                paths, record schema, identifier, list envelope, paging and filters) and a line per operation saying \
                how it was understood and why; operations that fit no resource are example-only. Writing a package \
                from the plan is not available yet: --plan is required. Exit status: 0, or 2 for a file that cannot \
                be read or is not OpenAPI 3.
                """
        )

        @Argument(help: "An OpenAPI 3.0 or 3.1 document, YAML or JSON.", completion: .file())
        var spec: String

        @Flag(help: "Print how the document is understood.")
        var plan = false

        func validate() throws {
            guard plan else {
                throw ValidationError(
                    "writing a registry package from a document is not available yet; run with --plan to see how it is understood")
            }
        }

        func run() async throws {
            let text: String
            do {
                text = try String(contentsOfFile: spec, encoding: .utf8)
            } catch {
                printError("specsmith: \(spec): cannot read: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            do {
                print(ImportPlan(document: try SpecDocument(text: text)).text, terminator: "")
            } catch {
                printError("specsmith: \(error.diagnostic(file: spec))")
                throw ExitCode(2)
            }
        }
    }
}
