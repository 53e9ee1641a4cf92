/// A changed type (string → array, string → integer) breaks both senders and readers.
enum TypeCheck {
    /// The declared type, with a type list read as its sorted members: `[string, null]` → "null|string".
    static func type(_ node: SpecNode) -> String? {
        guard let type = node["type"] else { return nil }
        if let single = type.string { return single }
        let list = type.items.compactMap(\.string).sorted()
        return list.isEmpty ? nil : list.joined(separator: "|")
    }

    static let check = DiffCheck("type-changed", "The type of a parameter or property changed.") { context in
        context.schemaPairs.compactMap { pair in
            guard let old = type(pair.base), let new = type(pair.head), old != new else { return nil }
            return Change(
                "type-changed", .breaking, "\(pair.name) changed type from \(old) to \(new)", in: .head, at: pair.headPath + ["type"],
                pair.head["type"]?.location)
        }
    }
}
