import Foundation
import JSONModel
import SpecLint
import SpecReader
import Testing

@Suite struct SpectralRulesetTests {
    @Test func theTeamRulesetRunsUnchanged() throws {
        let document = """
            openapi: 3.0.3
            info: {title: Orders, version: '1', description: Orders., contact: {name: Docs}}
            servers: [{url: 'https://api.example.com'}]
            tags: [{name: Orders}]
            paths:
              /orders:
                get:
                  operationId: listOrders
                  description: Lists orders.
                  tags: [Orders]
                  responses:
                    '200':
                      description: Orders
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Order'}
            components:
              schemas:
                Order: {type: object}
                Unused: {type: string}
            """
        // The custom rule fires at the object without properties; oas3-unused-component is off, so
        // `Unused` is not reported; the recommended spectral:oas rules are otherwise quiet.
        #expect(
            try findings(document, ruleset: teamRuleset) == [
                "properties-type-object #/components/schemas/Order/properties: type: object must have a properties sibling."
            ])
    }

    /// Under Spectral's name, a media example is judged as Spectral judges it: a `readOnly` field
    /// sent in a request example is no finding there, but Specsmith's own rule finds it; a wrong
    /// type is found by both.
    @Test func spectralsMediaExampleRuleLeavesDirectionToSpecsmithsOwn() throws {
        let document = """
            openapi: 3.1.0
            info: {title: Orders, version: '1'}
            paths:
              /orders:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Order'}
                        example: {id: 7, total: 'ten'}
                  responses:
                    '201': {description: Created}
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    id: {type: integer, readOnly: true}
                    total: {type: number}
            """
        let spectral = try findings(document, ruleset: "extends: [[spectral:oas, off]]\nrules:\n  oas3-valid-media-example: error\n")
        #expect(spectral.count == 1 && spectral.allSatisfy { $0.hasPrefix("oas3-valid-media-example") && $0.contains("total") })
        let own = try Linter().lint(document).filter { $0.rule.hasPrefix("example-") }.map { "\($0.rule) \($0.message)" }
        #expect(
            own == [
                "example-read-write-only example id: is read-only and cannot be sent",
                "example-valid example total: must be a number, got a string",
            ])
    }

    @Test func extendsModesChooseWhichOASRulesRun() throws {
        let document = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n"
        let recommended = try findings(document, ruleset: "extends: spectral:oas\n").map { String($0.prefix { $0 != " " }) }
        #expect(recommended.sorted() == ["info-contact", "info-description", "oas3-api-servers"])
        let all = try findings(document, ruleset: "extends: [[spectral:oas, all]]\n").map { String($0.prefix { $0 != " " }) }
        #expect(all.sorted() == ["info-contact", "info-description", "info-license", "license-url", "oas3-api-servers", "openapi-tags"])
        let off = try findings(document, ruleset: "extends: [[spectral:oas, off]]\nrules:\n  info-license: warn\n")
        #expect(off == [#"info-license #/info/license: Info object must have "license" object."#])
        #expect(
            try findings(
                document,
                ruleset: "extends: spectral:oas\nrules:\n  info-contact: false\n  info-description: off\n  oas3-api-servers: 'off'\n"
            ).isEmpty)
    }

    /// A Swagger 2.0 file is matched as written, by the common rules and the oas2 ones, never by
    /// the oas3 ones; its pointers are the file's own (`#/definitions/…`).
    @Test func swagger2FilesGetTheOas2Rules() throws {
        let document = """
            swagger: '2.0'
            info: {title: Pets, version: '1', description: Pets., contact: {name: Docs}}
            host: pets.example.com/
            schemes: [https]
            tags: [{name: pets}]
            paths:
              /pets:
                get:
                  operationId: listPets
                  description: Lists pets.
                  tags: [pets]
                  responses:
                    '200': {description: Pets., schema: {$ref: '#/definitions/Pet'}}
                post:
                  operationId: addPet
                  description: Adds a pet.
                  tags: [pets]
                  security: [{oauth: []}]
                  consumes: [application/json]
                  parameters: [{name: name, in: formData, type: string}]
                  responses:
                    '201': {description: Added., schema: {$ref: '#/definitions/Animal'}}
            definitions:
              Pet: {type: object, properties: {tag: {anyOf: [{type: string}, {type: integer}]}}}
              Animal: {type: object, discriminator: kind, properties: {kind: {type: string}}}
              Unused: {type: string}
            """
        #expect(
            try findings(document, ruleset: "extends: spectral:oas\n") == [
                "oas2-host-trailing-slash #/host: Server URL must not have trailing slash.",
                // The 2.0 schema's own words on the same two faults.
                "oas2-schema #/host: 'host' must match the pattern ^[^{}/ :\\\\]+(?::\\d+)?$.",
                "oas2-operation-formData-consume-check #/paths/~1pets/post: Operations with \"in: formData\" parameter must include \"application/x-www-form-urlencoded\" or \"multipart/form-data\" in their \"consumes\" property.",
                "oas2-operation-security-defined #/paths/~1pets/post/security/0/oauth: Operation \"security\" values must match a scheme defined in the \"securityDefinitions\" object.",
                "oas2-anyOf #/definitions/Pet/properties/tag/anyOf: anyOf is not available in OpenAPI v2, it was added in OpenAPI v3",
                "oas2-schema #/definitions/Pet/properties/tag/anyOf: 'definitions.Pet.properties.tag.anyOf' unknown field 'anyOf'.",
                "oas2-discriminator #/definitions/Animal/discriminator: discriminator property must be defined and required",
                "oas2-unused-definition #/definitions/Unused: Potentially unused definition has been detected.",
            ])
    }

    /// `oas2-schema` judges the file as written against the 2.0 JSON Schema: a missing required
    /// field, an unknown one, a value the schema's `enum` or `pattern` refuses, a parameter that is
    /// none of the four kinds (each kind's reason named), a path parameter's type; extensions
    /// (`x-nullable: true`) may hold any value.
    @Test func oas2SchemaJudgesTheFileAsWritten() throws {
        let document = """
            swagger: '2.0'
            info: {title: Pets, colour: blue}
            basePath: v1
            schemes: [https, ftp]
            paths:
              /pets/{id}:
                parameters:
                - {name: id, in: path, required: true, type: int}
                get:
                  parameters:
                  - {name: limit, in: qery, type: integer}
                  responses:
                    '200': {description: Pets., schema: {type: string, x-nullable: true}}
            """
        let found = try findings(document, ruleset: "extends: spectral:oas\n").filter { $0.hasPrefix("oas2-schema ") }
        #expect(
            found == [
                "oas2-schema #/info: 'info.version' is required.",
                "oas2-schema #/info/colour: 'info.colour' unknown field 'colour'.",
                "oas2-schema #/basePath: 'basePath' must match the pattern ^/.",
                "oas2-schema #/schemes/1: 'schemes[1]' must be one of: http, https, ws, wss.",
                "oas2-schema #/paths/~1pets~1{id}/parameters/0: 'paths[\"/pets/{id}\"].parameters[0]' must match exactly one of the allowed schemas; none does: oneOf[0] headerParameterSubSchema: in: must be header; oneOf[1] formDataParameterSubSchema: in: must be formData; oneOf[2] queryParameterSubSchema: in: must be query; oneOf[3] pathParameterSubSchema: type: must be one of: string, number, boolean, integer, array.",
                "oas2-schema #/paths/~1pets~1{id}/get/parameters/0: 'paths[\"/pets/{id}\"].get.parameters[0]' must match exactly one of the allowed schemas; none does: oneOf[0] headerParameterSubSchema: in: must be header; oneOf[1] formDataParameterSubSchema: in: must be formData; oneOf[2] queryParameterSubSchema: in: must be query; oneOf[3] pathParameterSubSchema: required: is required.",
            ])
        // The published petstore of the diff's fixtures is valid 2.0.
        let petstore = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("SpecDiffTests/Fixtures/swagger2/petstore.yaml"), encoding: .utf8)
        #expect(try findings(petstore, ruleset: "extends: spectral:oas\n").filter { $0.hasPrefix("oas2-schema ") } == [])
    }

    /// A 2.0 file's examples are judged by Specsmith's model of it and reported at the file's own
    /// pointers: a response's `examples` by media type, a definition's `example`.
    @Test func swagger2ExamplesAreJudgedWhereTheFileHasThem() throws {
        let document = """
            swagger: '2.0'
            info: {title: Pets, version: '1', description: Pets., contact: {name: Docs}}
            host: pets.example.com
            schemes: [https]
            paths:
              /pets:
                get:
                  operationId: listPets
                  description: Lists pets.
                  produces: [application/json]
                  responses:
                    '200':
                      description: Pets.
                      schema: {$ref: '#/definitions/Pet'}
                      examples:
                        application/json: {id: one}
            definitions:
              Pet:
                type: object
                properties:
                  id: {type: integer, example: two}
            """
        #expect(
            try findings(
                document,
                ruleset: "extends: [[spectral:oas, off]]\nrules:\n  oas2-valid-media-example: error\n  oas2-valid-schema-example: error\n")
                == [
                    "oas2-valid-media-example #/paths/~1pets/get/responses/200/examples/application~1json/id: example id: must be an integer, got a string",
                    "oas2-valid-schema-example #/definitions/Pet/properties/id/example: example: must be an integer, got a string",
                ])
    }

    @Test func specsmithRulesStayAvailableByTheirIds() throws {
        let document =
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /things:\n    delete:\n      responses: {'204': {description: Gone}}\n    get:\n      responses: {'200': {description: OK, content: {application/json: {schema: {type: array, items: {type: string}}}}}}\n"
        let named = try findings(document, ruleset: "rules:\n  delete-without-selector: warn\n")
        #expect(named.count == 1 && named[0].hasPrefix("delete-without-selector #/paths/~1things/delete"))
        let all = try findings(document, ruleset: "extends: specsmith\n").map { String($0.prefix { $0 != " " }) }
        #expect(Set(all) == ["delete-without-selector", "operation-operationId", "operation-description"])
    }

    @Test func rulesetsExtendByRelativePathAndRefuseCycles() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write(".spectral.yaml", "extends: spectral:oas\nrules:\n  info-contact: off\n")
        let child = try folder.write(
            "reference/.spectral.yaml", "extends: [spectral:oas, ../.spectral.yaml]\nrules:\n  info-description: error\n")
        let ruleset = try Ruleset.load(child)
        let linter = ruleset.linter(for: folder.url.appendingPathComponent("reference/api.yaml").path)
        #expect(linter.overrides["info-contact"] == .off)
        #expect(linter.overrides["info-description"] == .severity(.error))
        #expect(linter.overrides["oas3-api-servers"] == .severity(.warning))

        let loop = try folder.write("a.yaml", "extends: ./b.yaml\n")
        try folder.write("b.yaml", "extends: ./a.yaml\n")
        #expect { try Ruleset.load(loop) } throws: { ($0 as? Ruleset.LoadError)?.message.contains("extends it back") == true }
    }

    /// Mistakes in a ruleset name the file, the line and the rule, and exit 2 from the CLI.
    @Test(arguments: [
        (
            "rules:\n  r:\n    given: $.info\n    then: { function: truthly }\n",
            "4:23: rule r: unknown function truthly; did you mean truthy?"
        ),
        (
            "rules:\n  r:\n    given: \"$.paths[?(@.x ==\"\n    then: { function: truthy }\n",
            "3:12: rule r: `given` $.paths[?(@.x == is not a JSONPath"
        ),
        ("rules:\n  info-contcat: off\n", "2:3: rule info-contcat: no rule of that name is defined or inherited"),
        (
            "rules:\n  r:\n    given: $\n    then: { function: pattern, functionOptions: { match: '(' } }\n",
            "4:49: rule r: function pattern its 'match' option '(' is not a regular expression"
        ),
        ("rules:\n  r:\n    given: $\n    then: { function: length }\n", "4:11: rule r: function length needs a number 'min' or 'max'"),
        ("functions: [checkThing]\n", "1:12: `functions`: custom JavaScript functions cannot run here"),
        ("extends: spectral:asyncapi\n", "1:10: extends spectral:asyncapi: only spectral:oas"),
        (
            "overrides:\n  - files: ['api.yaml#/paths']\n    rules: {info-contact: off}\n",
            "2:12: overrides[0]: 'api.yaml#/paths' names part of a file"
        ),
    ])
    func badRulesetsSayWhereAndWhy(ruleset: String, expected: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write(".spectral.yaml", ruleset)
        do {
            _ = try Ruleset.load(path)
            Issue.record("loaded a bad ruleset")
        } catch {
            let text = error.description.replacingOccurrences(of: path + ":", with: "")
            #expect(text.hasPrefix(expected), "\(text)")
        }
    }

    /// A ruleset may be JSON, and is found as Spectral finds it: `.spectral.yaml`, then `.yml`,
    /// then `.json`, in the working folder.
    @Test func rulesetsAreFoundAndMayBeJSON() throws {
        let folder = try Folder()
        defer { folder.remove() }
        #expect(Ruleset.discover(in: folder.url.path) == nil)
        let json = try folder.write(".spectral.json", #"{"extends": [["spectral:oas", "off"]], "rules": {"info-contact": "error"}}"#)
        #expect(Ruleset.discover(in: folder.url.path) == json)
        let ruleset = try Ruleset.load(json)
        #expect(ruleset.linter(for: "api.yaml").overrides["info-contact"] == .severity(.error))
        #expect(ruleset.linter(for: "api.yaml").overrides["info-description"] == .off)
        let yaml = try folder.write(".spectral.yaml", "extends: spectral:oas\n")
        #expect(Ruleset.discover(in: folder.url.path) == yaml)
    }

    @Test func overridesApplyByFilePattern() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write(
            ".spectral.yaml",
            "extends: spectral:oas\noverrides:\n  - files: ['legacy/**/*.yaml']\n    rules:\n      info-contact: off\n")
        let ruleset = try Ruleset.load(path)
        #expect(ruleset.linter(for: folder.url.appendingPathComponent("legacy/v1/api.yaml").path).overrides["info-contact"] == .off)
        #expect(ruleset.linter(for: folder.url.appendingPathComponent("current/api.yaml").path).overrides["info-contact"] != .off)
    }

    @Test func messagesFillTheirPlaceholders() throws {
        let ruleset = """
            rules:
              summary-casing:
                message: "{{property}} at {{path}} is {{value}}: {{error}}"
                given: $.paths[*][*]
                then: { field: summary, function: casing, functionOptions: { type: kebab } }
            """
        let document = "openapi: 3.1.0\npaths:\n  /a:\n    get: {summary: Get A}\n"
        #expect(
            try findings(document, ruleset: ruleset) == [
                #"summary-casing #/paths/~1a/get/summary: summary at paths./a.get.summary is "Get A": must be kebab case"#
            ])
    }

    /// Through a `$ref`, a resolved rule reports where the node is written.
    @Test func resolvedRulesPointAtTheNodeNotTheReference() throws {
        let ruleset = "rules:\n  described:\n    given: $.paths[*][*].responses[*]\n    then: { field: description, function: truthy }\n"
        let document = """
            openapi: 3.1.0
            paths:
              /a:
                get:
                  responses:
                    '200': {$ref: '#/components/responses/Empty'}
            components:
              responses:
                Empty: {description: ''}
            """
        #expect(
            try findings(document, ruleset: ruleset) == [
                #"described #/components/responses/Empty/description: "description" property must be truthy"#
            ])
    }

    @Test func formatsLimitWhereARuleRuns() throws {
        let ruleset = "rules:\n  only-30:\n    formats: [oas3_0]\n    given: $.info\n    then: { field: contact, function: truthy }\n"
        #expect(try findings("openapi: 3.1.0\ninfo: {title: T}\n", ruleset: ruleset).isEmpty)
        #expect(try findings("openapi: 3.0.3\ninfo: {title: T}\n", ruleset: ruleset).count == 1)
    }
}
