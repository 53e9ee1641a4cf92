import Foundation
import Testing

@testable import SpecsmithCLI

@Suite struct InitTests {
    @Test func theScaffoldIsAPackageWithARegistryTemplatesAndCI() {
        let scaffold = Scaffold(name: "Orders", specsmith: .path("/src/specsmith"))
        #expect(
            scaffold.files().map(\.path) == [
                "Package.swift", "Sources/OrdersAPI/Orders.swift", "Sources/orders/Main.swift", "templates/index.md.mustache",
                "templates/guides/getting-started.md.mustache", "templates/reference/resource.md.mustache", "README.md", ".ci/run",
                ".gitignore",
            ])
        #expect(scaffold.packageManifest.contains("dependencies: [.package(path: \"/src/specsmith\")]"))
        #expect(scaffold.packageManifest.contains(".product(name: \"SpecsmithCLI\", package: \"specsmith\")"))
        #expect(scaffold.mainSource.contains("await SpecsmithCLI.main(apis: [APIDefinition(registry: Orders.registry)])"))
        #expect(scaffold.registrySource.contains("\"Order\", description: \"One order.\", identifier: \"id\","))
        #expect(scaffold.registrySource.contains("itemParameter: \"orderId\""))
        let remote = Scaffold(name: "Pets", specsmith: .url("https://github.com/example/specsmith.git"))
        #expect(remote.packageManifest.contains(".package(url: \"https://github.com/example/specsmith.git\", branch: \"main\")"))
        #expect(remote.packageManifest.contains("package: \"specsmith\""))
    }

    @Test func namesMustBeSwiftTypeNames() throws {
        for bad in ["orders", "Or-ders", "", "Ördere", "1Orders"] {
            #expect(throws: (any Error).self, "\(bad)") { try Specsmith.Init.parse([bad]) }
        }
        #expect(try Specsmith.Init.parse(["Orders"]).name == "Orders")
    }

    @Test func aFolderThatIsNotEmptyIsNeverOverwritten() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "mine\n".write(to: folder.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        var command = try Specsmith.Init.parse(["Orders", "--path", folder.path, "--specsmith", FileManager.default.currentDirectoryPath])
        await #expect(throws: (any Error).self) { try await command.run() }
        #expect(try String(contentsOf: folder.appendingPathComponent("Package.swift"), encoding: .utf8) == "mine\n")
    }
}
