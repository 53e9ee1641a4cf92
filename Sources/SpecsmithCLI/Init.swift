import ArgumentParser
import Foundation
import OpenAPIEmitter

extension Specsmith {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make a new package that documents, mocks and checks an API of its own with Specsmith.",
            discussion: """
                Writes NAME/ with Package.swift (depending on Specsmith), a registry with one resource, the \
                three-line executable, guide templates, a README and a .ci/run. Then: cd NAME && swift run \
                NAME-in-lowercase generate.
                """
        )

        @Argument(help: "The API's name: letters and digits, starting with a capital letter, e.g. Orders.")
        var name: String

        @Option(help: "The folder to create the package in. (default: ./NAME)", completion: .directory)
        var path: String?

        @Option(
            help: "Where Specsmith comes from: a folder (a checkout) or a git URL. (default: the checkout this specsmith was built from)"
        )
        var specsmith: String?

        func validate() throws { try Self.validate(name: name, option: "NAME") }

        /// An API's name is a Swift type's: letters and digits, starting with a capital letter.
        static func validate(name: String, option: String) throws {
            guard let first = name.first, first.isUppercase, first.isASCII, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else {
                throw ValidationError("\(option) must be letters and digits starting with a capital letter, like Orders; got '\(name)'")
            }
        }

        func run() async throws {
            let folder = URL(fileURLWithPath: path ?? name)
            try Self.requireEmpty(folder, option: "--path")
            let scaffold = Scaffold(name: name, specsmith: try Self.specsmithSource(option: specsmith, for: folder))
            let files: [GeneratedFile]
            do {
                files = try scaffold.files()
            } catch {
                printError("specsmith: \(error.description)")
                throw ExitCode(2)
            }
            try Self.write(files, into: folder)
            print(
                """

                Next:
                  cd \(folder.path)
                  swift run \(scaffold.executable) generate    # spec/\(scaffold.executable).yaml and site/
                  swift run \(scaffold.executable) mock        # the mock on http://127.0.0.1:4010/v1
                """)
        }

        /// A package is written only into a folder that is new or empty.
        static func requireEmpty(_ folder: URL, option: String) throws {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            guard existing.isEmpty else {
                printError("specsmith: \(folder.path) already exists and is not empty; choose another \(option)")
                throw ExitCode(2)
            }
        }

        /// Writes each file under `folder`, naming each as it goes.
        static func write(_ files: [GeneratedFile], into folder: URL) throws {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.contents.utf8).write(to: url)
                } catch {
                    printError("specsmith: cannot write \(url.path): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                print("wrote \(file.path)")
            }
        }

        /// The dependency line's source: the option's, or the checkout this binary was built from. A
        /// folder is named relative to the new package, so the two can move together.
        static func specsmithSource(option specsmith: String?, for package: URL) throws -> Scaffold.Source {
            if let specsmith {
                if specsmith.contains("://") || specsmith.hasPrefix("git@") { return .url(specsmith) }
                let folder = URL(fileURLWithPath: specsmith).standardizedFileURL
                guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) else {
                    printError("specsmith: --specsmith \(specsmith) has no Package.swift; name a Specsmith checkout or a git URL")
                    throw ExitCode(2)
                }
                return .path(Self.relativePath(from: package, to: folder), identity: folder.lastPathComponent)
            }
            // Sources/SpecsmithCLI/Init.swift → the checkout's root.
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
                printError("specsmith: cannot find the Specsmith checkout this was built from; pass --specsmith PATH-OR-URL")
                throw ExitCode(2)
            }
            return .path(Self.relativePath(from: package, to: root), identity: root.standardizedFileURL.lastPathComponent)
        }

        /// `../specsmith`: how `to` is reached from the folder `from`.
        static func relativePath(from: URL, to: URL) -> String {
            let start = from.standardizedFileURL.pathComponents
            let end = to.standardizedFileURL.pathComponents
            let shared = zip(start, end).prefix { $0 == $1 }.count
            let steps = Array(repeating: "..", count: start.count - shared) + end.dropFirst(shared)
            return steps.isEmpty ? "." : steps.joined(separator: "/")
        }
    }
}
