import APIRegistry
import Foundation
import JSONModel

extension CustomersV3 {
    static let address = Model(
        "Address",
        description: "A postal address of a customer.",
        identifier: "id",
        fields: [
            ServerFields.id,
            Field(
                "customer_id", ServerFields.recordID, "The customer the address belongs to.", visibility: [.read, .create],
                requiredIn: [.read, .create]),
            Field("first_name", .string(minLength: 1, maxLength: 255), "First name of the addressee.", requiredIn: [.read, .create]),
            Field("last_name", .string(minLength: 1, maxLength: 255), "Last name of the addressee.", requiredIn: [.read, .create]),
            Field("company", .string(maxLength: 255), "Company name."),
            Field("address1", .string(minLength: 1, maxLength: 255), "First address line.", requiredIn: [.read, .create]),
            Field("address2", .string(maxLength: 255), "Second address line."),
            Field("city", .string(minLength: 1, maxLength: 100), "City, suburb or town.", requiredIn: [.read, .create]),
            Field(
                "state_or_province", .string(minLength: 1, maxLength: 100), "State or province, spelt out.", requiredIn: [.read, .create]),
            Field("postal_code", .string(minLength: 1, maxLength: 30), "Postal or ZIP code.", requiredIn: [.read, .create]),
            Field(
                "country_code", .string(minLength: 2, maxLength: 2, pattern: "^[A-Z]{2}$"), "ISO 3166-1 alpha-2 country code, e.g. `US`.",
                requiredIn: [.read, .create]),
            Field(
                "country", .string(maxLength: 255), "The country's English name, from `country_code`; set by the server.",
                visibility: [.read], derived: .computed(countryName)),
            Field("phone", .string(maxLength: 50), "Phone number."),
            Field("address_type", .enumeration(["residential", "commercial"]), "Kind of address."),
            Field(
                "form_fields", .array(of: .model(formFieldValue)),
                "Values of the store's address form fields. Returned with `include=formfields`; on create and update, values to set (by `name`).",
                visibility: [.read, .create, .update], includedAs: "formfields"),
        ],
        examples: [Examples.sydneyAddress, Examples.akronAddress]
    )

    static let addresses = Resource(
        name: "customer-addresses",
        path: "/customers/addresses",
        tag: "Customer Addresses",
        operationNoun: "CustomerAddresses",
        description: "Customer addresses. Each belongs to one customer and is deleted with it.",
        model: address,
        operations: [
            Operation(
                .list, summary: "List addresses",
                description:
                    "Returns a page of addresses matching the filters, e.g. every address of some customers with `customer_id:in=1,2,3`.",
                invalidExample: "customer_id=20"),
            Operation(
                .create, summary: "Create addresses", description: "Creates up to \(batchLimit) addresses for existing customers.",
                batchLimit: batchLimit,
                requestExample: [
                    [
                        "customer_id": 1, "first_name": "John", "last_name": "Doe", "address1": "123 Example Street",
                        "address2": "Building 4",
                        "city": "Austin", "state_or_province": "Texas", "postal_code": "78759", "country_code": "US",
                        "address_type": "residential",
                    ]
                ],
                invalidExample: [
                    [
                        "first_name": "Jane", "last_name": "Doe", "address1": "123 Main Street", "city": "Austin",
                        "state_or_province": "Texas", "postal_code": "78751", "country_code": "USA", "address_type": "home",
                    ]
                ]),
            Operation(
                .update, summary: "Update addresses",
                description: "Updates up to \(batchLimit) addresses. Only `id` is required; only the fields sent change.",
                batchLimit: batchLimit,
                requestExample: [["id": 1, "address1": "555 East Street"]],
                invalidExample: [["address1": "555 East Street"]]),
            Operation(.delete, summary: "Delete addresses", description: "Deletes the addresses named by `id:in`."),
        ],
        filters: [
            Filter("id", [.in], "Address id."),
            Filter("customer_id", [.in], "Id of the customer the address belongs to."),
            Filter("name", [.in], "First and last name of the addressee, as `first last`.", fields: ["first_name", "last_name"]),
            Filter("company", [.in], "Company name, exact match."),
        ],
        includes: ["formfields"],
        relations: [Relation("customer_id", references: "customers", onDelete: .cascade)],
        rules: [
            .ignoresDuplicates([
                "customer_id", "first_name", "last_name", "company", "phone", "address_type", "address1", "address2", "city",
                "country_code",
                "state_or_province", "postal_code",
            ])
        ],
        seedRecords: 10,
        events: addressEvents
    )
}

/// The English name of the region whose ISO 3166-1 code an address holds (`AU` → `Australia`).
let countryName = ComputedValue("country-name") { record in
    record["country_code"]?.stringValue.flatMap { Locale(identifier: "en_US").localizedString(forRegionCode: $0) }.map(JSONValue.string)
}
