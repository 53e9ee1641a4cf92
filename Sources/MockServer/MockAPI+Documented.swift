import APIRegistry
import Foundation
import JSONModel

extension MockAPI {
    /// The answer of an operation served as its document describes it: the response a
    /// `Prefer: code=…, example=…` header picks (as Prism reads it), or the first success; its
    /// body is the named example, else the first one, else a value made from its schema.
    func answer(_ documented: DocumentedOperation, prefer: String?) -> MockResponse {
        var code: Int?
        var exampleName: String?
        for part in (prefer ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            switch pair[0].lowercased() {
            case "code":
                guard let number = Int(value), (100...599).contains(number) else {
                    return failure(.invalidBody([("Prefer", "code must be an HTTP status such as 404, got '\(value)'")]))
                }
                code = number
            case "example": exampleName = value
            default: break
            }
        }
        guard let (status, response) = documented.response(code: code) else {
            let declared = documented.operation["responses"]?.objectValue?.keys.joined(separator: ", ") ?? "none"
            return failure(
                .invalidBody([
                    (
                        "Prefer",
                        "\(documented.method) \(documented.path) declares no response \(code.map(String.init) ?? "") (declared: \(declared))"
                    )
                ]))
        }
        guard case .object(let content)? = response["content"], !content.isEmpty else { return MockResponse(status: status) }
        let media = content.keys.first { $0.contains("json") } ?? content.keys[0]
        let body = content[media] ?? .null
        var value: JSONValue?
        if let exampleName {
            guard let named = body["examples"]?[exampleName]?["value"] else {
                let names = body["examples"]?.objectValue?.keys.joined(separator: ", ") ?? "none"
                return failure(
                    .invalidBody([("Prefer", "the \(status) response has no example '\(exampleName)' (its examples: \(names))")]))
            }
            value = named
        }
        value = value ?? body["example"] ?? body["examples"]?.objectValue?.first(where: { _ in true })?.value["value"]
        value = value ?? body["schema"].map { SchemaSample.value(of: $0) }
        guard media.contains("json") else { return MockResponse(status: status, headers: [(name: "Content-Type", value: media)]) }
        return MockResponse(status: status, body: value)
    }
}

/// A value a JSON schema accepts, the same on every run: the first choice, the least number
/// allowed, a string of the format.
enum SchemaSample {
    static func value(of schema: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 10, case .object(let object) = schema else { return .null }
        if let example = object["example"] { return example }
        if let constant = object["const"] { return constant }
        if let first = object["enum"]?.arrayValue?.first { return first }
        if let value = object["default"] { return value }
        for key in ["oneOf", "anyOf"] {
            if let first = object[key]?.arrayValue?.first { return value(of: first, depth: depth + 1) }
        }
        if let parts = object["allOf"]?.arrayValue {
            var merged = JSONObject()
            for part in parts {
                if case .object(let members) = value(of: part, depth: depth + 1) { for (key, value) in members { merged[key] = value } }
            }
            return .object(merged)
        }
        let type = object["type"]?.stringValue ?? object["type"]?.arrayValue?.first { $0 != "null" }?.stringValue
        switch type ?? (object["properties"] != nil ? "object" : "") {
        case "object":
            var result = JSONObject()
            for (key, property) in object["properties"]?.objectValue ?? JSONObject() {
                result[key] = value(of: property, depth: depth + 1)
            }
            return .object(result)
        case "array":
            let count = max(object["minItems"]?.intValue ?? 1, 1)
            return .array(Array(repeating: value(of: object["items"] ?? [:], depth: depth + 1), count: count))
        case "integer": return .integer(object["minimum"]?.intValue ?? 1)
        case "number": return .number(object["minimum"]?.doubleValue ?? 1)
        case "boolean": return .bool(true)
        case "string":
            switch object["format"]?.stringValue {
            case "date-time": return "2024-01-01T00:00:00Z"
            case "date": return "2024-01-01"
            case "email": return "ada@example.com"
            case "uri", "url": return "https://example.com/"
            case "uuid": return "00000000-0000-4000-8000-000000000001"
            default: return .string(String(repeating: "a", count: max(object["minLength"]?.intValue ?? 1, 1)))
            }
        default: return .null
        }
    }
}
