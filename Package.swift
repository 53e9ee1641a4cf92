// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Specsmith",
    platforms: [.macOS(.v14)],
    // What a team uses: the registry DSL and the commands (its executable passes its APIs to SpecsmithCLI),
    // the linter and the differ as libraries for tools of its own, and the command plugins. The other
    // targets are the stages behind them.
    products: [
        .executable(name: "specsmith", targets: ["specsmith"]),
        .library(name: "APIRegistry", targets: ["APIRegistry"]),
        .library(name: "SpecsmithCLI", targets: ["SpecsmithCLI"]),
        .library(name: "SpecLint", targets: ["SpecLint"]),
        .library(name: "SpecDiff", targets: ["SpecDiff"]),
        .plugin(name: "SpecsmithCommand", targets: ["SpecsmithCommand"]),
        .plugin(name: "SpecsmithGenerate", targets: ["SpecsmithGenerate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", exact: "6.4.0", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        // Already in the graph through Hummingbird's dependencies: the mock names NIO's types and hashes secrets.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // `swift package generate-documentation`: the reference in Sources/APIRegistry/Specsmith.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // An order-preserving JSON value, a strict parser and field paths, shared by every stage.
        .target(name: "JSONModel"),
        // The DSL: models, fields, visibility, resources, filters, limits. Pure values, no I/O.
        .target(name: "APIRegistry", dependencies: ["JSONModel"]),
        // Validates JSON values against OpenAPI 3.1 JSON Schema in a request or response context.
        .target(
            name: "SchemaValidation",
            dependencies: ["JSONModel", .product(name: "OpenAPIKit", package: "OpenAPIKit")]
        ),
        // The Customers V3 registry: the only target that knows about customers.
        .target(name: "CustomersAPI", dependencies: ["APIRegistry", "JSONModel"]),
        // Registry -> OpenAPIKit document -> YAML, generated once (GeneratedSpec) with the contract requests are judged by.
        .target(
            name: "OpenAPIEmitter",
            dependencies: [
                "APIRegistry",
                "JSONModel",
                "SchemaValidation",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
                // The SHA-1 an event payload's `hash` holds.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Guides and reference pages: registry + templates/ -> Markdown (site/) and HTML; every example checked,
        // every request run on an in-process mock.
        .target(
            name: "GuideRenderer",
            dependencies: [
                "APIRegistry",
                "JSONModel",
                "MockServer",
                "OpenAPIEmitter",
                "SchemaValidation",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
        // Reads any OpenAPI 3.0/3.1 document, YAML or JSON, into a line-aware tree: the fast readers, positions,
        // the document model and the ordered decoder. The linter and the differ both stand on it.
        .target(
            name: "SpecReader",
            dependencies: ["JSONModel", .product(name: "Yams", package: "Yams")]
        ),
        // Lint rules over a read document: Specsmith's own catalog and Spectral rulesets; findings, reports, baselines.
        .target(
            name: "SpecLint",
            dependencies: [
                "JSONModel",
                "SchemaValidation",
                "SpecReader",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
            ],
            // spectral:oas, in the ruleset language itself.
            resources: [.process("Resources")]
        ),
        // Understands any OpenAPI document as a registry would say it: resources from path shapes, paging, filters.
        .target(
            name: "SpecImport",
            dependencies: ["APIRegistry", "JSONModel", "OpenAPIEmitter", "SpecReader", .product(name: "OpenAPIKit", package: "OpenAPIKit")]),
        // Breaking-change checks between two versions of a document: each check in Checks/, reports in five formats.
        .target(name: "SpecDiff", dependencies: ["JSONModel", "SpecReader"]),
        // A stateful mock of the API: routes, rules and data all derived from the registry.
        .target(
            name: "MockServer",
            dependencies: [
                "APIRegistry",
                "JSONModel",
                "OpenAPIEmitter",
                "SchemaValidation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Webhook deliveries on kept-open connections.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // glibc's heap growth, set once at start: lint and diff build large trees on two threads.
        .target(name: "CHeapTuning"),
        // The commands, for any API: a team's executable passes its APIDefinitions to SpecsmithCLI.main.
        .target(
            name: "SpecsmithCLI",
            dependencies: [
                "APIRegistry",
                "CHeapTuning",
                "GuideRenderer",
                "JSONModel",
                "MockServer",
                "OpenAPIEmitter",
                "SpecDiff",
                "SpecImport",
                "SpecLint",
                "SpecReader",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // What `init` writes into a new package.
            resources: [.copy("Resources/Scaffold"), .copy("Resources/DocumentDocs")]
        ),
        // `swift package specsmith …` in a team's package: builds its Specsmith executable and runs it there.
        // The commands that write nothing ask for no permission; `specsmith-generate` writes the spec and guides.
        .plugin(
            name: "SpecsmithCommand",
            capability: .command(
                intent: .custom(verb: "specsmith", description: "Check, mock, lint or diff with the package's Specsmith executable."))
        ),
        .plugin(
            name: "SpecsmithGenerate",
            capability: .command(
                intent: .custom(
                    verb: "specsmith-generate", description: "Write the spec and the guides with the package's Specsmith executable."),
                permissions: [.writeToPackageDirectory(reason: "`generate` writes the spec and the guides into the package.")])
        ),
        // The Customers V3 team's executable.
        .executableTarget(name: "specsmith", dependencies: ["CustomersAPI", "SpecsmithCLI"]),
        // Registries of other styles than Customers, for the tests of every generic target.
        .target(name: "TestRegistries", dependencies: ["APIRegistry", "JSONModel"], path: "Tests/TestRegistries"),
        .testTarget(name: "JSONModelTests", dependencies: ["JSONModel"]),
        .testTarget(name: "APIRegistryTests", dependencies: ["APIRegistry", "CustomersAPI", "JSONModel"]),
        .testTarget(
            name: "SchemaValidationTests",
            dependencies: [
                "SchemaValidation", "JSONModel",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "OpenAPIEmitterTests",
            dependencies: [
                "APIRegistry", "JSONModel", "OpenAPIEmitter", "SchemaValidation",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The Customers V3 registry's golden files (spec/ and site/) and the promises its spec keeps.
        .testTarget(
            name: "CustomersAPITests",
            dependencies: [
                "APIRegistry", "CustomersAPI", "GuideRenderer", "JSONModel", "OpenAPIEmitter", "SchemaValidation", "SpecsmithCLI",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
        .testTarget(
            name: "GuideRendererTests",
            dependencies: [
                "APIRegistry", "CustomersAPI", "GuideRenderer", "OpenAPIEmitter", "TestRegistries",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
        .testTarget(
            name: "SpecReaderTests", dependencies: ["SpecReader", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SpecLintTests", dependencies: ["SpecLint", "SpecReader", "JSONModel"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SpecImportTests", dependencies: ["SpecImport", "SpecReader", "APIRegistry", "OpenAPIEmitter", "SpecDiff", "JSONModel"]),
        .testTarget(name: "SpecDiffTests", dependencies: ["SpecDiff", "SpecReader", "JSONModel"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SpecsmithCLITests",
            dependencies: [
                "SpecsmithCLI", "SpecDiff", "SpecLint", "APIRegistry", "JSONModel", "TestRegistries",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "MockServerTests",
            dependencies: [
                "APIRegistry", "CustomersAPI", "GuideRenderer", "JSONModel", "MockServer", "OpenAPIEmitter", "SpecImport", "SpecLint",
                "SpecReader",
                "TestRegistries",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
            ]
        ),
    ]
)
