import JSONModel
import Testing

/// `POST /customers/validate-credentials` against passwords set through `authentication.new_password`.
@Suite struct MockCredentialsTests {
    func check(_ mock: MockClient, _ email: String, _ password: String, channel: Int? = nil) async throws -> Reply {
        var body = JSONObject([("email", .string(email)), ("password", .string(password))])
        if let channel { body["channel_id"] = .integer(channel) }
        return try await mock.post("/customers/validate-credentials", .object(body))
    }

    @Test func theLastPasswordSetIsTheValidOne() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer(
                "Jane@Example.com", JSONObject([("authentication", ["new_password": "correct horse"])]))
            #expect(try await check(mock, "jane@example.com", "correct horse").body == ["is_valid": true, "customer_id": .integer(jane)])
            #expect(try await check(mock, "jane@example.com", "battery staple").body == ["is_valid": false, "customer_id": nil])
            #expect(try await check(mock, "nobody@example.com", "correct horse").body == ["is_valid": false, "customer_id": nil])
            _ = try await mock.put("/customers", [["id": .integer(jane), "authentication": ["new_password": "battery staple"]]])
            #expect(try await check(mock, "jane@example.com", "correct horse").body?["is_valid"] == false)
            #expect(try await check(mock, "jane@example.com", "battery staple").body?["is_valid"] == true)
            // A customer whose password was never set cannot sign in with any.
            try await mock.createCustomer("sam@example.com")
            #expect(try await check(mock, "sam@example.com", "").status == 422)
            #expect(try await check(mock, "sam@example.com", "anything").body?["is_valid"] == false)
        }
    }

    @Test func aCustomerLimitedToChannelsSignsInOnlyThere() async throws {
        try await withMock { (mock: MockClient) async throws in
            try await mock.createCustomer(
                "jane@example.com", JSONObject([("authentication", ["new_password": "correct horse"]), ("channel_ids", [2])]))
            #expect(try await check(mock, "jane@example.com", "correct horse").body?["is_valid"] == false)
            #expect(try await check(mock, "jane@example.com", "correct horse", channel: 2).body?["is_valid"] == true)
        }
    }

    @Test func aCustomerOfEveryChannelSignsInWhereGlobalLoginsAreAllowed() async throws {
        try await withMock { (mock: MockClient) async throws in
            try await mock.createCustomer("jane@example.com", JSONObject([("authentication", ["new_password": "correct horse"])]))
            #expect(try await check(mock, "jane@example.com", "correct horse", channel: 1).body?["is_valid"] == true)
            #expect(try await check(mock, "jane@example.com", "correct horse", channel: 2).body?["is_valid"] == false)
            _ = try await mock.put("/customers/settings/channels/2", ["allow_global_logins": true])
            #expect(try await check(mock, "jane@example.com", "correct horse", channel: 2).body?["is_valid"] == true)
            _ = try await mock.put("/customers/settings/channels/1", ["allow_global_logins": false])
            #expect(try await check(mock, "jane@example.com", "correct horse", channel: 1).body?["is_valid"] == false)
            // Back to null: the default applies again.
            _ = try await mock.put("/customers/settings/channels/1", ["allow_global_logins": nil])
            #expect(try await check(mock, "jane@example.com", "correct horse").body?["is_valid"] == true)
        }
    }

    @Test func noAnswerEverShowsAPasswordOrItsHash() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            #expect(try await check(mock, "johndoe@example.com", "tempPassword1").body?["is_valid"] == true)
            let created = try await mock.post(
                "/customers",
                [
                    [
                        "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
                        "authentication": ["new_password": "correct horse"],
                    ]
                ])
            for reply in [created, try await mock.get("/customers?include=addresses,attributes,formfields,storecredit")] {
                let text = JSONWriter(pretty: false).string(reply.body ?? nil)
                #expect(!text.contains("correct horse") && !text.contains("tempPassword1") && !text.contains("sha256"))
            }
        }
    }

    @Test func responsesShowWhetherAResetIsForcedAndTheStoreKeepsNoPassword() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer(
                "jane@example.com", JSONObject([("authentication", ["force_password_reset": true, "new_password": "correct horse"])]))
            _ = try await mock.put("/customers", [["id": .integer(jane), "authentication": ["new_password": "battery staple"]]])
            let read = try #require(try await mock.get("/customers").data.first)
            #expect(read["authentication"] == ["force_password_reset": true])
            let export = try await mock.send(.get, "/_mock/stores/test-store", absolute: true)
            let stored = JSONWriter(pretty: false).string(export.body ?? nil)
            #expect(!stored.contains("correct horse") && !stored.contains("battery staple") && stored.contains("sha256$"))
        }
    }

    @Test func aBodyWithoutAPasswordIsRefused() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.post("/customers/validate-credentials", ["email": "jane@example.com"])
            #expect(reply.status == 422)
            #expect(reply.errors == ["password: is required"])
            #expect(try await mock.get("/customers/validate-credentials").status == 405)
        }
    }

    @Test func overARealSocket() async throws {
        try await withMock(.seeded(1), .live) { (mock: MockClient) async throws in
            #expect(try await check(mock, "JohnDoe@example.com", "tempPassword1").body == ["is_valid": true, "customer_id": 1])
        }
    }
}
