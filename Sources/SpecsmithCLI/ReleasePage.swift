import APIRegistry
import Foundation
import OpenAPIEmitter
import SpecDiff

/// The site's "Changes" page: what each release changed, from the spec as git holds it at each
/// release (`generate --since v1.2 --since v1.1`), newest first. The page keeps the releases it
/// was made for on its first line, so a later `generate` and `check` make it again.
struct ReleasePage {
    /// The page's path in the site.
    static let path = "changes.md"

    /// The releases, newest first, as tags, branches or commits.
    let releases: [String]

    /// The first line, which names the releases.
    var header: String { "<!-- specsmith generate " + releases.map { "--since \($0)" }.joined(separator: " ") + " -->" }

    /// The releases a page already on disk was made for; none when there is no page.
    static func releases(onDisk url: URL) -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix("<!-- specsmith generate ")
        else { return [] }
        let words = first.split(separator: " ").map(String.init)
        return zip(words, words.dropFirst()).filter { $0.0 == "--since" }.map(\.1)
    }

    /// A section per release: the spec now against the newest release, then each release against
    /// the one before it. Sunsets are judged by the day the earlier release was committed, so the
    /// page is the same on every run.
    func sections(current yaml: String, specPath: String, root: URL) throws(GitRevision.Failure) -> [ReleaseNotes.Release] {
        var texts: [String] = [yaml]
        for release in releases { texts.append(try GitRevision(ref: release, path: specPath).text(in: root)) }
        var sections: [ReleaseNotes.Release] = []
        for index in releases.indices {
            let base = GitRevision(ref: releases[index], path: specPath)
            let options = DiffOptions(date: try base.date(in: root))
            let changes: [Change]
            do {
                changes = try Differ().run(base: texts[index + 1], head: texts[index], options: options).changes
            } catch {
                throw GitRevision.Failure(description: "\(releases[index]):\(specPath): \(error.description)")
            }
            let title = index == 0 ? "Since \(releases[0])" : "\(releases[index - 1]), since \(releases[index])"
            sections.append(ReleaseNotes.Release(title: title, changes: changes))
        }
        return sections
    }

    /// The page, and the pages that link to it: the index, and each reference page of a resource
    /// a release changed, with a line per such release.
    func files(_ sections: [ReleaseNotes.Release], registry: Registry, pages: [GeneratedFile]) -> [GeneratedFile] {
        let owners = Self.owners(registry)
        func group(_ place: String) -> String {
            let path = place.split(separator: " ").last.map(String.init) ?? ""
            return owners[path]?.title ?? "Other changes"
        }
        let title = "Changes since \(releases.last ?? "")"
        let page = GeneratedFile(
            path: Self.path, contents: header + "\n" + ReleaseNotes.markdown(title: title, releases: sections, group: group))
        var linked: [GeneratedFile] = []
        for file in pages {
            var contents = file.contents
            if file.path == "index.md" {
                contents += "\nWhat changed in each release, and what a client must do about it: [\(title)](\(Self.path)).\n"
            } else if owners.values.contains(where: { $0.page == file.path }) {
                // The releases that changed this page's resource, each with its own count.
                let touched = sections.compactMap { section -> (ReleaseNotes.Release, [Change])? in
                    let own = section.changes.filter { change in
                        ReleaseNotes.places(of: change).contains { place in
                            owners[place.split(separator: " ").last.map(String.init) ?? ""]?.page == file.path
                        }
                    }
                    return own.isEmpty ? nil : (section, own)
                }
                if !touched.isEmpty {
                    contents +=
                        "\n## Changes\n\n"
                        + touched.map { section, own in
                            "- [\(section.title)](../\(Self.path)#\(section.anchor)): \(ReleaseNotes.summary(own))\n"
                        }.joined()
                }
            }
            linked.append(GeneratedFile(path: file.path, contents: contents))
        }
        return linked + [page]
    }

    /// The resource or singleton each path template belongs to: the heading its changes go
    /// under, and its reference page.
    static func owners(_ registry: Registry) -> [String: (title: String, page: String)] {
        var owners: [String: (title: String, page: String)] = [:]
        for resource in registry.resources {
            let paths =
                [resource.path, resource.itemPath] + resource.servedPaths + (resource.parent.map { [$0.path] } ?? [])
                + resource.actions.map { resource.path(of: $0) }
            for path in paths where owners[path] == nil { owners[path] = (resource.tag, "reference/\(resource.name).md") }
        }
        for singleton in registry.singletons where owners[singleton.path] == nil {
            owners[singleton.path] = (singleton.tag, "reference/\(singleton.name).md")
        }
        return owners
    }
}
