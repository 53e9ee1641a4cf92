import JSONModel
import MockServer
import Testing

@Suite struct MockWriteTests {
    @Test func objectBodyIsRejectedAtTheRoot() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.post("/customers", ["email": "jane@example.com", "first_name": "Jane", "last_name": "Doe"])
            #expect(reply.status == 422)
            #expect(reply.errors == ["(root): must be an array, got an object"])
        }
    }

    @Test func malformedJSONIs400WithLineAndColumn() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.send(.post, "/customers", raw: "[{\"email\": ")
            #expect(reply.status == 400)
            #expect(reply.errors == ["(root): is not valid JSON: line 1, column 12: unexpected end of input, expected a value"])
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.send(.post, "/customers", raw: "[]", contentType: "text/plain")
            #expect(reply.status == 415)
            #expect(reply.errors == ["Content-Type: must be application/json"])
        }
    }

    @Test func batchOverTheLimitIs413() async throws {
        try await withMock { (mock: MockClient) async throws in
            let items = JSONValue.array((0..<11).map { ["name": .string("Attribute \($0)"), "type": "string"] })
            let reply = try await mock.post("/customers/attributes", items)
            #expect(reply.status == 413)
            #expect(reply.title == "Batch of 11 items is too large; the limit is 10 per request.")
            #expect(try await mock.get("/customers/attributes").data.isEmpty)
        }
    }

    @Test func oneInvalidItemRejectsTheWholeBatch() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.post(
                "/customers",
                [
                    ["email": "a@example.com", "first_name": "A", "last_name": "One"],
                    ["email": "b@example.com", "first_name": "B", "last_name": "Two"],
                    ["email": "not-an-email", "first_name": "", "last_name": "Three"],
                ])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[2].email: must be an email address", "[2].first_name: must not be empty"])
            #expect(try await mock.get("/customers").data.isEmpty)
        }
    }

    @Test func serverSetFieldsAreNamedWhenSent() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.post(
                "/customers",
                [["id": 7, "email": "a@example.com", "first_name": "A", "last_name": "B", "date_created": "2020-01-01T00:00:00Z"]])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[0].id: is read-only and cannot be sent", "[0].date_created: is read-only and cannot be sent"])
        }
    }

    @Test func misspeltFieldGetsASuggestion() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.post(
                "/customers", [["email": "a@example.com", "first_name": "A", "last_name": "B", "compnay": "Acme"]])
            #expect(reply.errors == ["[0].compnay: unknown field 'compnay'; did you mean 'company'?"])
        }
    }

    @Test func createsACustomerWithAddressesAndAttributeValues() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            let reply = try await mock.post(
                "/customers",
                [
                    [
                        "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe", "addresses": [sydney],
                        "attributes": [["attribute_id": .integer(hatSize), "attribute_value": "7"]],
                    ]
                ])
            #expect(reply.status == 200)
            let customer = try #require(reply.data.first)
            #expect(customer["id"] == 1)
            #expect(customer["address_count"] == 1)
            #expect(customer["attribute_count"] == 1)
            #expect(customer["addresses"]?.arrayValue?.first?["customer_id"] == 1)
            #expect(customer["attributes"]?.arrayValue?.first?["attribute_name"] == "Hat Size")
            #expect(customer["date_created"] == "2026-01-02T03:04:05Z")
            #expect(reply.body?["meta"] == [:])
        }
    }

    @Test func updateChangesOnlyTheFieldsSent() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer("jane@example.com", JSONObject([("company", "Acme")]))
            let address = try await mock.post(
                "/customers/addresses", [.object((sydney.objectValue ?? JSONObject()).merging("customer_id", customer))]
            ).ids()[0]
            let reply = try await mock.put("/customers/addresses", [["id": .integer(address), "address1": "555 East Street"]])
            #expect(reply.status == 200)
            #expect(reply.data.first?["address1"] == "555 East Street")
            #expect(reply.data.first?["phone"] == "1234567890")
            #expect(try await mock.put("/customers", [["id": .integer(customer), "phone": "5550123"]]).data.first?["company"] == "Acme")
        }
    }

    @Test func updateRefusesFieldsItCannotChange() async throws {
        try await withMock { (mock: MockClient) async throws in
            let customer = try await mock.createCustomer("jane@example.com")
            let reply = try await mock.put("/customers", [["id": .integer(customer), "registration_ip_address": "1.2.3.4"]])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[0].registration_ip_address: can only be set on create"])
        }
    }

    @Test func updateOfAnUnknownRecordIs422() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.put("/customers", [["id": 99, "phone": "1"]])
            #expect(reply.status == 422)
            #expect(reply.errors == ["[0].id: no Customer has id 99"])
        }
    }

    @Test func updateUpsertsAttributeValues() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            let customer = try await mock.createCustomer(
                "jane@example.com", JSONObject([("attributes", [["attribute_id": .integer(hatSize), "attribute_value": "7"]])]))
            _ = try await mock.put(
                "/customers", [["id": .integer(customer), "attributes": [["attribute_id": .integer(hatSize), "attribute_value": "8"]]]])
            let values = try await mock.get("/customers/attribute-values").data
            #expect(values.count == 1)
            #expect(values.first?["value"] == "8")
        }
    }

    @Test func attributeValuesUpsertByCustomerAndAttribute() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            let customer = try await mock.createCustomer("jane@example.com")
            let first = try await mock.put(
                "/customers/attribute-values", [["customer_id": .integer(customer), "attribute_id": .integer(hatSize), "value": "7"]])
            let second = try await mock.put(
                "/customers/attribute-values", [["customer_id": .integer(customer), "attribute_id": .integer(hatSize), "value": "8"]])
            #expect(first.ids() == second.ids())
            #expect(second.data.first?["value"] == "8")
            #expect(try await mock.get("/customers/attribute-values").data.count == 1)
        }
    }
}

extension JSONObject {
    func merging(_ key: String, _ value: Int) -> JSONObject {
        var copy = self
        copy[key] = .integer(value)
        return copy
    }
}
