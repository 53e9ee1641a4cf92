import APIRegistry
import CustomersAPI
import Foundation
import GuideRenderer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSONModel
import MockServer
import NIOCore
import OpenAPIEmitter
import OpenAPIKit
import OpenAPIKit30
import SpecReader

/// 2026-01-02T03:04:05Z: the tests' clock, so server-set times are exact.
let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_767_323_045) }

/// Runs `test` against an in-process mock of the Customers registry.
/// The project's templates folder, found from this file.
let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates")

@discardableResult
func withMock<Value: Sendable>(
    _ seeding: Seeding = .empty, _ setup: TestingSetup = .router, guides: Bool = false,
    _ test: @escaping @Sendable (MockClient) async throws -> Value
) async throws -> Value {
    let docs = guides ? try Guides.htmlSite(spec: GeneratedSpec(registry: CustomersV3.registry), templates: templates) : []
    let configuration = MockApplication.Configuration(port: 0, seeding: seeding, docs: { docs }, logLevel: .warning)
    return try await withMock(configuration: configuration, setup, test)
}

/// Runs `test` against an in-process mock of `registry` (Customers V3 by default) started with `configuration`.
@discardableResult
func withMock<Value: Sendable>(
    configuration: MockApplication.Configuration, registry: Registry = CustomersV3.registry, _ setup: TestingSetup = .router,
    _ test: @escaping @Sendable (MockClient) async throws -> Value
) async throws -> Value {
    // The application the CLI runs, server settings included, on a free port.
    var configuration = configuration
    configuration.port = 0
    let app = try MockApplication.application(spec: GeneratedSpec(registry: registry), configuration: configuration, now: fixedNow)
    return try await app.test(setup) { client in try await test(MockClient(client: client)) }
}

/// A JSON response, with its error map as `path: message` lines in order.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: JSONValue?

    var data: [JSONValue] { body?["data"]?.arrayValue ?? [] }
    var errors: [String] {
        guard case .object(let errors)? = body?["errors"] else { return [] }
        return errors.map { "\($0.key): \($0.value.stringValue ?? "")" }
    }
    var title: String { body?["title"]?.stringValue ?? "" }
    func ids() -> [Int] { data.compactMap { $0["id"]?.intValue } }
}

struct MockClient: Sendable {
    let client: any TestClientProtocol
    var store = "test-store"
    /// Sent in `tokenHeader`, after `tokenPrefix`, when set.
    var token: String?
    /// Where the API is served, `{store}` standing for the store's name.
    var prefix = "/stores/{store}/v3"
    var tokenHeader = "X-Auth-Token"
    var tokenPrefix = ""

    func with(token: String?) -> MockClient {
        var copy = self
        copy.token = token
        return copy
    }

    func store(_ name: String) -> MockClient {
        var copy = self
        copy.store = name
        return copy
    }

    func get(_ path: String) async throws -> Reply { try await send(.get, path) }
    func post(_ path: String, _ body: JSONValue) async throws -> Reply { try await send(.post, path, body: body) }
    func put(_ path: String, _ body: JSONValue) async throws -> Reply { try await send(.put, path, body: body) }
    func delete(_ path: String) async throws -> Reply { try await send(.delete, path) }

    func send(_ method: HTTPRequest.Method, _ path: String, body: JSONValue) async throws -> Reply {
        try await send(method, path, raw: JSONWriter(pretty: false).string(body))
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, raw: String? = nil, contentType: String? = "application/json", absolute: Bool = false
    ) async throws -> Reply {
        try await send(method, path, bytes: raw.map { Array($0.utf8) }, contentType: contentType, absolute: absolute)
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, bytes: [UInt8]?, contentType: String? = "application/json", absolute: Bool = false,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if bytes != nil, let contentType { headers[.contentType] = contentType }
        if let token, let name = HTTPField.Name(tokenHeader) { headers[name] = tokenPrefix + token }
        let uri = absolute ? path : prefix.replacingOccurrences(of: "{store}", with: store) + path
        return try await client.execute(uri: uri, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) }) { response in
            let text = String(buffer: response.body)
            return Reply(
                status: Int(response.status.code), headers: response.headers,
                body: text.isEmpty ? nil : try? JSONParser().parse(text))
        }
    }
}

/// Fixtures for an empty store.
extension MockClient {
    @discardableResult
    func createAttribute(_ name: String, _ type: String) async throws -> Int {
        try await post("/customers/attributes", [["name": .string(name), "type": .string(type)]]).ids().first ?? 0
    }

    @discardableResult
    func createCustomer(_ email: String, _ extra: JSONObject = JSONObject()) async throws -> Int {
        var customer = JSONObject([("email", .string(email)), ("first_name", "Jane"), ("last_name", "Doe")])
        for (key, value) in extra { customer[key] = value }
        return try await post("/customers", [.object(customer)]).ids().first ?? 0
    }
}

let sydney: JSONValue = [
    "first_name": "Jane", "last_name": "Doe", "address1": "Bennelong Point", "city": "Sydney",
    "state_or_province": "New South Wales", "postal_code": "2000", "country_code": "AU", "phone": "1234567890",
]

/// What a document itself promises, as OpenAPIKit reads it (3.0 converted to 3.1): to judge a
/// mock's answers against the document it was read from, not only against the spec it serves.
func contract(of document: SpecDocument) throws -> SpecContract {
    let json = document.root.json
    if document.version.hasPrefix("3.1") { return SpecContract(document: try OrderedDecoder().decode(OpenAPI.Document.self, from: json)) }
    return SpecContract(document: try OrderedDecoder().decode(OpenAPIKit30.OpenAPI.Document.self, from: json).convert(to: .v3_1_1))
}
