import Foundation
import JSONModel
import Yams

/// An OpenAPI 3.0 or 3.1 document (or a Swagger 2.0 one, read as the 3.0 it says) loaded as a
/// line-aware tree, with the lookups rules share.
public struct SpecDocument: Sendable {
    /// The document's tree, as OpenAPI 3.x says it.
    public let root: SpecNode
    /// `3.0` or `3.1` (3.2 documents are read as 3.1, Swagger 2.0 ones as 3.0).
    public let version: String
    /// The tree as written, when the document is Swagger 2.0; nil for OpenAPI.
    public private(set) var swagger: SpecNode? = nil
    /// Lookups several rules share, computed once.
    private let cache = Cache()

    private final class Cache: @unchecked Sendable {
        // One lock each, so that two lookups can be worked out on two cores at once; recursive,
        // because working out the schemas asks for the operations.
        let operationsLock = NSRecursiveLock()
        let referencesLock = NSRecursiveLock()
        let schemasLock = NSRecursiveLock()
        let sharedLock = NSLock()
        let targetsLock = NSLock()
        /// What each local reference names, by its text: a large document refers to the same
        /// few components thousands of times, and finding one walks its siblings.
        var targets: [String: (node: SpecNode, path: [String])?] = [:]
        let parametersLock = NSLock()
        /// Each operation's parameters, by the operation's place (`paths`, path, method).
        var parameters: [[String]: [(node: SpecNode, path: [String], level: String)]] = [:]
        var operations: [Operation]?
        var references: [Reference]?
        var schemas: SchemaList?
        var shared: [String: AnyObject] = [:]

        func value<T>(_ keyPath: ReferenceWritableKeyPath<Cache, T?>, _ lock: NSRecursiveLock, _ make: () -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            if let known = self[keyPath: keyPath] { return known }
            let made = make()
            self[keyPath: keyPath] = made
            return made
        }

        /// The entry for `key` of a keyed lookup, made outside the lock so that two keys can be
        /// worked out at once (two threads may both make a missing one; both make the same).
        func entry<Key: Hashable, Value>(
            _ keyPath: ReferenceWritableKeyPath<Cache, [Key: Value]>, _ key: Key, _ lock: NSLock, _ make: () -> Value
        ) -> Value {
            lock.lock()
            if let known = self[keyPath: keyPath][key] {
                lock.unlock()
                return known
            }
            lock.unlock()
            let made = make()
            lock.lock()
            self[keyPath: keyPath][key] = made
            lock.unlock()
            return made
        }
    }

    /// One object per document that several rules share (decoded schemas), made once.
    package func shared<T: AnyObject>(_ key: String, _ make: () -> T) -> T {
        cache.sharedLock.lock()
        defer { cache.sharedLock.unlock() }
        if let known = cache.shared[key] as? T { return known }
        let made = make()
        cache.shared[key] = made
        return made
    }

    /// The HTTP methods a path item can hold, in OpenAPI's order.
    public static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Why a file cannot be linted at all: it is not YAML, or it is YAML but not OpenAPI 3.
    public struct LoadError: Error, CustomStringConvertible {
        /// What is wrong, with the line where reading stopped.
        public let description: String
        /// True when the text is YAML or JSON of another kind: a ruleset, Swagger 2.0, a config file.
        public var isOtherFormat = false
        /// Where reading stopped, when it did.
        public var location: Location?

        /// The problem in the shape every command prints, in `file`.
        public func diagnostic(file: String) -> Diagnostic {
            Diagnostic(message: description, file: file, line: location?.line, column: location?.column)
        }

        /// A load error.
        public init(description: String, isOtherFormat: Bool = false, location: Location? = nil) {
            self.description = description
            self.isOtherFormat = isOtherFormat
            self.location = location
        }
    }

    /// A Swagger 2.0 document's tree as written, as a document of its own (`version` "2.0"), for
    /// rules written for 2.0 (Spectral's `oas2` ones); nil for OpenAPI. Made once.
    package var asWritten: SpecDocument? {
        guard let swagger else { return nil }
        return shared("as-written") { Box(SpecDocument(root: swagger, version: "2.0")) }.value
    }

    final class Box: Sendable {
        let value: SpecDocument
        init(_ value: SpecDocument) { self.value = value }
    }

    private init(root: SpecNode, version: String) {
        self.root = root
        self.version = version
    }

