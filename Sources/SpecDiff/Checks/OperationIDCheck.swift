import SpecReader

/// A changed operationId breaks every client generated from the spec.
enum OperationIDCheck {
    static let check = DiffCheck("operation-id-changed", "An operation's operationId changed.", level: .breaking) { context in
        context.sharedOperations.compactMap { pair in
            guard let old = pair.base.node["operationId"]?.string, let node = pair.head.node["operationId"], let new = node.string,
                old != new
            else { return nil }
            return DiffHit(
                "\(pair.head.name): operationId changed from '\(old)' to '\(new)'", in: .head,
                at: pair.head.location + ["operationId"], node.location)
        }
    }
}
