import JSONModel
import MockServer
import Testing

/// Five customers in an empty store, for filters, sorting and paging.
private func withCustomers(_ test: @escaping @Sendable (MockClient) async throws -> Void) async throws {
    try await withMock { (mock: MockClient) async throws in
        let people: [(String, String, String, String)] = [
            ("ada@example.com", "Ada", "Lovelace", "Analytical"), ("grace@example.com", "Grace", "Hopper", "Navy"),
            ("alan@example.com", "Alan", "Turing", "Bletchley"), ("joan@example.com", "Joan", "Clarke", "Bletchley"),
            ("john@example.com", "John", "Doe", "BigCommerce"),
        ]
        let items = JSONValue.array(
            people.map { ["email": .string($0.0), "first_name": .string($0.1), "last_name": .string($0.2), "company": .string($0.3)] })
        #expect(try await mock.post("/customers", items).status == 200)
        try await test(mock)
    }
}

@Suite struct MockReadTests {
    /// `include_fields` answers each metafield with its id and the fields named; `direction=desc`
    /// turns the id order round; both are refused where they cannot hold.
    @Test func metafieldListsChooseFieldsAndDirection() async throws {
        try await withMock(.empty) { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer("jane@example.com")
            let made = try await mock.post(
                "/customers/metafields",
                .array(
                    (1...3).map {
                        [
                            "namespace": "App", "key": .string("k\($0)"), "value": "v", "permission_set": "read",
                            "resource_id": .integer(jane),
                        ]
                    }))
            #expect(made.status == 200)
            let shaped = try await mock.get("/customers/metafields?include_fields=key,value&direction=desc")
            #expect(shaped.ids() == [3, 2, 1])
            #expect(shaped.data.allSatisfy { $0.objectValue?.keys.sorted() == ["id", "key", "value"] })
            let scoped = try await mock.get("/customers/\(jane)/metafields?include_fields=namespace")
            #expect(scoped.data.first?.objectValue?.keys.sorted() == ["id", "namespace"])
            let wrong = try await mock.get("/customers/metafields?include_fields=kye&direction=up")
            #expect(
                wrong.errors == [
                    "include_fields: 'kye' is not a field of Metafield; choose from id, namespace, key, value, permission_set, description, resource_type, resource_id, date_created, date_modified; did you mean 'key'?",
                    "direction: must be asc or desc, got 'up'",
                ])
            #expect(try await mock.get("/customers/metafields?direction=desc&after=YzE6MQ").status == 422)
        }
    }

    @Test func inAndNotInFilters() async throws {
        try await withCustomers { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers?id:in=2,4,9").ids() == [2, 4])
            #expect(try await mock.get("/customers?id:not_in=1,2").ids() == [3, 4, 5])
            #expect(try await mock.get("/customers?company:in=Bletchley,Navy").ids() == [2, 3, 4])
            #expect(try await mock.get("/customers?email:in=ADA@example.com").ids() == [1])
        }
    }

    @Test func likeIsACaseInsensitiveSubstringOverTheFullName() async throws {
        try await withCustomers { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers?name:like=jo").ids() == [4, 5])
            #expect(try await mock.get("/customers?name:like=GRACE%20HOP").ids() == [2])
            #expect(try await mock.get("/customers?name:in=Alan%20Turing").ids() == [3])
        }
    }

    @Test func minAndMaxBoundTheValue() async throws {
        try await withCustomers { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers?id:min=2&id:max=3").ids() == [2, 3])
            #expect(try await mock.get("/customers?date_created:min=2026-01-02").ids().count == 5)
            #expect(try await mock.get("/customers?date_created:max=2026-01-01").ids().isEmpty)
            #expect(try await mock.get("/customers?date_created=2026-01-02T03:04:05Z").ids().count == 5)
        }
    }

    @Test func unknownFilterNamesTheValidOnes() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.get("/customers/addresses?customer_id=20")
            #expect(reply.status == 422)
            #expect(
                reply.errors == [
                    "customer_id: is not a valid filter; valid filters: id:in, customer_id:in, name:in, company:in; other parameters: page, limit, include; did you mean 'customer_id:in'?"
                ])
        }
    }

    @Test func malformedFilterValuesAreNamed() async throws {
        try await withMock { (mock: MockClient) async throws in
            #expect(
                try await mock.get("/customers/addresses?customer_id:in1,2,3").errors == [
                    "customer_id:in1,2,3: has no '=' before its value; did you mean 'customer_id:in=1,2,3'?"
                ])
            #expect(
                try await mock.get("/customers/addresses?customer_id:in=1,x").errors == [
                    "customer_id:in: 'x' is not an integer; use comma-separated integers, e.g. 1,2,3"
                ])
            #expect(try await mock.get("/customers?limit=251").errors == ["limit: must be a whole number from 1 to 250, got '251'"])
            #expect(try await mock.get("/customers?id:min=0").errors == ["id:min: must be at least 1"])
            #expect(try await mock.get("/customers?id:in=1,0").errors == ["id:in: value 2 must be at least 1"])
            #expect(try await mock.delete("/customers?id:in=1,0").errors == ["id:in: value 2 must be at least 1"])
            #expect(try await mock.delete("/customers?id:in=3000000000").errors == ["id:in: value 1 must be at most 2147483647"])
        }
    }

    @Test func pagesCarryPaginationAndLinks() async throws {
        try await withCustomers { (mock: MockClient) async throws in
            let reply = try await mock.get("/customers?limit=2&page=2")
            #expect(reply.ids() == [3, 4])
            #expect(
                reply.body?["meta"]?["pagination"] == [
                    "total": 5, "count": 2, "per_page": 2, "current_page": 2, "total_pages": 3,
                    "links": ["current": "?page=2&limit=2", "previous": "?page=1&limit=2", "next": "?page=3&limit=2"],
                ])
            #expect(try await mock.get("/customers?page=9999999999999999").data.isEmpty)
            #expect(try await mock.get("/customers").body?["meta"]?["pagination"]?["per_page"] == 50)
        }
    }

    @Test func sortOrdersByTheField() async throws {
        try await withCustomers { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers?sort=last_name:desc").ids() == [3, 1, 2, 5, 4])
            #expect(try await mock.get("/customers?sort=last_name").ids() == [4, 5, 2, 1, 3])
        }
    }

    @Test func includeEmbedsSubResourcesWithAttributeNames() async throws {
        try await withMock { (mock: MockClient) async throws in
            let hatSize = try await mock.createAttribute("Hat Size", "string")
            try await mock.createCustomer(
                "jane@example.com",
                JSONObject([("addresses", [sydney]), ("attributes", [["attribute_id": .integer(hatSize), "attribute_value": "7"]])]))
            let plain = try #require(try await mock.get("/customers").data.first)
            #expect(plain["addresses"] == nil && plain["attributes"] == nil)
            let full = try #require(try await mock.get("/customers?include=addresses,attributes").data.first)
            #expect(full["addresses"]?.arrayValue?.count == 1)
            #expect(
                full["attributes"] == [
                    [
                        "id": 1, "customer_id": 1, "attribute_id": 1, "attribute_name": "Hat Size", "attribute_value": "7",
                        "date_created": "2026-01-02T03:04:05Z", "date_modified": "2026-01-02T03:04:05Z",
                    ]
                ])
        }
    }
}

