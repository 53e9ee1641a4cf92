import APIRegistry
import HTTPTypes
import JSONModel
import MockServer
import OpenAPIEmitter
import SpecLint
import TestRegistries
import Testing

private let library = MockApplication.Configuration(
    seeding: .seeded(1), options: .init(access: AccessPolicy(tokens: ["full"], readOnlyTokens: ["ro"])), logLevel: .warning)

/// Runs `test` on a mock of the Library registry (or a variant of it): served under /{tenant}/v2,
/// bearer tokens.
func withLibrary(
    _ registry: Registry = Library.registry, _ test: @escaping @Sendable (MockClient) async throws -> Void
) async throws {
    try await withMock(configuration: library, registry: registry) { (mock: MockClient) async throws in
        var client = mock
        client.prefix = "/{store}/v2"
        client.store = "main"
        client.tokenHeader = "Authorization"
        client.tokenPrefix = "Bearer "
        client.token = "full"
        try await test(client)
    }
}

/// The mock of an API of another style than Customers: every behaviour comes from its registry.
@Suite struct LibraryMockTests {
    /// Reviews live under their book's path; a review of another book is not found there.
    @Test func reviewsLiveUnderTheirBook() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let created = try await mock.post("/books/2/reviews", ["stars": 4])
            #expect(created.status == 201 && created.body?["book_id"] == 2 && created.body?["text"] == "")
            #expect(created.headers[.location] == "reviews/2")
            #expect(try await mock.get("/books/2/reviews/2").body?["stars"] == 4)
            #expect(try await mock.get("/books/1/reviews/2").status == 404)
            #expect(try await mock.get("/books/1/reviews?stars:min=5").data.map { $0["id"] } == [1])
            let missing = try await mock.get("/books/99/reviews")
            #expect(missing.status == 404 && missing.body?["detail"]?.stringValue?.contains("bookId 99") == true)
            #expect(try await mock.send(.delete, "/books/2").status == 204)
            #expect(try await mock.get("/books/2/reviews/2").status == 404)
        }
    }

    /// An action on a record under its parent's path: the spec names both parameters, and the
    /// mock performs it only on a record of that parent.
    @Test func anActionOnAReviewIsUnderItsBook() async throws {
        let flag = Action(
            "flag", onItem: true, summary: "Flag a review", description: "Marks a review for the moderators.",
            request: Model(
                "Flag", description: "Why.", fields: [Field("reason", .string(minLength: 1, maxLength: 80), "Why.", requiredIn: [.create])]),
            requestExample: ["reason": "spoilers"], invalidExample: ["reason": ""]
        ) { context in .update(JSONObject([("text", .string("flagged: \(context.body["reason"]?.stringValue ?? "")"))])) }
        let reviews = Library.registry.resources[2]
        let registry = Registry(
            info: Library.registry.info, pagination: Library.registry.pagination,
            resources: Array(Library.registry.resources.prefix(2)) + [
                Resource(
                    name: reviews.name, path: reviews.path, tag: reviews.tag, operationNoun: reviews.operationNoun,
                    description: reviews.description, model: reviews.model, operations: reviews.operations, filters: reviews.filters,
                    relations: reviews.relations, itemParameter: reviews.itemParameter, actions: [flag], parent: reviews.parent)
            ],
            recordEnvelope: .bare)
        let spec = try GeneratedSpec(registry: registry)
        let item = try #require(spec.document.paths["/books/{bookId}/reviews/{reviewId}/flag"]?.b)
        #expect(item.parameters.compactMap { $0.b?.name } == ["bookId", "reviewId"])
        try await withLibrary(registry) { (client: MockClient) async throws in
            let flagged = try await client.post("/books/1/reviews/1/flag", ["reason": "spoilers"])
            #expect(flagged.status == 200 && flagged.body?["text"] == "flagged: spoilers")
            #expect(try await client.post("/books/2/reviews/1/flag", ["reason": "spoilers"]).status == 404)
            #expect(try await client.post("/books/99/reviews/1/flag", ["reason": "spoilers"]).status == 404)
        }
    }

    /// `Prefer: code=…` asks an operation served from records for a response its spec declares,
    /// as Prism answers it: the declared example, nothing read or written. A success code is the
    /// operation itself; a code the operation does not declare is refused.
    @Test func preferAsksForADeclaredResponse() async throws {
        let spec = try GeneratedSpec(registry: Library.registry)
        try await withLibrary { (mock: MockClient) async throws in
            func send(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue?, prefer: String) async throws -> Reply {
                try await mock.send(
                    method, path, bytes: body.map { Array(JSONWriter(pretty: false).string($0).utf8) },
                    headers: [HTTPField.Name("Prefer")!: prefer])
            }
            let missing = try await send(.get, "/books/1", nil, prefer: "code=404")
            #expect(missing.status == 404)
            #expect(missing.body == spec.contract.example(method: "GET", path: "/books/{bookId}", status: "404"))
            let before = try await mock.get("/books").data.count
            let refused = try await send(.post, "/books", ["title": "Kept out", "author_id": 1], prefer: "code=422")
            #expect(refused.status == 422 && refused.body == spec.contract.example(method: "POST", path: "/books", status: "422"))
            #expect(try await mock.get("/books").data.count == before)
            #expect(try await send(.get, "/books/1", nil, prefer: "code=503").status == 503)
            #expect(try await send(.get, "/books/1", nil, prefer: "code=200").body?["title"] == "The Dispossessed")
            let undeclared = try await send(.get, "/books/1", nil, prefer: "code=418")
            #expect(
                undeclared.status == 422
                    && undeclared.errors.first?.hasPrefix("Prefer: GET /books/{bookId} declares no response 418") == true)
            #expect(
                try await send(.get, "/books/1", nil, prefer: "code=abc").errors == [
                    "Prefer: code must be an HTTP status such as 404, got 'abc'"
                ])
        }
    }

    /// One object for the whole library: defaults until written, a merge one object down.
    @Test func settingsAreOneObject() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            #expect(try await mock.get("/settings").body == ["loan_days": 14, "late_fee": ["amount": 0.5, "currency": "EUR"]])
            let changed = try await mock.put("/settings", ["late_fee": ["currency": "USD"]])
            #expect(changed.body == ["loan_days": 14, "late_fee": ["amount": 0.5, "currency": "USD"]])
            #expect(try await mock.put("/settings", ["loan_days": 0]).status == 422)
            #expect(try await mock.send(.post, "/settings", body: [:]).headers[.allow] == "GET, PUT")
        }
    }

    /// Authors page by cursor, or by page number: the answer says which.
    @Test func authorsPageEitherWay() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            for name in ["Octavia E. Butler", "N. K. Jemisin", "Iain M. Banks"] {
                _ = try await mock.post("/authors", ["name": .string(name)])
            }
            let byCursor = try await mock.get("/authors")
            #expect(byCursor.data.count == 2 && byCursor.body?["meta"]?["cursor"]?["next"] != nil)
            let byPage = try await mock.get("/authors?page=2")
            #expect(byPage.data.map { $0["id"] } == [3, 4] && byPage.body?["meta"]?["pagination"]?["total"] == 4)
            let next = try #require(byCursor.body?["meta"]?["cursor"]?["next"]?.stringValue)
            #expect(try await mock.get("/authors?after=\(next)").data.map { $0["id"] } == [3, 4])
            let both = try await mock.get("/authors?page=2&after=\(next)")
            #expect(both.status == 422)
            #expect(try await mock.get("/books?page=2").status == 422, "books page by cursor only")
        }
    }

    @Test func routesFollowTheServerURLsPath() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            #expect(try await mock.get("/books/1").status == 200)
            #expect(try await mock.store("branch-2").get("/books/1").status == 200, "each tenant is a store of its own")
            let elsewhere = try await mock.send(.get, "/stores/main/v3/books", absolute: true)
            #expect(elsewhere.status == 404)
            #expect(
                elsewhere.body?["detail"]?.stringValue
                    == "There is nothing at /stores/main/v3/books. The API is served under /{tenant}/v2, the spec at /openapi.yaml, the guides at /docs/."
            )
        }
    }

    /// A browser may send PATCH, which this API declares (Customers V3 does not).
    @Test func preflightsOfferTheAPIsOwnMethods() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let preflight = try await mock.send(
                .options, "/books/1", bytes: nil, headers: [.origin: "http://localhost:3000", .accessControlRequestMethod: "PATCH"])
            #expect(preflight.status == 204)
            #expect(preflight.headers[.accessControlAllowMethods] == "GET, POST, PATCH, DELETE, OPTIONS")
            #expect(
                preflight.headers[.accessControlAllowHeaders] == "content-type, accept, origin, authorization, prefer",
                "the bearer token's header")
        }
    }

    @Test func aBearerTokenIsRead() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            #expect(try await mock.with(token: "ro").get("/books/1").status == 200)
            #expect(try await mock.with(token: "ro").send(.delete, "/books/1").status == 403)
            var wrongScheme = mock
            wrongScheme.tokenPrefix = "Basic "
            #expect(try await wrongScheme.get("/books/1").status == 401)
            var otherHeader = mock
            otherHeader.tokenHeader = "X-Auth-Token"
            otherHeader.tokenPrefix = ""
            #expect(try await otherHeader.get("/books/1").status == 401)
        }
    }

    @Test func oneRecordIsReadBareAndAMissingOneIsAProblem() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let book = try await mock.get("/books/1")
            #expect(book.body?["title"] == "The Dispossessed")
            #expect(book.body?["edition"] == ["pages": 387, "language": "en"])
            #expect(book.body?["data"] == nil, "this registry shows records bare")
            let missing = try await mock.get("/books/99")
            #expect(missing.status == 404)
            #expect(missing.headers[.contentType] == "application/problem+json; charset=utf-8")
            #expect(
                missing.body
                    == [
                        "type": "https://api.library.example/problems/not-found", "title": "Not found", "status": 404,
                        "detail": "There is no Book with bookId 99.", "errors": ["bookId": "names no Book"],
                    ])
            #expect(try await mock.get("/books/first").status == 404)
        }
    }

    @Test func aSingleObjectCreateAnswers201WithItsLocationAndDefaults() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let created = try await mock.post("/books", ["title": "The Lathe of Heaven", "author_id": 1])
            #expect(created.status == 201)
            #expect(created.headers[.location] == "books/4")
            #expect(created.body?["id"] == 4)
            #expect(created.body?["status"] == "available", "the field's default")
            #expect(created.body?["date_created"] == "2026-01-02T03:04:05Z")
            #expect(try await mock.get("/books/4").body?["title"] == "The Lathe of Heaven")

            let array = try await mock.post("/books", [["title": "X", "author_id": 1]])
            #expect(array.status == 422)
            #expect(array.body?["errors"] == ["(root)": "must be an object, got an array"])
            let noAuthor = try await mock.post("/books", ["title": "X", "author_id": 99])
            #expect(noAuthor.status == 422)
            #expect(noAuthor.body?["errors"] == ["author_id": "no Author has id 99"])
            #expect(try await mock.get("/books?limit=20").data.count == 4, "refused creates wrote nothing")
        }
    }

    @Test func patchChangesOnlyTheFieldsSent() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let changed = try await mock.send(.patch, "/books/1", body: ["status": "lent"])
            #expect(changed.status == 200)
            #expect(changed.body?["status"] == "lent")
            #expect(changed.body?["title"] == "The Dispossessed")
            #expect(changed.body?["date_modified"] == "2026-01-02T03:04:05Z")
            let identifier = try await mock.send(.patch, "/books/1", body: ["id": 5])
            #expect(identifier.status == 422)
            #expect(identifier.body?["errors"] == ["id": "is read-only and cannot be sent"])
            let badValue = try await mock.send(.patch, "/books/1", body: ["status": "burnt"])
            #expect(badValue.body?["errors"] == ["status": "must be one of: available, lent, lost"])
            #expect(try await mock.send(.patch, "/books/99", body: ["status": "lent"]).status == 404)
            #expect(try await mock.get("/books/1").body?["status"] == "lent")
        }
    }

    @Test func deletingOneRecordHonoursRestrictRelations() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let blocked = try await mock.delete("/authors/1")
            #expect(blocked.status == 422)
            #expect(try await mock.get("/authors/1").status == 200)
            #expect(try await mock.delete("/books/1").status == 204)
            #expect(try await mock.get("/books/1").status == 404)
            #expect(try await mock.delete("/books/1").status == 404)
            let wrongMethod = try await mock.send(.put, "/books/2", body: ["title": "X"])
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers[.allow] == "GET, PATCH, DELETE")
        }
    }

    @Test func listsPageByCursor() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let first = try await mock.get("/books")
            #expect(first.ids() == [1, 2])
            let next = try #require(first.body?["meta"]?["cursor"]?["next"]?.stringValue)
            #expect(first.body?["meta"]?["cursor"]?["previous"] == nil)
            let second = try await mock.get("/books?after=\(next)")
            #expect(second.ids() == [3])
            #expect(second.body?["meta"]?["cursor"]?["next"] == nil)
            let previous = try #require(second.body?["meta"]?["cursor"]?["previous"]?.stringValue)
            #expect(try await mock.get("/books?before=\(previous)").ids() == [1, 2])
            #expect(try await mock.get("/books?status=lent").ids() == [2])
            let forged = try await mock.get("/books?after=42")
            #expect(forged.status == 422)
            #expect(
                forged.body?["errors"] == [
                    "after": "is not a cursor this API gave; send the `meta.cursor.next` or `meta.cursor.previous` of a list"
                ])
            #expect(try await mock.get("/books?page=2").status == 422, "page is not how this API pages")
        }
    }

    /// A registry whose cursor meta gives a page's edges and links (`meta.cursor_pagination`):
    /// they lead forward and back, and a page asked for by number has none.
    @Test func cursorMetaWithEdgesLeadsBothWays() async throws {
        let base = Library.registry
        let limits = base.pagination
        let registry = Registry(
            info: base.info,
            pagination: Pagination(
                defaultLimit: limits.defaultLimit, maxLimit: limits.maxLimit, style: .page, cursorMeta: .edges("cursor_pagination")),
            resources: base.resources, singletons: base.singletons)
        try await withLibrary(registry) { (mock: MockClient) async throws in
            for name in ["Ursula", "Octavia", "Tove"] { _ = try await mock.post("/authors", ["name": .string(name)]) }
            let first = try await mock.get("/authors?limit=2")
            let cursors = try #require(first.body?["meta"]?["cursor_pagination"])
            #expect(first.body?["meta"]?["pagination"] == nil, "authors page by cursor first")
            #expect(cursors["links"]?["previous"] == nil && cursors["count"] == 2)
            let end = try #require(cursors["end_cursor"]?.stringValue)
            #expect(cursors["links"]?["next"]?.stringValue == "?after=\(end)&limit=2")
            let second = try await mock.get("/authors?after=\(end)&limit=2")
            #expect(second.ids() == first.ids().map { $0 + 2 })
            #expect(second.body?["meta"]?["pagination"] == nil)
            let start = try #require(second.body?["meta"]?["cursor_pagination"]?["start_cursor"]?.stringValue)
            #expect(second.body?["meta"]?["cursor_pagination"]?["links"]?["previous"]?.stringValue == "?before=\(start)&limit=2")
            #expect(try await mock.get("/authors?before=\(start)&limit=2").ids() == first.ids())
            // Asked for by page number, a later page gives no cursors: they belong to the first.
            #expect(try await mock.get("/authors?page=2&limit=2").body?["meta"]?["cursor_pagination"] == nil)
        }
    }
}

