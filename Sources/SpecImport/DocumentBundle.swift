import Foundation
import JSONModel
import SpecReader

/// A document whose `$ref`s reach other files (`./schemas/pet.yaml`,
/// `common.yaml#/components/parameters/Limit`) made into one: what a reference names in another
/// file becomes a component of the root document under its own name (the pointer's last step,
/// or the file's name for a whole file), and every reference points inside the root. What is
/// not a component (a path item in a file of its own) is put where it is referred to.
public struct DocumentBundle {
    /// Why a document could not be made into one.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The root document, with what it refers to in other files in it.
    public let document: SpecDocument
    /// The other files read, relative to the root's folder, in the order they were reached.
    public let files: [String]

    /// Reads `url`; a document with no reference to another file is the file as written, with
    /// its lines, columns and pointers.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        let root = try SpecDocument(text: text)
        // Most documents are one file: they are not turned into values (4 MB of Stripe's costs
        // a tenth of a second) only to find that out.
        guard Bundler.refersElsewhere(root.root) else {
            (document, files) = (root, [])
            return
        }
        var bundler = Bundler(root: url.standardizedFileURL)
        let json = root.root.json
        bundler.loaded[bundler.root] = json
        let bundled = try bundler.bundle(json, in: bundler.root, at: [])
        guard case .object(var object) = bundled else { throw Failure(description: "\(url.path): the document is not a mapping") }
        var components = object["components"]?.objectValue ?? JSONObject()
        for (kind, entries) in bundler.components {
            var section = components[kind]?.objectValue ?? JSONObject()
            for (name, value) in entries { section[name] = value }
            components[kind] = .object(section)
        }
        object["components"] = .object(components)
        document = try SpecDocument(text: JSONWriter(pretty: true).string(.object(object)))
        let folder = url.deletingLastPathComponent().standardizedFileURL.path + "/"
        files = bundler.order.map { $0.path.hasPrefix(folder) ? String($0.path.dropFirst(folder.count)) : $0.path }
    }
}

private struct Bundler {
    let root: URL
    var loaded: [URL: JSONValue] = [:]
    var order: [URL] = []
    /// Components taken from other files, by kind (`schemas`), then name.
    var components: [String: [(String, JSONValue)]] = [:]
    /// The component each file and pointer became: `"file#pointer"` → `#/components/schemas/Pet`.
    var hoisted: [String: String] = [:]
    /// What is being put in place, so that a file that refers back to itself is cut.
    var inlining: Set<String> = []

    static let componentKinds: Set<String> = [
        "schemas", "parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks", "securitySchemes",
        "pathItems",
    ]

    /// A reference to follow: one to another file, not one inside the document or to the web.
    static func isFileReference(_ ref: String) -> Bool {
        !ref.hasPrefix("#") && !ref.hasPrefix("http://") && !ref.hasPrefix("https://")
    }

    /// An example's value is data, whatever keys it has (a `$ref` in a SCIM example is no reference).
    static func isExample(_ key: String, under path: some BidirectionalCollection<String>) -> Bool {
        key == "example" || (key == "value" && path.dropLast().last == "examples") || key == "examples" && path.last != "components"
    }

    /// Whether `node` refers to another file; `path` is where it is, of which only the last two
    /// steps matter (a document is walked whole, so no longer path is built).
    static func refersElsewhere(_ node: SpecNode, at path: ArraySlice<String> = []) -> Bool {
        switch node.kind {
        case .mapping(let members):
            if let ref = node["$ref"]?.string, isFileReference(ref) { return true }
            return members.contains {
                !isExample($0.key, under: path) && refersElsewhere($0.value, at: (path + [$0.key]).suffix(2))
            }
        case .sequence(let items): return items.contains { refersElsewhere($0, at: path) }
        case .scalar: return false
        }
    }

