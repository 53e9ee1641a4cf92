import JSONModel
import MockServer
import Testing

/// Records reached under a parent record's path: a customer's metafields and stored instruments.
@Suite struct MockSubCollectionTests {
    let staffName: JSONValue = ["namespace": "Sales", "key": "Staff Name", "value": "Ronaldo", "permission_set": "app_only"]

    @Test func aCustomersMetafieldBelongsToTheCustomerThePathNames() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer("jane@example.com")
            let sam = try await mock.createCustomer("sam@example.com")
            let created = try await mock.post("/customers/\(jane)/metafields", staffName)
            #expect(created.status == 200)
            let metafield = try #require(created.body?["data"])
            #expect(metafield["resource_id"] == .integer(jane) && metafield["resource_type"] == "customer")
            #expect(metafield["description"] == "")
            let id = try #require(metafield["id"]?.intValue)
            #expect(try await mock.get("/customers/\(jane)/metafields/\(id)").body?["data"]?["value"] == "Ronaldo")
            // Another customer's path does not reach it, and a customer that does not exist is named.
            let elsewhere = try await mock.get("/customers/\(sam)/metafields/\(id)")
            #expect(elsewhere.status == 404 && elsewhere.errors == ["metafieldId: names no Metafield"])
            let missing = try await mock.get("/customers/999/metafields")
            #expect(missing.status == 404 && missing.errors == ["customerId: names no Customer"])
            #expect(try await mock.get("/customers/\(sam)/metafields").data.isEmpty)
            #expect(try await mock.get("/customers/\(jane)/metafields").ids() == [id])
        }
    }

    @Test func aKeyIsUniqueInItsNamespaceForEachCustomer() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer("jane@example.com")
            let sam = try await mock.createCustomer("sam@example.com")
            let first = try #require(try await mock.post("/customers/\(jane)/metafields", staffName).body?["data"]?["id"]?.intValue)
            let again = try await mock.post("/customers/\(jane)/metafields", staffName)
            #expect(again.status == 422)
            #expect(again.errors == ["(root): has the same `resource_id`, `namespace`, `key` as Metafield \(first)"])
            #expect(try await mock.post("/customers/\(sam)/metafields", staffName).status == 200)
            // In a batch, against the store and against earlier items alike; nothing is written.
            var other = staffName.objectValue ?? JSONObject()
            other["resource_id"] = .integer(sam)
            other["key"] = "Region"
            let batch = try await mock.post("/customers/metafields", [.object(other), .object(other)])
            #expect(batch.errors == ["[1]: has the same `resource_id`, `namespace`, `key` as [0] of this request"])
            #expect(try await mock.get("/customers/metafields?key=Region").data.isEmpty)
        }
    }

    @Test func anUpdateOnTheItemPathChangesOnlyWhatItSends() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer("jane@example.com")
            let id = try #require(try await mock.post("/customers/\(jane)/metafields", staffName).body?["data"]?["id"]?.intValue)
            let updated = try await mock.put("/customers/\(jane)/metafields/\(id)", ["value": "Roberto"])
            #expect(updated.status == 200)
            #expect(updated.body?["data"]?["value"] == "Roberto" && updated.body?["data"]?["key"] == "Staff Name")
            let moved = try await mock.put("/customers/\(jane)/metafields/\(id)", ["resource_id": 2])
            #expect(moved.status == 422)
            #expect(try await mock.send(.delete, "/customers/\(jane)/metafields/\(id)").status == 204)
            #expect(try await mock.get("/customers/metafields").data.isEmpty)
        }
    }

    @Test func deletingACustomerDeletesItsMetafieldsInstrumentsAndConsent() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers/1/metafields").data.count == 1)
            #expect(try await mock.get("/customers/1/stored-instruments").body?.arrayValue?.count == 3)
            #expect(try await mock.put("/customers/1/consent", ["allow": ["essential"]]).status == 200)
            #expect(try await mock.delete("/customers?id:in=1").status == 204)
            #expect(try await mock.get("/customers/metafields?id:in=1").data.isEmpty)
            let export = try await mock.send(.get, "/_mock/stores/test-store", absolute: true)
            #expect(export.body?["resources"]?["customer-stored-instruments"]?.arrayValue?.isEmpty == true)
            #expect(export.body?["singletons"]?["customer-consent"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func storedInstrumentsAreABareArrayAndReadOnly() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            let instruments = try #require(try await mock.get("/customers/1/stored-instruments").body?.arrayValue)
            #expect(instruments.map { $0["type"] } == ["stored_card", "stored_paypal_account", "stored_bank_account"])
            #expect(instruments.first?["#customerId"] == nil && instruments.first?["billing_address"]?["city"] == "Akron")
            #expect(try await mock.get("/customers/2/stored-instruments").body == [])
            let paged = try await mock.get("/customers/1/stored-instruments?page=2")
            #expect(paged.status == 422)
            let post = try await mock.post("/customers/1/stored-instruments", [:])
            #expect(post.status == 405 && post.headers[.allow] == "GET")
            #expect(try await mock.get("/customers/stored-instruments").status == 404)
        }
    }

    /// Generated records of a read-only sub-collection are whole (copies of the examples) and
    /// each belongs to a customer that exists.
    @Test func generatedInstrumentsBelongToCustomers() async throws {
        let configuration = MockApplication.Configuration(seeding: .seeded(7), records: 12, logLevel: .warning)
        try await withMock(configuration: configuration) { (mock: MockClient) async throws in
            var found = 0
            for customer in try await mock.get("/customers?limit=50").ids() {
                let instruments = try #require(try await mock.get("/customers/\(customer)/stored-instruments").body?.arrayValue)
                #expect(instruments.allSatisfy { $0["type"] != nil && $0["token"] != nil && $0["is_default"] != nil })
                found += instruments.count
            }
            #expect(found == 3 + 12)
        }
    }

    @Test func overARealSocket() async throws {
        try await withMock(.seeded(1), .live) { (mock: MockClient) async throws in
            let created = try await mock.post("/customers/1/metafields", staffName)
            #expect(created.status == 200)
            let id = try #require(created.body?["data"]?["id"]?.intValue)
            #expect(try await mock.get("/customers/1/metafields/\(id)").body?["data"]?["key"] == "Staff Name")
        }
    }
}

