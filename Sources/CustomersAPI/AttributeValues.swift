import APIRegistry
import JSONModel

extension CustomersV3 {
    static let attributeValue = Model(
        "AttributeValue",
        description: "The value of one attribute for one customer.",
        identifier: "id",
        fields: [
            ServerFields.id,
            Field(
                "customer_id", ServerFields.recordID, "The customer the value belongs to.", visibility: [.read, .create],
                requiredIn: [.read, .create]),
            Field(
                "attribute_id", ServerFields.recordID, "The attribute this is a value of.", visibility: [.read, .create],
                requiredIn: [.read, .create]),
            Field(
                "attribute_name", .string(minLength: 1, maxLength: 255),
                "Name of the attribute, so clients need no second request.", visibility: [.read], requiredIn: [.read],
                derived: .related(via: "attribute_id", field: "name")),
            Field(
                "value", .string(maxLength: 255),
                "The value, as a string that parses as the attribute's type: any text, a number, or a date `YYYY-MM-DD`. Named `attribute_value` inside a customer.",
                visibility: [.read, .create], requiredIn: [.read, .create], embeddedName: "attribute_value"),
            ServerFields.dateCreated,
            ServerFields.dateModified,
        ],
        examples: [Examples.johnsHatSize]
    )

    static let attributeValues = Resource(
        name: "customer-attribute-values",
        path: "/customers/attribute-values",
        tag: "Customer Attribute Values",
        operationNoun: "CustomerAttributeValues",
        description: "Values of attributes for customers; at most one per customer and attribute.",
        model: attributeValue,
        operations: [
            Operation(
                .list, summary: "List attribute values",
                description: "Returns a page of attribute values matching the filters, e.g. `attribute_id:in=1&customer_id:in=1`."),
            Operation(
                .upsert, summary: "Upsert attribute values",
                description:
                    "Creates up to \(batchLimit) attribute values, or replaces the value a customer already has for the attribute.",
                batchLimit: batchLimit,
                invalidExample: [["customer_id": 1, "attribute_id": 1]]),
            Operation(.delete, summary: "Delete attribute values", description: "Deletes the attribute values named by `id:in`."),
        ],
        filters: [
            Filter("id", [.in], "Attribute value id."),
            Filter("customer_id", [.in], "Id of the customer."),
            Filter("attribute_id", [.in], "Id of the attribute."),
            Filter("name", [.eq], "Name of the attribute.", fields: ["attribute_name"]),
            Filter("date_created", [.eq, .min, .max], "Creation time; a date or a date-time."),
            Filter("date_modified", [.eq, .min, .max], "Last modification time; a date or a date-time."),
        ],
        relations: [
            Relation("customer_id", references: "customers", onDelete: .cascade),
            Relation("attribute_id", references: "customer-attributes", onDelete: .cascade),
        ],
        rules: [
            .upsertKey(["customer_id", "attribute_id"]),
            .valueMatchesType(
                field: "value", relation: "attribute_id", typeField: "type",
                types: ["string": .string(), "number": .number(minimum: nil, maximum: nil), "date": .date]),
        ],
        seedRecords: 8
    )
}
