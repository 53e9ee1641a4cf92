import ArgumentParser
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
            let generated = try generatedSpec()
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
