import JSONModel
import SpecReader

/// Request parameters added as required, made required, added as optional, or removed.
enum ParameterChecks {
    typealias Parameter = (node: SpecNode, path: [String], level: String)

    static func key(_ parameter: Parameter) -> String? {
        guard let name = parameter.node["name"]?.string, let place = parameter.node["in"]?.string else { return nil }
        return "\(place) \(name)"
    }

    /// How a parameter is matched across versions: by `in` and name, but a path parameter by its
    /// place in the path, so renaming `{bookId}` to `{id}` changes nothing for clients.
    static func match(_ parameter: Parameter, in operation: SpecDocument.Operation) -> String? {
        guard let name = parameter.node["name"]?.string, let place = parameter.node["in"]?.string else { return nil }
        guard place == "path" else { return "\(place) \(name)" }
        let names = operation.path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { $0.dropFirst().dropLast() }
        return names.firstIndex(of: Substring(name)).map { "path #\($0)" } ?? "path \(name)"
    }

    /// The base version's parameters of an operation, by how they are matched.
    static func baseParameters(of pair: (base: SpecDocument.Operation, head: SpecDocument.Operation), in context: DiffContext) -> [String:
        Parameter]
    {
        Dictionary(
            context.base.effectiveParameters(of: pair.base).compactMap { p in match(p, in: pair.base).map { ($0, p) } },
            uniquingKeysWith: { a, _ in a })
    }

    static func isRequired(_ parameter: Parameter) -> Bool {
        parameter.node["required"]?.json == .bool(true)
    }

    static let requiredAdded = DiffCheck(
        "request-parameter-required", "A required request parameter was added, or an optional one made required.", level: .breaking
    ) { context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            let old = baseParameters(of: pair, in: context)
            return context.head.effectiveParameters(of: pair.head).compactMap { parameter in
                guard let key = key(parameter), let matched = match(parameter, in: pair.head), isRequired(parameter) else { return nil }
                if let previous = old[matched] {
                    guard !isRequired(previous) else { return nil }
                    return DiffHit(
                        "\(pair.head.name): \(key) parameter is now required", in: .head,
                        at: parameter.path, parameter.node.location)
                }
                return DiffHit(
                    "\(pair.head.name): required \(key) parameter was added", in: .head,
                    at: parameter.path, parameter.node.location)
            }
        }
    }

    static let optionalAdded = DiffCheck("request-parameter-added", "An optional request parameter was added.", level: .info) { context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            let old = Set(context.base.effectiveParameters(of: pair.base).compactMap { match($0, in: pair.base) })
            return context.head.effectiveParameters(of: pair.head).compactMap { parameter in
                guard let key = key(parameter), let matched = match(parameter, in: pair.head), !old.contains(matched),
                    !isRequired(parameter)
                else { return nil }
                return DiffHit(
                    "\(pair.head.name): optional \(key) parameter was added", in: .head,
                    at: parameter.path, parameter.node.location)
            }
        }
    }

    static let removed = DiffCheck(
        "request-parameter-removed", "A request parameter was removed; clients sending it may be refused.", level: .warning
    ) {
        context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            let new = Set(context.head.effectiveParameters(of: pair.head).compactMap { match($0, in: pair.head) })
            return context.base.effectiveParameters(of: pair.base).compactMap { parameter in
                guard let key = key(parameter), let matched = match(parameter, in: pair.base), !new.contains(matched) else { return nil }
                return DiffHit(
                    "\(pair.head.name): \(key) parameter was removed", in: .base,
                    at: parameter.path, parameter.node.location)
            }
        }
    }

    /// A client that leaves the parameter out now gets another behaviour.
    static let defaultChanged = DiffCheck(
        "request-parameter-default-changed", "A request parameter's default changed: clients that leave it out get another behaviour.",
        level: .warning
    ) { context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            let old = baseParameters(of: pair, in: context)
            return context.head.effectiveParameters(of: pair.head).compactMap { parameter in
                guard let key = key(parameter), let matched = match(parameter, in: pair.head), let previous = old[matched] else {
                    return nil
                }
                let schema = { (node: SpecNode, document: SpecDocument) in node["schema"].map { document.resolved($0) ?? $0 } }
                let before = schema(previous.node, context.base)?["default"]?.json
                let after = schema(parameter.node, context.head)?["default"]
                guard before != after?.json else { return nil }
                let text = { (value: JSONValue?) in value.map { JSONWriter(pretty: false).string($0) } ?? "none" }
                return DiffHit(
                    "\(pair.head.name): \(key) parameter's default went from \(text(before)) to \(text(after?.json))", in: .head,
                    at: parameter.path + ["schema", "default"], after?.location ?? parameter.node.location)
            }
        }
    }

    static let all = [requiredAdded, optionalAdded, removed, defaultChanged]
}
