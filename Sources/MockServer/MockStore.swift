import APIRegistry
import Foundation
import JSONModel
import Logging
import OpenAPIEmitter

/// Every store the mock serves, by the values of the server URL's variables. A store is created on first use from
/// the same starting state, so parallel clients using different tenants never collide.
/// Requests to all stores pass through this actor one at a time, which is what makes a
/// batch all or nothing and a unique field unique under concurrent clients.
public actor MockStore {
    public let api: MockAPI
    let initial: StoreState
    var stores: [String: StoreState] = [:]
    let journal: StateJournal?
    /// Set when the state file could not be written: writes are refused from then on,
    /// since they could not be kept.
    var journalFailure: String?
    /// Who is sent which events: the command line's subscriptions, then those made through the
    /// admin API, in the order made.
    var subscriptions: [WebhookSubscription] = []
    public let webhookOptions: WebhookOptions
    let dispatcher: WebhookDispatcher

    /// - Parameters:
    ///   - seeding: what a new store starts with.
    ///   - records: generated records per resource, instead of the registry's `seedRecords`.
    ///   - statePath: the `--state` file to replay and append to; nil keeps stores in memory only.
    ///   - webhooks: how events are delivered, and the command line's subscriptions.
    ///   - transport: what sends deliveries: HTTP, or a test's recorder.
    public init(
        api: MockAPI, seeding: Seeding, records: Int? = nil, statePath: String? = nil, webhooks: WebhookOptions = .init(),
        transport: any WebhookTransport = HTTPTransport(), logger: Logger = Logger(label: "specsmith-mock")
    ) throws(StateFileError) {
        self.api = api
        let initial = StoreState.initial(api: api, seeding: seeding, records: records)
        self.initial = initial
        self.webhookOptions = webhooks
        var journal: StateJournal?
        var entries: [StateJournal.Entry] = []
        if let statePath {
            let header = JSONObject([
                ("format", .string(StateJournal.format)),
                ("api", .string("\(api.registry.info.title) \(api.registry.info.version)")),
                ("seeding", .string(Self.describe(seeding, records: records))),
            ])
            do {
                (journal, entries) = try StateJournal.open(statePath, header: header)
            } catch {
                throw StateFileError(description: error.description)
            }
        }
        self.journal = journal
        dispatcher = WebhookDispatcher(
            options: webhooks, transport: transport, warn: { logger.warning("\($0)") },
            settled: journal.map { journal in
                { @Sendable event, subscription, status in
                    // Written so a restart does not send it again; a failed write only means it may be.
                    try? journal.append(.settled(event: event, subscription: subscription, status: status.rawValue))
                }
            })
        let identifiers = Dictionary(
            api.registry.resources.map { ($0.name, $0.model.identifier ?? "id") }
                + api.registry.singletons.map { ($0.name, MockAPI.singletonKey) }, uniquingKeysWith: { first, _ in first })
        var made: [WebhookSubscription] = []
        var owed = WebhookBacklog()
        for entry in entries {
            Self.replay(entry, into: &stores, initial: initial, identifiers: identifiers)
            owed.replay(entry, subscriptions: &made)
        }
        subscriptions = webhooks.subscriptions + made.filter { made in !webhooks.subscriptions.contains { $0.id == made.id } }
        for subscription in subscriptions {
            dispatcher.commands.yield(.subscribe(subscription, pending: owed.events(for: subscription.id)))
        }
    }

    deinit { dispatcher.stop() }

    static func describe(_ seeding: Seeding, records: Int?) -> String {
        switch seeding {
        case .empty: "empty"
        case .seeded(let seed): "seed \(seed)" + (records.map { ", \($0) records per resource" } ?? "")
        }
    }

    static func replay(
        _ entry: StateJournal.Entry, into stores: inout [String: StoreState], initial: StoreState, identifiers: [String: String]
    ) {
        switch entry {
        case .reset(let store):
            stores[store] = nil
        case .changes(let store, let tables, _):
            var state = stores[store] ?? initial
            for change in tables { state[change.table].apply(change, identifier: identifiers[change.table] ?? "id") }
            stores[store] = state
        case .subscribed, .unsubscribed, .settled:
            break
        }
    }

    /// Answers `request` against the records of `tenant`. Reads run outside the actor on a
    /// snapshot of the store (a copy-on-write value, so taking one costs nothing), side by side
    /// with each other; writes go through the actor one at a time.
    public nonisolated func answer(_ request: MockRequest, tenant: String) async -> MockResponse {
        guard request.method == "GET" else { return await handle(request, tenant: tenant) }
        var snapshot = await self.snapshot(tenant)
        return api.handle(request, in: &snapshot)
    }

    func snapshot(_ tenant: String) -> StoreState {
        stores[tenant] ?? initial
    }

    /// Answers `request` against the records of `tenant`; a change is on disk before this returns.
    public func handle(_ request: MockRequest, tenant: String) -> MockResponse {
        if let journalFailure, request.method.uppercased() != "GET" {
            return api.failure(.writesRefused(journalFailure))
        }
        let response = api.handle(request, in: &stores[tenant, default: initial])
        let tables = stores[tenant, default: initial].takeChanges()
        guard !tables.isEmpty else { return response }
        // A change raises its events only for those subscribed now; a refused request changed nothing and raises none.
        var owed: [(event: RaisedEvent, to: [String])] = []
        if !subscriptions.isEmpty && (200..<300).contains(response.status) {
            let raised = api.events(
                of: request, after: stores[tenant, default: initial], changes: tables, tenant: tenant, id: { EventBodies.eventID() })
            for event in raised {
                let to = subscriptions.filter { $0.wants(event) }.map(\.id)
                if !to.isEmpty { owed.append((event, to)) }
            }
        }
        if let journal {
            do {
                try journal.append(.changes(store: tenant, tables: tables, events: owed))
            } catch {
                journalFailure = error.description
                return api.failure(.notSaved("change", reason: error.description, refusing: true))
            }
        }
        // Handed over without waiting: delivery never holds up the request that raised it.
        if !owed.isEmpty { dispatcher.commands.yield(.deliver(owed)) }
        return response
    }

    // MARK: - Webhook subscriptions

    /// Subscribes `subscription`; the state file keeps it across restarts.
    func subscribe(_ subscription: WebhookSubscription) throws(StateFileError) {
        do {
            try journal?.append(.subscribed(subscription))
        } catch {
            throw StateFileError(description: error.description)
        }
        subscriptions.append(subscription)
        dispatcher.commands.yield(.subscribe(subscription, pending: []))
    }

    /// Ends a subscription, and the deliveries still owed to it; false when there is none.
    func unsubscribe(_ id: String) throws(StateFileError) -> Bool {
        guard subscriptions.contains(where: { $0.id == id }) else { return false }
        do {
            try journal?.append(.unsubscribed(id))
        } catch {
            throw StateFileError(description: error.description)
        }
        subscriptions.removeAll { $0.id == id }
        dispatcher.commands.yield(.unsubscribe(id))
        return true
    }

    func subscription(_ id: String) -> WebhookSubscription? {
        subscriptions.first { $0.id == id }
    }

    /// A subscriber's deliveries, oldest first; nil when there is no such subscriber.
    public func deliveries(of id: String) async -> [WebhookDelivery]? {
        guard subscription(id) != nil else { return nil }
        return await dispatcher.deliveries(of: id) ?? []
    }

    /// Puts a store back to its starting state.
    public func reset(_ tenant: String) throws(StateFileError) {
        stores[tenant] = nil
        do {
            try journal?.append(.reset(store: tenant))
        } catch {
            journalFailure = error.description
            throw StateFileError(description: error.description)
        }
    }

    /// A store's records, resource by resource in id order, as stored.
    public func export(_ tenant: String) -> JSONValue {
        let state = stores[tenant] ?? initial
        var resources = JSONObject()
        for resource in api.registry.resources {
            resources[resource.name] = .array(state[resource.name].all.map { .object($0) })
        }
        var singletons = JSONObject()
        for singleton in api.registry.singletons {
            singletons[singleton.name] = .array(state[singleton.name].all.map { .object($0) })
        }
        return ["tenant": .string(tenant), "resources": .object(resources), "singletons": .object(singletons)]
    }

    /// How many stores have been used since start-up (or are in the state file).
    public var tenantCount: Int { stores.count }
}

/// A `--state` file that cannot be used, with the reason and, where one is to blame, the line.
public struct StateFileError: Error, CustomStringConvertible {
    public let description: String
}

/// How a new store starts.
public enum Seeding: Sendable, Equatable {
    /// With no records.
    case empty
    /// With the registry's example records and records generated from this seed.
    case seeded(UInt64)
}
