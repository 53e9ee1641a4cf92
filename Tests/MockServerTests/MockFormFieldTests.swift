import JSONModel
import Testing

/// Form field values: one resource, also read and written as `form_fields` on customers and addresses.
@Suite struct MockFormFieldTests {
    @Test func valuesSentWithACustomerAreReadBackThroughEitherPath() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer(
                "jane@example.com",
                JSONObject([
                    (
                        "form_fields",
                        [["name": "Sales Rep", "value": "Miss Moneypenny"], ["name": "Toppings", "value": ["olives", "basil"]]]
                    ),
                    ("addresses", [.object(sydneyWith(formFields: [["name": "Gate code", "value": 4711]]))]),
                ]))
            let plain = try #require(try await mock.get("/customers?id:in=\(customer)").data.first)
            #expect(plain["form_fields"] == nil)
            let full = try #require(try await mock.get("/customers?id:in=\(customer)&include=formfields").data.first)
            #expect(
                full["form_fields"] == [
                    ["name": "Sales Rep", "value": "Miss Moneypenny", "customer_id": .integer(customer)],
                    ["name": "Toppings", "value": ["olives", "basil"], "customer_id": .integer(customer)],
                ])
            let address = try #require(try await mock.get("/customers/addresses?include=formfields").data.first)
            #expect(address["form_fields"]?.arrayValue?.first?["value"] == 4711)
            #expect(address["country"] == "Australia")
            let values = try await mock.get("/customers/form-field-values?customer_id=\(customer)").data
            #expect(values.map { $0["name"] } == ["Sales Rep", "Toppings"])
            #expect(try await mock.get("/customers/form-field-values?field_name=Gate%20code").data.map { $0["value"] } == [4711])
        }
    }

    @Test func anUpsertReplacesTheOwnersValueOfThatField() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer(
                "jane@example.com", JSONObject([("form_fields", [["name": "Sales Rep", "value": "Miss Moneypenny"]])]))
            let reply = try await mock.put(
                "/customers/form-field-values", [["customer_id": .integer(customer), "name": "Sales Rep", "value": "Q"]])
            #expect(reply.status == 200)
            #expect(try await mock.get("/customers/form-field-values").data.map { $0["value"] } == ["Q"])
            _ = try await mock.put("/customers", [["id": .integer(customer), "form_fields": [["name": "Sales Rep", "value": "M"]]]])
            #expect(try await mock.get("/customers/form-field-values").data.map { $0["value"] } == ["M"])
        }
    }

    @Test func aValueBelongsToExactlyOneOwner() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer("jane@example.com", JSONObject([("addresses", [sydney])]))
            let both = try await mock.put(
                "/customers/form-field-values", [["customer_id": .integer(customer), "address_id": 1, "name": "Sales Rep", "value": "Q"]])
            #expect(both.status == 422)
            #expect(both.errors == ["[0]: must set only one of `customer_id` or `address_id`"])
            let neither = try await mock.put("/customers/form-field-values", [["name": "Sales Rep", "value": "Q"]])
            #expect(neither.errors == ["[0]: must set `customer_id` or `address_id`"])
            // Inside a customer the customer is the owner, so an address cannot be named.
            let nested = try await mock.put(
                "/customers", [["id": .integer(customer), "form_fields": [["name": "Sales Rep", "value": "Q", "address_id": 1]]]])
            #expect(nested.errors == ["[0].form_fields[0].address_id: unknown field 'address_id'"])
            #expect(try await mock.get("/customers/form-field-values").data.isEmpty)
        }
    }

    @Test func deletingAnAddressDeletesItsValues() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer(
                "jane@example.com",
                JSONObject([
                    ("form_fields", [["name": "Sales Rep", "value": "Q"]]),
                    ("addresses", [.object(sydneyWith(formFields: [["name": "Gate code", "value": "4711"]]))]),
                ]))
            #expect(try await mock.delete("/customers/addresses?id:in=1").status == 204)
            #expect(try await mock.get("/customers/form-field-values").data.map { $0["customer_id"] } == [.integer(customer)])
        }
    }

    func sydneyWith(formFields: JSONValue) -> JSONObject {
        var address = sydney.objectValue ?? JSONObject()
        address["form_fields"] = formFields
        return address
    }
}

