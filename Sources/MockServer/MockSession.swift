import APIRegistry
import JSONModel
import OpenAPIEmitter

/// One store of its own, answered on the calling thread with no server and no journal:
/// what runs a guide's requests in order, so a page can show what the mock really answers.
public struct MockSession: Sendable {
    public let api: MockAPI
    var state: StoreState
    /// Every event the session's changes raised, in order, numbered from 1: what a subscriber
    /// of every event would have been sent.
    public private(set) var events: [RaisedEvent] = []
    /// The store the session's events name.
    public var tenant = "default"

    public init(api: MockAPI, seeding: Seeding, records: Int? = nil) {
        self.api = api
        self.state = StoreState.initial(api: api, seeding: seeding, records: records)
    }

    /// Answers `request` (its path relative to the server URL) and keeps what it changed.
    public mutating func send(_ request: MockRequest) -> MockResponse {
        let response = api.handle(request, in: &state)
        let changes = state.takeChanges()  // nothing journals a session's changes
        if !changes.isEmpty && (200..<300).contains(response.status) {
            var number = UInt64(events.count)
            events += api.events(
                of: request, after: state, changes: changes, tenant: tenant,
                id: {
                    number += 1
                    return EventBodies.eventID(number)
                })
        }
        return response
    }
}

extension StoreState {
    /// What a new store starts with: nothing, or the registry's examples and records generated from a seed.
    static func initial(api: MockAPI, seeding: Seeding, records: Int?) -> StoreState {
        var state: StoreState
        switch seeding {
        case .empty: state = StoreState(registry: api.registry)
        case .seeded(let seed): state = Seeder(api: api, seed: seed, records: records).state()
        }
        _ = state.takeChanges()  // the starting point, not a change
        return state
    }
}
