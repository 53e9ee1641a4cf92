import Foundation
import HTTPTypes
import JSONModel
import Testing

/// What a new user met on the mock: a misspelt paging parameter, the root of the server, an
/// identifier of the wrong type. Each answer now says what to do.
@Suite struct MockMannersTests {
    /// `?limt=5` lists every parameter the list takes, paging and sorting included, and the
    /// nearest one.
    @Test func aMisspeltParameterIsToldEveryParameterAndTheNearest() async throws {
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            let reply = try await mock.get("/customers?limt=5")
            #expect(reply.status == 422)
            let error = try #require(reply.errors.first)
            #expect(error.hasPrefix("limt: is not a valid filter; valid filters: id:in"))
            #expect(error.hasSuffix("; other parameters: page, after, before, limit, sort, include; did you mean 'limit'?"))
            #expect(try await mock.get("/customers?sortt=id:asc").errors.first?.hasSuffix("did you mean 'sort'?") == true)
            #expect(try await mock.get("/customers?includes=addresses").errors.first?.hasSuffix("did you mean 'include'?") == true)
        }
        // Cursor pages come in id order: a sort sent with a cursor is refused, not ignored.
        try await withMock(.seeded(4)) { (mock: MockClient) async throws in
            let sorted = try await mock.get("/customers?sort=last_name:asc&after=YzE6Mw")
            #expect(sorted.status == 422 && sorted.errors.first?.hasPrefix("sort: cannot be sent with a cursor") == true)
            #expect(try await mock.get("/customers?sort=last_name:asc").body?["meta"]?["cursor_pagination"] == nil)
        }
        // A list that pages by cursor names its own paging parameters.
        try await withLibrary { mock in
            let error = try #require(try await mock.get("/books?aftr=x").errors.first)
            #expect(error.contains("other parameters: after, before, limit") && error.hasSuffix("did you mean 'after'?"))
        }
    }

    /// A browser asking for `/` lands on the guides; an API client gets what is served, as JSON.
    @Test func theRootLeadsSomewhere() async throws {
        try await withMock(.seeded(1), guides: true) { (mock: MockClient) async throws in
            let browser = try await mock.send(
                .get, "/", bytes: nil, absolute: true, headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(browser.status == 302 && browser.headers[.location] == "/docs/")
            let client = try await mock.send(.get, "/", absolute: true)
            #expect(client.status == 200)
            #expect(client.body?["spec"] == "/openapi.yaml" && client.body?["docs"] == "/docs/")
            #expect(client.body?["paths"]?.arrayValue?.contains("/stores/{store_hash}/v3/customers") == true)
            #expect(try await mock.send(.post, "/", absolute: true).status == 405)
        }
    }

    /// `/books/abc` where the identifier is an integer says so, within the documented 404.
    @Test func anIdentifierOfTheWrongTypeIsNamed() async throws {
        try await withLibrary { mock in
            let reply = try await mock.get("/books/abc")
            #expect(reply.status == 404)
            #expect(reply.errors == ["bookId: must be an integer, got 'abc'"])
            #expect(try await mock.get("/books/999").errors == ["bookId: names no Book"])
        }
        try await withMock(.seeded(1)) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers/x/metafields").errors == ["customerId: must be an integer, got 'x'"])
        }
    }
}
