import APIRegistry
import JSONModel

extension CustomersV3 {
    static let authentication = Model(
        "CustomerAuthentication",
        description: "How the customer signs in. A new password is sent, never returned.",
        fields: [
            Field("force_password_reset", .boolean, "When true, the customer must reset the password at the next sign-in."),
            Field(
                "new_password", .string(minLength: 7, maxLength: 100),
                "A new password for the customer; kept only as a salted hash, and checked by `POST /customers/validate-credentials`.",
                visibility: [.create, .update], secret: true),
        ]
    )

    static let storeCredit = Model(
        "StoreCredit",
        description: "An amount of store credit.",
        fields: [
            Field(
                "amount", .number(minimum: 0, maximum: nil), "The amount, in the store's default currency.", requiredIn: [.read, .create])
        ]
    )

    static let customer = Model(
        "Customer",
        description: "A shopper's account in the store.",
        identifier: "id",
        fields: [
            ServerFields.id,
            Field(
                "email", .string(format: .email, minLength: 3, maxLength: 255), "Email address; unique within the store.",
                requiredIn: [.read, .create]),
            Field(
                "first_name", .string(minLength: 1, maxLength: 100), "First name.", requiredIn: [.read, .create],
                samples: ["Ada", "Grace", "Alan", "Margaret", "Linus", "Katherine", "Dennis", "Barbara", "Ken", "Frances"]),
            Field(
                "last_name", .string(minLength: 1, maxLength: 100), "Last name.", requiredIn: [.read, .create],
                samples: ["Lovelace", "Hopper", "Turing", "Hamilton", "Torvalds", "Johnson", "Ritchie", "Liskov", "Thompson", "Allen"]),
            Field("company", .string(maxLength: 255), "Company name.", samples: ["BigCommerce", "Acme", "Initech", "Globex", "Hooli"]),
            Field("phone", .string(maxLength: 50), "Phone number.", samples: ["1234567890", "5125550123", "0298765432"]),
            Field(
                "notes", .string(), "Notes about the customer, visible to the merchant only.",
                samples: ["Prefers email", "Wholesale buyer", "Warehouse"]),
            Field("tax_exempt_category", .string(maxLength: 255), "Tax exemption code applied to the customer's orders."),
            Field(
                "customer_group_id", .integer(minimum: 0, maximum: ServerFields.maxID),
                "The customer group the customer belongs to; 0 for none."),
            Field(
                "registration_ip_address", .string(maxLength: 30),
                "IP address the customer registered from. Set on create only.", visibility: [.read, .create]),
            ServerFields.dateCreated,
            ServerFields.dateModified,
            Field(
                "address_count", .integer(minimum: 0, maximum: nil), "Number of addresses the customer has.", visibility: [.read],
                requiredIn: [.read], derived: .count(of: "customer-addresses")),
            Field(
                "attribute_count", .integer(minimum: 0, maximum: nil), "Number of attribute values the customer has.", visibility: [.read],
                requiredIn: [.read], derived: .count(of: "customer-attribute-values")),
            Field(
                "authentication", .model(authentication),
                "Password settings. Responses show `force_password_reset`; a password is never returned."),
            Field(
                "addresses", .array(of: .model(address)),
                "The customer's addresses. Returned with `include=addresses`; on create, the addresses to create with the customer.",
                visibility: [.read, .create]),
            Field(
                "attributes", .array(of: .model(attributeValue)),
                "Attribute values. Returned with `include=attributes`, each with its attribute's name; on create and update, values to set (by `attribute_id`).",
                visibility: [.read, .create, .update]),
            Field(
                "form_fields", .array(of: .model(formFieldValue)),
                "Values of the store's sign-up form fields. Returned with `include=formfields`; on create and update, values to set (by `name`).",
                visibility: [.read, .create, .update], includedAs: "formfields"),
            Field(
                "store_credit_amounts", .array(of: .model(storeCredit)),
                "Store credit the customer can spend. Returned with `include=storecredit`.", visibility: [.read, .create, .update],
                includedAs: "storecredit"),
            Field(
                "accepts_product_review_abandoned_cart_emails", .boolean,
                "Whether the customer receives product review and abandoned cart emails.", defaultValue: false),
            Field(
                "trigger_account_created_notification", .boolean,
                "When true, the store sends the customer its welcome email. Create only; never returned.", visibility: [.create]),
            Field(
                "origin_channel_id", .integer(minimum: 1, maximum: ServerFields.maxID),
                "The channel the customer was created on. Set on create only.", visibility: [.read, .create], defaultValue: 1),
            Field(
                "channel_ids", .array(of: .integer(minimum: 1, maximum: ServerFields.maxID), minItems: 1),
                "The channels the customer can sign in to. Leave it out, or send `null`, for access to every channel that allows global logins.",
                samples: [[1], [1, 2]], nullable: true),
            Field(
                "shopper_profile_id", .string(maxLength: 36),
                "The shopper profile of the customer (beta). Returned with `include=shopper_profile_id`.",
                visibility: [.read], samples: ["82511e54-4040-40fe-b742-2b25655f205b", "0c7d3e9a-56a1-4f0b-9a49-3f2b8e61d4c2"]),
            Field(
                "segment_ids", .array(of: .string(maxLength: 36)),
                "The segments the customer belongs to (beta). Returned with `include=segment_ids`.",
                visibility: [.read], samples: [["5bb733a9-5491-47b3-9451-9ae8d6a6bc6b"]]),
        ],
        examples: [Examples.johnDoe]
    )

