import APIRegistry
import JSONModel

extension CustomersV3 {
    static let billingAddress = Model(
        "BillingAddress",
        description: "The billing address stored with a card.",
        fields: [
            Field("first_name", .string(maxLength: 255), "First name of the card holder."),
            Field("last_name", .string(maxLength: 255), "Last name of the card holder."),
            Field("email", .string(maxLength: 255), "Email address of the card holder."),
            Field("company", .string(maxLength: 255), "Company of the card holder."),
            Field("address1", .string(maxLength: 255), "First address line."),
            Field("address2", .string(maxLength: 255), "Second address line."),
            Field("city", .string(maxLength: 100), "City."),
            Field("postal_code", .string(maxLength: 30), "Postal code."),
            Field("state_or_province", .string(maxLength: 100), "State or province, spelt out."),
            Field("state_or_province_code", .string(maxLength: 10), "State or province code."),
            Field("country_code", .string(minLength: 2, maxLength: 2), "ISO 3166-1 alpha-2 country code."),
            Field("phone", .string(maxLength: 50), "Phone number."),
        ]
    )

    static let storedInstrument = Model(
        "StoredInstrument",
        description:
            "A means of payment the customer saved at checkout: a card (`stored_card`), a PayPal account (`stored_paypal_account`) or a bank account (`stored_bank_account`). The fields after `is_default` belong to one type each.",
        fields: [
            Field(
                "type", .enumeration(["stored_card", "stored_paypal_account", "stored_bank_account"]), "The kind of instrument.",
                visibility: [.read], requiredIn: [.read]),
            Field(
                "token", .string(minLength: 1, maxLength: 255), "Identifies the instrument to the payment gateway.", visibility: [.read],
                requiredIn: [.read]),
            Field("is_default", .boolean, "Whether checkout offers it first.", visibility: [.read], requiredIn: [.read]),
            Field("brand", .string(maxLength: 50), "Card brand, e.g. `VISA` (cards).", visibility: [.read]),
            Field("expiry_month", .integer(minimum: 1, maximum: 12), "Expiry month (cards).", visibility: [.read]),
            Field("expiry_year", .integer(minimum: 0, maximum: 9999), "Expiry year (cards).", visibility: [.read]),
            Field("issuer_identification_number", .string(maxLength: 8), "The card number's first digits (cards).", visibility: [.read]),
            Field("last_4", .string(maxLength: 4), "The card number's last four digits (cards).", visibility: [.read]),
            Field("billing_address", .model(billingAddress), "The card's billing address (cards).", visibility: [.read]),
            Field("email", .string(maxLength: 255), "The PayPal account's email address (PayPal accounts).", visibility: [.read]),
            Field("masked_account_number", .string(maxLength: 34), "The account number, masked (bank accounts).", visibility: [.read]),
            Field("issuer", .string(maxLength: 34), "Identifies the bank (bank accounts).", visibility: [.read]),
        ],
        examples: Examples.johnsInstruments
    )

    static let storedInstruments = Resource(
        name: "customer-stored-instruments",
        path: "/customers/stored-instruments",
        tag: "Customer Stored Instruments",
        operationNoun: "CustomerStoredInstruments",
        description: "Means of payment customers saved at checkout. Read-only: they are stored by checkout, not through this API.",
        model: storedInstrument,
        operations: [
            Operation(
                .list, summary: "List a customer's stored instruments",
                description: "Returns every instrument the customer stored, of every type, as a JSON array.", scoped: true,
                operationID: "getCustomerStoredInstruments")
        ],
        parent: ParentScope("customers", path: "/customers/{customerId}/stored-instruments", field: nil),
        listEnvelope: .bare
    )
}
