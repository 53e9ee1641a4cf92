import JSONModel
import MockServer
import Testing

@Suite struct MockRuleTests {
    @Test func relatedRecordsMustExist() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.post(
                "/customers/addresses", [.object((sydney.objectValue ?? JSONObject()).merging("customer_id", 99))])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[0].customer_id: no Customer has id 99"])
            let values = try await mock.put("/customers/attribute-values", [["customer_id": 5, "attribute_id": 6, "value": "x"]])
            #expect(values.errors == ["[0].customer_id: no Customer has id 5", "[0].attribute_id: no Attribute has id 6"])
        }
    }

    @Test func emailIsUniquePerStoreIgnoringCase() async throws {
        try await withMock { (mock: MockClient) async throws in
            try await mock.createCustomer("jane@example.com")
            let reply = try await mock.post(
                "/customers",
                [
                    ["email": "JANE@example.com", "first_name": "J", "last_name": "D"],
                    ["email": "sam@example.com", "first_name": "S", "last_name": "D"],
                    ["email": "Sam@example.com", "first_name": "S", "last_name": "E"],
                ])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[0].email: is already used by Customer 1", "[2].email: is also used by [1] of this request"])
            #expect(try await mock.store("other").createCustomer("jane@example.com") == 1)
        }
    }

    @Test func attributeTypeIsImmutable() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            let reply = try await mock.put("/customers/attributes", [["id": .integer(hatSize), "type": "number"]])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[0].type: cannot be changed after create"])
        }
    }

    @Test func valuesMustParseAsTheirAttributesType() async throws {
        try await withMock { (mock: MockClient) async throws in
            let size = try await mock.createAttribute("Shoe Size", "number")
            let birthday = try await mock.createAttribute("Birthday", "date")
            let customer = try await mock.createCustomer("jane@example.com")
            let reply = try await mock.put(
                "/customers/attribute-values",
                [
                    ["customer_id": .integer(customer), "attribute_id": .integer(size), "value": "large"],
                    ["customer_id": .integer(customer), "attribute_id": .integer(birthday), "value": "1990-02-30"],
                ])
            #expect(reply.status == 422)
            #expect(
                reply.errors == [
                    "[0].value: must be a number: Attribute 1 (Shoe Size) has type number",
                    "[1].value: must be a date in the form YYYY-MM-DD: Attribute 2 (Birthday) has type date",
                ])
            let fine = try await mock.put(
                "/customers/attribute-values",
                [
                    ["customer_id": .integer(customer), "attribute_id": .integer(size), "value": "42.5"],
                    ["customer_id": .integer(customer), "attribute_id": .integer(birthday), "value": "1990-02-28"],
                ])
            #expect(fine.status == 200)
        }
    }

    @Test func aStoreHoldsAtMostFiftyAttributes() async throws {
        try await withMock { (mock: MockClient) async throws in
            for batch in 0..<5 {
                let items = JSONValue.array((0..<10).map { ["name": .string("Attribute \(batch * 10 + $0)"), "type": "string"] })
                #expect(try await mock.post("/customers/attributes", items).status == 200)
            }
            let reply = try await mock.post("/customers/attributes", [["name": "One too many", "type": "string"]])
            #expect(reply.status == 422)
            #expect(reply.errors == ["(root): would make 51 Attribute records; a store holds at most 50 and has 50"])
        }
    }

    @Test func deletingACustomerDeletesItsAddressesAndValues() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            let customer = try await mock.createCustomer(
                "jane@example.com",
                JSONObject([("addresses", [sydney]), ("attributes", [["attribute_id": .integer(hatSize), "attribute_value": "7"]])]))
            let other = try await mock.createCustomer("sam@example.com", JSONObject([("addresses", [sydney])]))
            #expect(try await mock.delete("/customers?id:in=\(customer)").status == 204)
            #expect(try await mock.get("/customers/addresses").data.compactMap { $0["customer_id"]?.intValue } == [other])
            #expect(try await mock.get("/customers/attribute-values").data.isEmpty)
        }
    }

    @Test func deletingAnAttributeDeletesItsValues() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            try await mock.createCustomer(
                "jane@example.com", JSONObject([("attributes", [["attribute_id": .integer(hatSize), "attribute_value": "7"]])]))
            #expect(try await mock.delete("/customers/attributes?id:in=\(hatSize)").status == 204)
            #expect(try await mock.get("/customers/attribute-values").data.isEmpty)
            #expect(try await mock.get("/customers").data.first?["attribute_count"] == 0)
        }
    }

    @Test func deleteWithoutIdInIs422AndDeletesNothing() async throws {
        try await withMock { (mock: MockClient) async throws in
            try await mock.createCustomer("jane@example.com")
            let reply = try await mock.delete("/customers")
            #expect(reply.status == 422)
            #expect(reply.errors == ["id:in: is required: name the records to delete; a delete never removes everything; e.g. id:in=1,2,3"])
            #expect(try await mock.get("/customers").data.count == 1)
        }
    }

    /// The repeated form generated clients send (`?id:in=1&id:in=2`) once answered 204 and
    /// deleted only the last id. On every resource it is a 422 that deletes nothing.
    @Test func repeatedOrMalformedSelectorIs422AndDeletesNothing() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            for path in ["/customers", "/customers/addresses", "/customers/attributes", "/customers/attribute-values"] {
                let before = try await mock.get("\(path)?limit=250").ids()
                try #require(before.count >= 2, "\(path) is seeded")
                for query in [
                    "id:in=\(before[0])&id:in=\(before[1])", "id:in=\(before[0]),", "id:in\(before[0])", "id:in=\(before[0])&id=2",
                ] {
                    let reply = try await mock.delete("\(path)?\(query)")
                    #expect(reply.status == 422, "DELETE \(path)?\(query)")
                    #expect(!reply.errors.isEmpty, "DELETE \(path)?\(query) names the problem")
                }
                #expect(try await mock.get("\(path)?limit=250").ids() == before, "\(path): nothing was deleted")
            }
        }
    }
}
