import JSONModel

/// Something a resource announces when its records change: a webhook the API sends to its
/// subscribers (`order.created`, `book.reserved`). The spec lists it under `webhooks:`,
/// the guides show it, and the mock delivers it for every change it commits.
public struct Event: Sendable {
    /// What raises the event.
    public enum Trigger: Sendable, Equatable {
        /// A record of the resource was created.
        case created
        /// A record of the resource changed (a write that leaves it as it was raises nothing).
        case updated
        /// A record of the resource was deleted, by a request or with the record it belonged to.
        case deleted
        /// The resource's action of this name succeeded, for the record it acted on.
        case action(String)
    }

    /// The name subscribers choose it by, and the payload carries: `order.created`.
    public let name: String
    public let trigger: Trigger
    /// One sentence for the spec and the guides.
    public let summary: String
    /// What the request body sent to subscribers holds.
    public let payload: EventPayload

    public init(_ name: String, on trigger: Trigger, summary: String, payload: EventPayload) {
        self.name = name
        self.trigger = trigger
        self.summary = summary
        self.payload = payload
    }
}

/// The body of an event as subscribers receive it, member by member, each member's value taken
/// from the event or the record: shared by the events of one style (every order event has
/// the same shape), and named as a schema.
public struct EventPayload: Sendable, Equatable {
    /// Where a member's value comes from.
    public enum Value: Sendable, Equatable {
        /// The event's name.
        case event
        /// The event's identifier, unique to it and the same on every retry: subscribers
        /// de-duplicate by it. It is also sent in the `webhook-id` header.
        case eventID
        /// The store (tenant) whose record changed: the values of the server URL's variables.
        case tenant
        /// The record's identifier.
        case recordID
        /// A field of the record as stored: `order_id` of an order line.
        case field(String)
        /// The record as a read shows it; for a deletion, as it was.
        case record
        /// When the event was raised, in Unix seconds.
        case time
        /// When the event was raised, as an RFC 3339 date-time.
        case timestamp
        /// The SHA-1 of the record as a read shows it, in hex: it changes when the record does.
        case hash
        /// Text with `{tenant}` replaced by the tenant: `stores/{tenant}`.
        case text(String)
        /// The same value in every event.
        case constant(JSONValue)
    }

    /// One member of the payload.
    public struct Member: Sendable, Equatable {
        /// The names down to it: `["data", "id"]`.
        public let path: [String]
        public let value: Value
        /// What it means, for the schema.
        public let description: String

        public init(_ name: String, _ value: Value, _ description: String) {
            self.init(path: [name], value, description)
        }

        public init(path: [String], _ value: Value, _ description: String) {
            self.path = path
            self.value = value
            self.description = description
        }

        /// Its path, dotted: `data.id`.
        public var name: String { path.joined(separator: ".") }
    }

    /// The schema's name: `OrderEvent`.
    public let name: String
    public let description: String
    public let members: [Member]

    public init(_ name: String, description: String, members: [Member]) {
        self.name = name
        self.description = description
        self.members = members
    }

    /// What one event's payload holds, given what each value is.
    public func body(_ value: (Value) -> JSONValue) -> JSONValue {
        var body: JSONValue = .object(JSONObject())
        for member in members { body.set(value(member.value), at: member.path) }
        return body
    }
}
