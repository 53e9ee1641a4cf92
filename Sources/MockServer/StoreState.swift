import JSONModel

/// The records of one resource in one store, in id order.
struct Table: Sendable {
    private(set) var records: [Int: JSONObject] = [:]
    /// Ids in ascending order; ids only grow, so appending keeps the order.
    private(set) var order: [Int] = []
    private(set) var nextID = 1

    var count: Int { records.count }

    subscript(id: Int) -> JSONObject? {
        records[id]
    }

    /// Every record in id order.
    var all: [JSONObject] { order.compactMap { records[$0] } }

    /// Takes the next id.
    mutating func reserveID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// Stores a record under `id`, keeping ids ascending.
    mutating func put(_ record: JSONObject, id: Int) {
        if records.updateValue(record, forKey: id) == nil {
            if let last = order.last, last > id {
                order.insert(id, at: order.firstIndex { $0 > id } ?? order.endIndex)
            } else {
                order.append(id)
            }
        }
        nextID = max(nextID, id + 1)
    }

    mutating func remove(_ ids: Set<Int>) {
        guard !ids.isEmpty else { return }
        for id in ids { records[id] = nil }
        order.removeAll { ids.contains($0) }
    }
}

/// Everything one store holds: a table per resource, by resource name.
struct StoreState: Sendable {
    var tables: [String: Table] = [:]

    subscript(resource: String) -> Table {
        get { tables[resource] ?? Table() }
        set { tables[resource] = newValue }
    }
}
