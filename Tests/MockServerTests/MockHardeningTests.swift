import CustomersAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSONModel
import MockServer
import OpenAPIEmitter
import Testing

private let guarded = MockApplication.Configuration(
    seeding: .seeded(1), options: .init(access: AccessPolicy(tokens: ["full"], readOnlyTokens: ["ro"])), logLevel: .warning)

@Suite struct MockAuthTests {
    @Test func requestsWithoutAValidTokenAre401() async throws {
        try await withMock(configuration: guarded) { (mock: MockClient) async throws in
            let missing = try await mock.get("/customers")
            #expect(missing.status == 401)
            #expect(missing.title == "Send an API token in the X-Auth-Token header.")
            #expect(missing.errors == ["X-Auth-Token: is missing"])
            let wrong = try await mock.with(token: "guess").get("/customers")
            #expect(wrong.status == 401)
            #expect(wrong.errors == ["X-Auth-Token: is not a valid token"])
            #expect(try await mock.with(token: "full").get("/customers").status == 200)
        }
    }

    @Test func aReadOnlyTokenReadsButCannotWrite() async throws {
        try await withMock(configuration: guarded) { (mock: MockClient) async throws in
            let reader = mock.with(token: "ro")
            #expect(try await reader.get("/customers?id:in=1").ids() == [1])
            let write = try await reader.post("/customers", [["email": "ro@example.com", "first_name": "R", "last_name": "O"]])
            #expect(write.status == 403)
            #expect(write.title == "POST /customers requires the store_v2_customers scope; this token does not have it.")
            #expect(write.errors == ["X-Auth-Token: lacks the store_v2_customers scope"])
            #expect(try await reader.delete("/customers?id:in=1").status == 403)
            #expect(try await reader.get("/customers?id:in=1").ids() == [1], "nothing was deleted")
            #expect(try await mock.with(token: "full").delete("/customers?id:in=1").status == 204)
        }
    }

    @Test func healthIsOpenAndAdminNeedsTheRightToken() async throws {
        try await withMock(configuration: guarded) { (mock: MockClient) async throws in
            #expect(try await mock.send(.get, "/_mock/health", absolute: true).body?["status"] == "ok")
            #expect(try await mock.send(.get, "/_mock/stores/a", absolute: true).status == 401)
            #expect(try await mock.with(token: "ro").send(.get, "/_mock/stores/a", absolute: true).status == 200)
            #expect(try await mock.with(token: "ro").send(.post, "/_mock/stores/a/reset", absolute: true).status == 403)
            #expect(try await mock.with(token: "full").send(.post, "/_mock/stores/a/reset", absolute: true).status == 204)
        }
    }
}

@Suite struct MockCORSTests {
    @Test func preflightsAreAnsweredAndResponsesReadable() async throws {
        try await withMock(configuration: guarded) { (mock: MockClient) async throws in
            let preflight = try await mock.send(
                .options, "/customers", bytes: nil,
                headers: [
                    .origin: "http://localhost:3000", .accessControlRequestMethod: "POST",
                    .accessControlRequestHeaders: "content-type, x-auth-token",
                ])
            #expect(preflight.status == 204, "a preflight needs no token")
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowMethods] == "GET, POST, PUT, DELETE, OPTIONS")
            #expect(preflight.headers[.accessControlAllowHeaders] == "content-type, accept, origin, x-auth-token, prefer")
            #expect(preflight.headers[.accessControlMaxAge] == "600")
            // A browser's request carries its origin; the answer lets it read the body and the headers that matter.
            let answer = try await mock.with(token: "full").send(
                .get, "/customers", bytes: nil, headers: [.origin: "http://localhost:3000"])
            #expect(answer.headers[.accessControlAllowOrigin] == "*")
            #expect(
                answer.headers[.accessControlExposeHeaders]
                    == "Allow, Location, X-Rate-Limit-Requests-Quota, X-Rate-Limit-Requests-Left, X-Rate-Limit-Time-Window-Ms, X-Rate-Limit-Time-Reset-Ms"
            )
            let refused = try await mock.send(.get, "/customers", bytes: nil, headers: [.origin: "http://localhost:3000"])
            #expect(refused.status == 401)
            #expect(refused.headers[.accessControlAllowOrigin] == "*", "an error's body is readable too")
        }
    }

    @Test func noCORSMeansNoHeadersAndNoPreflight() async throws {
        var configuration = guarded
        configuration.options.cors = false
        try await withMock(configuration: configuration) { (mock: MockClient) async throws in
            let preflight = try await mock.with(token: "full").send(
                .options, "/customers", bytes: nil, headers: [.origin: "http://x", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == 405)
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
        }
    }
}

