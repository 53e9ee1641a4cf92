import APIRegistry

/// One API a package documents: its registry and where its templates and generated files live,
/// relative to the project folder (`--root`).
public struct APIDefinition: Sendable {
    /// How commands name it (`--api`): the spec's file name without its extension by default.
    public let name: String
    public let registry: Registry
    /// The Mustache templates of its guides.
    public let templates: String
    /// Where its spec is written.
    public let specFolder: String
    /// Where its guides are written.
    public let siteFolder: String

    public init(
        registry: Registry, name: String? = nil, templates: String = "templates", specFolder: String = "spec", siteFolder: String = "site"
    ) {
        let file = registry.info.specFileName
        self.name = name ?? String(file.split(separator: ".").dropLast().joined(separator: ".").nonEmpty ?? file)
        self.registry = registry
        self.templates = templates
        self.specFolder = specFolder
        self.siteFolder = siteFolder
    }

    /// The file that lists what `generate` wrote for this API, so it removes only its own files.
    public var manifestPath: String { ".specsmith/\(name).files" }
}

extension StringProtocol {
    var nonEmpty: Self? { isEmpty ? nil : self }
}

/// The entry point of a package's Specsmith executable:
///
/// ```swift
/// import SpecsmithCLI
/// @main enum Main { static func main() async { await SpecsmithCLI.main(apis: [APIDefinition(registry: MyAPI.registry)]) } }
/// ```
public enum SpecsmithCLI {
    /// The APIs the running command serves; set by `main(apis:)` for the commands to read.
    @TaskLocal static var apis: [APIDefinition] = []

    /// Parses the command line and runs `generate`, `check`, `mock`, `lint`, `diff` or `init`
    /// for `apis`; exits with the documented status.
    public static func main(apis: [APIDefinition], arguments: [String]? = nil) async {
        await $apis.withValue(apis) {
            await Specsmith.main(arguments)
        }
    }
}
