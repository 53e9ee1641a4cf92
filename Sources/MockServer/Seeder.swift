import APIRegistry
import Foundation
import JSONModel

/// Builds the starting state of a seeded store: the registry's example records, then
/// `seedRecords` generated records per resource, valid by construction and checked by the
/// same rules as any request. The same seed always gives the same store.
struct Seeder {
    let api: MockAPI
    let seed: UInt64
    /// Generated records per resource, instead of each resource's `seedRecords`.
    var records: Int? = nil

    func state() -> StoreState {
        var state = StoreState(registry: api.registry)
        var random = SplitMix64(seed: seed)
        let resources = dependencyOrder(api.registry.resources)
        for resource in resources {
            for example in resource.model.examples {
                insertExample(example, of: resource, into: &state)
            }
        }
        var generated = 0
        for resource in resources {
            let kind: OperationKind = resource.operation(.upsert) != nil ? .upsert : .create
            // Records that belong to a parent without showing it get one, as the parent's path would.
            let hiddenParent = resource.parent.flatMap { $0.field == nil ? api.registry.resource(named: $0.resource) : nil }
            for _ in 0..<(records ?? resource.seedRecords) {
                var owner: (resource: Resource, id: Int)?
                if let hiddenParent {
                    let ids = state[hiddenParent.name].order
                    guard !ids.isEmpty else { break }
                    owner = (hiddenParent, ids[random.next(below: ids.count)])
                }
                guard let item = generate(resource, random: &random, state: state),
                    api.ruleProblems([item], kind, resource, state: state).isEmpty
                else { continue }
                generated += 1
                _ = api.apply(item, to: resource, kind, parent: owner, at: Self.stamp(generated), state: &state)
            }
        }
        return state
    }

    /// Parents before the resources that point at them.
    func dependencyOrder(_ resources: [Resource]) -> [Resource] {
        var ordered: [Resource] = []
        var remaining = resources
        while !remaining.isEmpty {
            let ready = remaining.filter { resource in
                (resource.relations.map(\.resource) + (resource.parent.map { [$0.resource] } ?? [])).allSatisfy { other in
                    other == resource.name || ordered.contains { $0.name == other } || !remaining.contains { $0.name == other }
                }
            }
            let next = ready.isEmpty ? [remaining[0]] : ready
            ordered += next
            remaining.removeAll { candidate in next.contains { $0.name == candidate.name } }
        }
        return ordered
    }

    /// Stores an example as the server would: its own stored fields with its own id;
    /// embedded children come from the child resource's examples.
    func insertExample(_ example: JSONValue, of resource: Resource, into state: inout StoreState) {
        guard case .object(let object) = example else { return }
        // A model without an identifier still gets a storage id.
        let id: Int
        if let identifier = resource.model.identifier {
            guard let given = object[identifier]?.recordID else { return }
            id = given
        } else {
            id = state[resource.name].reserveID()
        }
        let record = object.filter { key in
            // `#` keys are the store's own: the parent of a record that does not show it.
            if key.hasPrefix("#") { return true }
            guard let field = resource.model.field(named: key) else { return false }
            let computed = field.derived != nil && field.derived != .createdAt && field.derived != .modifiedAt
            return field.isVisible(in: .read) && !computed && api.childResource(of: field, in: resource) == nil
        }
        var stored = record
        for (key, value) in record {
            guard let field = resource.model.field(named: key) else { continue }
            stored[key] = MockAPI.storable(value, of: field, over: nil)
            if stored[key] == .object(JSONObject()), !field.isRequired(in: .read) { stored[key] = nil }
        }
        if resource.model.identifier == nil { stored["id"] = .integer(id) }
        // An example under a parent that names no record of it (a document's example, written
        // with ids of its own) belongs to the first one, whose path the guides show.
        if let scope = resource.parent, let first = state[scope.resource].order.first,
            stored[scope.storageKey]?.recordID.flatMap({ state[scope.resource].records[$0] }) == nil
        {
            stored[scope.storageKey] = MockAPI.reference(first, as: resource.model.field(named: scope.storageKey)?.type)
        }
        for secret in Secrets.hashes(in: object, of: resource.model) { stored[secret.key] = .string(secret.hash) }
        state[resource.name].put(stored, id: id)
    }