    static let customers = Resource(
        name: "customers",
        path: "/customers",
        tag: "Customers",
        operationNoun: "Customers",
        description: "Customers of the store, with their addresses and attribute values.",
        model: customer,
        operations: [
            Operation(
                .list, summary: "List customers",
                description: "Returns a page of customers matching the filters. Use `include=addresses,attributes` to embed sub-resources."),
            Operation(
                .create, summary: "Create customers",
                description: "Creates up to \(batchLimit) customers, each optionally with addresses and attribute values.",
                batchLimit: batchLimit, requestExample: Examples.newCustomer,
                invalidExample: [["email": "not-an-email", "first_name": "", "last_name": "Doe", "compnay": "BigCommerce"]]),
            Operation(
                .update, summary: "Update customers",
                description:
                    "Updates up to \(batchLimit) customers. Only `id` is required; only the fields sent change. Attribute values sent in `attributes` are created or replaced.",
                batchLimit: batchLimit,
                requestExample: [["id": 1, "phone": "1234567890", "attributes": [["attribute_id": 1, "attribute_value": "7"]]]],
                invalidExample: [["email": "jane@example.com", "date_created": "2018-11-14T18:58:08Z"]]),
            Operation(
                .delete, summary: "Delete customers",
                description: "Deletes the customers named by `id:in`, with their addresses and attribute values."),
        ],
        filters: [
            Filter("id", [.in, .notIn, .min, .max], "Customer id."),
            Filter("email", [.in], "Email address, exact match."),
            Filter("name", [.in, .like], "First and last name, as `first last`.", fields: ["first_name", "last_name"]),
            Filter("company", [.in], "Company name, exact match."),
            Filter("customer_group_id", [.in], "Customer group id."),
            Filter("registration_ip_address", [.in], "IP address the customer registered from."),
            Filter("phone", [.in], "Phone number, exact match."),
            Filter("date_created", [.eq, .min, .max], "Creation time; a date (`2018-01-01`) or a date-time."),
            Filter("date_modified", [.eq, .min, .max], "Last modification time; a date or a date-time."),
        ],
        sortKeys: ["date_created", "date_modified", "last_name"],
        includes: ["addresses", "storecredit", "attributes", "formfields", "shopper_profile_id", "segment_ids"],
        rules: [.unique(field: "email")],
        seedRecords: 8,
        actions: [validateCredentials],
        paging: [.page, .cursor],
        events: customerEvents
    )
}
