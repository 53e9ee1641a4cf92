import JSONModel
import OpenAPIKit

extension SchemaValidator {
    /// `value` as read from a form, where every value is text: text where the schema wants a
    /// number, an integer or a boolean becomes one, and so on through objects, arrays and the
    /// first choice of `anyOf`/`oneOf` the value then fits. What the schema does not type stays
    /// as it came, for `validate` to refuse by name.
    public func typed(_ value: JSONValue, against schema: JSONSchema, depth: Int = 0) -> JSONValue {
        guard depth < maxDepth, let schema = resolve(schema) else { return value }
        switch (schema.value, value) {
        case (.integer, .string(let text)): return Int(text).map(JSONValue.integer) ?? value
        case (.number, .string(let text)): return Int(text).map(JSONValue.integer) ?? Double(text).map(JSONValue.number) ?? value
        case (.boolean, .string(let text)): return text == "true" ? .bool(true) : text == "false" ? .bool(false) : value
        case (.object(_, let object), .object(let members)):
            var result = JSONObject()
            for (key, member) in members {
                var inner: JSONSchema? = object.properties[key]
                if inner == nil, case .b(let additional)? = object.additionalProperties { inner = additional }
                result[key] = inner.map { typed(member, against: $0, depth: depth + 1) } ?? member
            }
            return .object(result)
        case (.array(_, let array), .array(let items)):
            guard let itemSchema = array.items else { return value }
            return .array(items.map { typed($0, against: itemSchema, depth: depth + 1) })
        case (.all(of: let schemas, _), _):
            return schemas.reduce(value) { typed($0, against: $1, depth: depth + 1) }
        case (.any(of: let schemas, _), _), (.one(of: let schemas, _), _):
            for choice in schemas {
                let candidate = typed(value, against: choice, depth: depth + 1)
                if isValid(candidate, against: choice, context: .request) { return candidate }
            }
            return value
        default: return value
        }
    }
}
