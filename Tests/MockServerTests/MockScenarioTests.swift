import JSONModel
import MockServer
import Testing

@Suite struct MockScenarioTests {
    /// The seed guide's attribute workflow, end to end.
    @Test func attributeWorkflowOfTheGuide() async throws {
        try await withMock(.seeded(3)) { base in
            let mock = base.store("workflow")
            let attribute = try await mock.post("/customers/attributes", [["name": "Favourite Colour", "type": "string"]])
            #expect(attribute.status == 200)
            let attributeID = try #require(attribute.ids().first)

            let created = try await mock.post(
                "/customers",
                [
                    [
                        "email": "jane.doe@example.com", "first_name": "Jane", "last_name": "Doe",
                        "attributes": [["attribute_id": .integer(attributeID), "attribute_value": "Teal"]],
                    ]
                ])
            #expect(created.status == 200)
            let customerID = try #require(created.ids().first)

            let read = try #require(try await mock.get("/customers?id:in=\(customerID)&include=attributes").data.first)
            #expect(read["attributes"]?.arrayValue?.first?["attribute_name"] == "Favourite Colour")
            #expect(read["attributes"]?.arrayValue?.first?["attribute_value"] == "Teal")

            let updated = try await mock.put(
                "/customers",
                [["id": .integer(customerID), "attributes": [["attribute_id": .integer(attributeID), "attribute_value": "Navy"]]]])
            #expect(updated.status == 200)

            let values = try await mock.get("/customers/attribute-values?attribute_id:in=\(attributeID)&customer_id:in=\(customerID)")
            #expect(values.data.map { $0["value"] } == ["Navy"])

            #expect(try await mock.delete("/customers/attributes?id:in=\(attributeID)").status == 204)
            #expect(try await mock.get("/customers/attribute-values?attribute_id:in=\(attributeID)").data.isEmpty)
            let after = try #require(try await mock.get("/customers?id:in=\(customerID)&include=attributes").data.first)
            #expect(after["attributes"] == [])
        }
    }

    /// The same server over a real loopback socket.
    @Test func smokeOverARealSocket() async throws {
        try await withMock(.seeded(1), .live) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers?id:in=1").data.first?["first_name"] == "John")
            let created = try await mock.post("/customers", [["email": "live@example.com", "first_name": "Live", "last_name": "Socket"]])
            #expect(created.status == 200)
            #expect(try await mock.send(.patch, "/customers").status == 405)
        }
    }
}