    /// Reads a document's YAML or JSON; fails when it is not OpenAPI 3.0, 3.1 or 3.2.
    public init(text: String) throws(LoadError) {
        let loaded: SpecNode?
        do {
            loaded = try SpecNode.load(text)
        } catch let error as YamlError {
            throw LoadError(description: "not YAML or JSON: \(Self.describe(error))", location: Self.mark(error))
        } catch {
            throw LoadError(description: "not YAML or JSON: \(error)")
        }
        guard let root = loaded, root.isMapping else {
            throw LoadError(description: "not an OpenAPI document: the top level is not a mapping", isOtherFormat: true)
        }
        guard let version = root["openapi"]?.string else {
            if let swagger = root["swagger"] {
                // Swagger 2.0 is read as the OpenAPI 3.0 it says, each node where it is written.
                guard swagger.string == "2.0" || swagger.json == .number(2) else {
                    throw LoadError(
                        description:
                            "Swagger \(swagger.string ?? "") is not supported; Specsmith reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2",
                        isOtherFormat: true, location: swagger.location)
                }
                self.version = "3.0"
                self.root = Swagger2.convert(root)
                self.swagger = root
                return
            }
            throw LoadError(description: "not an OpenAPI document: there is no `openapi` field", isOtherFormat: true)
        }
        if version.hasPrefix("3.0") {
            self.version = "3.0"
        } else if version.hasPrefix("3.1") || version.hasPrefix("3.2") {
            self.version = "3.1"
        } else {
            throw LoadError(description: "OpenAPI \(version) is not supported; Specsmith reads 3.0, 3.1 and 3.2", isOtherFormat: true)
        }
        self.root = root
    }

