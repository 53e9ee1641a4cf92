import JSONModel
import OpenAPIKit
import SchemaValidation
import Testing
import Yams

/// A spec written by hand, decoded as the linter will decode other people's documents.
private let spec = """
    openapi: 3.1.0
    info: {title: Pets, version: '1'}
    paths:
      /pets:
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: array
                  items: {$ref: '#/components/schemas/Pet'}
                example:
                - {id: 3, name: Rex, kind: dog, nickname: null}
                - {name: '', kind: cat, tags: [{label: 7}]}
          responses:
            '200':
              description: OK
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Pet'}
                  example: {id: 1, name: Rex, kind: dog, secret: x}
    components:
      schemas:
        Pet:
          type: object
          required: [id, name, kind]
          additionalProperties: false
          properties:
            id: {type: integer, readOnly: true}
            name: {type: string, minLength: 1}
            kind: {const: dog}
            nickname: {type: [string, 'null']}
            secret: {type: string, writeOnly: true}
            tags:
              type: array
              items:
                type: object
                properties:
                  label: {type: string}
          examples:
          - {id: 1, name: Rex, kind: dog, colour: brown}
    """

@Suite struct DocumentExamplesTests {
    @Test func reportsEveryInvalidExampleWithItsLocation() throws {
        let document = try YAMLDecoder().decode(OpenAPI.Document.self, from: spec)
        let request = "#/paths/~1pets/post/requestBody/content/application~1json/example"
        let response = "#/paths/~1pets/post/responses/200/content/application~1json/example"
        #expect(
            DocumentExamples.check(document).map(\.description) == [
                "\(request): [0].id: is read-only and cannot be sent",
                "\(request): [1].name: must not be empty",
                "\(request): [1].kind: must be dog",
                "\(request): [1].tags[0].label: must be a string, got an integer",
                "\(response): secret: is write-only and must not appear in a response",
                "#/components/schemas/Pet/examples/0: colour: unknown field 'colour'",
            ])
    }
}
