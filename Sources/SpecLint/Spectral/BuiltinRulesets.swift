import Foundation
import JSONModel
import SpecReader

/// The rulesets `extends` can name without a file: `spectral:oas`, Spectral's OpenAPI rules under
/// their Spectral names and meanings, and `specsmith`, Specsmith's own catalog.
///
/// `spectral:oas` is written in the ruleset language itself and read by the same loader as a
/// team's `.spectral.yaml`; the rules Spectral implements with functions of its own call the
/// functions below, which only this ruleset may name.
enum BuiltinRulesets {
    static func named(_ name: String) throws(Ruleset.LoadError) -> Ruleset.Collected? {
        switch name {
        case "spectral:oas": return try oas.get()
        case "specsmith", "specsmith:recommended":
            var collected = Ruleset.Collected()
            for rule in Linter.catalog {
                collected.define(rule, recommended: true)
                collected.settings[rule.id] = Linter.defaultSettings[rule.id]
            }
            return collected
        default: return nil
        }
    }

    static let oas: Result<Ruleset.Collected, Ruleset.LoadError> = {
        do {
            guard let root = try SpecNode.load(oasText) else {
                return .failure(Ruleset.LoadError(file: "spectral:oas", location: nil, message: "empty"))
            }
            var loader = Ruleset.Loader()
            return .success(try loader.read(root, file: "spectral:oas", chain: [], builtin: true))
        } catch let error as Ruleset.LoadError {
            return .failure(error)
        } catch {
            return .failure(Ruleset.LoadError(file: "spectral:oas", location: nil, message: "\(error)"))
        }
    }()

    static let documentation = "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules"

    static let operations =
        "$.paths[*][?( @property === 'get' || @property === 'put' || @property === 'post' || @property === 'delete' || @property === 'options' || @property === 'head' || @property === 'patch' || @property === 'trace' )]"

