import APIRegistry
import Foundation
import JSONModel
import TestRegistries
import Testing

@testable import SpecsmithCLI

/// Two APIs in one package: their specs side by side in spec/, their guides in site/gadgets/ and
/// site/widgets/, each from its own templates folder.
private let gadgets = APIDefinition(
    registry: Notes.registry, name: "gadgets", templates: "templates-gadgets", siteFolder: "site/gadgets")
private let widgets = APIDefinition(registry: Library.registry, name: "widgets", templates: "templates-widgets", siteFolder: "site/widgets")

/// Runs `specsmith generate ARGUMENTS` for `apis` in process.
private func generate(_ apis: [APIDefinition], _ arguments: [String]) async throws {
    try await SpecsmithCLI.$apis.withValue(apis) {
        var command = try Specsmith.Generate.parse(arguments)
        try await command.run()
    }
}

@Suite struct ManifestTests {
    /// Two APIs in one package: generating one never removes the other's files, and a page an
    /// API no longer produces is removed from its own folder.
    @Test func eachAPIRemovesOnlyWhatItWrote() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["templates-gadgets", "templates-widgets"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            try "# Index\n\nHello.\n".write(
                to: root.appendingPathComponent("\(folder)/index.md.mustache"), atomically: true, encoding: .utf8)
            try "# Extra\n\nMore.\n".write(
                to: root.appendingPathComponent("\(folder)/extra.md.mustache"), atomically: true, encoding: .utf8)
        }
        let handWritten = root.appendingPathComponent("site/NOTES.md")
        try FileManager.default.createDirectory(at: handWritten.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "mine\n".write(to: handWritten, atomically: true, encoding: .utf8)

        try await generate([gadgets, widgets], ["--root", root.path])
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }
        #expect(exists("spec/notes.yaml") && exists("spec/library.yaml"))
        #expect(exists("site/gadgets/extra.md") && exists("site/widgets/extra.md"))
        #expect(exists(".specsmith/gadgets.files") && exists(".specsmith/widgets.files"))

        try FileManager.default.removeItem(at: root.appendingPathComponent("templates-gadgets/extra.md.mustache"))
        try await generate([gadgets, widgets], ["--root", root.path, "--api", "gadgets"])
        #expect(!exists("site/gadgets/extra.md"), "gadgets no longer produces it")
        #expect(exists("site/widgets/extra.md"), "widgets' files are not gadgets' to remove")
        #expect(exists("spec/library.yaml"))
        #expect(exists("site/NOTES.md"), "a file no generation wrote is never removed")
    }

    @Test func anAPIIsNamedAfterItsSpecFileUnlessNamed() {
        #expect(APIDefinition(registry: Notes.registry).name == "notes")
        #expect(gadgets.name == "gadgets")
        #expect(gadgets.manifestPath == ".specsmith/gadgets.files")
    }
}
