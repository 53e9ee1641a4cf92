import ArgumentParser
import Foundation

/// The command-line entry point. Exit status: 0 ok, 1 findings, 2 usage or I/O error.
@main
struct Specsmith: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specsmith",
        abstract: "Generate and check an HTTP API's OpenAPI spec from one Swift model registry.",
        subcommands: [Generate.self, Check.self, Mock.self, Lint.self, Diff.self]
    )

    /// ArgumentParser exits 64 on usage errors; Specsmith documents 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that reads or writes the project shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder holding templates/, spec/ and site/.", completion: .directory)
    var root: String = "."

    func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: root).appendingPathComponent(relativePath)
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root '\(root)' is not a folder")
        }
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
