import APIRegistry
import HTTPTypes
import Hummingbird
import JSONModel
import NIOCore
import OpenAPIEmitter

/// The HTTP face of the mock: `/stores/{store_hash}/v3/...` goes to the store named by the
/// hash, `/openapi.yaml` serves the spec, anything else is a JSON 404.
public struct MockResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let store: MockStore
    let spec: String
    /// The HTML guides by path under `/docs/`.
    let docs: [String: GeneratedFile]
    let errorTypeURL: String
    /// Largest request body read, in bytes.
    let maxBodySize: Int

    public init(store: MockStore, spec: String, docs: [String: GeneratedFile] = [:], maxBodySize: Int = 1 << 20) {
        self.store = store
        self.spec = spec
        self.docs = docs
        self.errorTypeURL = store.api.registry.info.errorTypeURL
        self.maxBodySize = maxBodySize
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/openapi.yaml" {
            guard request.method == .get || request.method == .head else {
                return error(
                    APIError(
                        status: 405, title: "/openapi.yaml supports GET.", errors: JSONObject([("method", .string("must be GET or HEAD"))])),
                    headers: [.allow: "GET, HEAD"])
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: spec)))
        }
        if path == "/docs" || path.hasPrefix("/docs/") {
            return document(path)
        }
        guard let (hash, rest) = Self.split(path) else {
            return error(
                APIError(
                    status: 404,
                    title: "There is nothing at \(path). The API is served under /stores/{store_hash}/v3, the spec at /openapi.yaml.",
                    errors: JSONObject([
                        ("path", .string("must start with /stores/{store_hash}/v3, where store_hash is letters, digits, - or _"))
                    ])))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodySize)
        } catch {
            return self.error(
                APIError(
                    status: 413, title: "The request body is larger than \(maxBodySize) bytes.",
                    errors: JSONObject([("(root)", .string("must be at most \(maxBodySize) bytes"))])))
        }
        let mockRequest = MockRequest(
            method: request.method.rawValue, path: rest, query: request.uri.query ?? "",
            contentType: request.headers[.contentType], body: Array(body.readableBytesView))
        return Self.encode(await store.handle(mockRequest, store: hash))
    }

    /// A page of the HTML guides; `/docs` and `/docs/` are the index.
    func document(_ path: String) -> Response {
        if path == "/docs" {
            return Response(status: .movedPermanently, headers: [.location: "/docs/"])
        }
        var file = String(path.dropFirst("/docs/".count))
        if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
        guard let page = docs[file] else {
            let reason = docs.isEmpty ? "the mock was started without guides (no templates folder)" : "no such page"
            return error(
                APIError(
                    status: 404, title: "There is no page at \(path): \(reason).",
                    errors: JSONObject([
                        ("path", .string(docs.isEmpty ? "names no page; start the mock where templates/ is" : "names no page"))
                    ])))
        }
        let type =
            file.hasSuffix(".html")
            ? "text/html; charset=utf-8" : file.hasSuffix(".css") ? "text/css; charset=utf-8" : "application/yaml; charset=utf-8"
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: page.contents)))
    }

    /// `/stores/abc123/v3/customers` → (`abc123`, `/customers`); nil for any other shape.
    static func split(_ path: String) -> (hash: String, rest: String)? {
        let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty, parts[1] == "stores", parts[3].hasPrefix("v3") else { return nil }
        let hash = parts[2]
        guard !hash.isEmpty, hash.count <= 64, hash.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        let afterVersion = parts[3].dropFirst(2)
        guard afterVersion.isEmpty || afterVersion.hasPrefix("/") else { return nil }
        return (String(hash), afterVersion.isEmpty ? "/" : String(afterVersion))
    }

    static func encode(_ response: MockResponse) -> Response {
        var headers = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        guard let body = response.body else {
            return Response(status: .init(code: response.status), headers: headers)
        }
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .init(code: response.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: JSONWriter(pretty: false).string(body))))
    }

    func error(_ error: APIError, headers: HTTPFields = [:]) -> Response {
        var response = Self.encode(MockResponse(status: error.status, body: error.body(typeURL: errorTypeURL)))
        response.headers.append(contentsOf: headers)
        return response
    }
}
