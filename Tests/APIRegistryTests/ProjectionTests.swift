import APIRegistry
import CustomersAPI
import Testing

private let registry = CustomersV3.registry

private func projection(_ resource: String, _ kind: ProjectionKind) throws -> ProjectedModel {
    let resource = try #require(registry.resource(named: resource))
    return registry.projection(of: resource.model, kind)
}

@Suite struct ProjectionTests {
    @Test(arguments: ["customers", "customer-addresses", "customer-attributes"])
    func createHasNoIdentifierOrServerFields(resource: String) throws {
        let create = try projection(resource, .create)
        let names = create.fields.map(\.field.name)
        #expect(!names.contains("id"))
        #expect(!names.contains("date_created"))
        #expect(!names.contains("date_modified"))
        #expect(create.fields.allSatisfy { !$0.readOnly && !$0.field.isReadOnly })
    }

    @Test(arguments: ["customers", "customer-addresses", "customer-attributes"])
    func updateRequiresExactlyTheIdentifier(resource: String) throws {
        #expect(try projection(resource, .update).requiredFieldNames == ["id"])
    }

    @Test func readMarksServerSetFieldsReadOnly() throws {
        let read = try projection("customers", .read)
        let readOnly = read.fields.filter(\.readOnly).map(\.field.name)
        #expect(
            readOnly == ["id", "date_created", "date_modified", "address_count", "attribute_count", "shopper_profile_id", "segment_ids"])
        // A password is sent, never returned: the read view of authentication has no such member.
        guard case .model(let authentication)? = read.field(named: "authentication")?.type else {
            Issue.record("authentication should be a value object")
            return
        }
        #expect(authentication.fields.map(\.name) == ["force_password_reset"])
    }

    @Test func customerUpdateListsTheUpdatableFields() throws {
        let update = try projection("customers", .update)
        #expect(
            update.fields.map(\.field.name) == [
                "id", "email", "first_name", "last_name", "company", "phone", "notes", "tax_exempt_category",
                "customer_group_id", "authentication", "attributes", "form_fields", "store_credit_amounts",
                "accepts_product_review_abandoned_cart_emails", "channel_ids",
            ])
    }

    @Test func nestedChildrenOmitTheKeyTheParentSupplies() throws {
        let create = try projection("customers", .create)
        guard case .array(.model(let address), _, _) = create.field(named: "addresses")?.type,
            case .array(.model(let value), _, _) = create.field(named: "attributes")?.type
        else {
            Issue.record("addresses and attributes should be arrays of models")
            return
        }
        #expect(address.schemaName == "CustomerAddressInput")
        #expect(address.field(named: "customer_id") == nil)
        #expect(value.schemaName == "CustomerAttributeValueInput")
        #expect(value.fields.map(\.field.name) == ["attribute_id", "value"])
        #expect(value.fields.map(\.name) == ["attribute_id", "attribute_value"])
    }

    /// A form field value names a customer or an address; inside either, the parent supplies one
    /// and the other cannot be sent.
    @Test func embeddedChildrenLeaveOutTheKeysTheirParentExcludes() throws {
        let create = try projection("customers", .create)
        guard case .array(.model(let value), _, _) = create.field(named: "form_fields")?.type else {
            Issue.record("form_fields should be an array of models")
            return
        }
        #expect(value.fields.map(\.name) == ["name", "value"])
    }

    @Test func readEmbedsChildrenWithTheirReadSchema() throws {
        guard case .array(.model(let value), _, _) = try projection("customers", .read).field(named: "attributes")?.type else {
            Issue.record("attributes should be an array of models")
            return
        }
        // Inside a customer, `value` is `attribute_value`: a read schema of its own.
        #expect(value.schemaName == "CustomerAttributeValue")
        #expect(value.field(named: "attribute_name") != nil)
        #expect(value.field(named: "attribute_value")?.field.name == "value")
        guard case .array(.model(let address), _, _) = try projection("customers", .read).field(named: "addresses")?.type else {
            Issue.record("addresses should be an array of models")
            return
        }
        #expect(address.schemaName == "Address")
    }

    @Test func examplesAreCutToTheProjection() throws {
        let create = try projection("customers", .create)
        let example = try #require(create.examples.first)
        #expect(example["id"] == nil)
        #expect(example["date_created"] == nil)
        #expect(example["addresses"]?.arrayValue?.first?["customer_id"] == nil)
        #expect(example["authentication"]?["new_password"] == "tempPassword1")
    }

    @Test func projectionsAreEachEmittedOnce() {
        let names = registry.allProjections().map(\.schemaName)
        #expect(Set(names).count == names.count)
        #expect(
            names.prefix(6) == [
                "Customer", "CustomerAuthentication", "Address", "FormFieldValue", "CustomerAttributeValue", "StoreCredit",
            ])
    }

    @Test func theShippedRegistryIsConsistent() {
        #expect(registry.declarationProblems() == [])
    }
}

/// Notes whose comments answer each other: a model that contains itself, by `.reference`.
private func threads(replies: FieldType) -> Registry {
    let comment = Model(
        "Comment", description: "A comment.",
        fields: [Field("text", .string(), "What it says.", requiredIn: [.read]), Field("replies", .array(of: replies), "Answers.")])
    let note = Model(
        "Note", description: "A note.", identifier: "id",
        fields: [
            Field("id", .integer, "Id.", visibility: [.read], requiredIn: [.read]),
            Field("comments", .array(of: .model(comment)), "Comments."),
        ])
    return Registry(
        info: APIInfo(
            title: "Threads", version: "1", description: "Notes and comments.", serverURL: "https://api.example.com", serverVariables: [],
            authHeader: "X-Key", authDescription: "A key.", scopes: [Scope("read", access: .read, description: "Read.")],
            errorTypeURL: "https://api.example.com/errors", specFileName: "threads.yaml"),
        pagination: Pagination(defaultLimit: 10, maxLimit: 50),
        resources: [
            Resource(
                name: "notes", path: "/notes", tag: "Notes", operationNoun: "Notes", description: "Notes.", model: note,
                operations: [Operation(.list, summary: "List notes", description: "Lists notes.")])
        ])
}

@Suite struct ReferenceTests {
    /// A comment's replies are comments: the read schema refers to itself, once; a reference to
    /// a model the registry does not declare is a declaration problem naming it.
    @Test func aModelContainsItselfByReference() {
        let registry = threads(replies: .reference("Comment"))
        #expect(registry.declarationProblems() == [])
        let names = registry.allProjections().map(\.schemaName)
        #expect(names == ["Note", "Comment"])
        let replies = registry.allProjections().last?.field(named: "replies")?.type
        guard case .array(.reference(schemaName: "Comment", model: "Comment"), _, _)? = replies else {
            Issue.record("replies are projected as \(String(describing: replies))")
            return
        }
        #expect(
            threads(replies: .reference("Coment")).declarationProblems().map(\.message) == [
                "model Comment: .reference(\"Coment\") names no model the registry declares with .model"
            ])
    }
}
