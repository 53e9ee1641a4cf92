/// Rules about the whole document: references, unused components, servers.
enum DocumentRules {
    /// Every `$ref` of the document with its path.
    static func references(in node: SpecNode, _ path: [String] = []) -> [(ref: String, path: [String], location: Location)] {
        switch node.kind {
        case .scalar: return []
        case .sequence(let items):
            return items.enumerated().flatMap { references(in: $1, path + [String($0)]) }
        case .mapping(let members):
            return members.flatMap { member -> [(ref: String, path: [String], location: Location)] in
                if member.key == "$ref", let ref = member.value.string { return [(ref, path + ["$ref"], member.value.location)] }
                return references(in: member.value, path + [member.key])
            }
        }
    }

    static let refResolves = LintRule("ref-resolves", .error, "Every local `$ref` points at something in the document.") { document in
        references(in: document.root).compactMap { reference in
            guard let target = SpecDocument.refPath(reference.ref) else { return nil }
            guard document.node(at: target) == nil else { return nil }
            return RuleHit("$ref '\(reference.ref)' points at nothing", at: reference.path, reference.location)
        }
    }

    static let unusedComponents = LintRule("component-unused", .warning, "Every component is referenced somewhere.") { document in
        let used = Set(references(in: document.root).map(\.ref))
        return (document.root["components"]?.members ?? []).filter { $0.key != "securitySchemes" }.flatMap { kind in
            kind.value.members.compactMap { member -> RuleHit? in
                let pointer = SpecDocument.pointer(["components", kind.key, member.key])
                guard !used.contains(pointer) else { return nil }
                return RuleHit("\(pointer) is never referenced", at: ["components", kind.key, member.key], member.keyLocation)
            }
        }
    }

    static let serverTrailingSlash = LintRule("server-trailing-slash", .warning, "Server URLs do not end with `/`; paths start with one.") {
        document in
        (document.root["servers"]?.items ?? []).enumerated().compactMap { index, server in
            guard let url = server["url"]?.string, url.count > 1, url.hasSuffix("/") else { return nil }
            return RuleHit(
                "server URL '\(url)' ends with '/', so paths would start with '//'", at: ["servers", String(index), "url"],
                server["url"]?.location)
        }
    }

    static let all = [refResolves, unusedComponents, serverTrailingSlash]
}
