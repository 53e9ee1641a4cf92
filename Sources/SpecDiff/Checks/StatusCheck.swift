import SpecReader

/// A success status clients rely on was removed.
enum StatusCheck {
    static let check = DiffCheck("success-status-removed", "A 2xx response was removed from an operation.", level: .breaking) { context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            let kept = Set(pair.head.node["responses"]?.members.map(\.key) ?? [])
            return (pair.base.node["responses"]?.members ?? []).filter { $0.key.hasPrefix("2") && !kept.contains($0.key) }.map {
                DiffHit(
                    "\(pair.head.name) no longer answers \($0.key)", in: .base,
                    at: pair.base.location + ["responses", $0.key], $0.keyLocation)
            }
        }
    }
}
