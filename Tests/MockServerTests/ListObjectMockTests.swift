import APIRegistry
import Foundation
import JSONModel
import MockServer
import OpenAPIEmitter
import SpecImport
import SpecReader
import Testing

/// A ledger in the style of APIs whose lists are objects (`object: list`, `data`, `has_more`,
/// `url`) paged by the id of a record (`starting_after`, `ending_before`), whose errors are
/// `{"error": {"type", "message", "param"}}` from a `default` answer, and whose bodies are forms.
private let ledger = """
    openapi: 3.0.0
    info: {title: Ledger, version: '1'}
    components:
      schemas:
        entry:
          type: object
          required: [id, object, amount]
          properties:
            id: {type: string}
            object: {type: string, enum: [entry]}
            amount: {type: integer}
            metadata: {$ref: '#/components/schemas/metadata'}
            tags:
              type: array
              items: {type: string}
            lines:
              type: array
              items: {$ref: '#/components/schemas/line'}
        metadata:
          type: object
          additionalProperties: {type: string}
        line:
          type: object
          properties:
            quantity: {type: integer}
            taxed: {type: boolean}
        entry_list:
          type: object
          required: [object, data, has_more, url]
          properties:
            object: {type: string, enum: [list]}
            data: {type: array, items: {$ref: '#/components/schemas/entry'}}
            has_more: {type: boolean}
            url: {type: string, pattern: '^/v1/entries'}
        error:
          type: object
          required: [error]
          properties:
            error:
              type: object
              required: [type]
              properties:
                type: {type: string, enum: [api_error, invalid_request_error]}
                message: {type: string}
                param: {type: string}
                code: {type: string}
      responses:
        error:
          description: Error.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/error'}
    paths:
      /v1/entries:
        get:
          parameters:
          - {name: limit, in: query, schema: {type: integer, default: 2, maximum: 10}}
          - {name: starting_after, in: query, schema: {type: string}}
          - {name: ending_before, in: query, schema: {type: string}}
          responses:
            '200':
              description: A page of entries.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/entry_list'}
            default: {$ref: '#/components/responses/error'}
        post:
          requestBody:
            content:
              application/x-www-form-urlencoded:
                schema:
                  type: object
                  required: [amount]
                  properties:
                    amount: {type: integer}
                    metadata: {$ref: '#/components/schemas/metadata'}
                    tags: {type: array, items: {type: string}}
                    lines: {type: array, items: {$ref: '#/components/schemas/line'}}
          responses:
            '200':
              description: The entry.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/entry'}
            default: {$ref: '#/components/responses/error'}
      /v1/entries/{entry}:
        get:
          parameters:
          - {name: entry, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: The entry.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/entry'}
            default: {$ref: '#/components/responses/error'}
    """

