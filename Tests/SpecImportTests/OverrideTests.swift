import JSONModel
import SpecImport
import SpecReader
import Testing

/// Notes and a report: `/notes` is a resource as inferred, and `/reports/{reportId}` a GET the
/// importer cannot place.
private let notes = """
    openapi: 3.1.0
    info: {title: Notes, version: '1'}
    servers: [{url: 'https://api.example.com/v1'}]
    paths:
      /notes:
        get:
          responses:
            '200':
              description: Notes.
              content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Note'}}}}
        post:
          requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
          responses:
            '201':
              description: The note.
              content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
      /notes/{noteId}:
        get:
          parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
          responses:
            '200':
              description: A note.
              content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
    components:
      schemas:
        Note:
          type: object
          required: [id, text]
          properties:
            id: {type: integer, readOnly: true}
            text: {type: string}
    """

/// What the inference cannot know is corrected in the document (`x-specsmith-*`) or beside it
/// (`--overrides FILE`), without changing what the document means.
@Suite struct OverrideTests {
    @Test func theDocumentsOwnExtensionsCorrectTheInference() throws {
        let marked = notes.replacingOccurrences(
            of: "  /notes:\n    get:\n", with: "  /notes:\n    get:\n      x-specsmith-resource: memos\n"
        ).replacingOccurrences(
            of: "    get:\n      parameters: [{name: noteId",
            with: "    get:\n      x-specsmith-example-only: true\n      parameters: [{name: noteId")
        let api = ImportedAPI(document: try SpecDocument(text: marked), fileName: "notes.yaml")
        #expect(api.plan.resources.map(\.name) == ["memos"])
        #expect(api.plan.entries.map { "\($0.method) \($0.path): \($0.reason)" }.last == "get /notes/{noteId}: x-specsmith-example-only")
        #expect(api.registry.resources.map(\.name) == ["memos"])
        #expect(api.registry.documented.map { "\($0.method) \($0.path)" } == ["GET /notes/{noteId}"])
    }

    @Test func anOverrideFileSaysTheSame() throws {
        let document = try SpecDocument(text: notes)
        let overrides = try ImportOverrides(
            text: """
                get /notes: {x-specsmith-resource: memos}
                GET /notes/{noteId}:
                  x-specsmith-example-only: true
                """, file: "overrides.yaml", for: document)
        let api = ImportedAPI(document: document, fileName: "notes.yaml", overrides: overrides)
        #expect(api.registry.resources.map(\.name) == ["memos"])
        #expect(api.registry.documented.map { "\($0.method) \($0.path)" } == ["GET /notes/{noteId}"])
        // Every operation answered from the document: no resource is left.
        let all = try ImportOverrides(
            text: "GET /notes: {x-specsmith-example-only: true}\nPOST /notes: {x-specsmith-example-only: true}\n"
                + "GET /notes/{noteId}: {x-specsmith-example-only: true}\n", file: "overrides.yaml", for: document)
        let none = ImportedAPI(document: document, fileName: "notes.yaml", overrides: all)
        #expect(none.plan.resources.isEmpty && none.registry.resources.isEmpty)
        #expect(none.registry.documented.count == 3)
    }

    /// `x-specsmith-identifier` names the field that identifies records where the item path's
    /// parameter does not (`/notes/{noteId}` over notes identified by `slug`); a field the
    /// records do not have is reported, and the inference stands.
    @Test func theIdentifierIsNamedByAnOverride() throws {
        let slugged = notes.replacingOccurrences(of: "text: {type: string}", with: "text: {type: string}\n        slug: {type: string}")
        let document = try SpecDocument(text: slugged)
        #expect(ImportedAPI(document: document, fileName: "notes.yaml").registry.resources.first?.model.identifier == "id")
        let overrides = try ImportOverrides(
            text: "GET /notes/{noteId}: {x-specsmith-identifier: slug}\n", file: "overrides.yaml", for: document)
        let api = ImportedAPI(document: document, fileName: "notes.yaml", overrides: overrides)
        #expect(api.plan.resources.first?.identifier == "slug")
        #expect(api.registry.resources.first?.model.identifier == "slug")
        let missing = try ImportOverrides(
            text: "GET /notes: {x-specsmith-identifier: uuid}\n", file: "overrides.yaml", for: document)
        let reported = ImportedAPI(document: document, fileName: "notes.yaml", overrides: missing)
        #expect(reported.registry.resources.first?.model.identifier == "id")
        #expect(reported.report.text.contains("x-specsmith-identifier names 'uuid', which its records do not have; identified by id"))
    }

    @Test func aBadOverrideNamesItsLine() throws {
        let document = try SpecDocument(text: notes)
        func failure(_ text: String) -> String {
            do {
                _ = try ImportOverrides(text: text, file: "overrides.yaml", for: document)
                return ""
            } catch {
                return error.description
            }
        }
        #expect(
            failure("x: 1\nGET /note/{noteId}: {x-specsmith-example-only: true}\n").hasPrefix(
                "overrides.yaml:1: 'x' names no operation of the document"))
        #expect(
            failure("GET /note/{noteId}: {x-specsmith-example-only: true}\n")
                == "overrides.yaml:1: 'GET /note/{noteId}' names no operation of the document (write METHOD /path); did you mean 'GET /notes/{noteId}'?"
        )
        #expect(
            failure("GET /notes:\n  x-specsmith-example-only: yes please\n")
                == "overrides.yaml:2: x-specsmith-example-only of 'GET /notes' must be true or false")
        #expect(
            failure("GET /notes: {x-specsmith-resource: ''}\n")
                == "overrides.yaml:1: x-specsmith-resource of 'GET /notes' must be a resource name")
        #expect(
            failure("GET /notes: {x-specsmith-identifier: 7}\n")
                == "overrides.yaml:1: x-specsmith-identifier of 'GET /notes' must be a field name")
        #expect(
            failure("GET /notes: {x-specsmith-ignore: true}\n")
                == "overrides.yaml:1: 'x-specsmith-ignore' corrects nothing; the keys are x-specsmith-example-only, x-specsmith-resource, x-specsmith-identifier"
        )
    }
}
