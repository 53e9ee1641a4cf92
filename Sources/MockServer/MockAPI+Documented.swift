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
        guard case .object(let object) = schema else { return .null }
        if let example = object["example"] { return example }
        if let constant = object["const"] { return constant }
        if let first = object["enum"]?.arrayValue?.first { return first }
        if let value = object["default"] { return value }
        // Ten levels down, an object holds only its required members and arrays are left empty,
        // so that a schema that contains itself ends; one that requires itself ends at twenty.
        let deep = depth >= 10
        guard depth < 20 else { return object["type"]?.stringValue == "array" ? [] : .object(JSONObject()) }
        for key in ["oneOf", "anyOf"] where !deep {
            if let first = object[key]?.arrayValue?.first { return value(of: first, depth: depth + 1) }
        }
        if !deep, let parts = object["allOf"]?.arrayValue {
            var merged = JSONObject()
            for part in parts {
                if case .object(let members) = value(of: part, depth: depth + 1) { for (key, value) in members { merged[key] = value } }
            }
            return .object(merged)
        }
        let type = object["type"]?.stringValue ?? object["type"]?.arrayValue?.first { $0 != "null" }?.stringValue
        switch type ?? (object["properties"] != nil ? "object" : "") {
        case "object":
            // Too deep to finish, an optional member is left out and an array is left empty
            // rather than hold a `null` the schema refuses.
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var result = JSONObject()
            for (key, property) in object["properties"]?.objectValue ?? JSONObject() where !deep || required.contains(key) {
                let member = value(of: property, depth: depth + 1)
                if member == .null, !required.contains(key), !allowsNull(property) { continue }
                result[key] = member
            }
            return .object(result)
        case "array":
            let items = object["items"] ?? [:]
            let item = deep ? .null : value(of: items, depth: depth + 1)
            if item == .null, !allowsNull(items), (object["minItems"]?.intValue ?? 0) == 0 { return .array([]) }
            return .array(Array(repeating: item, count: max(object["minItems"]?.intValue ?? 1, 1)))
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

    /// Whether a schema takes `null`: one that says nothing, a `null` type, or a choice of one.
    static func allowsNull(_ schema: JSONValue) -> Bool {
        guard case .object(let object) = schema else { return true }
        if object.isEmpty || object["nullable"]?.boolValue == true { return true }
        if object["type"]?.stringValue == "null" || object["type"]?.arrayValue?.contains("null") == true { return true }
        if object["enum"]?.arrayValue?.contains(.null) == true { return true }
        return ["oneOf", "anyOf"].contains { object[$0]?.arrayValue?.contains(where: allowsNull) == true }
    }
}
