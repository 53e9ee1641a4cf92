import JSONModel

/// An operation served as its document describes it, with no records behind it: its answers
/// are the examples of its responses, or are made from their schemas. An import keeps here each
/// operation of a document that fits no resource, so that the spec still has it and the mock
/// still answers it.
public struct DocumentedOperation: Sendable {
    /// `GET`, `POST`…
    public let method: String
    /// Its path under the server URL (`/status`, `/orders/{orderId}/pdf`).
    public let path: String
    /// The OpenAPI operation object: a `$ref` to a component schema (`#/components/schemas/x`)
    /// names one of the registry's models or one of its `documentedSchemas`; every other `$ref`
    /// is replaced by what it names.
    public let operation: JSONValue
    /// Why the operation's text could not be read, when it was given as text; `generate` says so.
    public let problem: String?
    /// Where it is declared.
    public let declaredAt: SourceLocation

    /// An operation at `path` that answers as `operation` (an OpenAPI operation object) says.
    public init(method: String, path: String, operation: JSONValue, fileID: String = #fileID, line: Int = #line) {
        self.method = method.uppercased()
        self.path = path
        self.operation = operation
        self.problem = nil
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
    }

    /// An operation given as its OpenAPI object's JSON text, as `specsmith import` writes a
    /// large one: text is quicker to compile than the same value as a Swift literal. Text that
    /// does not parse leaves the operation empty, and the registry's checks name it.
    public init(method: String, path: String, json: String, fileID: String = #fileID, line: Int = #line) {
        self.method = method.uppercased()
        self.path = path
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
        do {
            self.operation = try JSONParser(maxDepth: 512, maxStringLength: .max).parse(json)
            self.problem = nil
        } catch {
            self.operation = .object(JSONObject())
            self.problem = "the operation's JSON does not parse: \(error)"
        }
    }

    /// The response a client asks for with `Prefer: code=404, example=missing`: the declared
    /// status (or the first success), its JSON body by example name, by the first example, or
    /// nil when the response declares none, with the status to send.
    public func response(code: Int?) -> (status: Int, response: JSONValue)? {
        guard case .object(let responses)? = operation["responses"] else { return nil }
        let keys = responses.keys
        let chosen: String? =
            if let code {
                Self.declaredStatus(code, among: Array(keys))
            } else {
                keys.filter { $0.hasPrefix("2") }.min() ?? keys.first { $0 == "default" }
            }
        guard let chosen, let response = responses[chosen] else { return nil }
        let status = Int(chosen) ?? code ?? (chosen.hasPrefix("2") ? 200 : 500)
        return (status, response)
    }

    /// The response key of `keys` (an operation's `responses`) that answers with status `code`:
    /// the code itself, else its range (`4XX`), else `default`.
    public static func declaredStatus(_ code: Int, among keys: [String]) -> String? {
        keys.first { $0 == String(code) } ?? keys.first { $0.uppercased() == "\(code / 100)XX" }
            ?? (keys.contains("default") ? "default" : nil)
    }
}

/// A component schema that operations kept as written refer to (`#/components/schemas/name`) and
/// that is none of the registry's models: the spec carries it as its document has it, so that
/// what those operations answer is judged, and made, as the document says.
public struct DocumentedSchema: Sendable {
    /// Its name under `components/schemas`.
    public let name: String
    /// The JSON Schema, its `$ref`s to other component schemas kept.
    public let schema: JSONValue
    /// Why its text could not be read, when it was given as text; `generate` says so.
    public let problem: String?

    /// The schema `name` is.
    public init(name: String, schema: JSONValue) {
        self.name = name
        self.schema = schema
        self.problem = nil
    }

    /// The schema given as its JSON text, as `specsmith import` writes it.
    public init(name: String, json: String) {
        self.name = name
        do {
            self.schema = try JSONParser(maxDepth: 512, maxStringLength: .max).parse(json)
            self.problem = nil
        } catch {
            self.schema = .object(JSONObject())
            self.problem = "the schema's JSON does not parse: \(error)"
        }
    }
}