    /// Spectral's OpenAPI 3 rules; `recommended: false` ones run with `[spectral:oas, all]`.
    static let oasText = """
        documentationUrl: \(documentation)
        formats: [oas3]
        rules:
          operation-success-response:
            description: Operation must have at least one "2xx" or "3xx" response.
            given: "\(operations)"
            then: { field: responses, function: oasOpSuccessResponse }
          operation-operationId-unique:
            description: Every operation must have unique "operationId".
            severity: error
            given: $
            then: { function: oasOpIdUnique }
          operation-parameters:
            description: Operation parameters are unique and non-repeating.
            message: "{{error}}"
            given: "\(operations).parameters"
            then: { function: oasOpParams }
          operation-tag-defined:
            description: Operation tags must be defined in global tags.
            given: $
            then: { function: oasTagDefined }
          path-params:
            description: Path parameters must be defined and valid.
            message: "{{error}}"
            severity: error
            given: $
            then: { function: oasPathParam }
          contact-properties:
            description: Contact object must have "name", "url" and "email".
            recommended: false
            given: $.info.contact
            then:
              - { field: name, function: truthy }
              - { field: url, function: truthy }
              - { field: email, function: truthy }
          duplicated-entry-in-enum:
            description: Enum values must not have duplicate entry.
            severity: warn
            message: "{{error}}"
            given: $
            then: { function: oasEnumUnique }
          info-contact:
            description: Info object must have "contact" object.
            given: $
            then: { field: info.contact, function: truthy }
          info-description:
            description: Info "description" must be present and non-empty string.
            given: $
            then: { field: info.description, function: truthy }
          info-license:
            description: Info object must have "license" object.
            recommended: false
            given: $
            then: { field: info.license, function: truthy }
          license-url:
            description: License object must include "url".
            recommended: false
            given: $
            then: { field: info.license.url, function: truthy }
          no-eval-in-markdown:
            description: Markdown descriptions must not have "eval(".
            given: "$..[?(@property === 'description' || @property === 'title')]"
            then: { function: pattern, functionOptions: { notMatch: "eval\\\\(" } }
          no-script-tags-in-markdown:
            description: Markdown descriptions must not have "<script>" tags.
            given: "$..[?(@property === 'description' || @property === 'title')]"
            then: { function: pattern, functionOptions: { notMatch: "<script" } }
          openapi-tags-alphabetical:
            description: OpenAPI object must have alphabetical "tags".
            recommended: false
            given: $
            then: { field: tags, function: alphabetical, functionOptions: { keyedBy: name } }
          openapi-tags:
            description: OpenAPI object must have non-empty "tags" array.
            recommended: false
            given: $
            then: { field: tags, function: schema, functionOptions: { dialect: draft7, schema: { type: array, minItems: 1 } } }
          operation-description:
            description: Operation "description" must be present and non-empty string.
            given: "\(operations)"
            then: { field: description, function: truthy }
          operation-operationId:
            description: Operation must have "operationId".
            given: "\(operations)"
            then: { field: operationId, function: truthy }
          operation-operationId-valid-in-url:
            message: operationId must not characters that are invalid when used in URL.
            given: "\(operations)"
            then:
              field: operationId
              function: pattern
              functionOptions: { match: "^[A-Za-z0-9-._~:/?#\\\\[\\\\]@!\\\\$&'()*+,;=]*$" }
          operation-singular-tag:
            description: Operation must not have more than a single tag.
            recommended: false
            given: "\(operations)"
            then: { field: tags, function: length, functionOptions: { max: 1 } }
          operation-tags:
            description: Operation must have non-empty "tags" array.
            given: "\(operations)"
            then: { field: tags, function: truthy }
          path-declarations-must-exist:
            message: Path parameter declarations must not be empty, ex."/given/{}" is invalid.
            given: $.paths
            then: { field: "@key", function: pattern, functionOptions: { notMatch: "{}" } }
          path-keys-no-trailing-slash:
            message: Path must not end with slash.
            given: $.paths
            then: { field: "@key", function: pattern, functionOptions: { notMatch: ".+\\\\/$" } }
          path-not-include-query:
            description: Path must not include query string.
            given: $.paths
            then: { field: "@key", function: pattern, functionOptions: { notMatch: "\\\\?" } }
          tag-description:
            description: Tag object must have "description".
            recommended: false
            given: $.tags[*]
            then: { field: description, function: truthy }
          no-$ref-siblings:
            formats: [oas3_0]
            description: Property must not be placed among $ref
            message: "{{error}}"
            severity: error
            resolved: false
            given: $
            then: { function: refSiblings }
          typed-enum:
            description: Enum values must respect the specified type.
            message: "{{error}}"
            given: "$..[?(@ && @.enum && @.type)]"
            then: { function: typedEnum }
          oas3-api-servers:
            description: OpenAPI "servers" must be present and non-empty array.
            given: $
            then:
              field: servers
              function: schema
              functionOptions: { dialect: draft7, schema: { items: { type: object }, minItems: 1, type: array } }
          oas3-examples-value-or-externalValue:
            description: Examples must have either "value" or "externalValue" field.
            given:
              - $.components.examples[*]
              - $.paths[*][*]..content[*].examples[*]
              - $.paths[*][*]..parameters[*].examples[*]
              - $.components.parameters[*].examples[*]
              - $.paths[*][*]..headers[*].examples[*]
              - $.components.headers[*].examples[*]
            then: { function: xor, functionOptions: { properties: [externalValue, value] } }
          oas3-operation-security-defined:
            description: Operation "security" values must match a scheme defined in the "components.securitySchemes" object.
            given: $
            then: { function: oasOpSecurityDefined }
          oas3-parameter-description:
            description: Parameter objects must have "description".
            recommended: false
            given: "$..[?(@parentProperty !== 'links' && @.parameters)]['parameters'].[?(@.in)]"
            then: { field: description, function: truthy }
          oas3-server-not-example.com:
            description: Server URL must not point at example.com.
            recommended: false
            given: $.servers[*].url
            then: { function: pattern, functionOptions: { notMatch: "example\\\\.com" } }
          oas3-server-trailing-slash:
            description: Server URL must not have trailing slash.
            given: $.servers[*].url
            then: { function: pattern, functionOptions: { notMatch: "./$" } }
          oas3-valid-media-example:
            description: Examples must be valid against their defined schema.
            message: "{{error}}"
            severity: error
            given: $
            then: { function: oasMediaExamples }
          oas3-valid-schema-example:
            description: Examples must be valid against their defined schema.
            message: "{{error}}"
            severity: error
            given: $
            then: { function: oasSchemaExamples }
          oas3-schema:
            description: Validate structure of OpenAPI v3 specification.
            message: "{{error}}."
            severity: error
            given: $
            then: { function: oasDocumentSchema }
          oas3-unused-component:
            message: Potentially unused component has been detected.
            resolved: false
            given: $
            then: { function: oasUnusedComponent }
        """

