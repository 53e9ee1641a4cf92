import JSONModel

/// The sample records of the seed guide: John Doe with two addresses and a hat size.
/// Each resource's model lists its own; the customer embeds the same values.
enum Examples {
    static let created = JSONValue.string("2018-11-14T18:58:08Z")
    static let modified = JSONValue.string("2018-11-14T18:58:08Z")

    static let sydneyAddress: JSONValue = [
        "id": 1, "customer_id": 1, "first_name": "John", "last_name": "Doe", "company": "BigCommerce",
        "address1": "Bennelong Point", "address2": "", "city": "Sydney", "state_or_province": "New South Wales",
        "postal_code": "2000", "country_code": "AU", "country": "Australia", "phone": "1234567890",
        "address_type": "commercial", "form_fields": [sydneyDeliveryInstructions],
    ]

    static let akronAddress: JSONValue = [
        "id": 2, "customer_id": 1, "first_name": "John", "last_name": "Doe", "company": "",
        "address1": "111 E West Street", "address2": "654", "city": "Akron", "state_or_province": "Ohio",
        "postal_code": "44325", "country_code": "US", "country": "United States", "phone": "1234567890",
        "address_type": "residential",
    ]

    static let johnHeardFrom: JSONValue = ["customer_id": 1, "name": "How did you hear about us?", "value": "Friend"]

    static let sydneyDeliveryInstructions: JSONValue = [
        "address_id": 1, "name": "Special Delivery Instructions", "value": "Leave the package at the front door",
    ]

    static let johnsStaffName: JSONValue = [
        "id": 1, "namespace": "Sales Department", "key": "Staff Name", "value": "Ronaldo", "permission_set": "app_only",
        "description": "Name of Staff Member", "resource_type": "customer", "resource_id": 1, "date_created": created,
        "date_modified": modified,
    ]

    /// John's saved means of payment: a card, a PayPal account and a bank account. `#customerId`
    /// is where the store keeps whose they are; responses do not show it.
    static let johnsInstruments: [JSONValue] = [
        [
            "#customerId": 1, "type": "stored_card", "token": "84596bea275fa254da820056bdc3e495bdf01fd11c51b0336347d447ee16200c",
            "is_default": true, "brand": "VISA", "expiry_month": 1, "expiry_year": 2030, "issuer_identification_number": "411111",
            "last_4": "1111",
            "billing_address": [
                "first_name": "John", "last_name": "Doe", "email": "johndoe@example.com", "company": "BigCommerce",
                "address1": "111 E West Street", "address2": "654", "city": "Akron", "postal_code": "44325",
                "state_or_province": "Ohio", "state_or_province_code": "OH", "country_code": "US", "phone": "1234567890",
            ],
        ],
        [
            "#customerId": 1, "type": "stored_paypal_account", "token": "2f1b0c8e9a7d4e6f8b3c5a1d7e9f0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a",
            "is_default": false, "email": "johndoe@example.com",
        ],
        [
            "#customerId": 1, "type": "stored_bank_account", "token": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d",
            "is_default": false, "masked_account_number": "12XXX56", "issuer": "DE001",
        ],
    ]

    static let hatSize: JSONValue = [
        "id": 1, "name": "Hat Size", "type": "string", "date_created": created, "date_modified": modified,
    ]

    static let birthday: JSONValue = [
        "id": 2, "name": "Birthday", "type": "date", "date_created": created, "date_modified": modified,
    ]

    static let johnsHatSize: JSONValue = [
        "id": 1, "customer_id": 1, "attribute_id": 1, "attribute_name": "Hat Size", "value": "7",
        "date_created": created, "date_modified": modified,
    ]

    static let johnDoe: JSONValue = [
        "id": 1, "email": "johndoe@example.com", "first_name": "John", "last_name": "Doe",
        "company": "BigCommerce", "phone": "1234567890", "notes": "Warehouse", "tax_exempt_category": "",
        "customer_group_id": 0, "registration_ip_address": "12.34.56.78",
        "date_created": created, "date_modified": modified, "address_count": 2, "attribute_count": 1,
        "authentication": ["force_password_reset": true, "new_password": "tempPassword1"],
        "addresses": [sydneyAddress, akronAddress],
        "attributes": [johnsHatSize],
        "form_fields": [johnHeardFrom],
        "store_credit_amounts": [["amount": 43.15]],
        "accepts_product_review_abandoned_cart_emails": true,
        "origin_channel_id": 1, "channel_ids": [1],
        "shopper_profile_id": "82511e54-4040-40fe-b742-2b25655f205b",
        "segment_ids": ["5bb733a9-5491-47b3-9451-9ae8d6a6bc6b"],
    ]

    /// A customer to create: new to the sample store (its email is not taken there), with an
    /// address and a value of the sample store's "Hat Size" attribute.
    static let newCustomer: JSONValue = [
        [
            "email": "jane.doe@example.com", "first_name": "Jane", "last_name": "Doe", "company": "Acme", "phone": "5125550123",
            "registration_ip_address": "12.34.56.79",
            "addresses": [
                [
                    "first_name": "Jane", "last_name": "Doe", "address1": "500 W 2nd St", "city": "Austin", "state_or_province": "Texas",
                    "postal_code": "78701", "country_code": "US", "address_type": "commercial",
                ]
            ],
            "attributes": [["attribute_id": 1, "attribute_value": "6¾"]],
            "authentication": ["force_password_reset": true, "new_password": "tempPassword1"],
        ]
    ]
}
