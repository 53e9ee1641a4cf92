import ArgumentParser
import CustomersAPI
import Foundation
import GuideRenderer
import OpenAPIEmitter

/// Everything `generate` writes and `check` compares: the spec and the guides.
struct ProjectFiles {
    let spec: GeneratedFile
    let pages: [GeneratedFile]

    var all: [GeneratedFile] { [spec] + pages }

    /// The folders whose every file is generated, so a file there that is no longer
    /// produced is stale.
    static let generatedFolders = ["spec", "site"]

    /// Generates in memory; an invalid example, template or registry ends the command with status 1.
    static func generate(root project: ProjectOptions) throws -> ProjectFiles {
        do {
            let (document, spec) = try SpecGenerator(registry: CustomersV3.registry).generate()
            let renderer = GuideRenderer(registry: CustomersV3.registry, document: document, templates: project.url("templates"))
            // The pages link to the spec beside them, so site/ carries a copy.
            let copy = GeneratedFile(path: "site/openapi.yaml", contents: spec.contents)
            return ProjectFiles(spec: spec, pages: try renderer.render() + [copy])
        } catch {
            printError("specsmith: cannot generate: \(error)")
            throw ExitCode(1)
        }
    }

    /// Files under the generated folders that generation no longer produces.
    func leftovers(root project: ProjectOptions) -> [String] {
        let produced = Set(all.map(\.path))
        var found: [String] = []
        for folder in Self.generatedFolders {
            let base = project.url(folder).standardizedFileURL
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
                continue
            }
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let path = folder + "/" + url.standardizedFileURL.path.dropFirst(base.path.count + 1)
                if !produced.contains(path) { found.append(path) }
            }
        }
        return found.sorted()
    }
}
