import APIRegistry
import JSONModel

extension CustomersV3 {
    static let formFieldValue = Model(
        "FormFieldValue",
        description:
            "The value a customer, or one of their addresses, has for a field the merchant added to the store's sign-up or address form.",
        fields: [
            Field(
                "name", .string(minLength: 1, maxLength: 255), "The form field's name.", visibility: [.read, .create],
                requiredIn: [.read, .create]),
            Field(
                "value", .oneOf([.string(maxLength: 255), .number(minimum: nil, maximum: nil), .array(of: .string(maxLength: 255))]),
                "The value: text, a number, or a list of texts (for checkboxes), as the form field's type takes.",
                visibility: [.read, .create], requiredIn: [.read, .create]),
            Field("customer_id", ServerFields.recordID, "The customer the value belongs to.", visibility: [.read, .create]),
            Field("address_id", ServerFields.recordID, "The address the value belongs to.", visibility: [.read, .create]),
        ],
        examples: [Examples.johnHeardFrom, Examples.sydneyDeliveryInstructions]
    )

    static let formFieldValues = Resource(
        name: "customer-form-field-values",
        path: "/customers/form-field-values",
        tag: "Customer Form Field Values",
        operationNoun: "CustomerFormFieldValues",
        description:
            "Values of the store's custom form fields, for customers and for addresses. The same values are sent and read as `form_fields` on a customer or an address.",
        model: formFieldValue,
        operations: [
            Operation(
                .list, summary: "List form field values",
                description:
                    "Returns a page of form field values of customers and addresses, e.g. every value of one customer with `customer_id=1`.",
                operationID: "getCustomersFormFieldValues"),
            Operation(
                .upsert, summary: "Upsert form field values",
                description:
                    "Sets up to \(batchLimit) form field values, each of a customer or of an address: a value replaces the one its owner already has for that field. Deprecated: send `form_fields` with `PUT /customers` or `PUT /customers/addresses` instead, which does the same.",
                batchLimit: batchLimit,
                requestExample: [["customer_id": 1, "name": "How did you hear about us?", "value": "Other"]],
                invalidExample: [["customer_id": 1, "name": "Sales Rep", "value": true]], deprecated: true,
                operationID: "updateCustomerFormFieldValues"),
        ],
        filters: [
            Filter("customer_id", [.eq], "Id of the customer the values belong to."),
            Filter("address_id", [.eq], "Id of the address the values belong to."),
            Filter("field_name", [.eq], "The form field's name.", fields: ["name"]),
        ],
        relations: [
            Relation("customer_id", references: "customers", onDelete: .cascade),
            Relation("address_id", references: "customer-addresses", onDelete: .cascade),
        ],
        rules: [.exactlyOne(["customer_id", "address_id"]), .upsertKey(["customer_id", "address_id", "name"])],
        paging: [.page, .cursor]
    )
}
