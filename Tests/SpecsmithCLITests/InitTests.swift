import Foundation
import Testing

@testable import SpecsmithCLI

@Suite struct InitTests {
    @Test func theScaffoldIsAPackageWithARegistryTemplatesAndCI() throws {
        let files = try Scaffold(name: "Orders", specsmith: .path("../specsmith")).files()
        #expect(
            files.map(\.path) == [
                ".ci/run", ".gitignore", "Package.swift", "README.md", "Sources/OrdersAPI/Orders.swift", "Sources/orders/Main.swift",
                "templates/guides/getting-started.md.mustache", "templates/index.md.mustache", "templates/reference/resource.md.mustache",
            ])
        func file(_ path: String) -> String { files.first { $0.path == path }?.contents ?? "" }
        let manifest = file("Package.swift")
        #expect(manifest.contains("dependencies: [.package(path: \"../specsmith\")]"))
        #expect(manifest.contains(".product(name: \"SpecsmithCLI\", package: \"specsmith\")"))
        #expect(file("Sources/orders/Main.swift").contains("await SpecsmithCLI.main(apis: [APIDefinition(registry: Orders.registry)])"))
        let registry = file("Sources/OrdersAPI/Orders.swift")
        #expect(registry.contains("\"Order\", description: \"One order.\", identifier: \"id\","))
        #expect(registry.contains("itemParameter: \"orderId\""))
        // "Create a order" was what a new user read in the spec and the docs.
        #expect(registry.contains("summary: \"Create an order\"") && registry.contains("summary: \"Get an order\""))
        #expect(!files.contains { $0.contents.contains("__") }, "every placeholder is filled")
        let pets = try Scaffold(name: "Pets", specsmith: .url("https://github.com/example/specsmith.git")).files()
        let remote = pets.first { $0.path == "Package.swift" }?.contents ?? ""
        #expect(remote.contains(".package(url: \"https://github.com/example/specsmith.git\", branch: \"main\")"))
        #expect(remote.contains("package: \"specsmith\""))
        #expect(pets.first { $0.path == "Sources/PetsAPI/Pets.swift" }?.contents.contains("summary: \"Create a pet\"") == true)
    }

    /// The new package names Specsmith relative to itself, not by this machine's absolute path.
    @Test func theCheckoutIsNamedRelativeToTheNewPackage() {
        func relative(_ from: String, _ to: String) -> String {
            Specsmith.Init.relativePath(from: URL(fileURLWithPath: from), to: URL(fileURLWithPath: to))
        }
        #expect(relative("/work/Orders", "/work/specsmith") == "../specsmith")
        #expect(relative("/tmp/a/b/Orders", "/work/specsmith") == "../../../../work/specsmith")
        #expect(relative("/work/specsmith/Examples/Orders", "/work/specsmith") == "../..")
    }

    /// A package inside the checkout names Specsmith by `../..`, which is no package identity:
    /// the product is named after the checkout's folder.
    @Test func aPackageInsideTheCheckoutNamesItsFolder() throws {
        let files = try Scaffold(name: "Orders", specsmith: .path("../..", identity: "specsmith")).files()
        let manifest = files.first { $0.path == "Package.swift" }?.contents ?? ""
        #expect(manifest.contains(".package(path: \"../..\")"))
        #expect(manifest.contains("package: \"specsmith\""))
        #expect(!manifest.contains("package: \"..\""))
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
