import APIRegistry
import Foundation
import JSONModel
import OpenAPIEmitter
import SpecDiff
import SpecReader
import TestRegistries
import Testing

@testable import SpecsmithCLI

/// `generate --since`: the changes page read from the spec as git holds it at each release.
@Suite struct ReleasePageTests {
    /// The Library spec as JSON (which YAML reads), changed by `change`.
    func libraryText(_ change: (inout JSONObject) -> Void) throws -> String {
        let yaml = try GeneratedSpec(registry: Library.registry).yaml
        guard case .object(var document) = try SpecDocument(text: yaml).root.json else { throw CancellationError() }
        change(&document)
        return JSONWriter(pretty: true).string(.object(document))
    }

    func git(_ arguments: String..., in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Specsmith", "-c", "user.email=specsmith@example.com"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func eachReleaseIsASectionWithBreakingChangesFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specsmith-release-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("spec"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // v1 served /loans, which is gone now, and had no /authors yet.
        let v1 = try libraryText { document in
            guard case .object(var paths)? = document["paths"] else { return }
            paths["/loans"] = paths["/authors"]
            paths["/authors"] = nil
            document["paths"] = .object(paths)
        }
        let current = try libraryText { document in
            guard case .object(var paths)? = document["paths"], case .object(var books)? = paths["/books"],
                case .object(var list)? = books["get"]
            else { return }
            list["deprecated"] = true
            list["x-sunset"] = "2027-06-01"
            books["get"] = .object(list)
            paths["/books"] = .object(books)
            document["paths"] = .object(paths)
        }
        try v1.write(to: folder.appendingPathComponent("spec/library.yaml"), atomically: true, encoding: .utf8)
        try git("init", "-q", in: folder)
        try git("add", ".", in: folder)
        try git("commit", "-q", "-m", "v1", in: folder)
        try git("tag", "v1", in: folder)

        let page = ReleasePage(releases: ["v1"])
        let sections = try page.sections(current: current, specPath: "spec/library.yaml", root: folder)
        #expect(sections.map(\.title) == ["Since v1"])
        let pages = [
            GeneratedFile(path: "index.md", contents: "# Library\n"), GeneratedFile(path: "reference/books.md", contents: "# Books\n"),
            GeneratedFile(path: "reference/reviews.md", contents: "# Reviews\n"),
        ]
        let files = page.files(sections, registry: Library.registry, pages: pages)
        let changes = try #require(files.first { $0.path == "changes.md" }?.contents)
        #expect(changes.hasPrefix("<!-- specsmith generate --since v1 -->\n# Changes since v1\n"))
        // Breaking changes, then deprecations, then additions, each under its resource.
        let order = [
            "### Breaking changes", "the path was removed", "**To do:** stop calling it", "### Deprecations", "#### Books",
            "`GET /books`: the operation is now deprecated, sunset 2027-06-01", "### Additions", "#### Authors",
        ]
        let positions = order.map { changes.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "\(changes)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(files.first { $0.path == "index.md" }?.contents.contains("[Changes since v1](changes.md)") == true)
        #expect(
            files.first { $0.path == "reference/books.md" }?.contents.contains(
                "- [Since v1](../changes.md#since-v1): 0 breaking changes, 1 deprecation and 0 other changes.") == true)
        #expect(files.first { $0.path == "reference/reviews.md" }?.contents == "# Reviews\n", "a page no release touched is as it was")
        // The page names its releases, so a later run without --since makes it again.
        let onDisk = folder.appendingPathComponent("changes.md")
        try changes.write(to: onDisk, atomically: true, encoding: .utf8)
        #expect(ReleasePage.releases(onDisk: onDisk) == ["v1"])
        #expect(throws: GitRevision.Failure.self) {
            try ReleasePage(releases: ["v0"]).sections(current: current, specPath: "spec/library.yaml", root: folder)
        }
    }

    /// Every check that can break or worry a client tells it what to do.
    @Test func everyBreakingAndWarningCheckSaysWhatToDo() {
        let missing = Differ.checks.filter { $0.level != .info && ReleaseNotes.clientActions[$0.id] == nil }.map(\.id)
        #expect(missing.isEmpty)
        let unknown = Set(ReleaseNotes.clientActions.keys).subtracting(Differ.checks.map(\.id))
        #expect(unknown.isEmpty)
    }
}
