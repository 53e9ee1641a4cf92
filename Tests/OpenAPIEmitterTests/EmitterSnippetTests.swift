import APIRegistry
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation
import Testing

private func yaml(_ registry: Registry = Tiny.registry()) throws -> String {
    try YAMLRenderer.render(try DocumentEmitter(registry: registry).document())
}

/// Each test checks one fragment of the YAML a feature of the DSL produces.
@Suite struct EmitterSnippetTests {
    /// The registry chooses the scheme, and its name: not always `X-Auth-Token`.
    @Test func theSecuritySchemeIsTheRegistrys() throws {
        let key = try yaml()
        #expect(key.contains("  securitySchemes:\n    X-Key:\n      description: "))
        #expect(key.contains("      type: apiKey\n      name: X-Key\n      in: header"))
        #expect(key.contains("      security:\n      - X-Key:\n        - things_read\n"))
        let bearer = try yaml(Tiny.registry(authentication: .bearer(format: "JWT")))
        #expect(bearer.contains("  securitySchemes:\n    bearerAuth:\n      description: "))
        #expect(bearer.contains("      type: http\n      scheme: bearer\n      bearerFormat: JWT"))
        #expect(bearer.contains("      security:\n      - bearerAuth:\n        - things_read\n"))
        #expect(!bearer.contains("X-Key"))
    }

    @Test func inFilterIsAnExplodeFalseArray() throws {
        #expect(
            try yaml().contains(
                """
                      - name: id:in
                        in: query
                        explode: false
                        schema:
                          type: array
                          items:
                            type: integer
                            minimum: 1
                          maxItems: 1000
                          minItems: 1
                        description: Id. Matches records whose value is one of the comma-separated values.
                """))
    }

    @Test func eqFilterUsesTheBareNameAndLikeIsAString() throws {
        let text = try yaml()
        #expect(
            text.contains(
                "- name: name\n        in: query\n        schema:\n          type: string\n          maxLength: 10\n          minLength: 1")
        )
        #expect(text.contains("- name: name:like\n        in: query\n        schema:\n          type: string\n          minLength: 1"))
    }

    @Test func pagingParametersComeFromThePagination() throws {
        #expect(
            try yaml().contains(
                """
                      - name: limit
                        in: query
                        schema:
                          type: integer
                          default: 20
                          maximum: 100
                          minimum: 1
                """))
    }

    @Test func deleteRequiresIdIn() throws {
        #expect(
            try yaml().contains(
                """
                      operationId: deleteThings
                      parameters:
                      - name: id:in
                        in: query
                        required: true
                        explode: false
                """))
    }

    @Test func writeBodyIsAnArrayCappedAtTheBatchLimit() throws {
        #expect(
            try yaml().contains(
                """
                      requestBody:
                        description: 'A JSON array, even for one record: `[{…}]`.'
                        content:
                          application/json:
                            schema:
                              type: array
                              description: A batch of 1 to 3 ThingCreate items, processed all or nothing.
                              items:
                                $ref: '#/components/schemas/ThingCreate'
                              maxItems: 3
                              minItems: 1
                            example:
                            - name: Widget
                              size: 3
                """))
    }

    @Test func projectionsBecomeComponentSchemas() throws {
        let text = try yaml()
        #expect(
            text.contains(
                """
                    ThingUpdate:
                      type: object
                      description: Changes to one Thing. `id` names the record; every other field is optional and only the fields sent change.
                      properties:
                        id:
                          type: integer
                          description: Id.
                          minimum: 1
                        name:
                          type: string
                          description: Name.
                          maxLength: 10
                          minLength: 1
                        size:
                          type: integer
                          description: Size.
                          maximum: 9
                          minimum: 0
                      additionalProperties: false
                      required:
                      - id
                """))
        #expect(
            text.contains(
                "    date_created:\n          type: string\n          format: date-time\n          description: Created.\n          readOnly: true"
            ))
    }

    @Test func responseCodesAreQuoted() throws {
        let text = try yaml()
        #expect(text.contains("      responses:\n        '200':"))
        #expect(!text.contains("\n        200:"))
    }

    @Test func errorExamplesComeFromTheEngine() throws {
        let text = try yaml()
        #expect(text.contains("title: 'The request body is not valid: 1 error.'"))
        #expect(text.contains("'[0].name': is required"))
        #expect(text.contains("'[0].id': is required"))
        #expect(text.contains("title: Batch of 4 items is too large; the limit is 3 per request."))
    }

    @Test func writesLinkToReadingAndDeletingWhatTheyWrote() throws {
        #expect(
            try yaml().contains(
                """
                          links:
                            GetThing:
                              operationId: getThings
                              parameters:
                                id:in: $response.body#/data/0/id
                              description: Read the first record written, by its id.
                            DeleteThing:
                              operationId: deleteThings
                              parameters:
                                id:in: $response.body#/data/0/id
                """))
    }

    /// RFC 9457: errors as `application/problem+json`, `type` and `title` naming the kind of
    /// problem and `detail` this occurrence.
    @Test func problemDetailsAreTheRegistrysChoice() throws {
        let text = try yaml(Tiny.registry(errorFormat: .problemDetails))
        #expect(
            text.contains(
                """
                        '422':
                          description: An item is invalid or breaks a rule; nothing was written.
                          content:
                            application/problem+json:
                              schema:
                                $ref: '#/components/schemas/ErrorResponse'
                              example:
                                type: https://example.com/errors/invalid-request
                                title: Invalid request
                                status: 422
                                detail: 'The request body is not valid: 1 error.'
                """))
        #expect(!text.contains("application/json:\n              schema:\n                $ref: '#/components/schemas/ErrorResponse'"))
    }

    @Test func scopesBecomeSecurityRequirements() throws {
        let text = try yaml()
        #expect(text.contains("      security:\n      - X-Key:\n        - things_read\n      - X-Key:\n        - things\n"))
        #expect(text.contains("      security:\n      - X-Key:\n        - things\n"))
    }

    @Test func anInvalidExampleStopsGenerationWithItsLocation() {
        let registry = Tiny.registry(example: ["id": 1, "name": "A name far too long", "size": 3, "date_created": "2020-01-01T00:00:00Z"])
        #expect {
            try DocumentEmitter(registry: registry).document()
        } throws: { error in
            let text = "\(error)"
            // Named at the model that holds the example as well as at the spec's pointer.
            let model = registry.resources[0].model.declaredAt
            return model.fileID == "OpenAPIEmitterTests/TinyRegistry.swift"
                && text.contains(
                    "\(model): #/paths/~1things/post/requestBody/content/application~1json/example: [0].name: must be at most 10 characters"
                )
                && text.contains(
                    "#/paths/~1things/get/responses/200/content/application~1json/example: data[0].name: must be at most 10 characters")
        }
    }

    @Test func aContradictoryRegistryStopsGeneration() {
        let broken = Tiny.registry(example: ["id": 1, "name": "Widget", "colour": "red"])
        #expect {
            try DocumentEmitter(registry: broken).document()
        } throws: { error in
            // At the Swift declaration that holds the example, not at a pointer into the spec.
            "\(error)".hasPrefix("OpenAPIEmitterTests/TinyRegistry.swift:")
                && "\(error)".hasSuffix(": resource 'things', model Thing, example 1: 'colour' is not a field of Thing")
        }
    }
}

