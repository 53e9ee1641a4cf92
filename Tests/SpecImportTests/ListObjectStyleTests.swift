import APIRegistry
import JSONModel
import OpenAPIEmitter
import SpecImport
import SpecReader
import Testing

/// A hand-written document in the style of APIs whose lists are objects (`object: list`,
/// `data`, `has_more`, `url`), whose records reach each other, and whose names repeat across
/// areas: two `disputes` collections, a records' `refunds` under two parents that hold other
/// records, a record with an array among its fields served under another record, an item read
/// that answers one of two records, choices listed twice, a URL with a pattern, and a search
/// beside the list that pages by page.
private let payments = """
    openapi: 3.0.0
    info: {title: Payments, version: '2024-01-01'}
    servers: [{url: 'https://api.example.com/'}]
    components:
      securitySchemes:
        basic: {type: http, scheme: basic}
      schemas:
        charge:
          type: object
          required: [id, object, amount, refunds, shipping]
          properties:
            id: {type: string, maxLength: 5000}
            object: {type: string, enum: [charge]}
            amount: {type: integer}
            dispute:
              nullable: true
              anyOf: [{maxLength: 5000, type: string}, {$ref: '#/components/schemas/dispute'}]
            refunds:
              type: object
              required: [object, data, has_more, url]
              properties:
                object: {type: string, enum: [list]}
                data: {type: array, items: {$ref: '#/components/schemas/refund'}}
                has_more: {type: boolean}
                url: {type: string, maxLength: 5000, pattern: '^/v1/charges/[^/]+/refunds'}
            shipping:
              nullable: true
              anyOf: [{$ref: '#/components/schemas/shipping'}]
            source:
              anyOf: [{$ref: '#/components/schemas/shipping'}, {type: string}, {$ref: '#/components/schemas/shipping'}]
        deleted_charge:
          type: object
          required: [id, deleted]
          properties:
            id: {type: string}
            deleted: {type: boolean, enum: [true]}
        shipping:
          type: object
          properties:
            address: {type: string}
            name: {type: string}
        refund:
          type: object
          required: [id, amount]
          properties:
            id: {type: string}
            amount: {type: integer}
            charge:
              anyOf: [{type: string}, {$ref: '#/components/schemas/charge'}]
        transfer_reversal:
          type: object
          required: [id]
          properties:
            id: {type: string}
            amount: {type: integer}
        dispute:
          type: object
          required: [id, object, charges]
          properties:
            id: {type: string}
            object: {type: string, enum: [dispute]}
            charges:
              type: array
              items: {$ref: '#/components/schemas/charge'}
        issuing.dispute:
          type: object
          required: [id, object]
          properties:
            id: {type: string}
            object: {type: string, enum: [issuing.dispute]}
            reason: {type: string}
    security: [{basic: []}]
    paths:
      /v1/charges:
        get:
          parameters:
          - {name: starting_after, in: query, schema: {type: string}}
          - {name: limit, in: query, schema: {type: integer, default: 10, maximum: 100}}
          responses:
            '200':
              description: A list.
              content:
                application/json:
                  schema:
                    type: object
                    required: [object, data, has_more, url]
                    properties:
                      object: {type: string, enum: [list]}
                      data: {type: array, items: {$ref: '#/components/schemas/charge'}}
                      has_more: {type: boolean}
                      url: {type: string, pattern: '^/v1/charges'}
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [amount]
                  properties:
                    amount: {type: integer}
                    shipping:
                      anyOf:
                      - type: object
                        required: [address, name]
                        properties:
                          address: {type: string}
                          name: {type: string}
                      - {type: string, enum: ['']}
                      - type: object
                        required: [address, name]
                        properties:
                          address: {type: string}
                          name: {type: string}
          responses:
            '200':
              description: The charge.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/charge'}
      /v1/charges/search:
        get:
          parameters:
          - {name: page, in: query, schema: {type: string}}
          responses:
            '200':
              description: Found charges.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/charge'}}
                      has_more: {type: boolean}
                      next_page: {type: string, nullable: true}
      /v1/charges/{charge}:
        get:
          parameters:
          - {name: charge, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: The charge, or that it was deleted.
              content:
                application/json:
                  schema:
                    anyOf: [{$ref: '#/components/schemas/charge'}, {$ref: '#/components/schemas/deleted_charge'}]
      /v1/charges/{charge}/dispute:
        get:
          parameters:
          - {name: charge, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: The charge's dispute.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/dispute'}
        post:
          parameters:
          - {name: charge, in: path, required: true, schema: {type: string}}
          requestBody:
            content:
              application/json:
                schema: {type: object, properties: {note: {type: string}}}
          responses:
            '200':
              description: The dispute.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/dispute'}
      /v1/charges/{charge}/refunds:
        get:
          parameters:
          - {name: charge, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: Refunds.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/refund'}}
      /v1/refunds:
        get:
          responses:
            '200':
              description: Refunds.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/refund'}}
      /v1/transfers/{transfer}/refunds:
        get:
          parameters:
          - {name: transfer, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: Reversals.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/transfer_reversal'}}
      /v1/transfers:
        get:
          responses:
            '200':
              description: Transfers.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/transfer_reversal'}}
      /v1/transfers/{transfer}:
        get:
          parameters:
          - {name: transfer, in: path, required: true, schema: {type: string}}
          responses:
            '200':
              description: A transfer.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/transfer_reversal'}
      /v1/disputes:
        get:
          responses:
            '200':
              description: Disputes.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/dispute'}}
      /v1/issuing/disputes:
        get:
          responses:
            '200':
              description: Issuing disputes.
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      data: {type: array, items: {$ref: '#/components/schemas/issuing.dispute'}}
    """

