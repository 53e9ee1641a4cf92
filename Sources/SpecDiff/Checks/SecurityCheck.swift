import SpecReader

/// Security requirements a client can no longer meet. An operation takes any one of its
/// requirements; a client that met an old one still can when some new requirement asks for a
/// subset of what it holds (fewer scopes is fine). Otherwise it loses access, and the change
/// says which credentials stopped working.
enum SecurityCheck {
    /// A requirement: each scheme with its scopes.
    typealias Requirement = [String: Set<String>]

    /// The security requirements in force for an operation: its own, else the document's.
    static func requirements(_ operation: SpecDocument.Operation, _ document: SpecDocument) -> [Requirement] {
        let node = operation.node["security"] ?? document.root["security"]
        return (node?.items ?? []).map { requirement in
            Dictionary(
                requirement.members.map { ($0.key, Set($0.value.items.compactMap(\.string))) }, uniquingKeysWith: { a, b in a.union(b) })
        }
    }

    /// Whether credentials that meet `held` also meet `needed`.
    static func meets(_ held: Requirement, _ needed: Requirement) -> Bool {
        needed.allSatisfy { scheme, scopes in held[scheme].map { scopes.isSubset(of: $0) } ?? false }
    }

    static func describe(_ requirement: Requirement) -> String {
        if requirement.isEmpty { return "no authentication" }
        return requirement.keys.sorted().map { scheme in
            let scopes = requirement[scheme]?.sorted() ?? []
            return scopes.isEmpty ? scheme : "\(scheme) with \(scopes.joined(separator: ", "))"
        }.joined(separator: " and ")
    }

    static let check = DiffCheck(
        "security-added", "Clients holding the credentials an operation accepted can no longer call it.", level: .breaking
    ) {
        context in
        context.sharedOperations.compactMap { pair in
            // No requirement at all accepts anyone; an empty requirement `{}` makes it optional.
            let old = requirements(pair.base, context.base)
            let new = requirements(pair.head, context.head)
            let oldOptions = old.isEmpty ? [Requirement()] : old
            guard !new.isEmpty else { return nil }
            let stranded = oldOptions.filter { held in !new.contains { meets(held, $0) } }
            guard !stranded.isEmpty else { return nil }
            let lost = stranded.map(describe).joined(separator: "; ")
            return DiffHit(
                "\(pair.head.name): clients calling with \(lost) can no longer call it; it now needs \(new.map(describe).joined(separator: " or "))",
                in: .head, at: pair.head.location + ["security"], (pair.head.node["security"] ?? context.head.root["security"])?.location)
        }
    }
}
