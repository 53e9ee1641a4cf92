// swift-tools-version: 6.1
import Foundation
import PackageDescription

// Specsmith, from this repository. A team elsewhere names it by URL:
// .package(url: "https://github.com/OWNER/specsmith", from: "…").
let specsmith = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

let package = Package(
    name: "Bookshop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bookshop", targets: ["bookshop"]),
        .library(name: "BookshopAPI", targets: ["BookshopAPI"]),
    ],
    dependencies: [.package(path: specsmith.path)],
    targets: [
        // The Bookshop API's registry: the single source of its spec, guides and mock.
        .target(name: "BookshopAPI", dependencies: [.product(name: "APIRegistry", package: specsmith.lastPathComponent)]),
        // Specsmith's commands for this API: generate, check, mock, lint, diff.
        .executableTarget(
            name: "bookshop",
            dependencies: ["BookshopAPI", .product(name: "SpecsmithCLI", package: specsmith.lastPathComponent)]),
    ]
)