private func imported() throws -> ImportedAPI {
    ImportedAPI(document: try SpecDocument(text: payments), fileName: "payments.yaml")
}

@Suite struct ListObjectStyleTests {
    @Test func namesRepeatedAcrossAreasAndParentsNameOneResourceEach() throws {
        let plan = try imported().plan
        let names = Dictionary(plan.resources.map { ($0.path, $0.name) }, uniquingKeysWith: { first, _ in first })
        #expect(names["/v1/disputes"] == "disputes")
        #expect(names["/v1/issuing/disputes"] == "issuing_disputes")
        // Refunds under a charge are the store-wide refunds; those under a transfer hold other records.
        #expect(names["/v1/refunds"] == "refunds")
        #expect(names["/v1/charges/{charge}/refunds"] == "refunds")
        #expect(names["/v1/transfers/{transfer}/refunds"] == "transfer_refunds")
        #expect(names["/v1/charges/search"] == "search")
        #expect(Set(plan.resources.map(\.name)).count == plan.resources.count - 1)  // only the two refunds share
    }

    @Test func aRecordWithAnArrayFieldIsNoList() throws {
        let plan = try imported().plan
        #expect(!plan.resources.contains { $0.path == "/v1/charges/{charge}/dispute" })
        #expect(plan.entries.first { $0.method == "get" && $0.path == "/v1/charges/{charge}/dispute" }?.role == .exampleOnly)
    }

    @Test func anItemReadAnsweringOneOfTwoRecordsReadsTheFirst() throws {
        let plan = try imported().plan
        let charges = try #require(plan.resources.first { $0.name == "charges" })
        #expect(charges.schema == "charge")
        #expect(charges.identifier == "id")
    }

    @Test func examplesFitTheModelsAndTheRegistryGenerates() throws {
        let api = try imported()
        let registry = api.registry
        #expect(!api.report.items.contains { $0.reason.hasPrefix("left out") })
        let document = try DocumentEmitter(registry: registry).document()
        #expect(document.paths.count > 0)
        let charges = try #require(registry.resource(named: "charges"))
        let example = try #require(charges.model.examples.first)
        // The list's URL is made to match its pattern; a record cut where it contains itself
        // keeps only what a map of strings can hold.
        #expect(example["refunds"]?["url"]?.stringValue?.hasPrefix("/v1/charges/") == true)
        // Choices the document lists twice are one.
        let source = try #require(charges.model.field(named: "source"))
        guard case .oneOf(let options) = source.type else {
            Issue.record("source is read as \(source.type.displayName)")
            return
        }
        #expect(options.count == 2)
    }

    @Test func aSearchPagingOtherwiseHasItsOwnListSchema() throws {
        let document = try DocumentEmitter(registry: imported().registry).document()
        let names = document.components.schemas.keys.map(\.rawValue)
        #expect(names.contains("chargeListResponse"))
        #expect(names.contains { $0.hasPrefix("chargeListResponseBy") })
    }

