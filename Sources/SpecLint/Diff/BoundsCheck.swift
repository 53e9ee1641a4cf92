/// Tighter request limits refuse what clients sent before; looser response limits return
/// what clients may not hold.
enum BoundsCheck {
    static let limits = ["maxLength", "maxItems", "maximum"]

    static func number(_ node: SpecNode, _ key: String) -> Double? {
        node[key]?.json.doubleValue
    }

    static func render(_ value: Double?) -> String {
        guard let value else { return "none" }
        return value.rounded() == value ? String(Int(value)) : String(value)
    }

    static let requestTightened = DiffCheck(
        "request-max-decreased", "maxLength, maxItems or maximum decreased (or was added) on a request."
    ) {
        context in
        context.schemaPairs.filter { $0.direction == .request }.flatMap { pair -> [Change] in
            limits.compactMap { key in
                guard let new = number(pair.head, key) else { return nil }
                let old = number(pair.base, key)
                guard old.map({ new < $0 }) ?? true else { return nil }
                return Change(
                    "request-max-decreased", .breaking, "\(pair.name): \(key) went from \(render(old)) to \(render(new))", in: .head,
                    at: pair.headPath + [key], pair.head[key]?.location)
            }
        }
    }

    static let responseLoosened = DiffCheck(
        "response-max-increased", "maxLength, maxItems or maximum increased (or was removed) on a response."
    ) {
        context in
        context.schemaPairs.filter { $0.direction == .response }.flatMap { pair -> [Change] in
            limits.compactMap { key in
                guard let old = number(pair.base, key) else { return nil }
                let new = number(pair.head, key)
                guard new.map({ $0 > old }) ?? true else { return nil }
                return Change(
                    "response-max-increased", .warning, "\(pair.name): \(key) went from \(render(old)) to \(render(new))", in: .head,
                    at: pair.headPath + [key], pair.head[key]?.location ?? pair.head.location)
            }
        }
    }

    static let all = [requestTightened, responseLoosened]
}
