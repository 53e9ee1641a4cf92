import OpenAPIEmitter

/// The files of a new package for an API named `name` (`Orders`): its registry with one
/// resource, its executable, its guide templates, a README and a CI script.
struct Scaffold {
    enum Source {
        case path(String)
        case url(String)
    }

    let name: String
    let specsmith: Source

    /// `orders`: the executable, the spec's file name, the resource's path.
    var executable: String { name.lowercased() }
    /// `Order`: the model; a name ending in `s` loses it.
    var model: String { name.hasSuffix("s") && name.count > 1 ? String(name.dropLast()) : name + "Item" }
    var module: String { name + "API" }
    var parameter: String { model.prefix(1).lowercased() + model.dropFirst() + "Id" }

    func files() -> [GeneratedFile] {
        [
            GeneratedFile(path: "Package.swift", contents: packageManifest),
            GeneratedFile(path: "Sources/\(module)/\(name).swift", contents: registrySource),
            GeneratedFile(path: "Sources/\(executable)/Main.swift", contents: mainSource),
            GeneratedFile(path: "templates/index.md.mustache", contents: indexTemplate),
            GeneratedFile(path: "templates/guides/getting-started.md.mustache", contents: guideTemplate),
            GeneratedFile(path: "templates/reference/resource.md.mustache", contents: Self.referenceTemplate),
            GeneratedFile(path: "README.md", contents: readme),
            GeneratedFile(path: ".ci/run", contents: ciScript),
            GeneratedFile(path: ".gitignore", contents: ".build/\nPackage.resolved\n.swiftpm/\n"),
        ]
    }

