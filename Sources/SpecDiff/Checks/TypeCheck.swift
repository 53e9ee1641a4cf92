import SpecReader

/// A changed type breaks whoever must handle a value of a type they did not before: a request
/// that no longer accepts what clients send, or a response that returns what clients cannot
/// read. Widening a request (integer → number, string → string or null) or narrowing a
/// response is a change clients absorb.
enum TypeCheck {
    /// The declared types, with a type list read as its members; nil when none is declared.
    static func types(_ node: SpecNode) -> Set<String>? {
        guard let type = node["type"] else { return nil }
        var found: Set<String> = type.string.map { [$0] } ?? Set(type.items.compactMap(\.string))
        // OpenAPI 3.0 says `nullable: true` where 3.1 lists "null".
        if node["nullable"]?.json == .bool(true) { found.insert("null") }
        return found.isEmpty ? nil : found
    }

    static func render(_ types: Set<String>) -> String { types.sorted().joined(separator: "|") }

    /// Whether a value of `type` is valid against a schema of `types`: an integer is a number.
    static func accepts(_ types: Set<String>, _ type: String) -> Bool {
        types.contains(type) || (type == "integer" && types.contains("number"))
    }

    static let check = DiffCheck(
        "type-changed", "A type changed so that a request refuses what it accepted, or a response returns what it did not.",
        level: .breaking
    ) { context in
        context.schemaPairs.compactMap { pair in
            guard let old = types(pair.base), let new = types(pair.head), old != new else { return nil }
            let lost = pair.direction == .request ? old.filter { !accepts(new, $0) } : new.filter { !accepts(old, $0) }
            let level: ChangeLevel = lost.isEmpty ? .info : .breaking
            let why =
                lost.isEmpty
                ? (pair.direction == .request ? " (wider: what clients sent is still accepted)" : " (narrower: clients read a subset)")
                : ""
            return DiffHit(
                level: level, "\(pair.name) changed type from \(render(old)) to \(render(new))\(why)", in: .head,
                at: pair.headPath + ["type"], pair.head["type"]?.location ?? pair.head.location)
        }
    }
}
