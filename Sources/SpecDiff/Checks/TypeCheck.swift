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

    /// Whether a schema is in an XML body (`application/xml`, `text/xml`, a `+xml` type): there a
    /// number, a boolean and a string are all an element's text.
    static func inXML(_ path: [String]) -> Bool {
        guard let content = path.firstIndex(of: "content"), content + 1 < path.count else { return false }
        let type = path[content + 1].split(separator: ";").first.map { $0.lowercased() } ?? ""
        return type == "application/xml" || type == "text/xml" || type.hasSuffix("+xml")
    }

    static let scalars: Set<String> = ["string", "integer", "number", "boolean"]

    /// Whether a query parameter that was one value is now a list sent as `a,b` (`style: form`,
    /// `explode: false`) of items of a type that takes the old one: one value on the wire is a
    /// list of one, so what clients sent is still accepted.
    static func becameCommaList(_ pair: SchemaPair, old: Set<String>, new: Set<String>, in document: SpecDocument) -> Bool {
        guard pair.direction == .request, new.subtracting(["null"]) == ["array"], old.subtracting(["null"]).isSubset(of: scalars),
            pair.headPath.last == "schema", let parameter = document.node(at: Array(pair.headPath.dropLast())),
            parameter["in"]?.string == "query", (parameter["style"]?.string ?? "form") == "form",
            parameter["explode"]?.json == .bool(false)
        else { return false }
        guard let items = pair.head["items"].map({ document.resolved($0) ?? $0 }), let itemTypes = types(items) else { return true }
        return old.subtracting(["null"]).allSatisfy { accepts(itemTypes, $0) }
    }

    static let check = DiffCheck(
        "type-changed", "A type changed so that a request refuses what it accepted, or a response returns what it did not.",
        level: .breaking
    ) { context in
        context.schemaPairs.compactMap { pair in
            guard let old = types(pair.base), let new = types(pair.head), old != new else { return nil }
            let lost = pair.direction == .request ? old.filter { !accepts(new, $0) } : new.filter { !accepts(old, $0) }
            // In XML, `5` is the same text whether the schema says integer or string: a request
            // that now takes any text still takes what clients sent, and a response clients read
            // as text still reads.
            let text = pair.direction == .request ? new : old
            let absorbed =
                !lost.isEmpty && inXML(pair.headPath) && old.subtracting(["null"]).isSubset(of: scalars)
                && new.subtracting(["null"]).isSubset(of: scalars) && text.contains("string")
                && (pair.direction == .request
                    ? !old.contains("null") || new.contains("null") : !new.contains("null") || old.contains("null"))
            let listed = !lost.isEmpty && becameCommaList(pair, old: old, new: new, in: context.head)
            let level: ChangeLevel = lost.isEmpty || absorbed || listed ? .info : .breaking
            let why =
                listed
                ? " (sent as a comma list: one value is a list of one, so what clients sent is still accepted)"
                : absorbed
                    ? " (the XML form is an element's text either way)"
                    : lost.isEmpty
                        ? (pair.direction == .request
                            ? " (wider: what clients sent is still accepted)" : " (narrower: clients read a subset)")
                        : ""
            return DiffHit(
                level: level, "\(pair.name) changed type from \(render(old)) to \(render(new))\(why)", in: .head,
                at: pair.headPath + ["type"], pair.head["type"]?.location ?? pair.head.location)
        }
    }
}
