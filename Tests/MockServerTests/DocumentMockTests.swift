import Foundation
import HTTPTypes
import JSONModel
import MockServer
import SchemaValidation
import SpecImport
import SpecReader
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The registry read from a document in the repository.
private func imported(_ relativePath: String) throws -> ImportedAPI {
    let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    return ImportedAPI(document: try SpecDocument(text: text), fileName: URL(fileURLWithPath: relativePath).lastPathComponent)
}

/// The mock of a registry read from a document keeps what is written, as `specsmith mock DOCUMENT` serves it.
@Suite struct DocumentMockTests {
    @Test func bookshopsDocumentServedAsItIsKeepsWhatIsWritten() async throws {
        let registry = try imported("Examples/Bookshop/spec/bookshop.yaml").registry
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: registry) { mock in
            var client = mock
            client.prefix = "/v1"
            let created = try await client.post("/authors", ["name": "N. K. Jemisin", "born": "1972-09-19"])
            #expect(created.status == 201)
            let id = try #require(created.body?["id"]?.intValue)
            #expect(try await client.get("/authors/\(id)").body?["name"] == "N. K. Jemisin")
            #expect(try await client.get("/authors?name:like=jemisin").data.count == 1)
            let book = try await client.post(
                "/books",
                [
                    "title": "The Fifth Season", "author_id": .integer(id), "isbn": "9780316229296", "format": "paperback",
                    "price": ["amount": 12.5, "currency": "GBP"],
                ])
            #expect(book.status == 201)
            // The document's 422 on deleting an author with books is the relation the mock keeps.
            #expect(try await client.delete("/authors/\(id)").status == 422)
            let refused = try await client.post("/authors", ["name": ""])
            #expect(refused.status == 422)
            #expect(refused.errors == ["name: must not be empty"])
            #expect(try await client.get("/books/abc").errors == ["bookId: must be an integer, got 'abc'"])
        }
    }

    @Test func customersDocumentKeepsSubCollectionsUnderTheirParent() async throws {
        let registry = try imported("spec/customers.v3.yaml").registry
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: registry) { mock in
            let metafield: JSONValue = ["namespace": "app", "key": "colour", "value": "teal", "permission_set": "read"]
            #expect(try await mock.post("/customers/999/metafields", metafield).status == 404)
            let customer = try await mock.post("/customers", [["email": "ada@example.com", "first_name": "Ada", "last_name": "L"]])
            #expect(customer.status == 200)
            let id = try #require(customer.data.first?["id"]?.intValue)
            #expect(customer.data.first?["address_count"] == 0)
            #expect(try await mock.post("/customers/\(id)/metafields", metafield).status == 200)
            #expect(try await mock.get("/customers/\(id)/metafields").data.count == 1)
            #expect(try await mock.get("/customers/metafields?key:in=colour").data.first?["resource_id"] == .integer(id))
        }
    }

    /// Operations that fit no resource answer from the document, as Prism does.
    @Test func operationsThatFitNoResourceAnswerFromTheirExamples() async throws {
        let document = """
            openapi: 3.1.0
            info: {title: Reports, version: '1'}
            servers: [{url: 'https://api.example.com/v1'}]
            paths:
              /reports/{reportId}/summary:
                get:
                  parameters: [{name: reportId, in: path, required: true, schema: {type: integer}}]
                  responses:
                    '200':
                      description: A summary.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Summary'}
                          examples:
                            short: {value: {total: 3, title: Short}}
                            long: {value: {total: 300, title: Long}}
                    '404':
                      description: No such report.
                      content:
                        application/json:
                          schema: {type: object, properties: {message: {type: string}}}
                          example: {message: No report 7}
              /health:
                get:
                  responses:
                    '200':
                      description: Up.
                      content:
                        application/json:
                          schema: {type: object, properties: {ok: {type: boolean}, since: {type: string, format: date-time}}}
            components:
              schemas:
                Summary:
                  type: object
                  properties:
                    total: {type: integer}
                    title: {type: string}
            """
        let imported = ImportedAPI(document: try SpecDocument(text: document), fileName: "reports.yaml")
        #expect(imported.registry.documented.map { "\($0.method) \($0.path)" } == ["GET /reports/{reportId}/summary", "GET /health"])
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = "/v1"
            #expect(try await client.get("/reports/7/summary").body == ["total": 3, "title": "Short"])
            func prefer(_ value: String) async throws -> Reply {
                try await client.send(.get, "/reports/7/summary", bytes: nil, headers: [HTTPField.Name("Prefer")!: value])
            }
            #expect(try await prefer("example=long").body == ["total": 300, "title": "Long"])
            let missing = try await prefer("code=404")
            #expect(missing.status == 404)
            #expect(missing.body == ["message": "No report 7"])
            // Errors of the mock's own come in the document's format: its 404 is `{message}`.
            #expect(
                try await prefer("code=500").body == [
                    "message":
                        "The Prefer header cannot be met: GET /reports/{reportId}/summary declares no response 500 (declared: 200, 404)."
                ])
            #expect(
                try await prefer("example=medium").body == [
                    "message": "The Prefer header cannot be met: the 200 response has no example 'medium' (its examples: short, long)."
                ])
            // No example: a value made from the schema.
            #expect(try await client.get("/health").body == ["ok": true, "since": "2024-01-01T00:00:00Z"])
        }
    }

    /// A request to an operation that fits no resource is judged by what the operation declares
    /// before it is answered: its parameters (path, query, required) and its JSON body.
    @Test func operationsThatFitNoResourceJudgeTheirRequests() async throws {
        let document = """
            openapi: 3.1.0
            info: {title: Reports, version: '1'}
            servers: [{url: 'https://api.example.com/v1'}]
            paths:
              /reports/{reportId}/export:
                post:
                  parameters:
                    - {name: reportId, in: path, required: true, schema: {type: integer}}
                    - {name: format, in: query, required: true, schema: {type: string, enum: [csv, pdf]}}
                    - {name: pages, in: query, explode: false, schema: {type: array, items: {type: integer, minimum: 1}}}
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {type: object, required: [email], properties: {email: {type: string, format: email}}}
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          required: [email]
                          properties: {email: {type: string, format: email}, copies: {type: integer, minimum: 1}}
                  responses:
                    '202':
                      description: Queued.
                      content:
                        application/json:
                          example: {queued: true}
            """
        let imported = ImportedAPI(document: try SpecDocument(text: document), fileName: "reports.yaml")
        #expect(imported.registry.documented.map { "\($0.method) \($0.path)" } == ["POST /reports/{reportId}/export"])
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = "/v1"
            let body: JSONValue = ["email": "ada@example.com"]
            #expect(try await client.post("/reports/abc/export?format=csv", body).errors == ["reportId: must be an integer, got a string"])
            #expect(try await client.post("/reports/7/export", body).errors == ["format: is required"])
            #expect(try await client.post("/reports/7/export?format=doc", body).status == 422)
            #expect(try await client.post("/reports/7/export?format=csv&pages=1,0", body).errors == ["pages: value 2 must be at least 1"])
            #expect(try await client.post("/reports/7/export?format=csv", ["email": "ada"]).status == 422)
            let missing = try await client.send(.post, "/reports/7/export?format=csv", raw: nil)
            #expect(missing.errors == ["(root): is required: send the body as JSON"])
            let queued = try await client.post("/reports/7/export?format=csv&pages=1,2", body)
            #expect(queued.status == 202 && queued.body == ["queued": true])
            // A form is read, typed by the form's schema and judged by it.
            func form(_ text: String) async throws -> Reply {
                try await client.send(.post, "/reports/7/export?format=csv", raw: text, contentType: "application/x-www-form-urlencoded")
            }
            #expect(try await form("email=ada%40example.com&copies=2").status == 202)
            #expect(try await form("email=ada%40example.com&copies=0").errors == ["copies: must be at least 1"])
            #expect(try await form("copies=2").errors == ["email: is required"])
        }
    }

    /// A refusal comes in the error format the operation declares (here its `default` response,
    /// as Stripe's document declares it), with the message and the parameter at fault.
    @Test func aRefusalIsInTheDocumentsErrorFormat() async throws {
        let document = """
            openapi: 3.1.0
            info: {title: Reports, version: '1'}
            servers: [{url: 'https://api.example.com/v1'}]
            paths:
              /reports/preview:
                get:
                  parameters: [{name: report, in: query, required: true, schema: {type: string}}]
                  responses:
                    '200': {description: A preview., content: {application/json: {example: {lines: 3}}}}
                    default:
                      description: An error.
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [error]
                            properties:
                              error:
                                type: object
                                required: [type]
                                properties:
                                  type: {type: string, enum: [invalid_request_error, api_error]}
                                  message: {type: string}
                                  param: {type: string}
            """
        let imported = ImportedAPI(document: try SpecDocument(text: document), fileName: "reports.yaml")
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = "/v1"
            let refused = try await client.get("/reports/preview")
            #expect(refused.status == 422)
            #expect(
                refused.body == [
                    "error": [
                        "type": "invalid_request_error", "message": "Invalid query parameter: report. report is required",
                        "param": "report",
                    ]
                ])
            #expect(try await client.get("/reports/preview?report=r1").body == ["lines": 3])
        }
    }

    /// A list that pages by `offset` and `limit` is served so, in its own layout (`items` beside
    /// `total`), and its filters are taken as the document spells them (`kind[in]`).
    @Test func offsetPagingAndTheDocumentsFilterSpelling() async throws {
        let document = try SpecDocument(
            text: """
                openapi: 3.0.3
                info: {title: Events, version: '1'}
                paths:
                  /events:
                    get:
                      parameters:
                      - {name: offset, in: query, schema: {type: integer, minimum: 0}}
                      - {name: limit, in: query, schema: {type: integer, default: 2, maximum: 10}}
                      - {name: 'kind[in]', in: query, schema: {type: string}}
                      responses:
                        '200':
                          description: Events.
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [items, total]
                                properties:
                                  items: {type: array, items: {$ref: '#/components/schemas/Event'}}
                                  total: {type: integer}
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Event'}
                      responses:
                        '201':
                          description: The event.
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Event'}
                components:
                  schemas:
                    Event:
                      type: object
                      required: [kind]
                      properties:
                        id: {type: integer, readOnly: true}
                        kind: {type: string, enum: [open, close]}
                """)
        let imported = ImportedAPI(document: document, fileName: "events.yaml")
        #expect(imported.registry.pagination.style == .offset)
        let original = try contract(of: document)
        let schema = try #require(original.responseSchema(method: "get", path: "/events", status: "200"))
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = ""
            for kind in ["open", "close", "open"] { #expect(try await client.post("/events", ["kind": .string(kind)]).status == 201) }
            let first = try await client.get("/events")
            #expect(first.body?["items"]?.arrayValue?.count == 2)
            #expect(first.body?["total"] == 3)
            let rest = try await client.get("/events?offset=2&limit=2")
            #expect(rest.body?["items"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [3])
            let opened = try await client.get("/events?kind%5Bin%5D=open&limit=10")
            #expect(opened.body?["items"]?.arrayValue?.count == 2)
            for answer in [first, rest, opened] {
                #expect(original.validator.validate(try #require(answer.body), against: schema, context: .response).isEmpty)
            }
            #expect(try await client.get("/events?offset=-1").status == 422)
            #expect(try await client.get("/events?page=2").status == 422)
        }
    }

    /// A list answered as a bare array that pages by `page` and `per_page`, as GitHub's do, is
    /// paged so: its own page size, the neighbouring pages in the `Link` header with the filters
    /// kept, and `limit` refused with the name it should have been. Parameters that name no field
    /// (`since`, `direction`, a `sort` by no field) are taken and checked, not refused.
    @Test func aBareListPagesByItsOwnPageSizeWithLinks() async throws {
        let document = try SpecDocument(
            text: """
                openapi: 3.0.3
                info: {title: Tracker, version: '1'}
                paths:
                  /issues:
                    get:
                      parameters:
                      - {name: state, in: query, schema: {type: string, enum: [open, closed]}}
                      - {name: page, in: query, schema: {type: integer, default: 1}}
                      - {name: per_page, in: query, schema: {type: integer, default: 30, maximum: 100}}
                      - {name: since, in: query, schema: {type: string, format: date-time}}
                      - {name: sort, in: query, schema: {type: string, enum: [created, updated]}}
                      - {name: direction, in: query, schema: {type: string, enum: [asc, desc]}}
                      - {name: meta, in: query, style: deepObject, schema: {type: object, additionalProperties: {type: string}}}
                      responses:
                        '200':
                          description: Issues.
                          headers:
                            Link: {schema: {type: string}}
                          content:
                            application/json:
                              schema: {type: array, items: {$ref: '#/components/schemas/Issue'}}
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Issue'}
                      responses:
                        '201':
                          description: The issue.
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Issue'}
                components:
                  schemas:
                    Issue:
                      type: object
                      required: [title]
                      properties:
                        id: {type: integer, readOnly: true}
                        title: {type: string}
                        state: {type: string, enum: [open, closed]}
                """)
        let imported = ImportedAPI(document: document, fileName: "tracker.yaml")
        let registry = imported.registry
        #expect(registry.pagination.limitParameter == "per_page")
        #expect(registry.pagination.defaultLimit == 30 && registry.pagination.maxLimit == 100)
        let source = RegistrySource(name: "Tracker", registry: registry, origin: "`tracker.yaml`").text
        #expect(source.contains(#"limitParameter: "per_page""#))
        #expect(source.contains("paging: [.page]"))
        for other in [#"QueryParameter("since", .dateTime)"#, #"QueryParameter("direction", .enumeration(["asc", "desc"]))"#] {
            #expect(source.contains(other))
        }
        // An object parameter is sent otherwise (`meta[key]=value`): not one the registry says.
        #expect(registry.resources.flatMap(\.otherParameters).map(\.name) == ["since", "sort", "direction"])
        #expect(imported.report.items.contains { $0.reason.contains("'meta'") && $0.reason.contains("the mock refuses it") })
        let original = try contract(of: document)
        let schema = try #require(original.responseSchema(method: "get", path: "/issues", status: "200"))
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: registry) { mock in
            var client = mock
            client.prefix = ""
            for (index, state) in ["open", "closed", "open", "open", "open"].enumerated() {
                #expect(try await client.post("/issues", ["title": .string("Issue \(index)"), "state": .string(state)]).status == 201)
            }
            let link = try #require(HTTPField.Name("Link"))
            let first = try await client.get("/issues?state=open&per_page=2")
            #expect(first.body?.arrayValue?.compactMap { $0["id"]?.intValue } == [1, 3])
            #expect(
                first.headers[link]
                    == #"<issues?state=open&page=2&per_page=2>; rel="next", <issues?state=open&page=2&per_page=2>; rel="last""#)
            let second = try await client.get("/issues?page=2&per_page=2&state=open")
            #expect(second.body?.arrayValue?.compactMap { $0["id"]?.intValue } == [4, 5])
            #expect(
                second.headers[link]
                    == #"<issues?state=open&page=1&per_page=2>; rel="prev", <issues?state=open&page=1&per_page=2>; rel="first", <issues?state=open&page=2&per_page=2>; rel="last""#
            )
            #expect(try await client.get("/issues").body?.arrayValue?.count == 5, "30 by default")
            for answer in [first, second] {
                #expect(original.validator.validate(try #require(answer.body), against: schema, context: .response).isEmpty)
            }
            let refused = try await client.get("/issues?limit=2")
            #expect(refused.status == 422)
            #expect(refused.body?["errors"]?["limit"]?.stringValue?.contains("per_page") == true)
            #expect(try await client.get("/issues?per_page=101").errors == ["per_page: must be a whole number from 1 to 100, got '101'"])
            let sorted = try await client.get("/issues?sort=updated&direction=desc&since=2026-01-01T00:00:00Z")
            #expect(sorted.status == 200 && sorted.body?.arrayValue?.count == 5)
            #expect(try await client.get("/issues?direction=sideways").errors == ["direction: 'sideways' is not one of: asc, desc"])
            #expect(try await client.get("/issues?since=yesterday").status == 422)
        }
    }

    /// Path parameters that name no record (`owner` and `repo`, as GitHub's paths have them) keep
    /// records apart: a milestone written under one repository is listed, read and deleted under
    /// it alone, while the document's examples show under every one.
    @Test func pathParametersThatNameNoRecordKeepRecordsApart() async throws {
        let document = try SpecDocument(
            text: """
                openapi: 3.0.3
                info: {title: Tracker, version: '1'}
                paths:
                  /repos/{owner}/{repo}/milestones:
                    parameters:
                    - {name: owner, in: path, required: true, schema: {type: string}}
                    - {name: repo, in: path, required: true, schema: {type: integer}}
                    get:
                      parameters: [{name: since, in: query, schema: {type: string, format: date-time}}]
                      responses:
                        '200':
                          description: Milestones.
                          content:
                            application/json:
                              schema: {type: array, items: {$ref: '#/components/schemas/Milestone'}}
                              example: [{number: 1, title: v1.0}]
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Milestone'}
                      responses:
                        '201':
                          description: The milestone.
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Milestone'}
                  /repos/{owner}/{repo}/milestones/{milestone_number}:
                    parameters:
                    - {name: owner, in: path, required: true, schema: {type: string}}
                    - {name: repo, in: path, required: true, schema: {type: integer}}
                    - {name: milestone_number, in: path, required: true, schema: {type: integer}}
                    get:
                      responses:
                        '200':
                          description: The milestone.
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Milestone'}
                    delete:
                      responses:
                        '204': {description: Deleted.}
                components:
                  schemas:
                    Milestone:
                      type: object
                      required: [title]
                      properties:
                        number: {type: integer, readOnly: true}
                        title: {type: string}
                """)
        let imported = ImportedAPI(document: document, fileName: "tracker.yaml")
        let milestones = try #require(imported.registry.resources.first)
        #expect(milestones.partitionParameters == ["owner", "repo"] && milestones.model.identifier == "number")
        // A partition parameter of another type than text keeps it, for the spec to say.
        #expect(milestones.partitionTypes.keys.sorted() == ["repo"])
        // The package's source names them in the order `Resource.init` takes them, or it would not compile.
        let source = RegistrySource(name: "Tracker", registry: imported.registry, origin: "tracker.yaml").text
        let other = try #require(source.range(of: "otherParameters:"))
        let partition = try #require(source.range(of: "partitionTypes:"))
        #expect(other.lowerBound < partition.lowerBound)
        if case .integer? = milestones.partitionTypes["repo"] {} else { Issue.record("repo is an integer") }
        // The spec declares them, so the generated document round-trips.
        let spec = try imported.spec().yaml
        #expect(spec.contains("/repos/{owner}/{repo}/milestones/{milestone_number}:"))
        #expect(spec.components(separatedBy: "name: owner").count == 3)
        try await withMock(configuration: .init(seeding: .seeded(1), logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = ""
            let mine = try await client.post("/repos/octocat/1/milestones", ["title": "v2.0"])
            #expect(mine.status == 201)
            let number = try #require(mine.body?["number"]?.intValue)
            #expect(try await client.post("/repos/other/2/milestones", ["title": "v9.0"]).status == 201)
            func titles(_ path: String) async throws -> [String] {
                try await client.get(path).body?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
            }
            #expect(try await titles("/repos/octocat/1/milestones") == ["v1.0", "v2.0"])
            #expect(try await titles("/repos/other/2/milestones") == ["v1.0", "v9.0"])
            #expect(try await client.get("/repos/other/2/milestones/\(number)").status == 404)
            #expect(try await client.delete("/repos/other/2/milestones/\(number)").status == 404)
            #expect(try await client.get("/repos/octocat/1/milestones/\(number)").body?["title"] == "v2.0")
            #expect(try await client.delete("/repos/octocat/1/milestones/\(number)").status == 204)
            #expect(try await titles("/repos/octocat/1/milestones") == ["v1.0"])
        }
    }

    /// A Swagger 2.0 document is served like the OpenAPI 3.0 it says: its body parameter is the
    /// create's body, its `basePath` the server path, its records kept.
    @Test func aSwagger2DocumentIsServed() async throws {
        let document = try SpecDocument(
            text: """
                swagger: '2.0'
                info: {title: Notes, version: '1'}
                basePath: /v2
                consumes: [application/json]
                produces: [application/json]
                paths:
                  /notes:
                    get:
                      responses:
                        '200': {description: Notes., schema: {type: array, items: {$ref: '#/definitions/Note'}}}
                    post:
                      parameters:
                      - {name: note, in: body, required: true, schema: {$ref: '#/definitions/Note'}}
                      responses:
                        '201': {description: The note., schema: {$ref: '#/definitions/Note'}}
                  /notes/{noteId}:
                    parameters:
                    - {name: noteId, in: path, required: true, type: integer}
                    get:
                      responses:
                        '200': {description: The note., schema: {$ref: '#/definitions/Note'}}
                definitions:
                  Note:
                    type: object
                    required: [text]
                    properties:
                      id: {type: integer, readOnly: true}
                      text: {type: string, maxLength: 20}
                """)
        let imported = ImportedAPI(document: document, fileName: "notes.yaml")
        #expect(imported.registry.info.serverPath == "/v2")
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = "/v2"
            let created = try await client.post("/notes", ["text": "Buy milk"])
            #expect(created.status == 201)
            let id = try #require(created.body?["id"]?.intValue)
            #expect(try await client.get("/notes/\(id)").body?["text"] == "Buy milk")
            #expect(
                try await client.post("/notes", ["text": "A note far longer than twenty"]).errors == ["text: must be at most 20 characters"]
            )
        }
    }

    /// With `--seed`, values made from a response schema are drawn within its bounds: valid, the
    /// same for one seed on every run, different for another; without it, the first choice and
    /// the least number.
    @Test func aSeedDrawsValuesFromTheSchema() async throws {
        let document = try SpecDocument(
            text: """
                openapi: 3.1.0
                info: {title: Weather, version: '1'}
                paths:
                  /forecast:
                    get:
                      responses:
                        '200':
                          description: A forecast.
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [sky, high, days, issued, station]
                                properties:
                                  sky: {type: string, enum: [clear, cloudy, rain, snow]}
                                  high: {type: integer, minimum: -40, maximum: 50}
                                  wind: {type: number, minimum: 0, maximum: 60}
                                  days:
                                    type: array
                                    items: {type: string, minLength: 3, maxLength: 8}
                                  issued: {type: string, format: date-time}
                                  station: {type: string, format: uuid}
                                  alert: {type: boolean}
                """)
        let imported = ImportedAPI(document: document, fileName: "weather.yaml")
        let original = try contract(of: document)
        let schema = try #require(original.responseSchema(method: "get", path: "/forecast", status: "200"))
        func forecast(seed: UInt64?) async throws -> JSONValue? {
            try await withMock(configuration: .init(seeding: .empty, sampleSeed: seed, logLevel: .warning), registry: imported.registry) {
                mock in
                var client = mock
                client.prefix = ""
                return try await client.get("/forecast").body
            }
        }
        let fixed = try await forecast(seed: nil)
        #expect(fixed?["sky"] == "clear")
        #expect(fixed?["high"] == -40)
        var drawn: [JSONValue] = []
        for seed: UInt64 in [7, 7, 8, 9] {
            let body = try #require(try await forecast(seed: seed))
            #expect(original.validator.validate(body, against: schema, context: .response).isEmpty, "seed \(seed): \(body)")
            drawn.append(body)
        }
        #expect(drawn[0] == drawn[1])
        #expect(Set(drawn.dropFirst()).count == 3)
        #expect(drawn.allSatisfy { $0 != fixed })
    }

    /// A value made from a schema deeper than the mock goes (ten levels) is still one the
    /// schema takes: optional members left out, arrays left empty, never a `null` it refuses.
    @Test func anAnswerMadeFromADeepSchemaIsValid() async throws {
        func node(_ depth: Int) -> JSONValue {
            var properties = JSONObject([("name", ["type": "string"])])
            if depth < 11 {
                properties["parent"] = node(depth + 1)
                properties["children"] = ["type": "array", "items": node(depth + 1)]
            }
            return ["type": "object", "required": ["name"], "properties": .object(properties)]
        }
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "Trees", "version": "1"], "servers": [["url": "https://api.example.com/v1"]],
            "paths": [
                "/tree": [
                    "get": ["responses": ["200": ["description": "The tree.", "content": ["application/json": ["schema": node(0)]]]]]
                ]
            ],
        ]
        let imported = ImportedAPI(document: try SpecDocument(text: JSONWriter(pretty: true).string(document)), fileName: "trees.yaml")
        let spec = try imported.spec()
        let schema = try #require(spec.contract.responseSchema(method: "GET", path: "/tree", status: "200"))
        try await withMock(configuration: .init(seeding: .empty, logLevel: .warning), registry: imported.registry) { mock in
            var client = mock
            client.prefix = "/v1"
            let tree = try await client.get("/tree")
            #expect(tree.status == 200)
            let body = try #require(tree.body)
            #expect(SchemaValidator(document: spec.document).validate(body, against: schema, context: .response).isEmpty)
            // Ten levels down the value ends: a name, and no deeper parent.
            var level = body
            for _ in 0..<10 { level = level["parent"] ?? .null }
            #expect(level == ["name": "a"])
        }
    }
}
