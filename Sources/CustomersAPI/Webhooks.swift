import APIRegistry

extension CustomersV3 {
    /// The payload of every customer event, as the store sends it: small, naming the record
    /// rather than carrying it, so a handler reads the record it needs.
    static let customerEventPayload = EventPayload(
        "CustomerEvent",
        description: "A change to a customer. The payload names the record; read it with `GET /customers?id:in=…` for its fields.",
        members: [
            .init("scope", .event, "The event: what happened to which kind of record."),
            .init("store_id", .tenant, "The store whose record changed."),
            .init(path: ["data", "type"], .constant("customer"), "The kind of record."),
            .init(path: ["data", "id"], .recordID, "The customer's id."),
            .init("hash", .hash, "The SHA-1 of the record as read after the change, in hex: equal hashes mean an unchanged record."),
            .init("created_at", .time, "When the change happened, in Unix seconds."),
            .init("producer", .text("stores/{tenant}"), "Who sent the event: `stores/` and the store."),
        ])

    /// An address event names the address and its customer.
    static let addressEventPayload = EventPayload(
        "CustomerAddressEvent",
        description: "A change to a customer's address. The payload names the address and its customer.",
        members: [
            .init("scope", .event, "The event: what happened to which kind of record."),
            .init("store_id", .tenant, "The store whose record changed."),
            .init(path: ["data", "type"], .constant("customer"), "The kind of record the address belongs to."),
            .init(path: ["data", "id"], .recordID, "The address's id."),
            .init(path: ["data", "address", "customer_id"], .field("customer_id"), "The customer the address belongs to."),
            .init("hash", .hash, "The SHA-1 of the address as read after the change, in hex."),
            .init("created_at", .time, "When the change happened, in Unix seconds."),
            .init("producer", .text("stores/{tenant}"), "Who sent the event: `stores/` and the store."),
        ])

    static let customerEvents = [
        Event("store/customer/created", on: .created, summary: "A customer was created.", payload: customerEventPayload),
        Event(
            "store/customer/updated", on: .updated,
            summary: "A customer's fields changed (their addresses and attribute values raise none).",
            payload: customerEventPayload),
        Event("store/customer/deleted", on: .deleted, summary: "A customer was deleted.", payload: customerEventPayload),
    ]

    static let addressEvents = [
        Event("store/customer/address/created", on: .created, summary: "An address was added to a customer.", payload: addressEventPayload),
        Event("store/customer/address/updated", on: .updated, summary: "A customer's address changed.", payload: addressEventPayload),
        Event(
            "store/customer/address/deleted", on: .deleted, summary: "A customer's address was deleted, or its customer was.",
            payload: addressEventPayload),
    ]
}
