import ArgumentParser
import Foundation

/// The root command. Exit status: 0 ok, 1 findings, 2 usage or I/O error.
struct Specsmith: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specsmith",
        abstract: "Generate and check an HTTP API's OpenAPI spec from one Swift model registry.",
        version: SpecsmithCLI.version,
        subcommands: [Generate.self, Check.self, Mock.self, Lint.self, Diff.self, Init.self, Import.self]
    )

    /// ArgumentParser exits 64 on usage errors; Specsmith documents 2.
    static func main(_ arguments: [String]?) async {
        do {
            var command = try parseAsRoot(arguments)
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
    @Option(name: .long, help: "The project folder holding the templates and the generated spec and guides.", completion: .directory)
    var root: String = "."

    @Option(name: .long, help: "Only this API, when the package documents several (its name: the spec file's name without extension).")
    var api: String?

    func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: root).appendingPathComponent(relativePath)
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root '\(root)' is not a folder")
        }
        _ = try selectedAPIs()
    }

    /// The APIs the command works on: `--api`'s, or all of them.
    func selectedAPIs() throws -> [APIDefinition] {
        let all = SpecsmithCLI.apis
        guard !all.isEmpty else { throw ValidationError("this executable documents no API: pass APIDefinitions to SpecsmithCLI.main") }
        guard let api else { return all }
        guard let chosen = all.first(where: { $0.name == api }) else {
            throw ValidationError("--api '\(api)' is not an API of this package; its APIs: \(all.map(\.name).joined(separator: ", "))")
        }
        return [chosen]
    }

    /// The one API a command such as `mock` serves.
    func singleAPI() throws -> APIDefinition {
        let chosen = try selectedAPIs()
        guard chosen.count == 1 else {
            throw ValidationError(
                "this package documents several APIs; choose one with --api (\(chosen.map(\.name).joined(separator: ", ")))")
        }
        return chosen[0]
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
