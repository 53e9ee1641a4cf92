import Foundation
import JSONModel
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import SpecReader

/// OpenAPIKit's own judgement of the document: its decoder (a 3.0 document through
/// OpenAPIKit30, then converted to 3.1 by OpenAPIKitCompat) and its validator.
///
/// The typed decode costs about 2 s per MB, thirty times the rest of the linter, and what it
/// finds the tree rules find with lines of their own (`oas-structure` and the rest), so it is
/// off unless asked for: `--rule openapikit=error`, or `openapikit: error` in a ruleset. Its
/// checks that the tree rules already make (unique operationIds and parameters, references)
/// are left out so no problem is reported twice.
enum OpenAPIKitRule {
    static let id = "openapikit"

    static let openAPIKit = LintRule(
        id, .error,
        "OpenAPIKit's decoder and validator accept the document (3.0 converted to 3.1 with OpenAPIKitCompat). "
            + "Off by default (about 2 s per MB); turn it on with --rule openapikit=error."
    ) { document in
        let input = typedInput(document)
        // Keys in document order: the first problem the decoder meets is the same on every run.
        let decoder = Self.decoder
        let typed: OpenAPIKit.OpenAPI.Document
        do {
            if document.version == "3.0" {
                typed = try decoder.decode(OpenAPIKit30.OpenAPI.Document.self, from: input).convert(to: .v3_1_1)
            } else {
                typed = try decoder.decode(OpenAPIKit.OpenAPI.Document.self, from: input)
            }
        } catch {
            let failure = OpenAPIKit.OpenAPI.Error(from: error)
            let path = failure.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            // oas-structure reports most of what stops the decoder, with its own words: say it once.
            let structural = StructureRules.structure.check(document).map(\.path)
            if structural.contains(where: { $0.starts(with: path) || path.starts(with: $0) }) { return [] }
            return [hit("OpenAPIKit cannot decode the document: \(failure.localizedDescription)", path, document)]
        }
        do {
            _ = try typed.validate(using: validator, strict: false)
            return []
        } catch let errors as OpenAPIKit.ValidationErrorCollection {
            return errors.values.map { error in
                let path = error.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
                return hit("OpenAPIKit's validator: \(error.reason)", path, document)
            }
        } catch {
            return [hit("OpenAPIKit's validator: \(error)", [], document)]
        }
    }

    /// The document as OpenAPIKit can read what OpenAPI allows: a `$ref` among the 3.0
    /// components' request bodies (and the other maps OpenAPIKit types without references) is
    /// replaced by what it names, and an integer bound beyond 64 bits (`9223372036854776000`) is
    /// held at the largest one, which means the same to any value a client can send.
    static func clamp(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number) where number.rounded() == number && abs(number) >= 9.2e18:
            return .integer(number > 0 ? Int.max : Int.min)
        case .array(let items): return .array(items.map(clamp))
        case .object(let object): return .object(JSONObject(object.map { ($0.key, clamp($0.value)) }))
        default: return value
        }
    }

    static func typedInput(_ document: SpecDocument) -> JSONValue {
        var root = clamp(document.root.json)
        guard case .object(var top) = root, case .object(var components) = top["components"] ?? .null else { return root }
        for kind in ["requestBodies", "responses", "parameters", "examples", "headers", "securitySchemes", "links", "callbacks"] {
            guard case .object(var entries) = components[kind] ?? .null,
                let written = document.root["components"]?[kind]
            else { continue }
            for member in written.members where member.value["$ref"] != nil {
                if let target = document.resolved(member.value) { entries[member.key] = clamp(target.json) }
            }
            components[kind] = .object(entries)
        }
        top["components"] = .object(components)
        root = .object(top)
        return root
    }

    /// The default validations, less those other rules make, plus the schema bounds and the
    /// server and link checks OpenAPIKit offers but does not run by default.
    static var validator: OpenAPIKit.Validator {
        OpenAPIKit.Validator()
            .withoutValidating(
                \.operationIdsAreUnique, \.operationParametersAreUnique, \.pathItemParametersAreUnique,
                \.schemaReferencesFoundInComponents, \.jsonSchemaReferencesFoundInComponents,
                \.responseReferencesFoundInComponents, \.parameterReferencesFoundInComponents,
                \.exampleReferencesFoundInComponents, \.requestReferencesFoundInComponents,
                \.headerReferencesFoundInComponents, \.linkReferencesFoundInComponents,
                \.callbacksReferencesFoundInComponents, \.pathItemReferencesFoundInComponents
            )
            .validating(
                \.serverVariablesAreDefined, \.linkOperationsExist, \.jsonSchemaNumericBoundIsValid,
                \.jsonSchemaArrayLengthBoundIsValid, \.jsonSchemaObjectPropertyCountIsValid, \.jsonSchemaStringLengthBoundIsValid
            )
    }

    /// A one-line hit at `path`, located at the nearest node above it the document has (a
    /// missing key's mapping). OpenAPIKit's messages span lines and end in a full stop.
    static func hit(_ message: String, _ path: [String], _ document: SpecDocument) -> RuleHit {
        var line = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        while line.hasSuffix(".") { line.removeLast() }
        return RuleHit(line, at: path, document.nearestLocation(of: path))
    }

    /// The decoder for OpenAPIKit's types (3.0 and 3.1), reading keys in document order and
    /// skipping vendor extensions: no check judges them, and decoding them doubles the cost.
    static let decoder: OrderedDecoder = {
        var decoder = OrderedDecoder()
        // Both OpenAPIKit modules read the same key; set through the subscript, it is one entry.
        decoder.userInfo[OpenAPIKit.VendorExtensionsConfiguration.enabledKey] = false
        decoder.userInfo[OpenAPIKit30.VendorExtensionsConfiguration.enabledKey] = false
        return decoder
    }()

    /// A schema as the document's version means it: a 3.1 one as it is; a 3.0 one with its 3.0
    /// words said as 3.1 says them first (a boolean `exclusiveMinimum`), as OpenAPIKitCompat
    /// converts them. Said in the JSON, a schema needs no document of its own
    /// around it to be converted, which cost more than the schema (a 3.0 document with 700
    /// defaults and 2,000 examples was linted 13 times slower than it was read).
    static func schema(_ value: JSONValue, version: String) -> OpenAPIKit.JSONSchema? {
        try? decoder.decode(OpenAPIKit.JSONSchema.self, from: version == "3.0" ? openAPI31(value) : value)
    }

    /// Keys whose values are data, not schemas: nothing in them is converted.
    static let dataKeys: Set<String> = ["example", "examples", "default", "enum", "const"]

    /// A 3.0 schema's words as 3.1 says them, at every depth: `exclusiveMaximum: true` beside
    /// `maximum` is the bound itself. (`nullable` OpenAPIKit's 3.1 reader takes as 3.0 meant it.)
    static func openAPI31(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(openAPI31))
        case .object(let object):
            var converted = JSONObject(minimumCapacity: object.count)
            for (key, member) in object {
                converted[key] = dataKeys.contains(key) || key.hasPrefix("x-") ? member : openAPI31(member)
            }
            for (exclusive, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")] {
                guard let flag = converted[exclusive]?.boolValue else { continue }
                converted[exclusive] = flag ? converted[bound] : JSONValue?.none
                if flag { converted[bound] = JSONValue?.none }
            }
            return .object(converted)
        default: return value
        }
    }

    static let all = [openAPIKit]
}
