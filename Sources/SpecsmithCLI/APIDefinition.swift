import APIRegistry

/// One API a package documents: its registry and where its templates and generated files live,
/// relative to the project folder (`--root`).
public struct APIDefinition: Sendable {
    /// How commands name it (`--api`): the spec's file name without its extension by default.
    public let name: String
    /// The API's registry.
    public let registry: Registry
    /// The Mustache templates of its guides.
    public let templates: String
    /// Where its spec is written.
    public let specFolder: String
    /// Where its guides are written.
    public let siteFolder: String

    /// An API of the package: its registry, and where its templates, spec and site live.
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
