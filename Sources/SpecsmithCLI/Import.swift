import APIRegistry
import ArgumentParser
import Foundation
import OpenAPIEmitter
import SpecImport
import SpecReader

extension Specsmith {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Read an OpenAPI document as a registry: show how it is understood, write the spec it generates, or write a package.",
            discussion: """
                With --plan, prints every resource inferred from the document's path shapes (its collection and item \
                paths, record schema, identifier, list envelope, paging and filters), a line per operation saying \
                how it was understood and why (operations that fit no resource are example-only), then a line per \
                thing the registry does not say as the document does: a JSON pointer and the reason. With \
                --spec-out FILE, writes the spec the inferred registry generates, for `specsmith diff DOCUMENT FILE`: \
                the round trip that shows what the registry keeps. With --name Orders, writes a package as `init` \
                does (into --into, by default ./Orders) whose registry, in Sources/OrdersAPI/Orders.swift, is the one \
                read from the document, with a reference page per resource, a first guide, and IMPORT.md listing \
                the plan and what the registry does not say. Exit status: 0; 2 for a file that cannot be read, is \
                not OpenAPI 3, or whose registry cannot be generated.
                """
        )

        @Argument(help: "An OpenAPI 3.0 or 3.1 document, YAML or JSON.", completion: .file())
        var spec: String

        @Flag(help: "Print how the document is understood.")
        var plan = false

        @Option(name: .customLong("spec-out"), help: "Write the spec the inferred registry generates to this file.", completion: .file())
        var specOut: String?

        @Option(help: "Write a package for the API of this name (letters and digits, e.g. Orders) whose registry says the document.")
        var name: String?

        @Option(help: "The folder to write the package in. (default: ./NAME)", completion: .directory)
        var into: String?

        @Option(help: "Where the package's Specsmith comes from: a folder or a git URL. (default: this checkout)")
        var specsmith: String?

        @Option(
            help:
                "A YAML or JSON file correcting how operations are understood: per `METHOD /path`, x-specsmith-example-only: true, x-specsmith-resource: NAME or x-specsmith-identifier: FIELD.",
            completion: .file())
        var overrides: String?

        func validate() throws {
            guard plan || specOut != nil || name != nil else {
                throw ValidationError(
                    "say what to do: --plan prints how the document is understood, --spec-out FILE writes the spec its registry generates, --name Orders writes a package"
                )
            }
            if let name { try Init.validate(name: name, option: "--name") }
            if name == nil, into != nil || specsmith != nil { throw ValidationError("--into and --specsmith go with --name") }
        }

        /// The document at `path` read as a registry; exit status 2 with the file, line and
        /// column when it cannot be read or is not OpenAPI 3.
        static func read(_ path: String, fileName: String? = nil, overrides: String? = nil) throws -> ImportedAPI {
            // References to other files (`./schemas/pet.yaml`) are read in as components of the root.
            let bundle: DocumentBundle
            do {
                bundle = try DocumentBundle(contentsOf: URL(fileURLWithPath: path))
            } catch let error as SpecDocument.LoadError {
                printError("specsmith: \(error.diagnostic(file: path))")
                throw ExitCode(2)
            } catch let error as DocumentBundle.Failure {
                printError("specsmith: \(path): \(error)")
                throw ExitCode(2)
            } catch {
                printError("specsmith: \(path): cannot read: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            var corrections = ImportOverrides()
            if let overrides {
                do {
                    corrections = try ImportOverrides(
                        text: try String(contentsOfFile: overrides, encoding: .utf8), file: overrides, for: bundle.document)
                } catch let error as ImportOverrides.Failure {
                    printError("specsmith: --overrides \(error)")
                    throw ExitCode(2)
                } catch {
                    printError("specsmith: --overrides \(overrides): cannot read: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            return ImportedAPI(
                document: bundle.document, fileName: fileName ?? URL(fileURLWithPath: path).lastPathComponent, overrides: corrections)
        }

        /// The guides' templates of an imported API: an index of its resources and a first guide
        /// that lists the first of them.
        static func importTemplates(_ registry: Registry) throws(Scaffold.MissingResources) -> [GeneratedFile] {
            guard let url = Bundle.module.url(forResource: "DocumentDocs", withExtension: nil)?.appendingPathComponent("index.md.mustache"),
                let index = try? String(contentsOf: url, encoding: .utf8)
            else {
                throw Scaffold.MissingResources(
                    description: "the import's templates are missing beside the executable; reinstall Specsmith")
            }
            var files = [
                GeneratedFile(
                    path: "templates/index.md.mustache",
                    contents: index + "\n## Guides\n\n- [Getting started](guides/getting-started.md): the first records.\n")
            ]
            let first = registry.resources.first { $0.operation(.list, scoped: false) != nil }
            var guide =
                "# Getting started\n\nEvery request on this page runs on the mock's sample data, and every answer shown is the one it gives.\n"
            if let first {
                let paged = !registry.pagingStyles(of: first).isEmpty
                guide += """

                    List the first \(first.name):

                    ```http
                    GET \(first.path)\(paged ? "?\(registry.pagination.limitParameter)=2" : "")
                    ```

                    ```json response
                    ```

                    """
            }
            files.append(GeneratedFile(path: "templates/guides/getting-started.md.mustache", contents: guide))
            return files
        }

        /// IMPORT.md: where the registry came from, how each operation was understood, and what
        /// the registry does not say as the document does.
        static func importNotes(_ imported: ImportedAPI, from path: String) -> String {
            let name = URL(fileURLWithPath: path).lastPathComponent
            var text = """
                # Imported from \(name)

                The registry in `Sources/` was read from `\(name)` by `specsmith import`. Diff the document with
                the spec it generates to see what it keeps: `specsmith diff \(name) spec/\(imported.registry.info.specFileName)`. Each line below is
                kept here so that nothing is lost silently; fix the registry where it guessed.

                ## How each operation was understood

                ```text

                """
            text += imported.plan.text + "```\n\n## What the registry does not say as the document does\n\n"
            text +=
                imported.report.items.isEmpty ? "Nothing.\n" : imported.report.items.map { "- `\($0.pointer)`: \($0.reason)\n" }.joined()
            return text
        }

        func run() async throws {
            let imported = try Self.read(spec, overrides: overrides)
            if plan { print(imported.plan.text + imported.report.text, terminator: "") }
            if let specOut {
                do {
                    let generated = try imported.spec()
                    try generated.yaml.write(toFile: specOut, atomically: true, encoding: .utf8)
                } catch {
                    printError("specsmith: \(spec): the registry read from it cannot be generated: \(error)")
                    throw ExitCode(2)
                }
            }
            if let name { try writePackage(name) }
        }

        /// The package: `init`'s, with the registry read from the document in place of the
        /// example one, guide templates for its resources, and IMPORT.md.
        func writePackage(_ name: String) throws {
            let folder = URL(fileURLWithPath: into ?? name)
            try Init.requireEmpty(folder, option: "--into")
            let scaffold = Scaffold(name: name, specsmith: try Init.specsmithSource(option: specsmith, for: folder))
            let document = try Self.read(spec, fileName: scaffold.executable + ".yaml", overrides: overrides)
            do {
                _ = try document.spec()
            } catch {
                printError("specsmith: \(spec): the registry read from it cannot be generated, so no package is written: \(error)")
                throw ExitCode(2)
            }
            let source = RegistrySource(
                name: name, registry: document.registry, origin: "`\(URL(fileURLWithPath: spec).lastPathComponent)` by `specsmith import`")
            var files: [GeneratedFile]
            do {
                files = try scaffold.files()
                files += try Self.importTemplates(document.registry)
            } catch {
                printError("specsmith: \(error.description)")
                throw ExitCode(2)
            }
            let registryPath = scaffold.place("Registry.swift")
            files = files.map { $0.path == registryPath ? GeneratedFile(path: $0.path, contents: source.text) : $0 }
            files.append(GeneratedFile(path: "IMPORT.md", contents: Self.importNotes(document, from: spec)))
            // The import's templates take the place of the example resource's.
            var byPath: [String: GeneratedFile] = [:]
            for file in files { byPath[file.path] = file }
            try Init.write(byPath.values.sorted { $0.path < $1.path }, into: folder)
            print(
                """

                Next:
                  cd \(folder.path)
                  swift run \(scaffold.executable) generate    # spec/\(scaffold.executable).yaml and site/, from Sources/\(scaffold.module)/\(name).swift
                  specsmith diff \(URL(fileURLWithPath: spec).standardizedFileURL.path) spec/\(scaffold.executable).yaml   # what the registry keeps of the document
                """)
        }

    }
}
