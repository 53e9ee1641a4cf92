/// One cause, one finding. A change to something many operations share (a component schema, a
/// path's parameter, the document's `security`) is found at each operation, or once at the first
/// with the others in its reach; it is reported once, naming every operation it reaches.
enum ChangeGroups {
    /// How many operations a message names before "and N other operations".
    static let named = 3

    /// The changes with those of one cause merged: same check, level and side, the same node (its
    /// location, else its pointer), and the same message once the operation it starts with is left
    /// out. On input `operations` holds what a change reaches besides the operation its message
    /// names; on output it lists every operation, when there is more than one.
    static func grouped(_ changes: [Change], operations: Set<String>) -> [Change] {
        struct Key: Hashable {
            let check: String
            let level: ChangeLevel
            let side: Change.Side
            let node: String
            let rest: String
        }
        var order: [Key] = []
        var groups: [Key: (first: Change, operations: [String], named: Set<String>)] = [:]
        var unnamed: [Change] = []
        let longest = operations.map(\.count).max() ?? 0
        for change in changes {
            guard let lead = leading(change.message, in: operations, longest: longest) else {
                unnamed.append(change)
                continue
            }
            let node = change.location.map { "\($0.line):\($0.column)" } ?? change.pointer
            let key = Key(
                check: change.check, level: change.level, side: change.side, node: node, rest: String(change.message.dropFirst(lead.count)))
            var group = groups.removeValue(forKey: key) ?? (change, [], [])
            if group.operations.isEmpty { order.append(key) }
            for name in [lead] + change.operations where group.named.insert(name).inserted { group.operations.append(name) }
            groups[key] = group
        }
        return order.compactMap { key in
            guard let group = groups[key] else { return nil }
            let first = group.first
            guard group.operations.count > 1 else {
                return Change(
                    check: first.check, level: first.level, message: first.message, side: first.side, pointer: first.pointer,
                    location: first.location)
            }
            return Change(
                check: first.check, level: first.level, message: phrase(group.operations) + (key.rest.hasPrefix(":") ? "" : ":") + key.rest,
                side: first.side, pointer: first.pointer, location: first.location, operations: group.operations)
        } + unnamed
    }

    /// `GET /a, PUT /a and DELETE /a`, or `GET /a and 24 other operations`.
    static func phrase(_ names: [String]) -> String {
        names.count > named ? "\(names[0]) and \(names.count - 1) other operations" : list(names)
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// The operation a message starts with (`GET /orders` in `GET /orders/{id}` is not one).
    static func leading(_ message: String, in operations: Set<String>, longest: Int) -> String? {
        var best: String?
        var end = message.startIndex
        while let space = message[end...].firstIndex(where: { $0 == " " || $0 == ":" }),
            message.distance(from: message.startIndex, to: space) <= longest
        {
            let candidate = String(message[..<space])
            if operations.contains(candidate) { best = candidate }
            end = message.index(after: space)
        }
        return best
    }
}
