import JSONModel
import SpecReader

/// Structural validity: each OpenAPI object has its required fields, with the right types.
/// Checked on the tree, so every problem has a line, and the typed decode stays off the hot path.
enum StructureRules {
    struct Walk {
        let document: SpecDocument
        var hits: [RuleHit] = []

        mutating func report(_ message: String, _ path: [String], _ location: Location?) {
            hits.append(RuleHit(message, at: path, location))
        }

        /// The member `key` of `node` if present with the expected shape; reports it when required and missing.
        @discardableResult
        mutating func field(_ node: SpecNode, _ key: String, _ shape: Shape, required: Bool, at path: [String]) -> SpecNode? {
            guard let value = node[key] else {
                if required { report("\(Self.name(path)) is missing its required field '\(key)'", path, node.location) }
                return nil
            }
            guard shape.fits(value) else {
                let hint = shape == .string && !value.isMapping && value.items.isEmpty ? "; quote it: '\(value.string ?? "")'" : ""
                report("\(Self.name(path + [key])) must be \(shape.description)\(hint)", path + [key], value.location)
                return nil
            }
            return value
        }

        /// Reports every key of `node` that is neither one of `object`'s fields nor an `x-` extension.
        mutating func known(_ node: SpecNode, _ object: OpenAPIObject, at path: [String]) {
            guard node.isMapping, node["$ref"] == nil else { return }
            let fields = object.fields(document.version)
            for member in node.members where !member.key.hasPrefix("x-") && !fields.contains(member.key) {
                let hint = Spelling.closest(to: member.key, in: fields.sorted()).map { "; did you mean '\($0)'?" } ?? ""
                report(
                    "unknown field '\(member.key)' in \(object.rawValue)\(hint) (extensions start with x-)", path + [member.key],
                    member.keyLocation)
            }
        }

        static func name(_ path: [String]) -> String {
            path.isEmpty ? "the document" : "'" + path.joined(separator: ".") + "'"
        }
    }

    enum Shape: Equatable, CustomStringConvertible {
        case string, mapping, sequence, boolean

        func fits(_ node: SpecNode) -> Bool {
            switch self {
            case .string: if case .string = node.json { return true } else { return false }
            case .mapping: return node.isMapping
            case .sequence: if case .sequence = node.kind { return true } else { return false }
            case .boolean: if case .bool = node.json { return true } else { return false }
            }
        }

        var description: String {
            switch self {
            case .string: "a string"
            case .mapping: "a mapping"
            case .sequence: "a list"
            case .boolean: "true or false"
            }
        }
    }

    static let locations: Set<String> = ["query", "header", "path", "cookie"]

    /// The objects whose fields are checked, with the fields OpenAPI 3.0 allows and those 3.1 and
    /// 3.2 add (a 3.2 document is read as 3.1, so 3.1 documents may use them too).
    enum OpenAPIObject: String, CaseIterable {
        case root = "the document root"
        case info = "info"
        case contact = "info.contact"
        case license = "info.license"
        case server = "a server"
        case tag = "a tag"
        case pathItem = "a path item"
        case operation = "an operation"
        case parameter = "a parameter"
        case response = "a response"
        case requestBody = "a request body"
        case mediaType = "a media type"
        case components = "components"