    var dependency: (line: String, package: String) {
        switch specsmith {
        case .path(let path):
            let identity = path.split(separator: "/").last.map(String.init) ?? path
            return (".package(path: \(Self.quoted(path)))", identity)
        case .url(let url):
            var repository = url.split(separator: "/").last.map(String.init) ?? url
            if repository.hasSuffix(".git") { repository.removeLast(4) }
            return (".package(url: \(Self.quoted(url)), branch: \"main\")", repository)
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    var packageManifest: String {
        """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "\(name)",
            platforms: [.macOS(.v14)],
            products: [.executable(name: "\(executable)", targets: ["\(executable)"])],
            dependencies: [\(dependency.line)],
            targets: [
                // The \(name) API's registry: the single source of its spec, guides and mock.
                .target(name: "\(module)", dependencies: [.product(name: "APIRegistry", package: "\(dependency.package)")]),
                // Specsmith's commands for this API: generate, check, mock, lint, diff.
                .executableTarget(
                    name: "\(executable)",
                    dependencies: ["\(module)", .product(name: "SpecsmithCLI", package: "\(dependency.package)")]),
            ]
        )

        """
    }

    var mainSource: String {
        """
        import \(module)
        import SpecsmithCLI

        @main enum Main {
            static func main() async { await SpecsmithCLI.main(apis: [APIDefinition(registry: \(name).registry)]) }
        }

        """
    }

    var registrySource: String {
        let variable = model.prefix(1).lowercased() + model.dropFirst()
        return """
            import APIRegistry
            import JSONModel

            /// The \(name) API: every fact its spec, guides and mock state comes from here. Add fields,
            /// resources, filters and rules, then run `swift run \(executable) generate`.
            public enum \(name) {
                static let \(variable) = Model(
                    "\(model)", description: "One \(model.lowercased()).", identifier: "id",
                    fields: [
                        Field("id", .integer(minimum: 1, maximum: nil), "Assigned by the server.", visibility: [.read], requiredIn: [.read]),
                        Field("name", .string(minLength: 1, maxLength: 100), "The name.", requiredIn: [.read, .create]),
                        Field(
                            "created_at", .dateTime, "When it was created (RFC 3339, UTC).", visibility: [.read], requiredIn: [.read],
                            derived: .createdAt),
                        Field(
                            "updated_at", .dateTime, "When it last changed (RFC 3339, UTC).", visibility: [.read], requiredIn: [.read],
                            derived: .modifiedAt),
                    ],
                    examples: [
                        ["id": 1, "name": "The first \(model.lowercased())", "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"]
                    ])

                public static let registry = Registry(
                    info: APIInfo(
                        title: "\(name)", version: "0.1.0", description: "The \(name) API.",
                        serverURL: "https://api.example.com/v1", serverVariables: [],
                        authentication: .bearer(format: nil),
                        authDescription: "A bearer token in the `Authorization` header: `Authorization: Bearer <token>`.",
                        scopes: [
                            Scope("\(executable):read", access: .read, description: "Read."),
                            Scope("\(executable):write", access: .modify, description: "Read and change."),
                        ],
                        errorTypeURL: "https://api.example.com/problems", specFileName: "\(executable).yaml", errorFormat: .problemDetails),
                    pagination: Pagination(defaultLimit: 20, maxLimit: 100, style: .cursor),
                    resources: [
                        Resource(
                            name: "\(executable)", path: "/\(executable)", tag: "\(name)", operationNoun: "\(name)",
                            description: "Every \(model.lowercased()).", model: \(variable),
                            operations: [
                                Operation(.list, summary: "List \(executable)", description: "Returns a page of \(executable), oldest first."),
                                Operation(
                                    .createOne, summary: "Create a \(model.lowercased())", description: "Creates one.",
                                    requestExample: ["name": "Another \(model.lowercased())"], invalidExample: ["name": ""]),
                                Operation(.read, summary: "Get a \(model.lowercased())", description: "Returns one."),
                                Operation(
                                    .patch, summary: "Change a \(model.lowercased())", description: "Changes the fields sent.",
                                    requestExample: ["name": "A new name"], invalidExample: ["name": ""]),
                                Operation(.deleteOne, summary: "Delete a \(model.lowercased())", description: "Deletes one."),
                            ],
                            filters: [Filter("name", [.eq, .like], "The name.")], itemParameter: "\(parameter)")
                    ],
                    recordEnvelope: .bare)
            }

            """
    }

    var indexTemplate: String {
        """
        # {{api.title}}

        {{api.description}}

        ## Quick start

        `swift run \(executable) mock` serves the API on your machine at `{{mock.origin}}`. With the mock
        running, list the first records:

        ```sh
        curl -s '{{mock.baseURL}}/\(executable)?limit=2'
        ```

        ```json response
        ```

        ## Base URL

        ```text
        {{api.serverURL}}
        ```

        ## Resources

        | Resource | Path | Reference |
        |---|---|---|
        {{#resources}}
        | {{tag}} | `{{path}}` | [{{model}}]({{page}}) |
        {{/resources}}

        ## Guides

        - [Getting started](guides/getting-started.md): create a record and read it back.

        """
    }

    var guideTemplate: String {
        """
        # Getting started

        Every request on this page runs, in order, on the mock's sample data, and every answer shown
        is the one it gives. Create a record:

        ```http
        POST /\(executable)
        Content-Type: application/json

        {
          "name": "Mine"
        }
        ```

        ```json response capture="created=id"
        ```

        Then read it back by the id the server gave it:

        ```http
        GET /\(executable)/$created
        ```

        ```json response
        ```

        """
    }

    var readme: String {
        """
        # \(name)

        ```sh
        swift run \(executable) generate    # spec/\(executable).yaml and site/ from Sources/\(module)/\(name).swift
        swift run \(executable) check       # fails when they are stale, invalid, or a guide shows what the mock does not do
        ```

        `swift run \(executable) mock` serves a stateful mock of the API on http://127.0.0.1:4010/v1 with
        its guides at /docs/. `swift run \(executable) lint` and `diff` check any OpenAPI document.
        The same commands run as `swift package --allow-writing-to-package-directory specsmith generate`.

        The registry in `Sources/\(module)/\(name).swift` is the single source: add fields, resources,
        filters and rules there; write prose in `templates/`; commit `spec/`, `site/` and
        `.specsmith/` after `generate`. CI: `bash .ci/run`.

        """
    }

    var ciScript: String {
        """
        #!/usr/bin/env bash
        # CI: build, then require the spec and guides to be current, valid and true to the mock.
        set -euo pipefail
        cd "$(dirname "$0")/.."
        swift build
        swift run \(executable) check

        """
    }

    /// The reference page of each resource: its fields, filters and every operation, run on the mock.
    static let referenceTemplate = """
        {{#current}}
        # {{tag}}

        {{description}}

        Path: `{{path}}`. Records are {{model}} objects. Every example below runs, in order, on the
        mock's sample data, and each response shown is the one it gives.

        ## Fields

        | Field | Type | Description |
        |---|---|---|
        {{#readFields}}
        | `{{name}}` | {{type}}{{#readOnly}}, read-only{{/readOnly}} | {{description}} |
        {{/readFields}}

        ## Filters

        A list takes these filters, written `name:op=value`, and `limit` ({{defaultLimit}} by default, at
        most {{maxLimit}}).

        | Filter | Parameters | Type | Description |
        |---|---|---|---|
        {{#filters}}
        | `{{name}}` | {{parameters}} | {{type}} | {{description}} |
        {{/filters}}

        {{#operations}}
        ## {{summary}}

        `{{method}} {{path}}` needs the scope `{{scope}}`; see [its definition in the OpenAPI document]({{specLink}}).

        {{description}}

        {{#requestLine}}
        ```http
        {{requestLine}}
        {{#requestExample}}
        Content-Type: application/json

        {{{requestExample}}}
        {{/requestExample}}
        ```
        {{/requestLine}}
        {{#batchExample}}
        ```json {{requestMarker}}
        {{{requestExample}}}
        ```
        {{/batchExample}}

        Response:

        ```json response{{#capture}} capture="{{capture}}"{{/capture}}
        ```

        {{/operations}}
        {{/current}}

        """
}
