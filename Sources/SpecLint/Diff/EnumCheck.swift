/// Enum values: removing one a client sends breaks it; adding one a client reads may surprise it.
enum EnumCheck {
    static func values(_ node: SpecNode) -> [String] {
        node["enum"]?.items.map { $0.string ?? "\($0.json)" } ?? []
    }

    static let requestRemoved = DiffCheck("request-enum-value-removed", "A value clients may send was removed from a request enum.") {
        context in
        context.schemaPairs.filter { $0.direction == .request }.flatMap { pair -> [Change] in
            let new = values(pair.head)
            guard !new.isEmpty else { return [] }
            return values(pair.base).filter { !new.contains($0) }.map {
                Change(
                    "request-enum-value-removed", .breaking, "\(pair.name) no longer accepts '\($0)'", in: .head,
                    at: pair.headPath + ["enum"],
                    pair.head["enum"]?.location)
            }
        }
    }

    static let responseAdded = DiffCheck("response-enum-value-added", "A value clients may not handle was added to a response enum.") {
        context in
        context.schemaPairs.filter { $0.direction == .response }.flatMap { pair -> [Change] in
            let old = values(pair.base)
            guard !old.isEmpty else { return [] }
            return values(pair.head).filter { !old.contains($0) }.map {
                Change(
                    "response-enum-value-added", .warning, "\(pair.name) may now return '\($0)'", in: .head, at: pair.headPath + ["enum"],
                    pair.head["enum"]?.location)
            }
        }
    }

    static let all = [requestRemoved, responseAdded]
}
