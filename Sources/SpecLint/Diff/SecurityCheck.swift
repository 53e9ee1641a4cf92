/// A new security requirement refuses clients that called without it.
enum SecurityCheck {
    /// The security requirements in force for an operation: its own, else the document's.
    static func requirements(_ operation: SpecDocument.Operation, _ document: SpecDocument) -> Set<String> {
        let node = operation.node["security"] ?? document.root["security"]
        return Set(
            (node?.items ?? []).map { requirement in
                requirement.members.map { "\($0.key)[\($0.value.items.compactMap(\.string).sorted().joined(separator: ","))]" }.sorted()
                    .joined(separator: "+")
            })
    }

    static let check = DiffCheck("security-added", "An operation now requires authentication it did not.") { context in
        context.sharedOperations.compactMap { pair in
            let old = requirements(pair.base, context.base)
            let new = requirements(pair.head, context.head)
            // Any one requirement satisfies the operation; only a new list without the old options breaks clients.
            guard !new.isEmpty, old.isDisjoint(with: new) || old.isEmpty else { return nil }
            let listed = new.sorted().joined(separator: " or ")
            return Change(
                "security-added", .breaking, "\(pair.head.name) now requires \(listed)", in: .head, at: pair.head.location + ["security"],
                (pair.head.node["security"] ?? context.head.root["security"])?.location)
        }
    }
}