@Suite struct LibraryActionTests {
    @Test func anItemActionChangesTheRecordOrIsRefused() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let lent = try await mock.post("/books/1/lend", ["borrower": "Ada", "days": 14])
            #expect(lent.status == 200)
            #expect(lent.body?["status"] == "lent")
            #expect(lent.body?["borrower"] == "Ada")
            let again = try await mock.post("/books/1/lend", ["borrower": "Grace", "days": 7])
            #expect(again.status == 422)
            #expect(again.body?["errors"] == ["(root)": "the book is lent; only an available book can be lent"])
            #expect(try await mock.get("/books/1").body?["borrower"] == "Ada", "a refusal changes nothing")
            #expect(try await mock.post("/books/3/lend", ["borrower": "Ada", "days": 0]).body?["errors"] == ["days": "must be at least 1"])
            #expect(try await mock.post("/books/99/lend", ["borrower": "Ada", "days": 1]).status == 404)
            #expect(try await mock.with(token: "ro").post("/books/3/lend", ["borrower": "Ada", "days": 1]).status == 403)
            let wrongMethod = try await mock.get("/books/3/lend")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers[.allow] == "POST")
        }
    }

    @Test func aCollectionActionAnswersWithItsOwnModel() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let answer = try await mock.with(token: "ro").post("/books/availability", ["title": "The Dispossessed"])
            #expect(answer.status == 200)
            #expect(answer.body == ["title": "The Dispossessed", "available": 1])
        }
    }

    @Test func aCustomRuleIsChecked() async throws {
        try await withLibrary { (mock: MockClient) async throws in
            let created = try await mock.post("/books", ["title": "DUNE", "author_id": 1])
            #expect(created.status == 422)
            #expect(created.body?["errors"] == ["title": "may not be written in capitals only"])
            #expect(
                try await mock.send(.patch, "/books/2", body: ["title": "LOUD"]).body?["errors"] == [
                    "title": "may not be written in capitals only"
                ])
            #expect(try await mock.post("/books", ["title": "Dune", "author_id": 1]).status == 201)
        }
    }
}

