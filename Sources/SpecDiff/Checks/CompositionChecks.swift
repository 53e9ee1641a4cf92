import JSONModel
import SpecReader

/// `oneOf`/`anyOf` alternatives, composition added or removed, and the JSON Schema 2020-12
/// keywords the other checks do not cover: a request that now constrains more refuses what
/// clients sent, a response that constrains less returns what clients may not handle.
enum CompositionChecks {
    static let alternatives = ["oneOf", "anyOf"]

    static let requestBranchRemoved = DiffCheck(
        "request-alternative-removed", "A request `oneOf`/`anyOf` lost an alternative: values of that shape are refused.", level: .breaking
    ) { context in
        context.pairs(.request).flatMap { pair -> [DiffHit] in
            alternatives.compactMap { key in
                let (old, new) = (pair.base[key]?.items.count ?? 0, pair.head[key]?.items.count ?? 0)
                guard old > 0, new > 0, new < old else { return nil }
                return DiffHit(
                    "\(pair.name): \(key) has \(new) alternative\(new == 1 ? "" : "s"), was \(old)", in: .head,
                    at: pair.headPath + [key], pair.head[key]?.location)
            }
        }
    }

    static let responseBranchAdded = DiffCheck(
        "response-alternative-added", "A response `oneOf`/`anyOf` gained an alternative clients may not handle.", level: .warning
    ) { context in
        context.pairs(.response).flatMap { pair -> [DiffHit] in
            alternatives.compactMap { key in
                let (old, new) = (pair.base[key]?.items.count ?? 0, pair.head[key]?.items.count ?? 0)
                guard old > 0, new > old else { return nil }
                return DiffHit(
                    "\(pair.name): \(key) has \(new) alternative\(new == 1 ? "" : "s"), was \(old)",
                    in: .head,
                    at: pair.headPath + [key], pair.head[key]?.location)
            }
        }
    }

    /// Which composition keywords a schema uses.
    static func composition(_ node: SpecNode) -> Set<String> {
        Set(["allOf", "anyOf", "oneOf"].filter { node[$0] != nil })
    }

    static let compositionChanged = DiffCheck(
        "composition-changed",
        "A schema was wrapped in, or unwrapped from, `allOf`/`anyOf`/`oneOf`, or its `allOf` gained or lost a member: generated clients change shape (breaking where a request must now meet more, or a response may now be another type).",
        level: .warning
    ) { context in
        context.schemaPairs.compactMap { pair in
            let (old, new) = (composition(pair.base), composition(pair.head))
            guard old != new else {
                // The same composition, with an allOf member more (a request must meet it too) or fewer.
                let (before, after) = (pair.base["allOf"]?.items.count ?? 0, pair.head["allOf"]?.items.count ?? 0)
                guard before > 0, after != before else { return nil }
                return DiffHit(
                    level: pair.direction == .request && after > before ? .breaking : .warning,
                    "\(pair.name): allOf has \(after) member\(after == 1 ? "" : "s"), was \(before)", in: .head,
                    at: pair.headPath + ["allOf"], pair.head["allOf"]?.location ?? pair.head.location)
            }
            let render = { (set: Set<String>) in set.isEmpty ? "none" : set.sorted().joined(separator: "+") }
            // A request wrapped in allOf must meet every member; a request body wrapped in oneOf
            // exactly one (a body two members take is refused: bodies are where the members are
            // objects that overlap); a response wrapped in a choice may now come as another type
            // than clients read. A request wrapped in anyOf only widens.
            let wrapped = old.isEmpty && !new.isEmpty
            let body = pair.headPath.count >= 4 && pair.headPath.suffix(4).first == "requestBody" && pair.headPath.last == "schema"
            let breaking =
                wrapped
                && (pair.direction == .request
                    ? new.contains("allOf") || (body && new.contains("oneOf")) : !new.isDisjoint(with: alternatives))
            return DiffHit(
                level: breaking ? .breaking : nil, "\(pair.name): composition went from \(render(old)) to \(render(new))", in: .head,
                at: pair.headPath, pair.head.location)
        }
    }

    /// Keywords compared as values: any change may refuse, or return, what did not before.
    static let constraints = [
        "const", "dependentRequired", "dependentSchemas", "propertyNames", "patternProperties", "unevaluatedItems",
        "unevaluatedProperties", "contains", "minContains", "maxContains", "contentSchema", "contentEncoding", "contentMediaType",
        "if", "then", "else", "prefixItems", "uniqueItems", "format",
    ]

    /// Response keywords whose removal or change tells clients less than they relied on: as
    /// breaking as their request-side twins.
    static let promises: Set<String> = [
        "const", "contains", "dependentRequired", "dependentSchemas", "if", "then", "else", "patternProperties", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties",
    ]

    static func constraintCheck(_ id: String, _ direction: Direction, _ level: ChangeLevel, _ what: String) -> DiffCheck {
        DiffCheck(id, what, level: level) { context in
            context.pairs(direction).flatMap { pair -> [DiffHit] in
                constraints.compactMap { key in
                    let (old, new) = (pair.base[key]?.json, pair.head[key]?.json)
                    guard old != new else { return nil }
                    // A request breaks when a constraint appears or changes (or its `prefixItems`
                    // go, leaving those positions to `items`); a response when one goes or changes.
                    guard direction == .request ? new != nil || key == "prefixItems" : old != nil else { return nil }
                    if key == "uniqueItems", direction == .request ? new == .bool(false) : old == .bool(false) { return nil }
                    let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "none" }
                    return DiffHit(
                        level: direction == .response && promises.contains(key) ? .breaking : nil,
                        "\(pair.name): \(key) went from \(text(old)) to \(text(new))", in: .head, at: pair.headPath + [key],
                        pair.head[key]?.location ?? pair.head.location)
                }
            }
        }
    }

    static let all = [
        requestBranchRemoved, responseBranchAdded, compositionChanged,
        constraintCheck(
            "request-constraint-changed", .request, .breaking,
            "A request schema keyword (const, dependentRequired, propertyNames, patternProperties, unevaluated…, contains, content…, if/then/else, prefixItems, uniqueItems, format) was added or changed."
        ),
        constraintCheck(
            "response-constraint-changed", .response, .warning,
            "One of those keywords was removed or changed on a response schema; breaking for const, contains, dependent…, if/then/else, patternProperties, propertyNames and unevaluated…, which told clients what answers hold."
        ),
    ]
}
