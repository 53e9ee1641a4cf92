import APIRegistry
import Foundation
import JSONModel
import Testing

@testable import SpecsmithCLI

/// A second API for the same package: its spec in spec/, its guides in site/gadgets/.
private let gadgets: APIDefinition = {
    let model = Model(
        "Gadget", description: "A gadget.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
            Field("name", .string(minLength: 1, maxLength: 20), "Name.", requiredIn: [.read, .create]),
        ],
        examples: [["id": 1, "name": "Sprocket"]])
    let registry = Registry(
        info: APIInfo(
            title: "Gadgets", version: "1.0.0", description: "Gadgets.", serverURL: "https://gadgets.example.com/v1",
            serverVariables: [], authHeader: "X-Key", authDescription: "A key.",
            scopes: [Scope("read", access: .read, description: "Read."), Scope("write", access: .modify, description: "Write.")],
            errorTypeURL: "https://gadgets.example.com/errors", specFileName: "gadgets.yaml"),
        pagination: Pagination(defaultLimit: 10, maxLimit: 50),
        resources: [
            Resource(
                name: "gadgets", path: "/gadgets", tag: "Gadgets", operationNoun: "Gadgets", description: "Gadgets.", model: model,
                operations: [
                    Operation(.list, summary: "List gadgets", description: "Lists gadgets."),
                    Operation(.create, summary: "Create gadgets", description: "Creates.", batchLimit: 2, invalidExample: [["name": ""]]),
                ],
                filters: [Filter("id", [.in], "Id.")])
        ])
    return APIDefinition(registry: registry, templates: "templates-gadgets", siteFolder: "site/gadgets")
}()

private let widgets: APIDefinition = {
    let base = gadgets.registry
    let info = base.info
    let registry = Registry(
        info: APIInfo(
            title: "Widgets", version: "1.0.0", description: "Widgets.", serverURL: info.serverURL, serverVariables: [],
            authHeader: info.authHeader, authDescription: info.authDescription, scopes: info.scopes, errorTypeURL: info.errorTypeURL,
            specFileName: "widgets.yaml"),
        pagination: base.pagination, resources: base.resources)
    return APIDefinition(registry: registry, templates: "templates-widgets", siteFolder: "site/widgets")
}()

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
        #expect(exists("spec/gadgets.yaml") && exists("spec/widgets.yaml"))
        #expect(exists("site/gadgets/extra.md") && exists("site/widgets/extra.md"))
        #expect(exists(".specsmith/gadgets.files") && exists(".specsmith/widgets.files"))

        try FileManager.default.removeItem(at: root.appendingPathComponent("templates-gadgets/extra.md.mustache"))
        try await generate([gadgets, widgets], ["--root", root.path, "--api", "gadgets"])
        #expect(!exists("site/gadgets/extra.md"), "gadgets no longer produces it")
        #expect(exists("site/widgets/extra.md"), "widgets' files are not gadgets' to remove")
        #expect(exists("spec/widgets.yaml"))
        #expect(exists("site/NOTES.md"), "a file no generation wrote is never removed")
    }

    @Test func anAPIIsNamedAfterItsSpecFile() {
        #expect(gadgets.name == "gadgets")
        #expect(gadgets.manifestPath == ".specsmith/gadgets.files")
    }
}