@Suite struct ListObjectMockTests {
    /// Lists answer as the document lays them out and page by a record's id both ways; errors
    /// of record operations come in the document's own shape; every answer is valid against
    /// the document itself.
    @Test func listsAndErrorsAnswerInTheDocumentsOwnShapes() async throws {
        let document = try SpecDocument(text: ledger)
        let imported = ImportedAPI(document: document, fileName: "ledger.yaml")
        let layout = try #require(imported.registry.pagination.layout)
        #expect(layout.members.map(\.name) == ["object", "data", "has_more", "url"])
        #expect([layout.after, layout.before] == ["starting_after", "ending_before"])
        guard case .shaped(let shape) = imported.registry.info.errorFormat else {
            Issue.record("errors are read as \(imported.registry.info.errorFormat)")
            return
        }
        #expect(shape.message == ["error", "message"])
        #expect(shape.field == ["error", "param"])
        let original = try contract(of: document)
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = ""
            var answers: [(String, Reply)] = []
            var ids: [String] = []
            for amount in [10, 20, 30] {
                let created = try await client.post("/v1/entries", ["amount": .integer(amount)])
                answers.append(("post /v1/entries", created))
                ids.append(try #require(created.body?["id"]?.stringValue))
            }
            let first = try await client.get("/v1/entries?limit=2")
            #expect(first.body?["object"] == "list")
            #expect(first.body?["has_more"] == true)
            #expect(first.body?["url"] == "/v1/entries")
            #expect(first.data.compactMap { $0["amount"]?.intValue } == [10, 20])
            let second = try await client.get("/v1/entries?limit=2&starting_after=\(ids[1])")
            #expect(second.data.compactMap { $0["amount"]?.intValue } == [30])
            #expect(second.body?["has_more"] == false)
            let back = try await client.get("/v1/entries?limit=1&ending_before=\(ids[2])")
            #expect(back.data.compactMap { $0["amount"]?.intValue } == [20])
            #expect(back.body?["has_more"] == true)
            let refused = try await client.get("/v1/entries?limit=2&starting_after=nope")
            #expect(refused.status == 422)
            #expect(refused.body?["error"]?["type"] == "invalid_request_error")
            #expect(refused.body?["error"]?["param"] == "starting_after")
            #expect(
                refused.body?["error"]?["message"]?.stringValue?.contains("starting_after is not the id of a record of this list") == true)
            let missing = try await client.get("/v1/entries/999")
            #expect(missing.status == 404)
            #expect(missing.body?["error"]?["param"] == "entry")
            answers += [first, second, back, refused].map { ("get /v1/entries", $0) } + [("get /v1/entries/{entry}", missing)]
            for (operation, answer) in answers {
                let parts = operation.split(separator: " ").map(String.init)
                let status = String(answer.status)
                let schema = try #require(
                    original.responseSchema(method: parts[0], path: parts[1], status: status)
                        ?? original.responseSchema(method: parts[0], path: parts[1], status: "default"))
                let body = try #require(answer.body)
                #expect(original.validator.validate(body, against: schema, context: .response).isEmpty, "\(operation) \(status)")
            }
        }
    }

    /// A form body is read with its nesting (`metadata[k]`, `tags[]`, `lines[0][quantity]`) and
    /// typed by the body's schema; a value of the wrong type is a 422 naming its field, a form
    /// that cannot be read a 400, another media type a 415; JSON is taken too.
    @Test func formBodiesAreReadTypedAndJudged() async throws {
        let imported = ImportedAPI(document: try SpecDocument(text: ledger), fileName: "ledger.yaml")
        #expect(imported.registry.info.formBodies)
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = ""
            func form(_ body: String, type: String = "application/x-www-form-urlencoded") async throws -> Reply {
                try await client.send(.post, "/v1/entries", raw: body, contentType: type)
            }
            let created = try await form(
                "amount=12&metadata[plan]=pro%20plus&tags[]=a&tags[]=b&lines[0][quantity]=2&lines[0][taxed]=true&lines[1][quantity]=3")
            #expect(created.status == 200)
            #expect(created.body?["amount"] == 12)
            #expect(created.body?["metadata"] == ["plan": "pro plus"])
            #expect(created.body?["tags"] == ["a", "b"])
            #expect(created.body?["lines"] == [["quantity": 2, "taxed": true], ["quantity": 3]])
            let wrong = try await form("amount=twelve")
            #expect(wrong.status == 422)
            #expect(wrong.body?["error"]?["param"] == "amount")
            let unreadable = try await form("amount=1&amount[x]=2")
            #expect(unreadable.status == 400)
            #expect(try await form("amount=1", type: "text/plain").status == 415)
            #expect(try await client.post("/v1/entries", ["amount": 5]).status == 200)
            #expect(try await client.get("/v1/entries").data.count == 2)
        }
    }

    /// A list that pages forward by one cursor (`cursor`), whose answer gives the next one
    /// (`next_cursor`), is served so: the cursor is the id of the page's last record.
    @Test func aLoneForwardCursorPagesForward() async throws {
        let document = try SpecDocument(
            text: """
                openapi: 3.0.3
                info: {title: Feed, version: '1'}
                paths:
                  /items:
                    get:
                      parameters:
                      - {name: cursor, in: query, schema: {type: string}}
                      - {name: limit, in: query, schema: {type: integer, default: 2}}
                      responses:
                        '200':
                          description: Items.
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [items, next_cursor]
                                properties:
                                  items: {type: array, items: {$ref: '#/components/schemas/Item'}}
                                  next_cursor: {type: string, nullable: true}
                    post:
                      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
                      responses:
                        '201': {description: The item., content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
                components:
                  schemas:
                    Item:
                      type: object
                      properties:
                        id: {type: integer, readOnly: true}
                        name: {type: string}
                """)
        let imported = ImportedAPI(document: document, fileName: "feed.yaml")
        let layout = try #require(imported.registry.pagination.layout)
        #expect(layout.after == "cursor" && layout.before == nil)
        let original = try contract(of: document)
        let schema = try #require(original.responseSchema(method: "get", path: "/items", status: "200"))
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = ""
            for name in ["a", "b", "c"] { #expect(try await client.post("/items", ["name": .string(name)]).status == 201) }
            let first = try await client.get("/items")
            let next = try #require(first.body?["next_cursor"]?.stringValue)
            let second = try await client.get("/items?cursor=\(next)")
            #expect(second.body?["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["c"])
            #expect(second.body?["next_cursor"] == .null)
            for answer in [first, second] {
                #expect(original.validator.validate(try #require(answer.body), against: schema, context: .response).isEmpty)
            }
            #expect(try await client.get("/items?before=1").status == 422)
        }
    }

    /// A list whose paging members sit in objects of their own (`meta`, `links`) is answered
    /// in that shape: the total, the page, the pages and the links, valid against the document.
    @Test func pagingMembersInObjectsOfTheirOwn() async throws {
        let document = try SpecDocument(
            text: """
                openapi: 3.0.3
                info: {title: Shelf, version: '1'}
                paths:
                  /books:
                    get:
                      parameters:
                      - {name: page, in: query, schema: {type: integer, minimum: 1}}
                      - {name: per_page, in: query, schema: {type: integer, default: 2, maximum: 20}}
                      responses:
                        '200':
                          description: Books.
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [data, meta, links]
                                properties:
                                  data: {type: array, items: {$ref: '#/components/schemas/Book'}}
                                  meta:
                                    type: object
                                    required: [total, per_page, current_page, total_pages]
                                    properties:
                                      total: {type: integer}
                                      per_page: {type: integer}
                                      current_page: {type: integer}
                                      total_pages: {type: integer}
                                  links:
                                    type: object
                                    properties:
                                      self: {type: string}
                                      next: {type: string, nullable: true}
                                      prev: {type: string, nullable: true}
                    post:
                      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Book'}}}}
                      responses:
                        '201': {description: The book., content: {application/json: {schema: {$ref: '#/components/schemas/Book'}}}}
                components:
                  schemas:
                    Book:
                      type: object
                      properties:
                        id: {type: integer, readOnly: true}
                        title: {type: string}
                """)
        let imported = ImportedAPI(document: document, fileName: "shelf.yaml")
        let layout = try #require(imported.registry.pagination.layout)
        #expect(
            layout.members.map(\.name) == [
                "data", "meta.total", "meta.per_page", "meta.current_page", "meta.total_pages", "links.self", "links.next", "links.prev",
            ])
        let original = try contract(of: document)
        let schema = try #require(original.responseSchema(method: "get", path: "/books", status: "200"))
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = ""
            for title in ["a", "b", "c"] { #expect(try await client.post("/books", ["title": .string(title)]).status == 201) }
            // The document's own page size, in the request and in the links.
            let second = try await client.get("/books?page=2&per_page=2")
            #expect(second.body?["meta"] == ["total": 3, "per_page": 2, "current_page": 2, "total_pages": 2])
            #expect(second.body?["links"] == ["self": "?page=2&per_page=2", "next": .null, "prev": "?page=1&per_page=2"])
            #expect(second.data.compactMap { $0["title"]?.stringValue } == ["c"])
            #expect(original.validator.validate(try #require(second.body), against: schema, context: .response).isEmpty)
        }
    }

    /// The generated spec says the same shapes, and the registry's Swift says them by name.
    @Test func theSpecAndTheSwiftSayTheShapes() throws {
        let imported = ImportedAPI(document: try SpecDocument(text: ledger), fileName: "ledger.yaml")
        let yaml = try imported.spec().yaml
        #expect(yaml.contains("name: starting_after"))
        #expect(!yaml.contains("ErrorDetails"))
        #expect(yaml.contains("application/x-www-form-urlencoded"))
        let source = RegistrySource(name: "Ledger", registry: imported.registry, origin: "ledger.yaml").text
        #expect(source.contains(#"ListLayout.Member("has_more", .hasMore)"#))
        #expect(source.contains(#"after: "starting_after""#))
        #expect(source.contains("errorFormat: .shaped(") && source.contains("ErrorShape("))
        #expect(source.contains("formBodies: true"))
    }
}