@Suite struct MockRoutingTests {
    @Test func unknownPathsAreJSON404s() async throws {
        try await withMock { (mock: MockClient) async throws in
            let outside = try await mock.send(.get, "/nowhere", absolute: true)
            #expect(outside.status == 404)
            #expect(outside.errors == ["path: must start with /stores/{store_hash}/v3, where store_hash is letters, digits, - or _"])
            let inside = try await mock.get("/customers/groups")
            #expect(inside.status == 404)
            #expect(inside.title.hasPrefix("There is no resource at /customers/groups."))
        }
    }

    @Test func undeclaredMethodIs405WithAllow() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.send(.patch, "/customers")
            #expect(reply.status == 405)
            #expect(reply.headers[.allow] == "GET, POST, PUT, DELETE")
            #expect(try await mock.send(.post, "/customers/attribute-values", body: []).headers[.allow] == "GET, PUT, DELETE")
        }
    }

    @Test func specIsServed() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.client.execute(uri: "/openapi.yaml", method: .get) { $0 }
            #expect(reply.status == .ok)
            #expect(String(buffer: reply.body).hasPrefix("openapi: 3.1.0\n"))
        }
    }

    @Test func storesAreIsolated() async throws {
        try await withMock { (mock: MockClient) async throws in
            try await mock.store("a").createCustomer("jane@example.com")
            #expect(try await mock.store("a").get("/customers").data.count == 1)
            #expect(try await mock.store("b").get("/customers").data.isEmpty)
        }
    }
}

@Suite struct MockSeedTests {
    @Test func aSeedDecidesTheWholeStore() async throws {
        var bodies: [String] = []
        for seed: UInt64 in [7, 7, 8] {
            bodies.append(
                try await withMock(.seeded(seed)) { (mock: MockClient) async throws in
                    let reply = try await mock.get("/customers?include=addresses,attributes&limit=250")
                    return JSONWriter(pretty: false).string(reply.body ?? nil)
                })
        }
        #expect(bodies[0] == bodies[1])
        #expect(bodies[0] != bodies[2])
    }

    @Test func seededStoresHoldTheRegistryExamples() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            let john = try #require(try await mock.get("/customers?id:in=1&include=attributes").data.first)
            #expect(john["email"] == "johndoe@example.com")
            #expect(john["attributes"]?.arrayValue?.first?["attribute_name"] == "Hat Size")
            #expect(try await mock.get("/customers/attributes?name=Hat%20Size").ids() == [1])
            #expect(try await mock.get("/customers").data.count > 5)
        }
    }

    @Test func emptyStoresStartBlank() async throws {
        try await withMock(.empty) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers").data.isEmpty)
            #expect(try await mock.createCustomer("jane@example.com") == 1)
        }
    }
}
