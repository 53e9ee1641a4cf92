import PackagePlugin

/// `swift package --allow-writing-to-package-directory specsmith-generate [--html DIR]`: writes the
/// spec and the guides into the package with its Specsmith executable's `generate`.
@main
struct SpecsmithGenerate: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        // `specsmith-generate init NAME` runs `init`; anything else is generate's own options.
        let command = arguments.first == "init" ? arguments : ["generate"] + arguments
        try SpecsmithRunner(packageManager: packageManager).run(context: context, arguments: command)
    }
}
