import SpecReader

/// Enum values: removing one a client sends breaks it; adding one a client reads may surprise it.
enum EnumCheck {
    /// The values of `enum`, or of `x-extensible-enum` (a list the API may extend).
    static func values(_ node: SpecNode) -> [String] {
        (node["enum"] ?? node["x-extensible-enum"])?.items.map { $0.string ?? "\($0.json)" } ?? []
    }

    /// Clients of an extensible enum are told to expect values they do not know.
    static func isExtensible(_ node: SpecNode) -> Bool { node["enum"] == nil && node["x-extensible-enum"] != nil }

    static let requestRemoved = DiffCheck(
        "request-enum-value-removed", "A value clients may send was removed from a request enum.", level: .breaking
    ) {
        context in
        context.pairs(.request).flatMap { pair -> [DiffHit] in
            let new = values(pair.head)
            guard !new.isEmpty else { return [] }
            let old = values(pair.base)
            // A schema that took any value and now takes a list refuses every other value. An
            // alternative of a choice is not such a schema: the choice takes its other members.
            let alternative = pair.headPath.dropLast().last.map { ["anyOf", "oneOf"].contains($0) } ?? false
            if old.isEmpty, pair.head["enum"] != nil, pair.base["const"] == nil, !alternative {
                return [
                    DiffHit(
                        "\(pair.name) now accepts only \(new.map { "'\($0)'" }.joined(separator: ", "))", in: .head,
                        at: pair.headPath + ["enum"], pair.head["enum"]?.location)
                ]
            }
            return old.filter { !new.contains($0) }.map {
                DiffHit(
                    "\(pair.name) no longer accepts '\($0)'", in: .head,
                    at: pair.headPath + ["enum"],
                    pair.head["enum"]?.location)
            }
        }
    }

    static let responseAdded = DiffCheck(
        "response-enum-value-added", "A value clients may not handle was added to a response enum.", level: .warning
    ) {
        context in
        context.pairs(.response).flatMap { pair -> [DiffHit] in
            let old = values(pair.base)
            guard !old.isEmpty else { return [] }
            let extensible = isExtensible(pair.base)
            return values(pair.head).filter { !old.contains($0) }.map {
                DiffHit(
                    level: extensible ? .info : .warning,
                    "\(pair.name) may now return '\($0)'" + (extensible ? " (an x-extensible-enum: clients expect new values)" : ""),
                    in: .head,
                    at: pair.headPath + [extensible ? "x-extensible-enum" : "enum"],
                    (pair.head["enum"] ?? pair.head["x-extensible-enum"])?.location)
            }
        }
    }

    static let all = [requestRemoved, responseAdded]
}