    @Test func anExampleTheSchemasRefuseLeavesItsResourceToTheDocument() throws {
        // Two options that both take any object: no example can match exactly one.
        let schema = """
                ambiguous:
                  type: object
                  required: [id, value]
                  properties:
                    id: {type: string}
                    value:
                      anyOf:
                      - {type: object, properties: {a: {type: string}}}
                      - {type: object, properties: {b: {type: string}}}

            """
        let path = """

              /v1/ambiguous:
                get:
                  responses:
                    '200':
                      description: Ambiguous records.
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              data: {type: array, items: {$ref: '#/components/schemas/ambiguous'}}
            """
        let ambiguous = payments.replacingOccurrences(of: "security: [{basic: []}]", with: schema + "security: [{basic: []}]") + path
        let api = ImportedAPI(document: try SpecDocument(text: ambiguous), fileName: "payments.yaml")
        #expect(api.registry.resource(named: "ambiguous") == nil)
        #expect(api.registry.documented.contains { $0.path == "/v1/ambiguous" && $0.method == "GET" })
        #expect(api.report.items.contains { $0.pointer == "#/paths/~1v1~1ambiguous" && $0.reason.hasPrefix("left out") })
        _ = try DocumentEmitter(registry: api.registry).document()
    }
}

@Suite struct SampleTests {
    /// Bounds at the ends of the integers and huge lengths make no value past them, and no crash.
    @Test func extremeBoundsAreReadWithoutOverflow() throws {
        let document = """
            openapi: 3.0.0
            info: {title: Extremes, version: '1'}
            paths:
              /things:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            low: {type: integer, minimum: -9223372036854775808}
                            high: {type: integer, maximum: 9223372036854775807}
                            long: {type: string, minLength: 1000000000, maxLength: 9223372036854775807}
                            many: {type: array, minItems: 1000000000, items: {type: string}}
                  responses:
                    '201':
                      description: Created.
                      content:
                        application/json:
                          schema: {type: object, properties: {id: {type: integer}}}
                get:
                  responses:
                    '200':
                      description: Things.
                      content:
                        application/json:
                          schema: {type: array, items: {type: object, properties: {id: {type: integer}}}}
            """
        let api = ImportedAPI(document: try SpecDocument(text: document), fileName: "extremes.yaml")
        #expect(api.plan.resources.map(\.name) == ["things"])
    }

    @Test(arguments: [
        ("^/v1/charges/[^/]+/refunds", "/v1/charges/a/refunds"),
        ("^[A-Z]{3}$", "AAA"),
        ("^(in|out)_\\d+$", "in_1"),
        ("^acct_[a-zA-Z0-9]*", "acct_"),
        ("^(?:[a-z]+\\.)?example\\.com$", "example.com"),
    ])
    func aPatternGivesAStringItMatches(pattern: String, expected: String) {
        #expect(ImportedAPI.sample(matching: pattern) == expected)
    }

    @Test func aPatternBeyondTheReaderGivesNothing() {
        #expect(ImportedAPI.sample(matching: "^(a)\\1$") == nil)
        #expect(ImportedAPI.sample(matching: "^(?=a)a$") == nil)
        #expect(ImportedAPI.sample(matching: "^a{999999999}$") == nil)
    }
}

@Suite struct DocumentedOrderTests {
    /// An operation kept as written comes out in the document's order, and its extensions by
    /// name, whatever order the dictionaries behind them keep: generating twice gives the same bytes.
    @Test func operationsKeptAsWrittenKeepTheirOrder() throws {
        let document = """
            openapi: 3.0.0
            info: {title: Order, version: '1'}
            paths:
              /status:
                get:
                  responses:
                    '200':
                      description: The status.
                      content:
                        application/json:
                          schema:
                            type: object
                            x-zeta: {delta: 1, charlie: 2}
                            x-alpha: true
                            properties:
                              zulu: {type: string}
                              yankee: {type: string}
                              xray: {type: string}
                              whiskey: {type: string}
                              victor: {type: string}
                              uniform: {type: string}
            """
        let api = ImportedAPI(document: try SpecDocument(text: document), fileName: "order.yaml")
        let yaml = try api.spec().yaml
        let positions = ["zulu:", "yankee:", "xray:", "whiskey:", "victor:", "uniform:", "x-alpha:", "x-zeta:", "charlie:", "delta:"].map {
            yaml.range(of: $0)?.lowerBound
        }
        let found = positions.compactMap { $0 }
        #expect(found.count == positions.count)
        #expect(found == found.sorted())
    }
}
