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
                here: "requests refuse unknown fields (422); responses stay open to fields added later",
                reason: "a typo in a request is caught, and clients generated from the spec accept new fields"),
        ])
}
