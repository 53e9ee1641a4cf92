import APIRegistry
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation
import Testing

private func yaml(_ registry: Registry = Tiny.registry()) throws -> String {
    try YAMLRenderer.render(try OpenAPIEmitter(registry: registry).document())
}

/// Each test checks one fragment of the YAML a feature of the DSL produces.
@Suite struct EmitterSnippetTests {
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

    @Test func scopesBecomeSecurityRequirements() throws {
        let text = try yaml()
        #expect(text.contains("      security:\n      - X-Auth-Token:\n        - things_read\n      - X-Auth-Token:\n        - things\n"))
        #expect(text.contains("      security:\n      - X-Auth-Token:\n        - things\n"))
    }

    @Test func anInvalidExampleStopsGenerationWithItsLocation() {
        let registry = Tiny.registry(example: ["id": 1, "name": "A name far too long", "size": 3, "date_created": "2020-01-01T00:00:00Z"])
        #expect {
            try OpenAPIEmitter(registry: registry).document()
        } throws: { error in
            let text = "\(error)"
            return text.contains(
                "#/paths/~1things/post/requestBody/content/application~1json/example: [0].name: must be at most 10 characters")
                && text.contains(
                    "#/paths/~1things/get/responses/200/content/application~1json/example: data[0].name: must be at most 10 characters")
        }
    }

    @Test func aContradictoryRegistryStopsGeneration() {
        let broken = Tiny.registry(example: ["id": 1, "name": "Widget", "colour": "red"])
        #expect {
            try OpenAPIEmitter(registry: broken).document()
        } throws: { error in
            "\(error)" == "resource 'things', model Thing, example 1: 'colour' is not a field of Thing"
        }
    }
}
