import PackagePlugin

/// `swift package specsmith check` (or `mock`, `lint`, `diff`, `--version`) in a package whose
/// executable passes its APIs to `SpecsmithCLI.main`. It asks for no permission, since these
/// commands write nothing into the package; `generate` and `init` are `specsmith-generate`'s.
@main
struct SpecsmithCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if let command = arguments.first(where: { !$0.hasPrefix("-") }), ["generate", "init"].contains(command) {
            throw PluginFailure(
                "`\(command)` writes into the package: run `swift package --allow-writing-to-package-directory specsmith-generate"
                    + (command == "generate" ? "" : " init") + "` instead")
        }
        try SpecsmithRunner(packageManager: packageManager).run(context: context, arguments: arguments)
    }
}
