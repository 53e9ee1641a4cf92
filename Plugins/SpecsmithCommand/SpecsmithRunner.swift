import Foundation
import PackagePlugin

/// What both command plugins do: build the package's executable that passes its APIs to
/// `SpecsmithCLI.main` and run it in the package's folder with the arguments given. `--product
/// NAME` picks the executable when the package has several that use Specsmith.
///
/// Shared by `SpecsmithCommand` and `SpecsmithGenerate` (a link to this file), which differ only in
/// the permission they ask for: a plugin's permissions hold for every call, so the commands that
/// write nothing live in a plugin that asks for none.
struct SpecsmithRunner {
    let packageManager: PackageManager

    func run(context: PluginContext, arguments: [String]) throws {
        var extractor = ArgumentExtractor(arguments)
        let wanted = extractor.extractOption(named: "product").last
        let candidates = context.package.products(ofType: ExecutableProduct.self).filter { usesSpecsmith($0.mainTarget, seen: []) }
        let product: ExecutableProduct
        if let wanted {
            guard let named = candidates.first(where: { $0.name == wanted }) else {
                throw PluginFailure(
                    "--product \(wanted) is not an executable of this package that uses SpecsmithCLI; those that do: \(names(candidates))")
            }
            product = named
        } else {
            guard let only = candidates.first, candidates.count == 1 else {
                throw PluginFailure(
                    candidates.isEmpty
                        ? "this package has no executable that depends on SpecsmithCLI; `specsmith init NAME` makes one"
                        : "this package has several executables that use SpecsmithCLI (\(names(candidates))); choose one with --product")
            }
            product = only
        }
        let build = try packageManager.build(.product(product.name), parameters: .init(configuration: .debug, logging: .concise))
        guard build.succeeded, let executable = build.builtArtifacts.first(where: { $0.kind == .executable }) else {
            throw PluginFailure("building \(product.name) failed:\n\(build.logText)")
        }
        let process = Process()
        process.executableURL = executable.url
        process.arguments = extractor.remainingArguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PluginFailure(
                "\(product.name) \(extractor.remainingArguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
    }

    /// Whether a target depends, directly or through its own targets, on SpecsmithCLI (the product
    /// in a team's package, the target in Specsmith's own).
    func usesSpecsmith(_ target: Target, seen: Set<String>) -> Bool {
        guard !seen.contains(target.name) else { return false }
        for dependency in target.dependencies {
            switch dependency {
            case .product(let product) where product.name == "SpecsmithCLI": return true
            case .target(let inner) where inner.name == "SpecsmithCLI" || usesSpecsmith(inner, seen: seen.union([target.name])): return true
            default: continue
            }
        }
        return false
    }

    func names(_ products: [ExecutableProduct]) -> String {
        products.map(\.name).joined(separator: ", ")
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
