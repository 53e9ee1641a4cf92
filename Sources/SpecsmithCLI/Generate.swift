import ArgumentParser
import Foundation
import GuideRenderer
import OpenAPIEmitter

extension Specsmith {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write the spec and the guides from the registry and the templates.",
            discussion: """
                Every example is validated first, in the spec and in the guides; an invalid one, a misspelling \
                or a literal number the registry knows stops generation and names its file and line. \
                With --html DIR the guides are also written as a static HTML site. With --since REF (a git tag, \
                branch or commit; repeat it for several releases, newest first) the site gets changes.md: what \
                each release changed, from the spec as git holds it at REF, linked from the index and from each \
                reference page it touches. Later runs, and check, keep that page current for the same releases.
                """
        )

        @OptionGroup var project: ProjectOptions

        @Option(help: "Also write the guides as a static HTML site into this folder.", completion: .directory)
        var html: String?

        @Option(help: "A release (git tag, branch or commit) to write the changes since; repeat it, newest first.")
        var since: [String] = []

        func run() async throws {
            var outputs: [(url: URL, file: GeneratedFile)] = []
            var stale: [String] = []
            let apis = try project.selectedAPIs()
            for api in apis {
                let files = try ProjectFiles.generate(api, root: project, since: since)
                outputs += files.all.map { (url: project.url($0.path), file: $0) }
                if let html {
                    // One API writes its site at the root of OUT; several, each in a folder of its name.
                    let folder = apis.count == 1 ? URL(fileURLWithPath: html) : URL(fileURLWithPath: html).appendingPathComponent(api.name)
                    let site = HTMLSite(pages: files.pages, spec: files.yaml)
                    outputs += site.files().map { (url: folder.appendingPathComponent($0.path), file: $0) }
                }
                stale += files.leftovers(root: project)
            }
            for path in stale {
                try? FileManager.default.removeItem(at: project.url(path))
                print("removed \(path)")
            }
            var written = 0
            for (url, file) in outputs {
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if (try? String(contentsOf: url, encoding: .utf8)) != file.contents {
                        try Data(file.contents.utf8).write(to: url, options: .atomic)
                        print("wrote \(url.path.hasPrefix(project.url("").path) ? file.path : url.path)")
                        written += 1
                    }
                } catch {
                    printError("specsmith: cannot write \(url.path): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            print("\(outputs.count) files, \(written) changed.")
        }
    }
}
