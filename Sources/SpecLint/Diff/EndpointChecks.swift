/// Paths and operations removed (breaking) or added (info).
enum EndpointChecks {
    static let pathRemoved = DiffCheck("path-removed", "A path was removed.") { context in
        let kept = Set(context.head.root["paths"]?.members.map(\.key) ?? [])
        return (context.base.root["paths"]?.members ?? []).filter { !kept.contains($0.key) }.map {
            Change("path-removed", .breaking, "path \($0.key) was removed", in: .base, at: ["paths", $0.key], $0.keyLocation)
        }
    }

    static let operationRemoved = DiffCheck("operation-removed", "An operation was removed from a path that remains.") { context in
        let paths = Set(context.head.root["paths"]?.members.map(\.key) ?? [])
        let kept = Set(context.head.operations.map(\.name))
        return context.base.operations.filter { paths.contains($0.path) && !kept.contains($0.name) }.map {
            Change("operation-removed", .breaking, "\($0.name) was removed", in: .base, at: $0.location, $0.node.location)
        }
    }

    static let added = DiffCheck("endpoint-added", "A path or an operation was added.") { context in
        let old = Set(context.base.operations.map(\.name))
        return context.head.operations.filter { !old.contains($0.name) }.map {
            Change("endpoint-added", .info, "\($0.name) was added", in: .head, at: $0.location, $0.node.location)
        }
    }

    static let all = [pathRemoved, operationRemoved, added]
}
