import SpecReader

/// Rules about the whole document: references, unused components, servers.
enum DocumentRules {
    /// The walk that finds every `$ref`, which several rules read: done before they run.
    static let referencesWalk = LintRule.Preparation("references") { document in
        _ = document.references.count
        _ = document.asWritten?.references.count
    }

    static let refResolves = LintRule(
        "ref-resolves", .error, "Every local `$ref` points at something in the document.", preparations: [referencesWalk]
    ) { document in
        // Specs repeat the same few references thousands of times: judge each text once. A
        // reference to another file is not judged here.
        var dangling: [String: Bool] = [:]
        return document.references.compactMap { reference in
            let ref = reference.ref
            let isDangling =
                dangling[ref]
                ?? {
                    let judged = SpecDocument.refPath(ref) != nil && document.target(of: ref) == nil
                    dangling[ref] = judged
                    return judged
                }()
            guard isDangling else { return nil }
            return RuleHit("$ref '\(reference.ref)' points at nothing", at: reference.path, reference.location)
        }
    }

    static let unusedComponents = LintRule(
        "component-unused", .warning, "Every component is referenced somewhere.", preparations: [referencesWalk]
    ) { document in
        // A reference into a component (`#/components/examples/base/value`) uses it too.
        // Each distinct reference once: documents repeat a few hundred thousands of times.
        let used = Set(
            Set(document.references.map(\.ref)).map { ref in
                let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
                return parts.count > 4 && parts[1] == "components" ? parts.prefix(4).joined(separator: "/") : ref
            })
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

    static let securityDefined = LintRule(
        "security-scheme-defined", .error, "Every security requirement names a scheme in `components.securitySchemes`."
    ) { document in
        undefinedSchemes(
            document, Set(document.root["components"]?["securitySchemes"]?.members.map(\.key) ?? []), "components.securitySchemes")
    }

    /// Security requirements, the document's and each operation's, that name a scheme not among
    /// `schemes`, which `holder` declares (`components.securitySchemes`, or 2.0's
    /// `securityDefinitions`).
    static func undefinedSchemes(_ document: SpecDocument, _ schemes: Set<String>, _ holder: String) -> [RuleHit] {
        func check(_ requirements: SpecNode?, _ path: [String], _ owner: String) -> [RuleHit] {
            (requirements?.items ?? []).enumerated().flatMap { index, requirement in
                requirement.members.filter { !schemes.contains($0.key) }.map {
                    RuleHit(
                        "\(owner) \"security\" values must match a scheme defined in the \"\(holder)\" object: "
                            + "there is no '\($0.key)'", at: path + [String(index), $0.key], $0.keyLocation)
                }
            }
        }
        return check(document.root["security"], ["security"], "API")
            + document.operations.flatMap { check($0.node["security"], $0.location + ["security"], "Operation") }
    }

    static let all = [refResolves, unusedComponents, serverTrailingSlash, securityDefined]
}
