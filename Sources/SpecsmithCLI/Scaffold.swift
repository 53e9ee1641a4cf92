import Foundation
import OpenAPIEmitter

/// The files of a new package for an API named `name` (`Orders`): its registry with one
/// resource, its executable, its guide templates, a README and a CI script.
///
/// The files are the package's `Resources/Scaffold` folder: a `.template` file has its
/// `__NAME__`-style words replaced and loses the suffix; any other file is copied as it is.
struct Scaffold {
    enum Source {
        /// A folder, named relative to the new package; `identity` is the folder's own name,
        /// which the path does not show when it ends in `..` (a package inside the checkout).
        case path(String, identity: String? = nil)
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

    /// Why the scaffold cannot be made: its resource files are missing from the installation.
    struct MissingResources: Error, CustomStringConvertible {
        let description: String
    }

    func files() throws(MissingResources) -> [GeneratedFile] {
        guard let folder = Bundle.module.url(forResource: "Scaffold", withExtension: nil),
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        else {
            throw MissingResources(description: "the scaffold's files are missing beside the executable; reinstall Specsmith")
        }
        let base = folder.standardizedFileURL.path
        var files: [GeneratedFile] = []
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw MissingResources(description: "cannot read the scaffold's \(relative); reinstall Specsmith")
            }
            if relative.hasSuffix(".template") {
                files.append(GeneratedFile(path: place(String(relative.dropLast(".template".count))), contents: fill(text)))
            } else {
                files.append(GeneratedFile(path: relative, contents: text))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Where a scaffold file goes in the new package.
    func place(_ name: String) -> String {
        switch name {
        case "Registry.swift": "Sources/\(module)/\(self.name).swift"
        case "Main.swift": "Sources/\(executable)/Main.swift"
        case "ci-run": ".ci/run"
        case "gitignore": ".gitignore"
        default: name
        }
    }

    /// A template's text with this API's names in it.
    func fill(_ text: String) -> String {
        let lowercased = model.lowercased()
        let words: [(String, String)] = [
            ("__DEPENDENCY__", dependency.line), ("__PACKAGE__", dependency.package), ("__MODULE__", module),
            ("__EXECUTABLE__", executable), ("__PARAMETER__", parameter),
            ("__VARIABLE__", model.prefix(1).lowercased() + model.dropFirst()), ("__MODEL__", model),
            ("__a_model__", ("aeiou".contains(lowercased.first ?? "x") ? "an " : "a ") + lowercased), ("__model__", lowercased),
            ("__NAME__", name),
        ]
        return words.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    var dependency: (line: String, package: String) {
        switch specsmith {
        case .path(let path, let named):
            let identity = named ?? path.split(separator: "/").last.map(String.init) ?? path
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
}