    /// A function over the whole document from one of Specsmith's rules: its hits, as results.
    /// It runs for `given: $` only; on every node of a wider `given` it would walk the document
    /// once per node.
    static func whole(_ name: String, _ check: @escaping @Sendable (SpecDocument) -> [RuleHit]) -> RuleFunction {
        RuleFunction(name: name, checkOptions: RuleFunction.noOptions) { target, _, document in
            guard target.path.isEmpty else { return [] }
            return check(document).map { FunctionResult($0.message, path: $0.path, location: $0.location) }
        }
    }

    static let functions: [String: RuleFunction] = Dictionary(
        uniqueKeysWithValues: [
            RuleFunction(name: "oasOpSuccessResponse", checkOptions: RuleFunction.noOptions) { target, _, _ in
                guard let responses = target.node, responses.isMapping else { return [] }
                let success = responses.members.contains { $0.key.hasPrefix("2") || $0.key.hasPrefix("3") }
                return success ? [] : [FunctionResult("Operation must have at least one \"2xx\" or \"3xx\" response.")]
            },
            whole("oasOpIdUnique", OperationRules.uniqueOperationID.check),
            RuleFunction(name: "oasOpParams", checkOptions: RuleFunction.noOptions) { target, _, document in
                var seen: Set<String> = []
                return (target.node?.items ?? []).enumerated().compactMap { index, item in
                    let parameter = document.resolved(item) ?? item
                    guard let name = parameter["name"]?.string, let place = parameter["in"]?.string else { return nil }
                    if seen.insert(place + " " + name).inserted { return nil }
                    return FunctionResult(
                        "A parameter in this operation already exposes the same combination of \"name\" and \"in\" values.",
                        path: target.path + [String(index)], location: item.location)
                }
            },
            RuleFunction(name: "oasTagDefined", checkOptions: RuleFunction.noOptions) { _, _, document in
                // Spectral's rule fires even when no tags are declared at all, unlike Specsmith's.
                OperationRules.undeclaredTags(document).map {
                    FunctionResult("Operation tags must be defined in global tags.", path: $0.path, location: $0.location)
                }
            },
            whole("oasPathParam") { document in
                (ParameterRules.pathParamsDeclared.check(document) + ParameterRules.pathParamsUsed.check(document)
                    + ParameterRules.equivalentPaths.check(document) + ParameterRules.repeatedTemplate.check(document))
            },
            whole("oasEnumUnique", SchemaRules.enumDuplicates.check),
            whole("refSiblings") { document in
                document.references.flatMap { reference -> [RuleHit] in
                    let holder = Array(reference.path.dropLast())
                    guard let node = document.node(at: holder) else { return [] }
                    return node.members.filter { $0.key != "$ref" }.map {
                        RuleHit("$ref must not be placed next to any other properties", at: holder + [$0.key], $0.keyLocation)
                    }
                }
            },
            whole("oasOpSecurityDefined", DocumentRules.securityDefined.check),
            whole("oasMediaExamples", ExampleRules.mediaExamples),
            whole("oasSchemaExamples") { ExampleRules.schemaExamples($0) + ExampleRules.defaults.check($0) },
            whole("oasDocumentSchema", StructureRules.structure.check),
            whole("oasUnusedComponent", DocumentRules.unusedComponents.check),
        ].map { ($0.name, $0) })
}
