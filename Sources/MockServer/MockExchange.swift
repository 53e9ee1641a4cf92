import APIRegistry
import JSONModel

/// A request as the mock sees it, independent of the HTTP server.
public struct MockRequest: Sendable {
    public var method: String
    /// The path under the store prefix, e.g. `/orders/lines`.
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    public var contentType: String?
    public var body: [UInt8]
    /// The `Prefer` header: which declared response an operation served from its document gives.
    public var prefer: String?
    /// The partition its path names, for a resource whose paths hold parameters that name no
    /// record (`owner=octocat&repo=hello`); set as the request is routed.
    public var partition: String?

    public init(
        method: String, path: String, query: String = "", contentType: String? = nil, body: [UInt8] = [], prefer: String? = nil
    ) {
        self.prefer = prefer
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.body = body
    }
}

/// A response: a status, extra headers and an optional JSON body.
public struct MockResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: JSONValue?

    public init(status: Int, headers: [(name: String, value: String)] = [], body: JSONValue? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
