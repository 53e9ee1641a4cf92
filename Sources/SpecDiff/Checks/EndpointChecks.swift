import SpecReader

/// Paths and operations removed (breaking, unless they were deprecated first) or added (info).
/// Paths are compared by shape, so a renamed path parameter is the same path.
enum EndpointChecks {
    static func shapes(_ document: SpecDocument) -> Set<String> {
        Set((document.root["paths"]?.members ?? []).map { DiffContext.shape($0.key) })
    }

    /// Removing what was deprecated is what deprecation announced: a warning, not a break. An
    /// `x-sunset` date still in the future is not yet past, but the operation was announced.
    static func level(forRemoving node: SpecNode) -> (ChangeLevel, String) {
        if let stability = node["x-stability-level"]?.string, ["alpha", "beta", "draft"].contains(stability) {
            return (.warning, " (it was \(stability))")
        }
        guard node["deprecated"]?.json == .bool(true) else { return (.breaking, "") }
        if let sunset = node["x-sunset"]?.string { return (.warning, " (deprecated, sunset \(sunset))") }
        return (.warning, " (it was deprecated)")
    }

    static let pathRemoved = DiffCheck(
        "path-removed", "A path was removed (a warning when every operation on it was deprecated).", level: .breaking
    ) {
        context in
        let kept = shapes(context.head)
        return (context.base.root["paths"]?.members ?? []).filter { !kept.contains(DiffContext.shape($0.key)) }.map { member in
            let operations = context.base.operations.filter { $0.path == member.key }
            let deprecated = !operations.isEmpty && operations.allSatisfy { $0.node["deprecated"]?.json == .bool(true) }
            return DiffHit(
                level: deprecated ? .warning : .breaking,
                "path \(member.key) was removed" + (deprecated ? " (its operations were deprecated)" : ""), in: .base,
                at: ["paths", member.key], member.keyLocation)
        }
    }

    static let operationRemoved = DiffCheck(
        "operation-removed", "An operation was removed from a path that remains (a warning when it was deprecated).", level: .breaking
    ) { context in
        let paths = shapes(context.head)
        let kept = Set(context.head.operations.map(DiffContext.key))
        return context.base.operations.filter { paths.contains(DiffContext.shape($0.path)) && !kept.contains(DiffContext.key($0)) }.map {
            let (level, note) = level(forRemoving: $0.node)
            return DiffHit(level: level, "\($0.name) was removed\(note)", in: .base, at: $0.location, $0.node.location)
        }
    }

    static let added = DiffCheck("endpoint-added", "A path or an operation was added.", level: .info) { context in
        let old = Set(context.base.operations.map(DiffContext.key))
        return context.head.operations.filter { !old.contains(DiffContext.key($0)) }.map {
            DiffHit("\($0.name) was added", in: .head, at: $0.location, $0.node.location)
        }
    }

    static let all = [pathRemoved, operationRemoved, added]
}
