import Foundation
import JSONModel
import SchemaValidation
import SpecReader

/// Spectral's `oas2-schema`: a Swagger 2.0 file as written, judged against the JSON Schema the
/// OpenAPI Initiative publishes for 2.0 (`swagger-2.0-schema.json`, Apache 2.0, as
/// openapi-spec-validator ships it), by the validator that judges examples.
///
/// The schema is draft 4: its `#/definitions/…` become components the validator follows by
/// name (the schema of a schema refers to itself), and the few draft-4 meta-schema parts it
/// borrows (`positiveInteger`, `title`, …) are written here, as the meta-schema says them.
enum Swagger2Schema {
    struct Compiled: Sendable {
        let root: CompiledSchema
        let validator: SchemaValidator
    }

    /// Compiled once per process; nil only when the resource is missing from the build.
    static let compiled: Compiled? = {
        guard let url = Bundle.module.url(forResource: "swagger-2.0-schema", withExtension: "json"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return nil }
        return compile(text)
    }()

    /// The draft-4 meta-schema's parts the 2.0 schema refers to, under the names its
    /// references are rewritten to.
    static let draft4: [String: JSONValue] = {
        let integer: JSONValue = .object(JSONObject([("type", .string("integer")), ("minimum", .integer(0))]))
        let number: JSONValue = .object(JSONObject([("type", .string("number"))]))
        let boolean: JSONValue = .object(JSONObject([("type", .string("boolean"))]))
        let string: JSONValue = .object(JSONObject([("type", .string("string"))]))
        let simpleTypes: JSONValue = .object(
            JSONObject([
                ("type", .string("string")),
                ("enum", .array(["array", "boolean", "integer", "null", "number", "object", "string"].map(JSONValue.string))),
            ]))
        return [
            "draft4-positiveInteger": integer,
            "draft4-positiveIntegerDefault0": integer,
            "draft4-stringArray": .object(
                JSONObject([
                    ("type", .string("array")), ("items", string), ("minItems", .integer(1)), ("uniqueItems", .bool(true)),
                ])),
            "draft4-default": .object(JSONObject()),
            "draft4-description": string,
            "draft4-title": string,
            "draft4-pattern": string,
            "draft4-enum": .object(JSONObject([("type", .string("array")), ("minItems", .integer(1)), ("uniqueItems", .bool(true))])),
            "draft4-exclusiveMaximum": boolean,
            "draft4-exclusiveMinimum": boolean,
            "draft4-uniqueItems": boolean,
            "draft4-maximum": number,
            "draft4-minimum": number,
            "draft4-multipleOf": .object(
                JSONObject([("type", .string("number")), ("minimum", .integer(0)), ("exclusiveMinimum", .bool(true))])),
            "draft4-type": .object(
                JSONObject([
                    (
                        "anyOf",
                        .array([
                            simpleTypes,
                            .object(
                                JSONObject([
                                    ("type", .string("array")), ("items", simpleTypes), ("minItems", .integer(1)),
                                    ("uniqueItems", .bool(true)),
                                ])),
                        ])
                    )
                ])),
        ]
    }()

    /// The 2.0 schema's text as components of a 3.0 document, compiled.
    static func compile(_ text: String) -> Compiled? {
        let rewritten =
            text
            .replacingOccurrences(of: "http://json-schema.org/draft-04/schema#/definitions/", with: "#/components/schemas/draft4-")
            .replacingOccurrences(of: "http://json-schema.org/draft-04/schema#/properties/", with: "#/components/schemas/draft4-")
            .replacingOccurrences(of: "\"#/definitions/", with: "\"#/components/schemas/")
        guard case .object(var schema)? = (try? SpecNode.load(rewritten))??.json, case .object(let definitions)? = schema["definitions"]
        else { return nil }
        schema["definitions"] = nil
        var components = definitions
        // Draft 4 applies `additionalProperties` to objects only; the validator, reading schemas as
        // OpenAPIKit does, would take it to mean "an object", and an extension may be any value.
        components["vendorExtension"] = .object(JSONObject())
        for (name, part) in draft4 { components[name] = part }
        components["swagger-2.0"] = .object(schema)
        let document: JSONValue = .object(
            JSONObject([
                ("openapi", .string("3.0.3")), ("info", .object(JSONObject([("title", "Swagger 2.0"), ("version", "2.0")]))),
                ("paths", .object(JSONObject())), ("components", .object(JSONObject([("schemas", .object(components))]))),
            ]))
        guard let model = try? SpecDocument(text: JSONWriter(pretty: false).string(document)) else { return nil }
        let compiler = SchemaCompiler(model)
        var compiled: [String: CompiledSchema] = [:]
        for member in model.root["components"]?["schemas"]?.members ?? [] {
            guard let schema = compiler.compile(member.value) else { return nil }
            compiled[member.key] = schema
        }
        guard let root = compiled["swagger-2.0"] else { return nil }
        let byName = compiled
        return Compiled(root: root, validator: SchemaValidator { byName[$0] })
    }

    /// Every way `root`, a 2.0 file as written, departs from the 2.0 schema, at the node at fault.
    static func check(_ root: SpecNode) -> [RuleHit] {
        guard let compiled else {
            return [RuleHit("the 2.0 schema swagger-2.0-schema.json is missing beside the executable; reinstall Specsmith", at: [], nil)]
        }
        return compiled.validator.validate(root.json, against: compiled.root, context: .plain).map { issue in
            var node = root
            var path: [String] = []
            for component in issue.path.components {
                guard let child = node.child(component.text) else { break }
                node = child
                path.append(component.text)
            }
            // A missing field is reported on the object that lacks it.
            let message = issue.path.components.isEmpty ? issue.message : "'\(issue.path)' \(issue.message)"
            return RuleHit(message + (issue.hint.map { " (\($0))" } ?? ""), at: path, node.location)
        }
    }
}
