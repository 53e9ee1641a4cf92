import APIRegistry
import JSONModel

/// Every store the mock serves, by `store_hash`. A store is created on first use from
/// the same starting state, so parallel clients using different hashes never collide.
public actor MockStore {
    public let api: MockAPI
    let initial: StoreState
    var stores: [String: StoreState] = [:]

    /// - Parameter seeding: what a new store starts with.
    public init(api: MockAPI, seeding: Seeding) {
        self.api = api
        switch seeding {
        case .empty: initial = StoreState(registry: api.registry)
        case .seeded(let seed): initial = Seeder(api: api, seed: seed).state()
        }
    }

    /// Answers `request` against the store named `hash`.
    public func handle(_ request: MockRequest, store hash: String) -> MockResponse {
        api.handle(request, in: &stores[hash, default: initial])
    }
}

/// How a new store starts.
public enum Seeding: Sendable, Equatable {
    /// With no records.
    case empty
    /// With the registry's example records and records generated from this seed.
    case seeded(UInt64)
}