@Suite struct MockAdminTests {
    @Test func exportShowsWritesAndResetStartsOver() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            let before = try await mock.send(.get, "/_mock/stores/\(mock.store)", absolute: true).body
            #expect(before?["resources"]?["customers"]?.arrayValue?.isEmpty == false)
            let id = try await mock.createCustomer("admin@example.com")
            let after = try await mock.send(.get, "/_mock/stores/\(mock.store)", absolute: true).body
            #expect(after?["resources"]?["customers"]?.arrayValue?.last?["id"] == .integer(id))
            #expect(try await mock.send(.post, "/_mock/stores/\(mock.store)/reset", absolute: true).status == 204)
            #expect(try await mock.send(.get, "/_mock/stores/\(mock.store)", absolute: true).body == before)
            #expect(try await mock.send(.get, "/_mock/stores/\(mock.store)/reset", absolute: true).status == 405)
            #expect(try await mock.send(.get, "/_mock/nothing", absolute: true).status == 404)
        }
    }
}

@Suite struct MockLimitTests {
    @Test func aBodyOverMaxBodyIs413() async throws {
        let configuration = MockApplication.Configuration(seeding: .empty, options: .init(maxBodySize: 100), logLevel: .warning)
        try await withMock(configuration: configuration) { (mock: MockClient) async throws in
            let reply = try await mock.send(.post, "/customers", bytes: Array(repeating: UInt8(ascii: " "), count: 101))
            #expect(reply.status == 413)
            #expect(reply.title == "The request body is larger than 100 bytes.")
        }
    }

    @Test func deepNestingAndLongStringsAre400() async throws {
        try await withMock { (mock: MockClient) async throws in
            let deep = try await mock.send(
                .post, "/customers", raw: String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
            #expect(deep.status == 400)
            #expect(deep.title == "The request body is not valid JSON: line 1, column 33: nesting deeper than 32 levels.")
            let long = "[{\"email\":\"" + String(repeating: "a", count: 70_000) + "@example.com\"}]"
            let reply = try await mock.send(.post, "/customers", raw: long)
            #expect(reply.status == 400)
            #expect(reply.title == "The request body is not valid JSON: line 1, column 11: string longer than 65536 bytes.")
        }
    }
}

/// The state file: what a restarted mock reads back, and how it refuses a damaged one.
@Suite struct MockPersistenceTests {
    func statePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("specsmith-state-\(UUID().uuidString).log").path
    }

    func configuration(_ path: String, seed: UInt64 = 1) -> MockApplication.Configuration {
        MockApplication.Configuration(seeding: .seeded(seed), statePath: path, logLevel: .warning)
    }

    @Test func writesSurviveARestart() async throws {
        let path = statePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let id = try await withMock(configuration: configuration(path)) { (mock: MockClient) async throws in
            let id = try await mock.createCustomer("kept@example.com")
            #expect(try await mock.delete("/customers?id:in=2").status == 204)
            #expect(try await mock.store("other").send(.post, "/_mock/stores/other/reset", absolute: true).status == 204)
            return id
        }
        try await withMock(configuration: configuration(path)) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers?email:in=kept@example.com").ids() == [id])
            #expect(try await mock.get("/customers?id:in=2").ids() == [])
            #expect(try await mock.createCustomer("next@example.com") == id + 1, "ids are not reused after a restart")
        }
    }

    @Test func aCutShortLastLineStopsStartUp() async throws {
        let path = statePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withMock(configuration: configuration(path)) { (mock: MockClient) async throws in
            try await mock.createCustomer("kept@example.com")
        }
        let whole = try #require(FileManager.default.contents(atPath: path))
        try whole.dropLast(5).write(to: URL(fileURLWithPath: path))
        let lines = whole.split(separator: UInt8(ascii: "\n")).count
        let keep = whole.count - 5 - (whole.dropLast(5).split(separator: UInt8(ascii: "\n")).last?.count ?? 0)
        #expect(throws: StateFileError.self) {
            try MockApplication.responder(spec: GeneratedSpec(registry: CustomersV3.registry), configuration: configuration(path))
        }
        do {
            _ = try MockApplication.responder(spec: GeneratedSpec(registry: CustomersV3.registry), configuration: configuration(path))
        } catch let error as StateFileError {
            #expect(
                error.description
                    == "\(path):\(lines): the last line is cut short: the mock stopped while writing it, so the request it records was never acknowledged. To start from the records before it, remove it: truncate -s \(keep) \(path)"
            )
        }
    }

    @Test func damageAndAnotherSeedingAreReportedWithTheLine() throws {
        let path = statePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = #"{"format":"specsmith-mock-state","api":"Customers V3 3.0.0","seeding":"seed 1"}"#
        try (header + "\n" + #"{"store":"a","tables":"#.appending("\n")).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StateFileError.self) {
            try MockApplication.responder(spec: GeneratedSpec(registry: CustomersV3.registry), configuration: configuration(path))
        }
        do {
            _ = try MockApplication.responder(spec: GeneratedSpec(registry: CustomersV3.registry), configuration: configuration(path))
        } catch let error as StateFileError {
            #expect(error.description.hasPrefix("\(path):2: not a JSON line (line 1, column 23: unexpected end of input"))
        }
        try (header + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try MockApplication.responder(
                spec: GeneratedSpec(registry: CustomersV3.registry), configuration: configuration(path, seed: 2))
            Issue.record("a state file written with seed 1 was accepted with seed 2")
        } catch let error as StateFileError {
            #expect(
                error.description
                    == #"\#(path):1: written with seeding "seed 1", but this mock has "seed 2"; start it the same way or use a new file"#)
        }
    }
}