/// Objects at a path of their own: settings, a channel's settings, a customer's consent.
@Suite struct MockSingletonTests {
    @Test func settingsHoldDefaultsUntilWrittenAndAPutMergesOneObjectDown() async throws {
        try await withMock { (mock: MockClient) async throws in
            let fresh = try await mock.get("/customers/settings")
            #expect(
                fresh.body?["data"] == [
                    "privacy_settings": ["ask_shopper_for_tracking_consent": false, "policy_url": ""],
                    "customer_group_settings": ["guest_customer_group_id": 0, "default_customer_group_id": 0],
                ])
            _ = try await mock.put("/customers/settings", ["privacy_settings": ["policy_url": "https://example.com/privacy"]])
            let after = try await mock.put("/customers/settings", ["privacy_settings": ["ask_shopper_for_tracking_consent": true]])
            #expect(
                after.body?["data"]?["privacy_settings"] == [
                    "ask_shopper_for_tracking_consent": true, "policy_url": "https://example.com/privacy",
                ])
            let wrong = try await mock.put("/customers/settings", ["privacy_settings": ["ask_shopper_for_tracking_consent": "yes"]])
            #expect(wrong.status == 422)
            #expect(wrong.errors == ["privacy_settings.ask_shopper_for_tracking_consent: must be a boolean, got a string"])
            #expect(try await mock.put("/customers/settings", ["theme": "dark"]).status == 422)
            #expect(
                try await mock.get("/customers/settings").body?["data"]?["privacy_settings"]?["ask_shopper_for_tracking_consent"] == true)
        }
    }

    @Test func aChannelInheritsWhatItLeavesNull() async throws {
        try await withMock { (mock: MockClient) async throws in
            let channel = try await mock.get("/customers/settings/channels/2")
            #expect(channel.body?["data"]?["allow_global_logins"] == JSONValue.null)
            #expect(channel.body?["data"]?["privacy_settings"]?["policy_url"] == JSONValue.null)
            let set = try await mock.put(
                "/customers/settings/channels/2",
                ["privacy_settings": ["policy_url": "https://example.com/emea"], "allow_global_logins": false])
            #expect(set.body?["data"]?["privacy_settings"]?["policy_url"] == "https://example.com/emea")
            #expect(set.body?["data"]?["allow_global_logins"] == false)
            let dropped = try await mock.put("/customers/settings/channels/2", ["privacy_settings": ["policy_url": nil]])
            #expect(dropped.body?["data"]?["privacy_settings"]?["policy_url"] == JSONValue.null)
            #expect(dropped.body?["data"]?["allow_global_logins"] == false)
            // Channels are independent, and the store's settings did not change.
            #expect(try await mock.get("/customers/settings/channels/3").body?["data"]?["allow_global_logins"] == JSONValue.null)
            #expect(try await mock.get("/customers/settings").body?["data"]?["privacy_settings"]?["policy_url"] == "")
            let zero = try await mock.get("/customers/settings/channels/0")
            #expect(zero.status == 404 && zero.errors == ["channel_id: names no CustomerChannelSettings"])
        }
    }

    @Test func consentBelongsToACustomerAndCannotBothAllowAndDeny() async throws {
        try await withMock { (mock: MockClient) async throws in
            let jane = try await mock.createCustomer("jane@example.com")
            #expect(try await mock.get("/customers/\(jane)/consent").body == ["allow": [], "deny": []])
            let set = try await mock.put("/customers/\(jane)/consent", ["allow": ["essential", "functional"], "deny": ["targeting"]])
            #expect(set.body == ["allow": ["essential", "functional"], "deny": ["targeting"], "updated_at": "2026-01-02T03:04:05Z"])
            let both = try await mock.put("/customers/\(jane)/consent", ["deny": ["functional"]])
            #expect(both.status == 422 && both.errors == ["deny: lists 'functional', which `allow` lists too"])
            let repeated = try await mock.put("/customers/\(jane)/consent", ["allow": ["essential", "essential"]])
            #expect(repeated.status == 422)
            #expect(try await mock.get("/customers/\(jane)/consent").body?["deny"] == ["targeting"])
            let missing = try await mock.get("/customers/999/consent")
            #expect(missing.status == 404 && missing.errors == ["customerId: names no Customer"])
            #expect(try await mock.send(.delete, "/customers/\(jane)/consent").status == 405)
        }
    }

    @Test func aReadOnlyTokenCannotChangeSettings() async throws {
        let configuration = MockApplication.Configuration(
            seeding: .empty, options: .init(access: AccessPolicy(tokens: ["full"], readOnlyTokens: ["reader"])), logLevel: .warning)
        try await withMock(configuration: configuration) { (mock: MockClient) async throws in
            let reader = mock.with(token: "reader")
            #expect(try await reader.get("/customers/settings").status == 200)
            #expect(try await reader.put("/customers/settings", ["privacy_settings": ["policy_url": "x"]]).status == 403)
        }
    }

    @Test func overARealSocket() async throws {
        try await withMock(.seeded(1), .live) { (mock: MockClient) async throws in
            #expect(try await mock.put("/customers/1/consent", ["allow": ["essential"]]).status == 200)
            #expect(try await mock.get("/customers/1/consent").body?["allow"] == ["essential"])
        }
    }
}