    /// `value`, read from `file` at `path`, with each reference pointing inside the root.
    mutating func bundle(_ value: JSONValue, in file: URL, at path: [String]) throws -> JSONValue {
        switch value {
        case .object(let object):
            if let ref = object["$ref"]?.stringValue, Self.isFileReference(ref) || ref.hasPrefix("#") {
                return try reference(ref, in: file, at: path)
            }
            var result = JSONObject()
            for (key, member) in object {
                result[key] = Self.isExample(key, under: path) ? member : try bundle(member, in: file, at: path + [key])
            }
            return .object(result)
        case .array(let items):
            return .array(try items.enumerated().map { try bundle($1, in: file, at: path + [String($0)]) })
        default:
            return value
        }
    }

    mutating func reference(_ ref: String, in file: URL, at path: [String]) throws -> JSONValue {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target =
            parts[0].isEmpty
            ? file : URL(fileURLWithPath: String(parts[0]), relativeTo: file.deletingLastPathComponent()).standardizedFileURL
        let pointer = parts.count > 1 ? String(parts[1]) : ""
        // A reference inside the root stays as written.
        if target == root { return ["$ref": .string("#" + pointer)] }
        let key = target.path + "#" + pointer
        if let known = hoisted[key] { return ["$ref": .string(known)] }
        let steps = pointer.split(separator: "/").map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        let document = try load(target, referredFrom: file)
        guard let value = Self.value(at: steps, in: document) else {
            throw DocumentBundle.Failure(description: "\(file.lastPathComponent): \(ref) names nothing in \(target.lastPathComponent)")
        }
        // A component keeps its kind and name; a schema anywhere becomes one of the root's schemas.
        var kind: String?
        var name = steps.last ?? target.deletingPathExtension().lastPathComponent
        if steps.count == 3, steps[0] == "components", Self.componentKinds.contains(steps[1]) {
            kind = steps[1]
        } else if Self.isSchemaContext(path) {
            kind = "schemas"
            if steps.isEmpty { name = target.deletingPathExtension().lastPathComponent }
        }
        guard let kind else {
            guard inlining.insert(key).inserted else {
                throw DocumentBundle.Failure(description: "\(file.lastPathComponent): \(ref) refers back to itself")
            }
            defer { inlining.remove(key) }
            return try bundle(value, in: target, at: path)
        }
        let taken = Set((components[kind] ?? []).map(\.0))
        let unique = ([name] + (2...).lazy.prefix(98).map { "\(name)\($0)" }).first { !taken.contains($0) } ?? name
        let local = "#/components/\(kind)/" + unique.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        hoisted[key] = local
        components[kind, default: []].append((unique, .null))
        let bundled = try bundle(value, in: target, at: ["components", kind, unique])
        if let index = components[kind]?.firstIndex(where: { $0.0 == unique }) { components[kind]?[index].1 = bundled }
        return ["$ref": .string(local)]
    }

    mutating func load(_ url: URL, referredFrom file: URL) throws -> JSONValue {
        if let known = loaded[url] { return known }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DocumentBundle.Failure(description: "\(file.lastPathComponent) refers to \(url.path), which cannot be read")
        }
        let node: SpecNode?
        do {
            node = try SpecNode.load(text)
        } catch {
            throw DocumentBundle.Failure(description: "\(url.path): not YAML or JSON: \(error)")
        }
        let value = node?.json ?? .null
        loaded[url] = value
        order.append(url)
        return value
    }

    static func value(at steps: [String], in value: JSONValue) -> JSONValue? {
        var current = value
        for step in steps {
            if let member = current[step] {
                current = member
            } else if let index = Int(step), let items = current.arrayValue, items.indices.contains(index) {
                current = items[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// Whether a reference at `path` stands for a schema.
    static func isSchemaContext(_ path: [String]) -> Bool {
        guard let last = path.last else { return false }
        let parent = path.dropLast().last ?? ""
        return ["schema", "items", "additionalProperties", "not"].contains(last)
            || ["properties", "allOf", "oneOf", "anyOf"].contains(parent)
            || (path.count >= 3 && path[path.count - 3] == "components" && parent == "schemas")
    }
}
