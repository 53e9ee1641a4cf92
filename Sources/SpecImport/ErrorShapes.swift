import APIRegistry
import JSONModel
import SpecReader

/// How a document's errors look, read from the first 4xx answer with a body (a `default` answer,
/// Stripe's way, when none has one): problem details, the registry's own `{status, title, type,
/// errors}`, or a shape of the document's own whose members carry the message, the field at fault
/// and the status.
struct ErrorShapes {
    let reading: SchemaReading

    /// The error format the document declares; the registry's own where it declares none it can fill.
    func format() -> ErrorFormat {
        guard let (media, schema) = declared() else { return .statusTitleType }
        if media.hasPrefix("application/problem+json") { return .problemDetails }
        let names = Set(reading.merged(schema).properties.map(\.key))
        if ["status", "title", "type", "errors"].allSatisfy(names.contains) { return .statusTitleType }
        var slots = Slots()
        guard let (body, shapeSchema) = walk(schema, at: [], depth: 0, slots: &slots), let message = slots.message else {
            return .statusTitleType
        }
        return .shaped(
            ErrorShape(mediaType: media, body: body, message: message, field: slots.field, status: slots.status, schema: shapeSchema))
    }

    /// The media type and schema of the first 4xx answer with a body, else of a `default` one.
    func declared() -> (String, SpecNode)? {
        for matches in [{ (key: String) in key.hasPrefix("4") }, { $0 == "default" }] {
            for operation in reading.document.operations {
                for response in operation.node["responses"]?.members ?? [] where matches(response.key) {
                    let content = reading.resolve(response.value)["content"]?.members ?? []
                    if let media = content.first(where: { $0.key.contains("json") }), let schema = media.value["schema"] {
                        return (media.key, schema)
                    }
                }
            }
        }
        return nil
    }

    struct Slots {
        var message: [String]?
        var field: [String]?
        var status: [String]?
    }

    /// The fixed part of an error body and its schema: required members with a value the schema
    /// accepts, and the members that carry the message, field and status; other optional members
    /// are left out of both. Nil when the schema is not an object.
    func walk(_ schema: SpecNode, at path: [String], depth: Int, slots: inout Slots) -> (JSONValue, JSONValue)? {
        let merged = reading.merged(schema)
        guard !merged.properties.isEmpty, depth < 4 else { return nil }
        var body = JSONObject()
        var properties = JSONObject()
        var required: [JSONValue] = []
        for member in merged.properties {
            let property = reading.resolve(member.value)
            let type = SchemaReading.types(property).types.first
            let isRequired = merged.required.contains(member.key)
            let here = path + [member.key]
            var kept: JSONValue?
            if type == "string", slots.message == nil, ErrorShape.messageMembers.contains(member.key) {
                slots.message = here
                kept = ["type": "string"]
            } else if type == "string", slots.field == nil, ErrorShape.fieldMembers.contains(member.key) {
                slots.field = here
                kept = ["type": "string"]
                if isRequired { body[member.key] = "" }
            } else if type == "integer", slots.status == nil, ErrorShape.statusMembers.contains(member.key) {
                slots.status = here
                kept = ["type": "integer"]
            } else if type == "object" || (type == nil && property["properties"] != nil),
                case var inner = slots, let (value, innerSchema) = walk(member.value, at: here, depth: depth + 1, slots: &inner),
                isRequired || inner.message != slots.message || inner.field != slots.field || inner.status != slots.status
            {
                // An optional object is kept only for the message, field or status it carries.
                slots = inner
                body[member.key] = value
                kept = innerSchema
            } else if isRequired {
                let value = Self.preferred(property) ?? Samples(reading: reading).valid(member.value)
                body[member.key] = value
                kept = property["enum"].map { ["type": .string(type ?? "string"), "enum": $0.json] } ?? Self.typeOnly(type)
            }
            guard let kept else { continue }
            properties[member.key] = kept
            if isRequired { required.append(.string(member.key)) }
        }
        var shape = JSONObject([("type", "object"), ("properties", .object(properties))])
        if !required.isEmpty { shape["required"] = .array(required) }
        return (.object(body), .object(shape))
    }

    /// An enum's choice that names a refused request (`invalid_request_error`), the kind of error
    /// the mock answers most.
    static func preferred(_ property: SpecNode) -> JSONValue? {
        let choices = (property["enum"]?.items ?? []).compactMap(\.string)
        return choices.first { $0.contains("invalid") || $0.contains("request") }.map(JSONValue.string)
    }

    static func typeOnly(_ type: String?) -> JSONValue {
        type.map { ["type": .string($0)] } ?? .object(JSONObject())
    }
}
