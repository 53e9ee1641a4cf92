import APIRegistry

extension CustomersV3 {
    /// Where this registry deliberately departs from BigCommerce's published Customers V3
    /// reference, each with its reason. `generate` renders them as a page; anything else the
    /// published document says about these operations, this API does.
    static let published = PublishedReference(
        name: "BigCommerce's Customers V3 reference",
        url: "https://github.com/bigcommerce/docs/blob/main/reference/customers.v3.yml",
        differences: [
            .init(
                "`DELETE` without `id:in`",
                published: "answers 204 and changes nothing",
                here: "answers 422 naming `id:in` as required, and changes nothing",
                reason: "a client that forgot the selector learns it, instead of believing the delete happened (the reviewer's question 5)"
            ),
            .init(
                "A repeated selector, `id:in=1&id:in=2`",
                published: "not described",
                here: "answers 422 on lists and deletes, and deletes nothing",
                reason: "keeping one repetition deleted what the client did not name; generated clients send this form"),
            .init(
                "Batch bodies",
                published: "arrays without `maxItems`; the limit of \(batchLimit) is stated in prose and in the 413",
                here: "arrays with `maxItems: \(batchLimit)` (and `minItems: 1`)",
                reason: "the limit belongs in the schema, where generated clients and validators can see it (questions 2 and 9)"),
            .init(
                "`limit`",
                published: "typed `number`",
                here: "an integer from 1 to \(pagination.maxLimit)",
                reason: "a page size is a whole number, and the bounds are what the API enforces"),
            .init(
                "`customer_group_id:in` and `registration_ip_address:in`",
                published: "items typed `string` and `integer`",
                here: "items typed as their fields: integers for group ids, strings for IP addresses",
                reason: "an IP address such as `12.34.56.78` is not an integer, and a group id is"),
            .init(
                "Attribute values read with a customer (`include=attributes`)",
                published: "carry no attribute name (\"Attribute names are not available on the customer object\")",
                here: "carry `attribute_name`",
                reason: "clients need no second request to know what a value is (question 13)"),
            .init(
                "`attributes` in `PUT /customers`",
                published: "not accepted (\"Attributes Values can not be updated using Update a Customer\")",
                here: "accepted: each value is created, or replaces the customer's value of that attribute",
                reason: "one request can set a customer's fields and values, as the design of this API states (question 1)"),
            .init(
                "Response schemas",
                published: "models without `additionalProperties`, and request and response models mixed",
                here: "requests refuse unknown fields (422); responses, and the value objects inside them, stay open to fields added later",
                reason: "a typo in a request is caught, and clients generated from the spec accept new fields"),
            .init(
                "`phone:in`",
                published: "typed `string`, not an array like the other `:in` filters",
                here: "an array of strings, comma-separated like every `:in` filter",
                reason: "it takes several values, as its name and the other `:in` filters say"),
            .init(
                "`registration_ip_address` on create and update",
                published: "not in the create body; accepted by `PUT /customers`, whose prose calls it read-only",
                here: "set on create only; an update that sends it is a 422 saying so",
                reason: "the address a customer registered from is known when they register and does not change"),
            .init(
                "`origin_channel_id` in `PUT /customers`",
                published: "accepted by the schema, while the prose calls it immutable",
                here: "a 422 saying it can only be set on create",
                reason: "a value the API would ignore is refused, so the client learns it had no effect"),
            .init(
                "`id` in `PUT /customers/attribute-values` items",
                published: "accepted",
                here: "refused; the value replaced is found by `customer_id` and `attribute_id`",
                reason: "an `id` that disagrees with the pair would make the write ambiguous"),
            .init(
                "`name` in `PUT /customers/attributes`",
                published: "required",
                here: "optional; only `id` is required, as in every update",
                reason: "every update of this API names the record by `id` and changes only what it sends; without a name, nothing changes"),
            .init(
                "Attribute values on `/customers/attribute-values`",
                published: "read as `attribute_value` and written as `value`",
                here: "`value` both ways; `attribute_value` inside a customer, as published",
                reason: "a record read from the endpoint can be written back unchanged"),
            .init(
                "Filters and sorting the published reference does not list",
                published:
                    "no `id:in` on attributes, attribute values and batch metafields; no `sort` on attributes; no parameters on a customer's metafields list; `shopper_profile_id` and `segment_ids` in the `include` list but not in the customer schema",
                here: "all of these, and the two fields in the customer schema",
                reason: "they only add to the published API; a client of the published reference is unaffected"),
            .init(
                "`field_type` on `GET /customers/form-field-values`",
                published: "filters by the form field's type",
                here: "not offered; a 422 naming it",
                reason: "the store's form fields and their types are managed elsewhere and are not part of this registry"),
            .init(
                "The path parameter `channel_id`",
                published: "typed `string` at path level and `integer` at operation level",
                here: "an integer from 1; channel `0` is a 404",
                reason: "the published document contradicts itself; channel ids are positive integers"),
            .init(
                "Answer of `PUT /customers/settings/channels/{channel_id}`",
                published: "schema of the store's settings, without `allow_global_logins` (its example has it)",
                here: "the channel's settings, `allow_global_logins` included",
                reason: "the answer is the object the request changed, as the example shows"),
            .init(
                "Stored instruments",
                published: "`oneOf` a card, a PayPal account and a bank account, with a `type` discriminator",
                here: "one schema: `type`, `token` and `is_default`, then each type's fields, optional",
                reason: "the registry's models have no variants yet; every published field keeps its name and type"),
            .init(
                "Scopes of stored instruments",
                published: "the Stored Payment Instruments scopes",
                here: "the customers scopes",
                reason: "this registry declares scopes for the whole API, not per resource"),
            .init(
                "Responses of a customer's metafield",
                published:
                    "`GET` of one metafield and of a customer's list declare an `items` object (no `data`); `POST` and `PUT` of one answer `data` as an array, with `errors`",
                here: "one metafield is `{data: {…}, meta}`; a customer's list is `{data: […], meta.pagination}`, like the batch list",
                reason:
                    "the published schemas are defective (their examples and the batch endpoints show `data`); one record is answered as one record"
            ),
            .init(
                "`PUT /customers/{customerId}/metafields/{metafieldId}`",
                published: "the body requires `id`, and a query parameter `metafieldId` repeats the path's",
                here: "the path names the metafield; the body has only the fields to change",
                reason: "a second id could disagree with the path"),
            .init(
                "Batch metafield writes",
                published: "partial success: a 422 with the items written in `data`, the others in `errors`, and counts in `meta`",
                here: "all or nothing, like every batch of this API: a 422 naming each problem, and nothing written",
                reason: "a client retries a failed batch whole, with no items to reconcile (the reviewer's question 9)"),
            .init(
                "`DELETE /customers/metafields`",
                published:
                    "no selector in the schema; answers 200 with the ids deleted in `data`, `errors`, and the counts `total`, `success` and `failed` in `meta`",
                here: "`id:in` required; answers 204, like every delete",
                reason: "a delete without a selector is the mistake the reviewer's question 5 is about"),
            .init(
                "The `meta` of write answers",
                published:
                    "`POST /customers/metafields`, `PUT /customers/metafields`, `POST /customers/{customerId}/metafields`, `PUT /customers/{customerId}/metafields/{metafieldId}` and `PUT /customers/attribute-values` declare a list's `meta` on their answers: `pagination`, and on metafields `cursor_pagination`",
                here: "a write answers the records written with an empty `meta`, as every write of this API does",
                reason:
                    "a write's answer is the records it wrote, not a page of a list: there is no next page to link to, and no count to page by"
            ),
            .init(
                "A second metafield with the same `namespace` and `key` for a customer",
                published: "409",
                here: "422 naming the metafield that has them",
                reason: "every rule a write breaks is a 422 naming where, so a batch reports all its problems at once"),
            .init(
                "Metafield `owner_client_id`, `resource_type` and `permission_set`",
                published: "`owner_client_id` returned; `resource_type` one of nine kinds; `permission_set` limits what other apps see",
                here: "no `owner_client_id`; `resource_type` is always `customer`; `permission_set` is stored and returned",
                reason:
                    "every metafield here is a customer's, and the mock serves one app, so there is no other app to hide a metafield from"),
            .init(
                "Rate limit of `POST /customers/validate-credentials`",
                published: "special protections against abuse, not described",
                here: "the store's rate limit, as for every operation",
                reason: "the published reference does not say what the protections are"),
            .init(
                "operationIds of the first operations",
                published: "`getCustomersAddresses`, `createCustomersAttributes`, `upsertCustomersAttributeValues` and the like",
                here:
                    "`getCustomerAddresses`, `createCustomerAttributes`, `upsertCustomerAttributeValues`; operations added later use the published ids",
                reason: "clients generated from earlier versions of this spec call the operations by these names"),
        ])
}