    static func mark(_ error: YamlError) -> Location? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return Location(line: mark.line, column: mark.column)
        default: return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)" + (context.map { " \($0.text)" } ?? "")
        default:
            return "\(error)"
        }
    }

    /// The node at a path of keys and sequence indexes.
    public func node(at path: [String]) -> SpecNode? {
        var node: SpecNode? = root
        for token in path { node = node?.child(token) }
        return node
    }

    /// The path a local `$ref` (`#/components/schemas/Order`) points to, if it is local.
    public static func refPath(_ ref: String) -> [String]? {
        guard ref.hasPrefix("#/") || ref == "#" else { return nil }
        // Most references escape nothing: split them without the decoding passes.
        if !ref.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "%") }) {
            return ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false).map(String.init).filter {
                !$0.isEmpty || ref != "#/"
            }
        }
        return ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false).map {
            ($0.removingPercentEncoding ?? String($0)).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }.filter { !$0.isEmpty || ref != "#/" }
    }

    /// The node a local `$ref` names, with its path; nil when it is not local or names nothing.
    public func target(of ref: String) -> (node: SpecNode, path: [String])? {
        cache.entry(\.targets, ref, cache.targetsLock) {
            Self.refPath(ref).flatMap { path in node(at: path).map { (node: $0, path: path) } }
        }
    }

    /// Follows `$ref`s from `node` (at most 32) to the node they name.
    public func resolved(_ node: SpecNode) -> SpecNode? {
        var current = node
        for _ in 0..<32 {
            guard let ref = current["$ref"]?.string else { return current }
            guard let target = target(of: ref) else { return nil }
            current = target.node
        }
        return nil
    }

    /// The node a chain of local `$ref`s from `node` ends at, with its own path, so a finding
    /// about it points where it is written; `node` and `path` themselves when it is no reference
    /// or one that resolves to nothing.
    public func follow(_ node: SpecNode, at path: [String]) -> (node: SpecNode, path: [String]) {
        var current = (node: node, path: path)
        for _ in 0..<32 {
            guard let ref = current.node["$ref"]?.string, let target = target(of: ref) else { return current }
            current = target
        }
        return current
    }

    /// `["paths", "/orders", "get"]` → `#/paths/~1orders/get`.
    public static func pointer(_ path: [String]) -> String {
        var pointer = "#"
        for token in path {
            pointer += "/"
            // Foundation's replacingOccurrences costs more than the rest of a finding: most
            // tokens have nothing to escape and are appended as they are.
            guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
                pointer += token
                continue
            }
            for character in token.unicodeScalars {
                switch character {
                case "~": pointer += "~0"
                case "/": pointer += "~1"
                default: pointer.unicodeScalars.append(character)
                }
            }
        }
        return pointer
    }

    /// One operation of the document.
    public struct Operation: Sendable {
        /// Its path (`/orders/{orderId}`), or a webhook's name.
        public let path: String
        /// Its method, lowercased as the document writes it.
        public let method: String
        /// The operation object.
        public let node: SpecNode
        /// The path item holding it.
        public let pathItem: SpecNode
        /// `paths`, or `webhooks` for a request the API sends (`path` is then the webhook's name).
        public var section = "paths"

        /// Its path of keys from the root: `paths`, the path, the method.
        public var location: [String] { [section, path, method] }
        /// `GET /orders`, or `webhook order.created (POST)`: how messages name it.
        public var name: String { section == "webhooks" ? "webhook \(path) (\(method.uppercased()))" : "\(method.uppercased()) \(path)" }
    }

    /// The operations of the document's webhooks: requests the API sends to its subscribers.
    public var webhookOperations: [Operation] {
        (root["webhooks"]?.members ?? []).flatMap { member -> [Operation] in
            let item = resolved(member.value) ?? member.value
            return item.members.filter { Self.methods.contains($0.key) && $0.value.isMapping }.map {
                Operation(path: member.key, method: $0.key, node: $0.value, pathItem: item, section: "webhooks")
            }
        }
    }

    /// Every `$ref` of the document with its path and location.
    public var references: [Reference] {
        cache.value(\.references, cache.referencesLock) { Self.findReferences(in: root) }
    }

    /// Every operation under `paths`, in document order.
    public var operations: [Operation] {
        cache.value(\.operations, cache.operationsLock) { findOperations() }
    }

    private func findOperations() -> [Operation] {
        (root["paths"]?.members ?? []).flatMap { member -> [Operation] in
            let item = resolved(member.value) ?? member.value
            return item.members.filter { Self.methods.contains($0.key) && $0.value.isMapping }.map {
                Operation(path: member.key, method: $0.key, node: $0.value, pathItem: item)
            }
        }
    }

    /// The parameters in force for an operation: its own, and the path-level ones it does not
    /// override (a parameter is named by `name` and `in`, as OpenAPI matches them).
    public func effectiveParameters(of operation: Operation) -> [(node: SpecNode, path: [String], level: String)] {
        let all = parameters(of: operation)
        let own = Set(all.filter { $0.level == "operation" }.map { "\($0.node["in"]?.string ?? "") \($0.node["name"]?.string ?? "")" })
        return all.filter { $0.level == "operation" || !own.contains("\($0.node["in"]?.string ?? "") \($0.node["name"]?.string ?? "")") }
    }

    /// The parameters of an operation with their paths: path-level ones first, then its own.
    public func parameters(of operation: Operation) -> [(node: SpecNode, path: [String], level: String)] {
        // Half a dozen rules ask for every operation's parameters: each is worked out once.
        // By its place, not its node: path items reached through one `$ref` share their nodes.
        cache.entry(\.parameters, operation.location, cache.parametersLock) { findParameters(of: operation) }
    }

    private func findParameters(of operation: Operation) -> [(node: SpecNode, path: [String], level: String)] {
        let shared =
            operation.pathItem["parameters"]?.items.enumerated().map { index, node -> (node: SpecNode, path: [String], level: String) in
                let (found, path) = follow(node, at: [operation.section, operation.path, "parameters", String(index)])
                return (node: found, path: path, level: "path")
            } ?? []
        let own =
            operation.node["parameters"]?.items.enumerated().map { index, node -> (node: SpecNode, path: [String], level: String) in
                let (found, path) = follow(node, at: operation.location + ["parameters", String(index)])
                return (node: found, path: path, level: "operation")
            } ?? []
        return shared + own
    }

    /// Every schema of the document with its path: components, and those inline in
    /// parameters, bodies and responses, descending into properties, items and combinators.
    public var schemas: SchemaList {
        cache.value(\.schemas, cache.schemasLock) { findSchemas() }
    }

    /// The document's schemas in document order. Each keeps the schema it is in and the keys
    /// from there rather than its whole path, which is built when asked for: a large document
    /// has tens of thousands of schemas, and a path for each was most of the time finding them.
    public struct SchemaList: RandomAccessCollection, Sendable {
        /// One schema: its node, and its path of keys from the document's root.
        public struct Schema: Sendable {
            /// The schema object.
            public let node: SpecNode
            let list: SchemaList
            let place: Int

            /// The keys and indexes from the document's root to the schema.
            public var path: [String] { list.path(to: place) }
        }

        struct Entry: Sendable {
            let node: SpecNode
            /// The schema it is in, or -1 - the index of its root path for a root.
            let parent: Int
            /// The keys from the parent: `properties` and a name, `items`, `allOf` and an index.
            let key: String
            let second: String?
        }

        let entries: [Entry]
        let roots: [[String]]

        public var startIndex: Int { 0 }
        public var endIndex: Int { entries.count }
        public subscript(place: Int) -> Schema { Schema(node: entries[place].node, list: self, place: place) }

        func path(to place: Int) -> [String] {
            var keys: [String] = []
            var current = place
            while entries[current].parent >= 0 {
                if let second = entries[current].second { keys.append(second) }
                keys.append(entries[current].key)
                current = entries[current].parent
            }
            return roots[-1 - entries[current].parent] + keys.reversed()
        }
    }

    private func findSchemas() -> SchemaList {
        var entries: [SchemaList.Entry] = []
        var roots: [[String]] = []
        func visit(_ node: SpecNode, parent: Int, _ key: String, _ second: String?) {
            guard node.isMapping, node["$ref"] == nil else { return }
            let place = entries.count
            entries.append(.init(node: node, parent: parent, key: key, second: second))
            for member in node["properties"]?.members ?? [] { visit(member.value, parent: place, "properties", member.key) }
            for key in ["items", "additionalProperties", "not"] {
                if let child = node[key] { visit(child, parent: place, key, nil) }
            }
            for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
                for (index, child) in (node[key]?.items ?? []).enumerated() { visit(child, parent: place, key, String(index)) }
            }
        }
        func visit(root node: SpecNode, _ path: [String]) {
            roots.append(path)
            visit(node, parent: -roots.count, "", nil)
        }
        for member in root["components"]?["schemas"]?.members ?? [] { visit(root: member.value, ["components", "schemas", member.key]) }
        for operation in operations {
            for parameter in parameters(of: operation) where parameter.node["schema"] != nil {
                if let schema = parameter.node["schema"] { visit(root: schema, parameter.path + ["schema"]) }
            }
            for (path, content) in contents(of: operation) {
                for media in content.members {
                    if let schema = media.value["schema"] { visit(root: schema, path + [media.key, "schema"]) }
                }
            }
        }
        return SchemaList(entries: entries, roots: roots)
    }

    /// The `content` maps of an operation's request body and responses, with their paths.
    public func contents(of operation: Operation) -> [(path: [String], content: SpecNode)] {
        var found: [(path: [String], content: SpecNode)] = []
        if let body = operation.node["requestBody"], let content = (resolved(body) ?? body)["content"] {
            found.append((operation.location + ["requestBody", "content"], content))
        }
        for response in operation.node["responses"]?.members ?? [] {
            if let content = (resolved(response.value) ?? response.value)["content"] {
                found.append((operation.location + ["responses", response.key, "content"], content))
            }
        }
        return found
    }
}

extension SpecDocument {
    /// A `$ref` as written: what it says, its path and line, and the members written beside it
    /// (which OpenAPI 3.0 ignores), found in the same walk.
    public typealias Reference = (ref: String, path: [String], location: Location, siblings: [SpecNode.Member])

    /// Every `$ref` under `root` with its path. One path stack serves the whole walk:
    /// building a path per node would cost more than the walk itself on large specs.
    static func findReferences(in root: SpecNode) -> [Reference] {
        var found: [Reference] = []
        var path: [String] = []
        func visit(_ node: SpecNode) {
            switch node.kind {
            case .scalar: return
            case .sequence(let items):
                for (index, item) in items.enumerated() where !item.isScalar {
                    path.append(String(index))
                    visit(item)
                    path.removeLast()
                }
            case .mapping(let members):
                for member in members {
                    if member.key == "$ref", let ref = member.value.string {
                        let siblings = members.count > 1 ? members.filter { $0.key != "$ref" } : []
                        found.append((ref, path + ["$ref"], member.value.location, siblings))
                    } else if !member.value.isScalar {
                        path.append(member.key)
                        visit(member.value)
                        path.removeLast()
                    }
                }
            }
        }
        visit(root)
        return found
    }
}
