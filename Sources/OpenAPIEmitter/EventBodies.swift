import APIRegistry
import Crypto
import Foundation
import JSONModel

/// One event as raised: what subscribers receive, and what tells them which event it is.
public struct RaisedEvent: Sendable, Equatable {
    /// Unique to the event, the same on every retry: the `webhook-id` header.
    public let id: String
    public let name: String
    /// The store whose record changed.
    public let tenant: String
    /// The request body subscribers receive.
    public let payload: JSONValue

    public init(id: String, name: String, tenant: String, payload: JSONValue) {
        self.id = id
        self.name = name
        self.tenant = tenant
        self.payload = payload
    }
}

/// The payloads of events, built one way for the spec's examples and the mock's deliveries.
public enum EventBodies {
    /// The payload of `event` for a record: `stored` as the store keeps it, `read` as a read
    /// shows it, `id` its identifier.
    public static func payload(
        _ event: Event, id eventID: String, tenant: String, time: Date, recordID: JSONValue, stored: JSONObject, read: JSONValue
    ) -> JSONValue {
        event.payload.body { value in
            switch value {
            case .event: .string(event.name)
            case .eventID: .string(eventID)
            case .tenant: .string(tenant)
            case .recordID: recordID
            case .field(let name): stored[name] ?? .null
            case .record: read
            case .time: .integer(Int(time.timeIntervalSince1970.rounded(.down)))
            case .timestamp: .string(time.formatted(Date.ISO8601FormatStyle()))
            case .hash: .string(Insecure.SHA1.hash(data: JSONWriter(pretty: false).bytes(read)).map { String(format: "%02x", $0) }.joined())
            case .text(let text): .string(text.replacingOccurrences(of: "{tenant}", with: tenant))
            case .constant(let constant): constant
            }
        }
    }

    /// An event identifier: `evt_` and 32 hex digits, from a number (the guides' runs count
    /// from 1) or at random.
    public static func eventID(_ number: UInt64? = nil) -> String {
        guard let number else { return "evt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }
        return "evt_" + String(repeating: "0", count: 16) + String(format: "%016llx", number)
    }
}
