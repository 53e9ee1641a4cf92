import APIRegistry

/// The Customers V3 API with customer attributes: the registry every output is derived from.
public enum CustomersV3 {
    /// Most records one create, update or upsert request may carry.
    static let batchLimit = 10

    // Lists that page by cursor as well give `meta.cursor_pagination`, as published.
    static let pagination = Pagination(defaultLimit: 50, maxLimit: 250, cursorMeta: .edges("cursor_pagination"))

    public static let registry = Registry(
        info: APIInfo(
            title: "Customers V3",
            version: "3.0.0",
            description: """
                Manage customers, their addresses and customer attributes: named, typed values \
                (such as a hat size) stored against a customer. One endpoint per resource serves \
                lists with filters, and batch writes: create and update bodies are JSON arrays \
                of up to \(batchLimit) records, processed all or nothing.
                """,
            serverURL: "https://api.bigcommerce.com/stores/{store_hash}/v3",
            serverVariables: [
                (name: "store_hash", defaultValue: "store_hash", description: "The hash that identifies the store.")
            ],
            authHeader: "X-Auth-Token",
            authDescription: "An API account token, sent in the `X-Auth-Token` header.",
            scopes: [
                Scope(
                    "store_v2_customers_read_only", access: .read,
                    description: "Read customers, addresses, attributes and attribute values."),
                Scope(
                    "store_v2_customers", access: .modify,
                    description: "Read and modify customers, addresses, attributes and attribute values."),
            ],
            errorTypeURL: "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
            specFileName: "customers.v3.yaml",
            rateLimit: RateLimit(
                description: """
                    Requests are limited per store, in windows of a few seconds; the quota depends on the \
                    store's plan. Every response says where the client stands; a request over the quota \
                    is refused with 429 and was not carried out.
                    """,
                headers: [
                    .init("X-Rate-Limit-Requests-Quota", .quota, "Requests allowed in one window."),
                    .init("X-Rate-Limit-Requests-Left", .remaining, "Requests left in the current window."),
                    .init("X-Rate-Limit-Time-Window-Ms", .windowMilliseconds, "The window's length, in milliseconds."),
                    .init(
                        "X-Rate-Limit-Time-Reset-Ms", .resetMilliseconds,
                        "Milliseconds until the window resets; after a 429, wait this long before sending again."),
                ]),
            tenants: "stores"
        ),
        pagination: pagination,
        resources: [customers, addresses, attributes, attributeValues, formFieldValues, metafields, storedInstruments],
        singletons: [customerSettings, channelSettings, customerConsent],
        publishedReference: published
    )
}

/// Fields every stored record carries, set by the server.
enum ServerFields {
    /// Ids are 32-bit signed integers, as in the live API.
    static let maxID = 2_147_483_647
    static let recordID = FieldType.integer(minimum: 1, maximum: maxID)

    static let id = Field(
        "id", recordID, "Unique identifier, assigned by the server.", visibility: [.read], requiredIn: [.read])
    static let dateCreated = Field(
        "date_created", .dateTime, "When the record was created (RFC 3339, UTC); set by the server.", visibility: [.read],
        requiredIn: [.read], derived: .createdAt)
    static let dateModified = Field(
        "date_modified", .dateTime, "When the record was last changed (RFC 3339, UTC); set by the server.", visibility: [.read],
        requiredIn: [.read], derived: .modifiedAt)
}
