import APIRegistry
import JSONModel

extension CustomersV3 {
    static let credentials = Model(
        "CustomerCredentials",
        description: "An email address and password to check, on a channel.",
        fields: [
            Field("email", .string(minLength: 1, maxLength: 255), "The customer's email address, in any case.", requiredIn: [.create]),
            Field("password", .string(minLength: 1, maxLength: 100), "The password to check.", requiredIn: [.create]),
            Field(
                "channel_id", .integer(minimum: 1, maximum: ServerFields.maxID),
                "The channel the customer signs in to; channel 1 when left out.", defaultValue: 1),
        ],
        examples: [["email": "johndoe@example.com", "password": "tempPassword1", "channel_id": 1]]
    )

    static let credentialsCheck = Model(
        "CustomerCredentialsCheck",
        description: "Whether the credentials are a customer's, and whose.",
        fields: [
            Field(
                "is_valid", .boolean, "True when the email names a customer who may sign in to the channel and the password is theirs.",
                requiredIn: [.create]),
            Field(
                "customer_id", ServerFields.recordID, "The customer the credentials belong to; null when they are not valid.",
                requiredIn: [.create], nullable: true),
        ]
    )

    /// Checks an email and password the way a storefront sign-in does: the password set with
    /// `authentication.new_password` (kept only as a hash), and access to the channel.
    static let validateCredentials = Action(
        "validate-credentials", onItem: false, summary: "Validate a customer's credentials",
        description: """
            Answers whether an email address and password are a customer's, and may sign in to the channel: \
            the password is the last one set with `authentication.new_password`, and the customer's \
            `channel_ids` include the channel, or are not set and the channel allows global logins \
            (`allow_global_logins` of its settings; when not set, only channel 1 does). Wrong credentials are a 200 with \
            `is_valid: false`, never an error, and say nothing about which part was wrong. The store \
            keeps passwords only as salted hashes; no response ever contains one.
            """,
        request: credentials, response: .model(credentialsCheck, example: ["is_valid": true, "customer_id": 1]),
        requestExample: ["email": "johndoe@example.com", "password": "tempPassword1", "channel_id": 1],
        invalidExample: ["email": "johndoe@example.com"], readOnly: true, operationID: "validateCustomerCredentials",
        tag: "Validate Credentials"
    ) { context in
        let invalid: JSONValue = ["is_valid": false, "customer_id": nil]
        guard let email = context.body["email"], let password = context.body["password"]?.stringValue else { return .answer(invalid) }
        let channel = context.body["channel_id"]?.intValue ?? 1
        // A customer without channel_ids signs in wherever the channel allows global logins: its
        // own setting, or by default on the first channel (the default storefront) only.
        let settings = context.singleton("customer-channel-settings", channel)
        let allowsGlobal = settings?["allow_global_logins"]?.boolValue ?? (channel == 1)
        for customer in context.find("customers", "email", email) {
            guard context.matchesSecret(customer, "authentication.new_password", password) else { continue }
            if let channels = customer["channel_ids"]?.arrayValue {
                guard channels.contains(.integer(channel)) else { continue }
            } else if !allowsGlobal {
                continue
            }
            return .answer(["is_valid": true, "customer_id": customer["id"] ?? nil])
        }
        return .answer(invalid)
    }
}