/// Fields the published reference has and the first registry lacked.
@Suite struct MockPublishedFieldsTests {
    @Test func includeAsksForEachOptionalPartByItsPublishedName() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            let plain = try #require(try await mock.get("/customers?id:in=1").data.first)
            #expect(plain["store_credit_amounts"] == nil && plain["shopper_profile_id"] == nil && plain["segment_ids"] == nil)
            #expect(plain["channel_ids"] == [1] && plain["origin_channel_id"] == 1)
            let full = try #require(try await mock.get("/customers?id:in=1&include=storecredit,shopper_profile_id,segment_ids").data.first)
            #expect(full["store_credit_amounts"] == [["amount": 43.15]])
            #expect(full["shopper_profile_id"] == "82511e54-4040-40fe-b742-2b25655f205b")
            #expect(full["segment_ids"]?.arrayValue?.count == 1)
            let wrong = try await mock.get("/customers?include=form_fields")
            #expect(wrong.status == 422)
            #expect(wrong.errors.first?.contains("formfields") == true)
        }
    }

    @Test func anAttributeValueIsAttributeValueInsideACustomer() async throws {
        try await withMock { (mock: MockClient) async throws in
            let size = try await mock.createAttribute("Shoe size", "number")
            let refused = try await mock.post(
                "/customers",
                [
                    [
                        "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
                        "attributes": [["attribute_id": .integer(size), "attribute_value": "large"]],
                    ]
                ])
            #expect(
                refused.errors == ["[0].attributes[0].attribute_value: must be a number: Attribute \(size) (Shoe size) has type number"])
            let sentAsValue = try await mock.post(
                "/customers",
                [
                    [
                        "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
                        "attributes": [["attribute_id": .integer(size), "value": "38"]],
                    ]
                ])
            #expect(sentAsValue.status == 422)
            let customer = try await mock.createCustomer(
                "jane@example.com", JSONObject([("attributes", [["attribute_id": .integer(size), "attribute_value": "38"]])]))
            #expect(try await mock.get("/customers/attribute-values?name=Shoe%20size").data.map { $0["value"] } == ["38"])
            #expect(try await mock.get("/customers/attribute-values?name=Hat").data.isEmpty)
            let embedded = try #require(
                try await mock.get("/customers?id:in=\(customer)&include=attributes").data.first?["attributes"]?.arrayValue?.first)
            #expect(embedded["attribute_value"] == "38" && embedded["value"] == nil)
        }
    }

    /// Published: an address identical to one that exists is not created again, and the answer
    /// (200) leaves it out; an update that would make two addresses identical changes nothing.
    @Test func anAddressSentTwiceIsStoredOnce() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer("jane@example.com", JSONObject([("addresses", [sydney])]))
            var address = sydney.objectValue ?? JSONObject()
            address["customer_id"] = .integer(jane)
            var other = address
            other["city"] = "Newcastle"
            let reply = try await mock.post("/customers/addresses", [.object(address), .object(other), .object(other)])
            #expect(reply.status == 200)
            #expect(reply.data.map { $0["city"] } == ["Newcastle"])
            #expect(try await mock.get("/customers/addresses").data.count == 2)
            let newcastle = try #require(reply.ids().first)
            let same = try await mock.put("/customers/addresses", [["id": .integer(newcastle), "city": "Sydney"]])
            #expect(same.status == 200 && same.data.isEmpty)
            #expect(try await mock.get("/customers/addresses?id:in=\(newcastle)").data.first?["city"] == "Newcastle")
        }
    }

    /// Each declared difference that refuses what the published reference accepts does so with a
    /// 422 that says why, and changes nothing.
    @Test func declaredDifferencesRefuseClearly() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers/form-field-values?field_type=text").status == 422)
            let ip = try await mock.put("/customers", [["id": 1, "registration_ip_address": "1.2.3.4"]])
            #expect(ip.errors == ["[0].registration_ip_address: can only be set on create"])
            #expect(try await mock.get("/customers?id:in=1").data.first?["registration_ip_address"] == "12.34.56.78")
            let global = try await mock.post(
                "/customers", [["email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "channel_ids": nil]])
            #expect(global.status == 200 && global.data.first?["channel_ids"] == JSONValue.null)
        }
    }

    @Test func originChannelIsSetOnCreateOnly() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer(
                "jane@example.com", JSONObject([("origin_channel_id", 2), ("channel_ids", [1, 2])]))
            let reply = try await mock.put("/customers", [["id": .integer(customer), "origin_channel_id": 1]])
            #expect(reply.errors == ["[0].origin_channel_id: can only be set on create"])
            let read = try #require(try await mock.get("/customers").data.first)
            #expect(read["origin_channel_id"] == 2 && read["channel_ids"] == [1, 2])
            #expect(read["trigger_account_created_notification"] == nil)
        }
    }
}