    /// A create item for `resource`: relation fields point at random existing records,
    /// fields with samples draw from them, the rest follow a random example.
    func generate(_ resource: Resource, random: inout SplitMix64, state: StoreState) -> JSONObject? {
        let model = resource.model
        let base =
            model.examples.isEmpty ? JSONObject() : (model.examples[random.next(below: model.examples.count)].objectValue ?? JSONObject())
        let nextID = state[resource.name].nextID
        // A resource clients cannot write (records the API keeps for them) is seeded with copies
        // of its examples: no create view says what a record holds.
        if !resource.operations.contains(where: \.kind.isWrite) {
            return base.isEmpty ? nil : base.filter { !$0.hasPrefix("#") && $0 != (model.identifier ?? "id") }
        }
        var item = JSONObject()
        for relation in resource.relations {
            let ids = state[relation.resource].order
            guard !ids.isEmpty else { return nil }
            item[relation.field] = MockAPI.reference(ids[random.next(below: ids.count)], as: model.field(named: relation.field)?.type)
        }
        let create = api.registry.projection(of: model, .create)
        for projected in create.fields where item[projected.field.name] == nil {
            let field = projected.field
            guard case .scalar(let type) = projected.type else { continue }
            guard projected.required || random.next(below: 10) < 7 else { continue }
            if let value = value(of: field, type, in: resource, item: item, base: base, id: nextID, random: &random, state: state) {
                item[field.name] = value
            }
        }
        return item
    }

    func value(
        of field: Field, _ type: FieldType, in resource: Resource, item: JSONObject, base: JSONObject, id: Int,
        random: inout SplitMix64, state: StoreState
    ) -> JSONValue? {
        for rule in resource.rules {
            guard case .valueMatchesType(field.name, let via, let typeField, let types) = rule,
                let relation = resource.relations.first(where: { $0.field == via }), let key = item[via]?.recordID,
                let name = state[relation.resource][key]?[typeField]?.stringValue, let kind = types[name]
            else { continue }
            // A value written as text: numbers and dates as they would be typed; text from the samples.
            switch kind {
            case .number, .integer: return .string(String(1 + random.next(below: 99)))
            case .date: return .string(Self.date(random: &random))
            case .boolean: return .string(random.next(below: 2) == 0 ? "true" : "false")
            case .text, .dateTime, .enumeration, .array, .model, .reference, .stringMap, .oneOf, .set: break
            }
        }
        if !field.samples.isEmpty { return field.samples[random.next(below: field.samples.count)] }
        switch type {
        case .text(.email, _, _, _):
            return .string("\(resource.model.name.lowercased())\(id)@example.com")
        case .enumeration(let choices) where !choices.isEmpty:
            return .string(choices[random.next(below: choices.count)])
        case .integer(let minimum, let maximum):
            let low = minimum ?? 0
            return .integer(low + random.next(below: max(1, min(100, (maximum ?? low + 99) - low + 1))))
        case .boolean:
            return .bool(random.next(below: 2) == 0)
        case .date:
            return .string(Self.date(random: &random))
        case .text, .enumeration, .number, .dateTime, .array, .model, .reference, .stringMap, .oneOf, .set:
            return base[field.name]
        }
    }

    /// Generated records are stamped a day apart from 2019-01-01, not with the clock,
    /// so a seed alone decides the whole store.
    static func stamp(_ index: Int) -> JSONValue {
        .string(Date(timeIntervalSince1970: 1_546_300_800 + Double(index) * 86_400).formatted(Date.ISO8601FormatStyle()))
    }

    static func date(random: inout SplitMix64) -> String {
        let year = 1950 + random.next(below: 55)
        let month = 1 + random.next(below: 12)
        let day = 1 + random.next(below: 28)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

/// A small, fast generator whose sequence depends only on its seed, on every platform and
/// Swift version (the standard library promises neither for its own algorithms).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`.
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }
}
