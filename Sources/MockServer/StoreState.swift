import APIRegistry
import JSONModel

/// The records of one resource in one store, in id order, with indexes on the fields that
/// lookups go by (relations, unique fields, upsert keys), so reads by id or by parent cost
/// the same in a store of a thousand records as in one of a hundred thousand.
struct Table: Sendable {
    private(set) var records: [Int: JSONObject] = [:]
    /// Ids in ascending order; ids only grow, so appending keeps the order.
    private(set) var order: [Int] = []
    private(set) var nextID = 1
    /// Indexed field → value key (`Table.key`) → ids of the records holding it.
    private var indexes: [String: [String: Set<Int>]]
    /// The indexed fields, kept apart: iterating `indexes.keys` while updating an index
    /// would copy the index on every write.
    private let indexedFields: [String]
    /// Ids put or removed since `takeChange(named:)`: what the state journal writes down.
    private(set) var touched: Set<Int> = []
    /// The records those ids held before, where they held one: what events say was changed or deleted.
    private var previous: [Int: JSONObject] = [:]

    init(indexing fields: [String] = []) {
        indexes = Dictionary(fields.map { ($0, [:]) }, uniquingKeysWith: { first, _ in first })
        indexedFields = Array(indexes.keys).sorted()
    }

    var count: Int { records.count }

    subscript(id: Int) -> JSONObject? {
        records[id]
    }

    /// Every record in id order.
    var all: [JSONObject] { order.compactMap { records[$0] } }

    /// The records of `ids` that exist, in id order.
    func records(_ ids: some Sequence<Int>) -> [JSONObject] {
        Set(ids).sorted().compactMap { records[$0] }
    }

    /// How an indexed value is looked up: text without case (callers compare exactly
    /// afterwards when case matters), anything else by its JSON text.
    static func key(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text.lowercased()
        default: return JSONWriter(pretty: false).string(value)
        }
    }

    func isIndexed(_ field: String) -> Bool { indexes[field] != nil }

    /// Ids of records whose `field` has the key of `value`; nil when `field` is not indexed.
    func ids(where field: String, matches value: JSONValue) -> Set<Int>? {
        guard let index = indexes[field] else { return nil }
        guard let key = Self.key(value) else { return [] }
        return index[key] ?? []
    }

    /// Takes the next id.
    mutating func reserveID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// Stores a record under `id`, keeping ids ascending and indexes current.
    mutating func put(_ record: JSONObject, id: Int) {
        let previous = records.updateValue(record, forKey: id)
        if let previous, !touched.contains(id) { self.previous[id] = previous }
        if previous == nil {
            if let last = order.last, last > id {
                order.insert(id, at: order.firstIndex { $0 > id } ?? order.endIndex)
            } else {
                order.append(id)
            }
        }
        for field in indexedFields {
            let old = previous?[field].flatMap(Self.key)
            let new = record[field].flatMap(Self.key)
            guard old != new else { continue }
            if let old { indexes[field]?[old]?.remove(id) }
            if let new { indexes[field]?[new, default: []].insert(id) }
        }
        nextID = max(nextID, id + 1)
        touched.insert(id)
    }

    mutating func remove(_ ids: Set<Int>) {
        let present = ids.filter { records[$0] != nil }
        guard !present.isEmpty else { return }
        for id in present {
            guard let record = records.removeValue(forKey: id) else { continue }
            if !touched.contains(id) { previous[id] = record }
            for field in indexedFields {
                if let key = record[field].flatMap(Self.key) { indexes[field]?[key]?.remove(id) }
            }
        }
        order.removeAll { present.contains($0) }
        touched.formUnion(present)
    }

    /// Raises the next id to at least `id`: ids of deleted records are never reused.
    private mutating func advanceNextID(to id: Int) {
        nextID = max(nextID, id)
    }

    /// What changed since the last call, and forgets it; nil when nothing did.
    mutating func takeChange(named name: String) -> TableChange? {
        guard !touched.isEmpty else { return nil }
        defer { (touched, previous) = ([], [:]) }
        let ids = touched.sorted()
        return TableChange(
            table: name, next: nextID, put: ids.compactMap { records[$0] }, deleted: ids.filter { records[$0] == nil }, previous: previous)
    }

    /// Applies a change read back from the state file: deletions, then records by id.
    mutating func apply(_ change: TableChange, identifier: String) {
        remove(Set(change.deleted))
        for record in change.put {
            if let id = record[identifier]?.recordID { put(record, id: id) }
        }
        advanceNextID(to: change.next)
        (touched, previous) = ([], [:])
    }
}

/// What one request changed in one table: the records it put, the ids it deleted, and the
/// table's next id (ids are never reused, even after deletes). A line of the state file.
struct TableChange: Sendable, Equatable {
    let table: String
    let next: Int
    let put: [JSONObject]
    let deleted: [Int]
    /// What the records put over or deleted held before; not written to the state file.
    var previous: [Int: JSONObject] = [:]
}

/// Everything one store holds: a table per resource, by resource name.
struct StoreState: Sendable {
    var tables: [String: Table] = [:]

    /// Empty tables for every resource of `registry`, indexed on the fields lookups use.
    init(registry: Registry) {
        for resource in registry.resources {
            var fields = resource.relations.map(\.field) + (resource.parent.map { [$0.storageKey] } ?? [])
            for rule in resource.rules {
                switch rule {
                case .unique(let field): fields.append(field)
                case .upsertKey(let keys), .uniqueTogether(let keys): fields += keys
                default: break
                }
            }
            tables[resource.name] = Table(indexing: fields)
        }
    }

    /// Every table's changes since the last call, in table-name order; forgets them.
    mutating func takeChanges() -> [TableChange] {
        tables.keys.sorted().compactMap { tables[$0]?.takeChange(named: $0) }
    }

    subscript(resource: String) -> Table {
        get { tables[resource] ?? Table() }
        // In place: a get-then-set would copy the whole table on every write.
        _modify { yield &tables[resource, default: Table()] }
    }
}
