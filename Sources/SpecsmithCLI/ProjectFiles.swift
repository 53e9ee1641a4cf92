import ArgumentParser
import Foundation
import GuideRenderer
import OpenAPIEmitter

/// Everything `generate` writes and `check` compares for one API: the spec, the guides, and
/// the manifest that lists them.
struct ProjectFiles {
    let api: APIDefinition
    let spec: GeneratedSpec
    /// The spec as YAML.
    let yaml: String
    /// The guides as the renderer names them, relative to the site (`guides/querying.md`), for the HTML site.
    let pages: [GeneratedFile]

    /// The spec and the guides at the places the API definition gives them under the project folder.
    var outputs: [GeneratedFile] {
        [GeneratedFile(path: "\(api.specFolder)/\(spec.fileName)", contents: yaml)]
            + pages.map { GeneratedFile(path: "\(api.siteFolder)/\($0.path)", contents: $0.contents) }
    }

    /// The list of what this API's generation writes: what a later `generate` may remove.
    var manifest: GeneratedFile {
        let lines = outputs.map(\.path).sorted()
        return GeneratedFile(
            path: api.manifestPath,
            contents: "# Written by `specsmith generate` for \(api.registry.info.title); it removes only files listed here.\n"
                + lines.joined(separator: "\n") + "\n")
    }

    var all: [GeneratedFile] { outputs + [manifest] }

    /// Generates in memory; an invalid example, template or registry ends the command with
    /// status 1, a missing templates folder or a release git cannot read with status 2. With
    /// `since`, or a changes page already made for some releases, the site has the page of what
    /// each release changed.
    static func generate(_ api: APIDefinition, root project: ProjectOptions, since: [String] = []) throws -> ProjectFiles {
        let templates = project.url(api.templates)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: templates.path, isDirectory: &isFolder), isFolder.boolValue else {
            printError("specsmith: \(api.name): there is no templates folder at \(templates.path); create it, or pass --root")
            throw ExitCode(2)
        }
        do {
            let spec = try GeneratedSpec(registry: api.registry)
            let renderer = Guides(spec: spec, templates: templates, pagesFolder: api.siteFolder)
            // The pages link to the spec beside them, so the site carries a copy.
            let yaml = try spec.yaml
            let copy = GeneratedFile(path: "openapi.yaml", contents: yaml)
            var pages = try renderer.render()
            let releases = since.isEmpty ? ReleasePage.releases(onDisk: project.url("\(api.siteFolder)/\(ReleasePage.path)")) : since
            if !releases.isEmpty {
                let page = ReleasePage(releases: releases)
                do throws(GitRevision.Failure) {
                    let sections = try page.sections(current: yaml, specPath: "\(api.specFolder)/\(spec.fileName)", root: project.url(""))
                    pages = page.files(sections, registry: api.registry, pages: pages)
                } catch {
                    printError(
                        "specsmith: \(api.name): the changes page: \(error.description); it reads each release's spec from git, so run this in the repository with its history (or delete \(api.siteFolder)/\(ReleasePage.path) to stop making it)"
                    )
                    throw ExitCode(2)
                }
            }
            return ProjectFiles(api: api, spec: spec, yaml: yaml, pages: pages + [copy])
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("specsmith: cannot generate \(api.name): \(error)")
            throw ExitCode(1)
        }
    }

    /// Files an earlier generation of this API wrote (its manifest on disk lists them) that this
    /// one no longer produces and that still exist. Other APIs' files, and files no generation
    /// wrote, are never among them.
    func leftovers(root project: ProjectOptions) -> [String] {
        guard let listed = try? String(contentsOf: project.url(api.manifestPath), encoding: .utf8) else { return [] }
        let produced = Set(all.map(\.path))
        return listed.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.isEmpty && !produced.contains($0) }
            .filter { FileManager.default.fileExists(atPath: project.url($0).path) }
            .sorted()
    }
}