/// Every field type of the DSL, on a read-only resource.
@Suite struct FieldTypeSnippetTests {
    static let settings = Model(
        "GadgetSettings", description: "Settings.",
        fields: [Field("volume", .integer(minimum: 0, maximum: 11), "Volume.", requiredIn: [.create])])

    static let gadget = Model(
        "Gadget", description: "Every field type.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
            Field("weight", .number(minimum: 0.5, maximum: 2.5), "Weight in kg.", example: 1.25),
            Field("active", .boolean, "Active."),
            Field("launched", .date, "Launch day."),
            Field("site", .string(format: .uri), "Home page."),
            Field("labels", .stringMap, "Free-form labels."),
            Field("tags", .array(of: .string(maxLength: 20), minItems: 1, maxItems: 5), "Tags."),
            Field("settings", .model(settings), "Settings."),
        ],
        examples: [["id": 1, "weight": 1.25, "active": true, "launched": "2020-02-29", "labels": ["colour": "red"], "tags": ["new"]]])

    static var registry: Registry {
        let base = Tiny.registry()
        let gadgets = Resource(
            name: "gadgets", path: "/gadgets", tag: "Gadgets", operationNoun: "Gadgets", description: "Gadgets.", model: gadget,
            operations: [Operation(.list, summary: "List gadgets", description: "Lists gadgets.")],
            filters: [Filter("launched", [.min], "Launch day.")])
        return Registry(info: base.info, pagination: base.pagination, resources: [gadgets])
    }

    /// Requests refuse unknown fields; responses stay open to the fields an API adds later.
    @Test func requestSchemasAreClosedAndResponseSchemasOpen() throws {
        let text = try yaml()
        #expect(text.contains("    ThingCreate:\n      type: object\n"))
        let create = try #require(text.range(of: "    ThingCreate:\n")).upperBound
        let nextSchema = text[create...].range(of: "\n    Thing")?.lowerBound ?? text.endIndex
        #expect(text[create..<nextSchema].contains("      additionalProperties: false\n"))
        let read = try #require(text.range(of: "    Thing:\n")).upperBound
        let afterRead = text[read...].range(of: "\n    Thing")?.lowerBound ?? text.endIndex
        #expect(!text[read..<afterRead].contains("additionalProperties"))
        #expect(
            text.contains(
                "    WriteMeta:\n      type: object\n      description: Metadata of a write response; holds no fields today and may gain some.\n      additionalProperties: true\n"
            ))
    }

    @Test func eachFieldTypeHasItsSchema() throws {
        let text = try yaml(Self.registry)
        #expect(
            text.contains(
                """
                    Gadget:
                      type: object
                      description: Every field type.
                      properties:
                        id:
                          type: integer
                          description: Id.
                          readOnly: true
                          minimum: 1
                        weight:
                          type: number
                          description: Weight in kg.
                          examples:
                          - 1.25
                          maximum: 2.5
                          minimum: 0.5
                        active:
                          type: boolean
                          description: Active.
                        launched:
                          type: string
                          format: date
                          description: Launch day.
                        site:
                          type: string
                          format: uri
                          description: Home page.
                        labels:
                          type: object
                          description: Free-form labels.
                          additionalProperties:
                            type: string
                        tags:
                          type: array
                          description: Tags.
                          items:
                            type: string
                            maxLength: 20
                          maxItems: 5
                          minItems: 1
                        settings:
                          description: Settings.
                          $ref: '#/components/schemas/GadgetSettings'
                      required:
                      - id
                    GadgetSettings:
                """))
    }

    @Test func dateFiltersAcceptADateOrADateTime() throws {
        #expect(
            try yaml(Self.registry).contains(
                """
                      - name: launched:min
                        in: query
                        schema:
                          anyOf:
                          - type: string
                            format: date
                          - type: string
                            format: date-time
                """))
    }
}
