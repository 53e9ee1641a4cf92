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

    static let structure = LintRule("oas-structure", .error, "Each OpenAPI object has its required fields, with the right types.") {
        document in
        var walk = Walk(document: document)
        let root = document.root
        if let info = walk.field(root, "info", .mapping, required: true, at: []) {
            walk.field(info, "title", .string, required: true, at: ["info"])
            walk.field(info, "version", .string, required: true, at: ["info"])
        }
        let paths = walk.field(root, "paths", .mapping, required: document.version == "3.0", at: [])
        if document.version == "3.1" && root["paths"] == nil && root["components"] == nil && root["webhooks"] == nil {
            walk.report("the document has none of 'paths', 'components' or 'webhooks'", [], root.location)
        }
        if let servers = walk.field(root, "servers", .sequence, required: false, at: []) {
            for (index, server) in servers.items.enumerated() {
                walk.field(server, "url", .string, required: true, at: ["servers", String(index)])
            }
        }
        if let tags = walk.field(root, "tags", .sequence, required: false, at: []) {
            for (index, tag) in tags.items.enumerated() { walk.field(tag, "name", .string, required: true, at: ["tags", String(index)]) }
        }
        for member in paths?.members ?? [] where !member.key.hasPrefix("/") {
            walk.report("path '\(member.key)' must start with '/'", ["paths", member.key], member.keyLocation)
        }
        for operation in document.operations {
            let here = operation.location
            if let responses = walk.field(operation.node, "responses", .mapping, required: document.version == "3.0", at: here) {
                if responses.members.isEmpty {
                    walk.report("\(operation.name) documents no responses", here + ["responses"], responses.location)
                }
                for response in responses.members {
                    let resolved = document.resolved(response.value) ?? response.value
                    walk.field(resolved, "description", .string, required: true, at: here + ["responses", response.key])
                }
            }
            if let body = operation.node["requestBody"] {
                walk.field(document.resolved(body) ?? body, "content", .mapping, required: true, at: here + ["requestBody"])
            }
            for parameter in document.parameters(of: operation) {
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
