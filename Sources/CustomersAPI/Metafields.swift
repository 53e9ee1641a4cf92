import APIRegistry
import JSONModel

extension CustomersV3 {
    static let metafield = Model(
        "Metafield",
        description: "A key and value an app stores against a customer, under a namespace of its own.",
        identifier: "id",
        fields: [
            ServerFields.id,
            Field(
                "namespace", .string(minLength: 1, maxLength: 64), "Groups the app's metafields, e.g. `Sales Department`.",
                requiredIn: [.read, .create]),
            Field(
                "key", .string(minLength: 1, maxLength: 64), "The metafield's name within its namespace, e.g. `Staff Name`.",
                requiredIn: [.read, .create]),
            Field("value", .string(minLength: 1, maxLength: 65535), "The value, as text.", requiredIn: [.read, .create]),
            Field(
                "permission_set", .enumeration(["app_only", "read", "write", "read_and_sf_access", "write_and_sf_access"]),
                "Who else may see and change it: `app_only`, other apps (`read`, `write`), and storefronts too (`…_and_sf_access`).",
                requiredIn: [.read, .create]),
            Field("description", .string(maxLength: 255), "What the metafield holds.", requiredIn: [.read], defaultValue: ""),
            Field(
                "resource_type", .enumeration(["customer"]), "The kind of record the metafield belongs to; always `customer` here.",
                visibility: [.read], requiredIn: [.read], defaultValue: "customer"),
            Field(
                "resource_id", ServerFields.recordID, "The customer the metafield belongs to.", visibility: [.read, .create],
                requiredIn: [.read, .create]),
            ServerFields.dateCreated,
            ServerFields.dateModified,
        ],
        examples: [Examples.johnsStaffName]
    )

    static let metafields = Resource(
        name: "customer-metafields",
        path: "/customers/metafields",
        tag: "Customer Metafields",
        operationNoun: "CustomerMetafields",
        description:
            "Metafields: keys and values apps store against customers. Reach one customer's under its path, or many customers' in batches.",
        model: metafield,
        operations: [
            Operation(
                .list, summary: "List metafields",
                description: "Returns a page of metafields of any customers matching the filters.",
                operationID: "getAllCustomersMetafields"),
            Operation(
                .create, summary: "Create metafields",
                description: "Creates up to \(batchLimit) metafields, each for the customer `resource_id` names.",
                batchLimit: batchLimit,
                requestExample: [
                    ["namespace": "Sales Department", "key": "Region", "value": "EMEA", "permission_set": "read", "resource_id": 1]
                ],
                invalidExample: [["namespace": "Sales Department", "key": "Staff Name", "value": "Ronaldo", "permission_set": "app_only"]],
                operationID: "createCustomersMetafields"),
            Operation(
                .update, summary: "Update metafields",
                description: "Updates up to \(batchLimit) metafields. Only `id` is required; only the fields sent change.",
                batchLimit: batchLimit,
                requestExample: [["id": 1, "value": "Roberto"]],
                invalidExample: [["value": "Roberto"]], operationID: "updateCustomersMetafields"),
            Operation(
                .delete, summary: "Delete metafields", description: "Deletes the metafields named by `id:in`.",
                operationID: "deleteCustomersMetafields"),
            Operation(
                .list, summary: "List a customer's metafields",
                description: "Returns a page of the customer's metafields matching the filters.",
                scoped: true, operationID: "getCustomersMetafields"),
            Operation(
                .createOne, summary: "Create a customer's metafield", description: "Creates one metafield for the customer the path names.",
                requestExample: ["namespace": "Sales Department", "key": "Region", "value": "EMEA", "permission_set": "write"],
                invalidExample: ["namespace": "Sales Department", "key": "Region", "permission_set": "write"], scoped: true,
                operationID: "createCustomerMetafields", status: 200),
            Operation(
                .read, summary: "Get a customer's metafield", description: "Returns one metafield of the customer.",
                operationID: "getMetafieldsCustomerId"),
            Operation(
                .updateOne, summary: "Update a customer's metafield",
                description: "Changes the fields sent of one metafield of the customer; the others stay as they are.",
                requestExample: ["value": "Roberto"], invalidExample: ["value": ""], operationID: "updateCustomerMetafield"),
            Operation(
                .deleteOne, summary: "Delete a customer's metafield", description: "Deletes one metafield of the customer.",
                operationID: "deleteCustomerMetafieldsId"),
        ],
        filters: [
            Filter("id", [.in], "Metafield id."),
            Filter("key", [.eq, .in], "The metafield's key."),
            Filter("namespace", [.eq, .in], "The metafield's namespace."),
            Filter("date_created", [.min, .max], "Creation time; a date or a date-time."),
            Filter("date_modified", [.min, .max], "Last modification time; a date or a date-time."),
        ],
        relations: [Relation("resource_id", references: "customers", onDelete: .cascade)],
        rules: [.uniqueTogether(["resource_id", "namespace", "key"])],
        itemParameter: "metafieldId",
        parent: ParentScope("customers", path: "/customers/{customerId}/metafields", field: "resource_id"),
        paging: [.page, .cursor],
        shaping: ListShaping(fields: "include_fields", direction: "direction")
    )
}