        /// The fields of each object for 3.0 documents and for later ones, worked out once: the
        /// check asks for them at every operation, response and parameter.
        static let fields30 = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.declaredFields("3.0")) })
        static let fields31 = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.declaredFields("3.1")) })

        func fields(_ version: String) -> Set<String> {
            (version == "3.0" ? Self.fields30 : Self.fields31)[self] ?? []
        }

        private func declaredFields(_ version: String) -> Set<String> {
            let (both, later): ([String], [String])
            switch self {
            case .root:
                (both, later) = (
                    ["openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs"],
                    ["webhooks", "jsonSchemaDialect", "$self"]
                )
            case .info: (both, later) = (["title", "description", "termsOfService", "contact", "license", "version"], ["summary"])
            case .contact: (both, later) = (["name", "url", "email"], [])
            case .license: (both, later) = (["name", "url"], ["identifier"])
            case .server: (both, later) = (["url", "description", "variables"], ["name"])
            case .tag: (both, later) = (["name", "description", "externalDocs"], ["summary", "parent", "kind"])
            case .pathItem:
                (both, later) = (
                    ["$ref", "summary", "description", "servers", "parameters"] + SpecDocument.methods, ["query", "additionalOperations"]
                )
            case .operation:
                (both, later) = (
                    [
                        "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses",
                        "callbacks", "deprecated", "security", "servers",
                    ], []
                )
            case .parameter:
                (both, later) = (
                    [
                        "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved",
                        "schema", "example", "examples", "content",
                    ], []
                )
            case .response: (both, later) = (["description", "headers", "content", "links"], ["summary"])
            case .requestBody: (both, later) = (["description", "content", "required"], [])
            case .mediaType:
                (both, later) = (["schema", "example", "examples", "encoding"], ["itemSchema", "prefixEncoding", "itemEncoding"])
            case .components:
                (both, later) = (
                    [
                        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links",
                        "callbacks",
                    ], ["pathItems", "mediaTypes"]
                )
            }
            return Set(version == "3.0" ? both : both + later)
        }
    }

    static let structure = LintRule("oas-structure", .error, "Each OpenAPI object has its required fields, with the right types.") {
        document in
        var walk = Walk(document: document)
        let root = document.root
        walk.known(root, .root, at: [])
        if let info = walk.field(root, "info", .mapping, required: true, at: []) {
            walk.known(info, .info, at: ["info"])
            walk.field(info, "title", .string, required: true, at: ["info"])
            walk.field(info, "version", .string, required: true, at: ["info"])
            if let contact = info["contact"] { walk.known(contact, .contact, at: ["info", "contact"]) }
            if let license = info["license"] { walk.known(license, .license, at: ["info", "license"]) }
        }
        if let components = root["components"] { walk.known(components, .components, at: ["components"]) }
        for member in root["paths"]?.members ?? [] { walk.known(member.value, .pathItem, at: ["paths", member.key]) }
        let paths = walk.field(root, "paths", .mapping, required: document.version == "3.0", at: [])
        if document.version == "3.1" && root["paths"] == nil && root["components"] == nil && root["webhooks"] == nil {
            walk.report("the document has none of 'paths', 'components' or 'webhooks'", [], root.location)
        }
        if let servers = walk.field(root, "servers", .sequence, required: false, at: []) {
            for (index, server) in servers.items.enumerated() {
                walk.field(server, "url", .string, required: true, at: ["servers", String(index)])
                walk.known(server, .server, at: ["servers", String(index)])
            }
        }
        if let tags = walk.field(root, "tags", .sequence, required: false, at: []) {
            for (index, tag) in tags.items.enumerated() {
                walk.field(tag, "name", .string, required: true, at: ["tags", String(index)])
                walk.known(tag, .tag, at: ["tags", String(index)])
            }
        }
        for member in paths?.members ?? [] where !member.key.hasPrefix("/") {
            walk.report("path '\(member.key)' must start with '/'", ["paths", member.key], member.keyLocation)
        }
        // Shared responses, bodies and parameters are checked once, where they are written.
        var visited: Set<Location> = []
        func definition(_ node: SpecNode, at path: [String]) -> (node: SpecNode, path: [String])? {
            let found = document.follow(node, at: path)
            return visited.insert(found.node.location).inserted ? found : nil
        }
        func content(_ node: SpecNode?, at path: [String]) {
            for media in node?.members ?? [] { walk.known(media.value, .mediaType, at: path + [media.key]) }
        }
        for operation in document.operations {
            let here = operation.location
            walk.known(operation.node, .operation, at: here)
            if let responses = walk.field(operation.node, "responses", .mapping, required: document.version == "3.0", at: here) {
                if responses.members.isEmpty {
                    walk.report("\(operation.name) documents no responses", here + ["responses"], responses.location)
                }
                for response in responses.members {
                    guard let (resolved, path) = definition(response.value, at: here + ["responses", response.key]) else { continue }
                    walk.field(resolved, "description", .string, required: true, at: path)
                    walk.known(resolved, .response, at: path)
                    content(resolved["content"], at: path + ["content"])
                }
            }
            if let body = operation.node["requestBody"], let (resolved, path) = definition(body, at: here + ["requestBody"]) {
                walk.field(resolved, "content", .mapping, required: true, at: path)
                walk.known(resolved, .requestBody, at: path)
                content(resolved["content"], at: path + ["content"])
            }
            for parameter in document.parameters(of: operation) where visited.insert(parameter.node.location).inserted {
                walk.known(parameter.node, .parameter, at: parameter.path)
                walk.field(parameter.node, "name", .string, required: true, at: parameter.path)
                guard let place = walk.field(parameter.node, "in", .string, required: true, at: parameter.path)?.string else { continue }
                if !locations.contains(place) {
                    walk.report(
                        "parameter 'in' must be query, header, path or cookie, not '\(place)'", parameter.path + ["in"],
                        parameter.node["in"]?.location)
                }
                if place == "path" && parameter.node["required"]?.json != .bool(true) {
                    walk.report("a path parameter must say required: true", parameter.path, parameter.node.location)
                }
                if parameter.node["schema"] == nil && parameter.node["content"] == nil {
                    walk.report("a parameter needs a schema or a content", parameter.path, parameter.node.location)
                }
            }
        }
        for kind in root["components"]?.members ?? [] where !kind.value.isMapping {
            walk.report("'components.\(kind.key)' must be a mapping", ["components", kind.key], kind.value.location)
        }
        return walk.hits
    }

    static let all = [structure]
}
