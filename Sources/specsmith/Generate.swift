import ArgumentParser
import CustomersAPI
import Foundation
import OpenAPIEmitter

extension Specsmith {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write spec/ from the registry.",
            discussion: "Every example is validated first; an invalid one stops generation and names its location."
        )

        @OptionGroup var project: ProjectOptions

        func run() async throws {
            let generated: GeneratedFile
            do {
                generated = try SpecGenerator(registry: CustomersV3.registry).generate().file
            } catch {
                printError("specsmith: cannot generate: \(error)")
                throw ExitCode(1)
            }
            let url = project.url(generated.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let existing = try? String(contentsOf: url, encoding: .utf8)
                if existing != generated.contents {
                    try Data(generated.contents.utf8).write(to: url, options: .atomic)
                    print("wrote \(generated.path)")
                } else {
                    print("unchanged \(generated.path)")
                }
            } catch {
                printError("specsmith: cannot write \(url.path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }
}
