import Foundation
import Hummingbird
import HummingbirdTesting
import MockServer
import OpenAPIEmitter
import Testing

@Suite struct MockDocsTests {
    @Test func guidesAreServedAsHTML() async throws {
        try await withMock(guides: true) { (mock: MockClient) async throws in
            let index = try await mock.client.execute(uri: "/docs/", method: .get) { $0 }
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: index.body).contains("<title>Customers V3</title>"))
            let spec = String(buffer: try await mock.client.execute(uri: "/docs/openapi.yaml", method: .get) { $0 }.body)
            #expect(spec.hasPrefix("openapi: 3.1.0"))
            // The line of `GET /customers` in the spec, which the reference page links to.
            let lines = spec.split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(lines.firstIndex(of: "  /customers:")) + 2
            #expect(lines[line - 1] == "    get:")
            let reference = try await mock.client.execute(uri: "/docs/reference/customers.html", method: .get) { $0 }
            #expect(String(buffer: reference.body).contains("href=\"../openapi.html#L\(line)\""))
            let specPage = try await mock.client.execute(uri: "/docs/openapi.html", method: .get) { $0 }
            #expect(
                String(buffer: specPage.body).contains(
                    "<span class=\"line\" id=\"L\(line)\"><a class=\"number\" href=\"#L\(line)\">\(line)</a><span class=\"text\" style=\"--i:6ch\">    <span class=\"tk-key\">get</span>:</span></span>"
                ))
        }
    }

    /// The pages name production's server and the mock's default address; served, both are this mock's.
    @Test func pagesShowTheMocksOwnAddress() async throws {
        try await withMock(guides: true) { (mock: MockClient) async throws in
            // The test framework's requests come to the authority `localhost`.
            let index = try await mock.client.execute(uri: "/docs/", method: .get) { $0 }
            let page = String(buffer: index.body)
            #expect(page.contains("http://localhost/stores/{store_hash}/v3"))
            #expect(page.contains("http://localhost/stores/demo/v3/customers/attributes"))
            #expect(!page.contains("api.bigcommerce.com"))
            #expect(!page.contains("127.0.0.1:4010"))
        }
    }

    @Test func docsRedirectsToItsIndexAndUnknownPagesAre404() async throws {
        try await withMock(guides: true) { (mock: MockClient) async throws in
            let bare = try await mock.client.execute(uri: "/docs", method: .get) { $0 }
            #expect(bare.status == .movedPermanently)
            #expect(bare.headers[.location] == "/docs/")
            #expect(try await mock.send(.get, "/docs/nope.html", absolute: true).status == 404)
        }
    }

    @Test func withoutTemplatesDocsSaysWhy() async throws {
        try await withMock { (mock: MockClient) async throws in
            let reply = try await mock.send(.get, "/docs/", absolute: true)
            #expect(reply.status == 404)
            #expect(
                reply.title
                    == "There is no page at /docs/: the mock serves no guides (no templates folder, or they did not render: its log says why)."
            )
        }
    }

    /// The spec's YAML and the guides are made while the API already answers (a large document's
    /// take seconds); a page asked for meanwhile waits for them.
    @Test func theAPIAnswersWhileTheGuidesAreMade() async throws {
        let gate = Gate()
        let configuration = MockApplication.Configuration(
            port: 0, seeding: .seeded(1),
            docs: {
                gate.wait()
                return [GeneratedFile(path: "index.html", contents: "<title>Made</title>")]
            }, logLevel: .warning)
        try await withMock(configuration: configuration) { (mock: MockClient) async throws in
            #expect(try await mock.get("/customers").status == 200)
            gate.open()
            let index = try await mock.client.execute(uri: "/docs/", method: .get) { $0 }
            #expect(String(buffer: index.body) == "<title>Made</title>")
            let spec = try await mock.client.execute(uri: "/openapi.yaml", method: .get) { $0 }
            #expect(String(buffer: spec.body).hasPrefix("openapi: 3.1.0"))
        }
        // The guides were still being made when the API answered: they waited for the gate.
        #expect(gate.openedInTime)
    }
}

/// Holds the guides back until the test opens it (or 30 s pass, so that nothing hangs).
private final class Gate: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var opened = false

    func wait() {
        let result = semaphore.wait(timeout: .now() + 30)
        lock.withLock { opened = result == .success }
    }

    func open() { semaphore.signal() }

    var openedInTime: Bool { lock.withLock { opened } }
}
