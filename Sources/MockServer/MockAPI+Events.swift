import APIRegistry
import Foundation
import JSONModel
import OpenAPIEmitter

extension MockAPI {
    /// The events a committed change raises, in the order subscribers receive them: resource by
    /// resource in the registry's order (an order before its lines), records created or
    /// changed in id order, then records deleted; and the events of the action the request ran.
    /// `id` names each new event.
    func events(
        of request: MockRequest, after: StoreState, changes: [TableChange], tenant: String, id: () -> String
    ) -> [RaisedEvent] {
        let time = now()
        let byTable = Dictionary(changes.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        var raised: [RaisedEvent] = []
        func raise(_ event: Event, of resource: Resource, stored: JSONObject, state: StoreState) {
            let read = present(stored, of: resource, including: [], state: state)
            let identifier = resource.model.identifier ?? "id"
            let eventID = id()
            raised.append(
                RaisedEvent(
                    id: eventID, name: event.name, tenant: tenant,
                    payload: EventBodies.payload(
                        event, id: eventID, tenant: tenant, time: time, recordID: read[identifier] ?? stored[identifier] ?? .null,
                        stored: stored, read: read)))
        }
        for resource in registry.resources where !resource.events.isEmpty {
            guard let change = byTable[resource.name] else { continue }
            let identifier = resource.model.identifier ?? "id"
            for record in change.put {
                guard let key = record[identifier]?.recordID else { continue }
                let previous = change.previous[key]
                let trigger: Event.Trigger
                if let previous {
                    // A write that leaves the record as it was raises nothing.
                    guard !JSONValue.object(previous).isJSONEqual(to: .object(record)) else { continue }
                    trigger = .updated
                } else {
                    trigger = .created
                }
                for event in resource.events where event.trigger == trigger {
                    raise(event, of: resource, stored: record, state: after)
                }
            }
            for key in change.deleted {
                guard let previous = change.previous[key] else { continue }
                for event in resource.events where event.trigger == .deleted {
                    raise(event, of: resource, stored: previous, state: after)
                }
            }
        }
        if case .action(let resource, let action, let item, _, _) = route(request.method, request.path),
            let key = record(item, of: resource, in: after), let stored = after[resource.name][key]
        {
            for event in resource.events where event.trigger == .action(action.name) {
                raise(event, of: resource, stored: stored, state: after)
            }
        }
        return raised
    }
}
