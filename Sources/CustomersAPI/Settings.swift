import APIRegistry
import JSONModel

extension CustomersV3 {
    static let consentCategories = FieldType.set(.enumeration(["essential", "functional", "analytics", "targeting"]))

    static let consent = Model(
        "CustomerConsent",
        description: "Which kinds of cookies and scripts the customer allows, and denies, while shopping on the storefront.",
        fields: [
            Field("allow", consentCategories, "The categories the customer allows.", defaultValue: []),
            Field("deny", consentCategories, "The categories the customer denies.", defaultValue: []),
            Field(
                "updated_at", .dateTime, "When the consent last changed (RFC 3339, UTC); set by the server, absent until then.",
                visibility: [.read], derived: .modifiedAt),
        ],
        examples: [["allow": ["essential", "functional"], "deny": ["analytics", "targeting"], "updated_at": Examples.modified]]
    )

    static let customerConsent = Singleton(
        name: "customer-consent",
        path: "/customers/{customerId}/consent",
        scope: .record(of: "customers"),
        tag: "Customer Consent",
        description: "Each customer's consent to data collection by cookies and scripts on the storefront.",
        model: consent,
        read: SingletonOperation(
            summary: "Get a customer's consent", description: "Returns what the customer allows and denies.",
            operationID: "getCustomerConsent"),
        update: SingletonOperation(
            summary: "Update a customer's consent", description: "Sets what the customer allows, and denies.",
            operationID: "updateCustomerConsent",
            requestExample: ["allow": ["essential", "functional"], "deny": ["analytics", "targeting"]],
            invalidExample: ["allow": ["essential", "cookies"]]),
        envelope: .bare,
        rules: [
            .custom(
                CustomRule(
                    "consent-allow-or-deny", sentence: "A category cannot be both allowed and denied; otherwise 422.",
                    check: { proposed, _ in
                        let allowed = Set((proposed["allow"]?.arrayValue ?? []).compactMap(\.stringValue))
                        let denied = (proposed["deny"]?.arrayValue ?? []).compactMap(\.stringValue)
                        return denied.filter(allowed.contains).map { ("deny", "lists '\($0)', which `allow` lists too") }
                    }))
        ]
    )

    static let privacySettings = Model(
        "PrivacySettings",
        description: "How the storefront asks for consent.",
        fields: [
            Field(
                "ask_shopper_for_tracking_consent", .boolean, "Whether the storefront asks shoppers to consent to tracking.",
                defaultValue: false),
            Field("policy_url", .string(maxLength: 2048), "The address of the store's privacy policy.", defaultValue: ""),
        ]
    )

    static let customerGroupSettings = Model(
        "CustomerGroupSettings",
        description: "The customer groups shoppers fall into by default.",
        fields: [
            Field(
                "guest_customer_group_id", .integer(minimum: 0, maximum: ServerFields.maxID),
                "The group of shoppers who check out as guests; 0 for none.", defaultValue: 0),
            Field(
                "default_customer_group_id", .integer(minimum: 0, maximum: ServerFields.maxID),
                "The group new customers join; 0 for none.", defaultValue: 0),
        ]
    )

    static let settings = Model(
        "CustomerSettings",
        description: "The store's customer settings, for every channel without settings of its own.",
        fields: [
            Field("privacy_settings", .model(privacySettings), "How the storefront asks for consent."),
            Field("customer_group_settings", .model(customerGroupSettings), "Default customer groups."),
        ],
        examples: [
            [
                "privacy_settings": ["ask_shopper_for_tracking_consent": true, "policy_url": "https://example.com/privacy"],
                "customer_group_settings": ["guest_customer_group_id": 0, "default_customer_group_id": 0],
            ]
        ]
    )

    static let customerSettings = Singleton(
        name: "customer-settings",
        path: "/customers/settings",
        scope: .store,
        tag: "Customer Settings",
        description: "The store's customer settings, which apply on every channel that does not override them.",
        model: settings,
        read: SingletonOperation(
            summary: "Get customer settings", description: "Returns the store's customer settings.", operationID: "getCustomersSettings"),
        update: SingletonOperation(
            summary: "Update customer settings", description: "Changes the store's customer settings.",
            operationID: "updateCustomersSettings",
            requestExample: ["privacy_settings": ["ask_shopper_for_tracking_consent": true, "policy_url": "https://example.com/privacy"]],
            invalidExample: ["privacy_settings": ["ask_shopper_for_tracking_consent": "yes"]])
    )

    static let channelSettingsModel = Model(
        "CustomerChannelSettings",
        description: "One channel's customer settings: `null` where the channel has no value of its own and the store's applies.",
        fields: settings.allowingNull(named: "CustomerChannelSettings", nestedPrefix: "Channel").fields + [
            Field(
                "allow_global_logins", .boolean,
                "Whether customers with access to every channel (no `channel_ids`) may sign in on this channel.", defaultValue: .null,
                nullable: true)
        ],
        examples: [
            [
                "privacy_settings": ["ask_shopper_for_tracking_consent": nil, "policy_url": "https://example.com/emea/privacy"],
                "customer_group_settings": ["guest_customer_group_id": nil, "default_customer_group_id": nil],
                "allow_global_logins": true,
            ]
        ]
    )

    static let channelSettings = Singleton(
        name: "customer-channel-settings",
        path: "/customers/settings/channels/{channel_id}",
        scope: .key(minimum: 1, maximum: ServerFields.maxID),
        tag: "Customer Channel Settings",
        description:
            "Each channel's customer settings. A setting that is `null` is not set for the channel, which then uses the store's setting.",
        model: channelSettingsModel,
        read: SingletonOperation(
            summary: "Get a channel's customer settings",
            description: "Returns the channel's own settings; `null` where it uses the store's.", operationID: "getCustomersSettingsChannel"
        ),
        update: SingletonOperation(
            summary: "Update a channel's customer settings",
            description: "Sets the channel's own settings. Send `null` to drop one, so the store's applies again.",
            operationID: "updateCustomersSettingsChannel",
            requestExample: ["privacy_settings": ["policy_url": "https://example.com/emea/privacy"], "allow_global_logins": true],
            invalidExample: ["allow_global_logins": "yes"]),
        inherits: "customer-settings"
    )
}