@Suite struct LibrarySpecTests {
    /// Item paths, single-object bodies, PATCH, cursor parameters, bearer security and problem
    /// responses make a document OpenAPIKit accepts, every example checked on the way.
    @Test func theSpecIsValid() throws {
        let yaml = try GeneratedSpec(registry: Library.registry).yaml
        #expect(GeneratedSpec.validatorFindings(yaml: yaml) == [])
        #expect(try Linter().lint(yaml, file: "library.yaml").map(\.message) == [])
        #expect(yaml.contains("  /books/{bookId}:\n"))
        #expect(yaml.contains("    patch:\n"))
        #expect(yaml.contains("      - name: after\n"))
        #expect(yaml.contains("application/problem+json"))
        #expect(yaml.contains("        '201':\n"))
        #expect(yaml.contains("  /books/{bookId}/lend:\n"))
        #expect(yaml.contains("      operationId: lendBook\n"))
        #expect(yaml.contains("`title` may not be written in capitals only."))
    }

    /// A sub-collection, a singleton and a list that pages either way, in the document.
    @Test func theNewShapesAreDocumented() throws {
        let document = try GeneratedSpec(registry: Library.registry).document
        let paths = document.paths.keys.map(\.rawValue)
        #expect(paths.contains("/books/{bookId}/reviews") && paths.contains("/books/{bookId}/reviews/{reviewId}"))
        #expect(!paths.contains("/reviews"), "reviews are served under their book only")
        let reviews = try #require(document.paths["/books/{bookId}/reviews"]?.b)
        #expect(reviews.parameters.compactMap(\.b).map(\.name) == ["bookId"])
        #expect(reviews.post?.responses[status: 404] != nil)
        let settings = try #require(document.paths["/settings"]?.b)
        #expect(settings.get?.operationId == "getLibrarySettings" && settings.put?.operationId == "updateLibrarySettings")
        let authors = try #require(document.paths["/authors"]?.b?.get)
        #expect(authors.parameters.compactMap(\.b).map(\.name) == ["name:like", "after", "before", "page", "limit"])
        let meta = try #require(document.components.schemas["ListMetaCursorPage"])
        #expect(meta.objectContext?.requiredProperties == [])
        #expect(meta.objectContext?.properties.keys.sorted() == ["cursor", "pagination"])
    }
}
