import APIRegistry
import JSONModel

extension CustomersV3 {
    static let attribute = Model(
        "Attribute",
        description: "A named, typed piece of data that can be stored against any customer, such as a hat size.",
        identifier: "id",
        fields: [
            ServerFields.id,
            Field(
                "name", .string(minLength: 1, maxLength: 255), "Name of the attribute; describe the data it holds.",
                requiredIn: [.read, .create]),
            Field(
                "type", .enumeration(["string", "number", "date"]),
                "Type every value of the attribute must have. Cannot be changed after create: delete the attribute and create it again, which deletes its values.",
                visibility: [.read, .create], requiredIn: [.read, .create]),
            ServerFields.dateCreated,
            ServerFields.dateModified,
        ],
        examples: [Examples.hatSize, Examples.birthday]
    )

    static let attributes = Resource(
        name: "customer-attributes",
        path: "/customers/attributes",
        tag: "Customer Attributes",
        operationNoun: "CustomerAttributes",
        description: "Customer attributes: the names and types of data stored against customers.",
        model: attribute,
        operations: [
            Operation(.list, summary: "List attributes", description: "Returns a page of attributes matching the filters."),
            Operation(
                .create, summary: "Create attributes", description: "Creates up to \(batchLimit) attributes.",
                batchLimit: batchLimit,
                invalidExample: [["name": "Hat Size", "type": "color"]]),
            Operation(
                .update, summary: "Update attributes",
                description: "Renames up to \(batchLimit) attributes. The type cannot change.",
                batchLimit: batchLimit,
                requestExample: [["id": 1, "name": "Hat size (US)"]],
                invalidExample: [["id": 1, "type": "number"]]),
            Operation(
                .delete, summary: "Delete attributes",
                description: "Deletes the attributes named by `id:in`, with their values on every customer."),
        ],
        filters: [
            Filter("id", [.in], "Attribute id."),
            Filter("name", [.eq, .like], "Attribute name."),
            Filter("type", [.eq], "Attribute type."),
            Filter("date_created", [.eq, .min, .max], "Creation time; a date or a date-time."),
            Filter("date_modified", [.eq, .min, .max], "Last modification time; a date or a date-time."),
        ],
        sortKeys: ["name", "date_created"],
        rules: [.immutable(field: "type"), .maxRecords(50)]
    )
}
