import JSONModel
import SpecReader

/// Tighter request limits refuse what clients sent before; looser response limits return
/// what clients may not hold. Upper bounds tighten by going down, lower bounds by going up, and
/// a `multipleOf` or `pattern` added or changed may refuse what passed before.
enum BoundsCheck {
    static let upper = ["maxLength", "maxItems", "maximum", "exclusiveMaximum", "maxProperties"]
    static let lower = ["minLength", "minItems", "minimum", "exclusiveMinimum", "minProperties"]

    static func number(_ node: SpecNode, _ key: String) -> Double? {
        node[key]?.json.doubleValue
    }

    static func render(_ value: Double?) -> String {
        guard let value else { return "none" }
        return value.rounded() == value ? String(Int(value)) : String(value)
    }

    /// Whether a bound went from `old` to `new` so that fewer values pass (an upper bound down or
    /// added, a lower bound up or added).
    static func tightened(_ old: Double?, _ new: Double?, upper: Bool) -> Bool {
        guard let new else { return false }
        guard let old else { return true }
        return upper ? new < old : new > old
    }

    /// The bound checks of one direction: tightening requests, or loosening responses.
    static func bounds(_ id: String, _ keys: [String], upper: Bool, _ direction: Direction, _ level: ChangeLevel, _ what: String)
        -> DiffCheck
    {
        DiffCheck(id, what, level: level) { context in
            context.pairs(direction).flatMap { pair -> [DiffHit] in
                keys.compactMap { key in
                    let (old, new) = (number(pair.base, key), number(pair.head, key))
                    let changed = direction == .request ? tightened(old, new, upper: upper) : tightened(new, old, upper: upper)
                    guard changed else { return nil }
                    // A response number lower than clients were promised breaks what they compute
                    // from it (an amount that was never negative); a shorter string or list does not.
                    let promise = direction == .response && !upper && (key == "minimum" || key == "exclusiveMinimum")
                    return DiffHit(
                        level: promise ? .breaking : nil,
                        "\(pair.name): \(key) went from \(render(old)) to \(render(new))", in: .head, at: pair.headPath + [key],
                        pair.head[key]?.location ?? pair.head.location)
                }
            }
        }
    }

    /// Patterns every string matches.
    static func matchesEverything(_ pattern: String?) -> Bool {
        guard let pattern else { return false }
        return ["", ".*", "^.*$", "^.*", ".*$", "^(.*)$", "(.*)", "[\\s\\S]*", "^[\\s\\S]*$"].contains(pattern)
    }

    /// `multipleOf` and `pattern`: added or changed narrows what passes, removed widens it.
    static func constraint(_ id: String, _ key: String, _ direction: Direction, _ level: ChangeLevel, _ what: String) -> DiffCheck {
        DiffCheck(id, what, level: level) { context in
            context.pairs(direction).compactMap { pair -> DiffHit? in
                let old = pair.base[key]?.json
                let new = pair.head[key]?.json
                guard old != new else { return nil }
                if key == "multipleOf", let o = old?.doubleValue, let n = new?.doubleValue,
                    direction == .request ? (o / n).rounded() == o / n : (n / o).rounded() == n / o
                {
                    return nil  // every multiple of the old is a multiple of the new (or the reverse for responses)
                }
                // A pattern that matches everything (`.*`, `''`) refuses nothing.
                let narrowed = new != nil && !(key == "pattern" && matchesEverything(new?.stringValue))
                guard direction == .request ? narrowed : old != nil else { return nil }
                let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "none" }
                return DiffHit(
                    "\(pair.name): \(key) went from \(text(old)) to \(text(new))", in: .head, at: pair.headPath + [key],
                    pair.head[key]?.location ?? pair.head.location)
            }
        }
    }

    static let all = [
        bounds(
            "request-max-decreased", upper, upper: true, .request, .breaking,
            "An upper bound (maxLength, maxItems, maximum, exclusiveMaximum, maxProperties) decreased or was added on a request."),
        bounds(
            "response-max-increased", upper, upper: true, .response, .warning,
            "An upper bound increased or was removed on a response."),
        bounds(
            "request-min-increased", lower, upper: false, .request, .breaking,
            "A lower bound (minLength, minItems, minimum, exclusiveMinimum, minProperties) increased or was added on a request."),
        bounds(
            "response-min-decreased", lower, upper: false, .response, .warning,
            "A lower bound decreased or was removed on a response; breaking for minimum and exclusiveMinimum."),
        constraint("request-multiple-of-changed", "multipleOf", .request, .breaking, "multipleOf was added or changed on a request."),
        constraint("response-multiple-of-changed", "multipleOf", .response, .warning, "multipleOf was removed or changed on a response."),
        constraint("request-pattern-changed", "pattern", .request, .breaking, "A pattern was added or changed on a request."),
        constraint("response-pattern-changed", "pattern", .response, .warning, "A pattern was removed or changed on a response."),
    ]
}