/// Hostile and broken requests over a real socket: each gets its documented 4xx, the
/// server stays up, and the store is as it was.
@Suite struct MockBadInputTests {
    @Test func everyBadRequestIsRefusedAndChangesNothing() async throws {
        try await withMock(.seeded(1), .live) { (mock: MockClient) async throws in
            let export = "/_mock/stores/\(mock.store)"
            let before = try await mock.send(.get, export, absolute: true).body
            let manyIDs = (1...100_000).map(String.init).joined(separator: ",")
            let cases: [(name: String, status: Int, send: @Sendable () async throws -> Reply)] = [
                ("malformed JSON", 400, { try await mock.send(.post, "/customers", raw: "[{\"email\": ") }),
                ("an object where an array is required", 422, { try await mock.send(.post, "/customers", raw: #"{"email":"a@b.co"}"#) }),
                (
                    "invalid UTF-8", 400,
                    { try await mock.send(.post, "/customers", bytes: Array(#"[{"email":""#.utf8) + [0xFF, 0xFE] + Array(#""}]"#.utf8)) }
                ),
                (
                    "10,000 levels of nesting", 400,
                    {
                        try await mock.send(
                            .post, "/customers", raw: String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
                    }
                ),
                (
                    "a 10 MiB body", 413,
                    { try await mock.send(.post, "/customers", bytes: Array(repeating: UInt8(ascii: " "), count: 10 << 20)) }
                ),
                (
                    "a number out of range", 422,
                    {
                        try await mock.send(
                            .post, "/customers", raw: #"[{"email":"n@b.co","first_name":"N","last_name":"R","customer_group_id":1e300}]"#)
                    }
                ),
                (
                    "an id out of range", 422,
                    { try await mock.send(.put, "/customers", raw: #"[{"id":99999999999999999999,"notes":"x"}]"#) }
                ),
                ("the wrong Content-Type", 415, { try await mock.send(.post, "/customers", raw: "[]", contentType: "text/plain") }),
                ("an unknown method", 405, { try await mock.send(.patch, "/customers") }),
                ("a negative page", 422, { try await mock.get("/customers?page=-1") }),
                ("an absurd page", 422, { try await mock.get("/customers?page=99999999999999999999999") }),
                ("an absurd limit", 422, { try await mock.get("/customers?limit=1000000000") }),
                ("a filter of 100,000 ids", 422, { try await mock.get("/customers?id:in=\(manyIDs)") }),
                ("a delete of 100,000 ids", 422, { try await mock.delete("/customers?id:in=\(manyIDs)") }),
            ]
            for item in cases {
                let reply = try await item.send()
                #expect(reply.status == item.status, "\(item.name): \(reply.status) \(reply.title)")
                #expect(reply.body?["title"]?.stringValue?.isEmpty == false, "\(item.name) has a JSON error body")
            }
            #expect(try await mock.send(.get, export, absolute: true).body == before)
            #expect(try await mock.send(.get, "/_mock/health", absolute: true).status == 200)
        }
    }
}

@Suite struct MockConcurrencyTests {
    /// The email rule holds under concurrent clients: one create wins, the rest are 422.
    @Test func thirtyTwoClientsRaceForOneEmail() async throws {
        try await withMock(.empty, .live) { (mock: MockClient) async throws in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        try await mock.post(
                            "/customers", [["email": "race@example.com", "first_name": .string("R\(index)"), "last_name": "C"]]
                        )
                        .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 422 }.count == 31)
            let stored = try await mock.get("/customers?limit=250")
            #expect(stored.data.count == 1)
        }
    }

    /// Batches to different stores at once land each in its own store, whole.
    @Test func concurrentBatchesToDifferentStoresDoNotInterfere() async throws {
        try await withMock(.empty, .live) { (mock: MockClient) async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in 0..<8 {
                    for batch in 0..<5 {
                        group.addTask {
                            let items: [JSONValue] = (0..<10).map { item in
                                ["email": .string("s\(store)b\(batch)i\(item)@example.com"), "first_name": "C", "last_name": "D"]
                            }
                            let reply = try await mock.store("store-\(store)").post("/customers", .array(items))
                            #expect(reply.status == 200)
                        }
                    }
                }
                try await group.waitForAll()
            }
            for store in 0..<8 {
                let listed = try await mock.store("store-\(store)").get("/customers?limit=250")
                #expect(listed.data.count == 50)
                #expect(Set(listed.data.compactMap { $0["email"]?.stringValue }).allSatisfy { $0.hasPrefix("s\(store)b") })
            }
        }
    }
}

@Suite struct MockRateLimitTests {
    private static let limited = MockApplication.Configuration(
        seeding: .seeded(1), options: .init(rateLimit: RateLimiting(quota: 2, windowMilliseconds: 60_000)), logLevel: .warning)

    @Test func overTheQuotaIsA429WithTheRegistrysHeadersAndChangesNothing() async throws {
        try await withMock(configuration: Self.limited) { (mock: MockClient) async throws in
            let first = try await mock.get("/customers?id:in=1")
            #expect(first.status == 200)
            #expect(first.headers[HTTPField.Name("X-Rate-Limit-Requests-Quota")!] == "2")
            #expect(first.headers[HTTPField.Name("X-Rate-Limit-Requests-Left")!] == "1")
            #expect(first.headers[HTTPField.Name("X-Rate-Limit-Time-Window-Ms")!] == "60000")
            #expect(try await mock.get("/customers?id:in=1").status == 200)
            let refused = try await mock.post("/customers", [["email": "over@example.com", "first_name": "O", "last_name": "Ver"]])
            #expect(refused.status == 429)
            #expect(refused.title.hasPrefix("Too many requests: the limit is 2 requests per 60 s. Try again in "))
            #expect(refused.headers[HTTPField.Name("X-Rate-Limit-Requests-Left")!] == "0")
            let reset = Int(refused.headers[HTTPField.Name("X-Rate-Limit-Time-Reset-Ms")!] ?? "") ?? 0
            #expect((1...60_000).contains(reset))
            let fromBrowser = try await mock.send(.get, "/customers", bytes: nil, headers: [.origin: "http://localhost:3000"])
            #expect(fromBrowser.status == 429)
            #expect(fromBrowser.headers[.accessControlExposeHeaders]?.contains("X-Rate-Limit-Time-Reset-Ms") == true)
            // Another store has its own quota, and the refused create wrote nothing.
            let other = mock.store("another")
            #expect(try await other.get("/customers?email:in=over@example.com").data.isEmpty)
        }
    }

    @Test func theLimitIsParsedFromTheCommandLine() {
        #expect(RateLimiting(parsing: "5/s") == RateLimiting(quota: 5, windowMilliseconds: 1000))
        #expect(RateLimiting(parsing: "300/min") == RateLimiting(quota: 300, windowMilliseconds: 60_000))
        #expect(RateLimiting(parsing: "150/30s") == RateLimiting(quota: 150, windowMilliseconds: 30_000))
        #expect(RateLimiting(parsing: "10/500ms") == RateLimiting(quota: 10, windowMilliseconds: 500))
        for bad in ["5", "0/s", "five/s", "5/hour", "5/0s", "-1/s", "/s"] {
            #expect(RateLimiting(parsing: bad) == nil, "\(bad)")
        }
    }
}
