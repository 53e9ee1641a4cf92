import JSONModel
import OpenAPIKit
import SchemaValidation
import Testing

/// A small document-like set of components: a customer with a nested address list.
private let components = OpenAPI.Components(schemas: [
    "Customer": .object(
        .init(),
        .init(
            properties: [
                "id": .integer(.init(required: false, permissions: .readOnly), .init()),
                "email": .string(.init(format: .email), .init(maxLength: 255, minLength: 3)),
                "company": .string(.init(required: false), .init(maxLength: 255)),
                "password": .string(.init(required: false, permissions: .writeOnly), .init()),
                "addresses": .array(.init(required: false), .init(items: .reference(.component(named: "Address"), .init()))),
            ],
            additionalProperties: .a(false))),
    "Address": .object(
        .init(),
        .init(
            properties: [
                "country_code": .string(.init(), .init(maxLength: 2, minLength: 2, pattern: "^[A-Z]{2}$")),
                "address_type": .string(.init(required: false, allowedValues: ["residential", "commercial"]), .init()),
            ],
            additionalProperties: .a(false))),
])

private let batch = JSONSchema.array(.init(), .init(items: .reference(.component(named: "Customer"), .init()), maxItems: 10))
private let validator = SchemaValidator(components: components)

private func messages(_ value: JSONValue, _ schema: JSONSchema = batch, _ context: MessageContext = .request) -> [String] {
    validator.validate(value, against: schema, context: context).map(\.description)
}

@Suite struct SchemaValidatorTests {
    /// Callers act on the kind of problem, never on its words.
    @Test func everyIssueSaysWhatKindItIs() {
        let issues = validator.validate(
            [["id": 3, "compnay": "x", "addresses": [["country_code": "usa", "address_type": "home"]]], "x"], against: batch,
            context: .request)
        #expect(issues.map(\.code) == [.readOnly, .required, .length, .pattern, .notAllowed, .unknownField, .wrongType])
    }

    @Test func validBatchHasNoIssues() {
        #expect(messages([["email": "jd@example.com", "addresses": [["country_code": "US"]]]]).isEmpty)
    }

    @Test func missingRequiredField() {
        #expect(messages([["email": "jd@example.com"], ["company": "Acme"]]) == ["[1].email: is required"])
    }

    @Test func stringTooLong() {
        let long = String(repeating: "a", count: 250) + "@x.com"
        #expect(messages([["email": JSONValue.string(long)]]) == ["[0].email: must be at most 255 characters"])
    }

    @Test func stringTooShortAndFormat() {
        #expect(messages([["email": "jd"]]) == ["[0].email: must be at least 3 characters", "[0].email: must be an email address"])
    }

    @Test func readOnlyInRequest() {
        #expect(messages([["id": 5, "email": "jd@example.com"]]) == ["[0].id: is read-only and cannot be sent"])
    }

    @Test func readOnlyAllowedInResponse() {
        #expect(messages([["id": 5, "email": "jd@example.com"]], batch, .response).isEmpty)
    }

    @Test func writeOnlyInResponse() {
        #expect(
            messages([["email": "jd@example.com", "password": "secret"]], batch, .response) == [
                "[0].password: is write-only and must not appear in a response"
            ])
    }

    @Test func unknownFieldWithSuggestion() {
        let issues = validator.validate([["email": "jd@example.com", "compnay": "Acme"]], against: batch, context: .request)
        #expect(issues.map(\.path.description) == ["[0].compnay"])
        #expect(issues.map(\.message) == ["unknown field 'compnay'"])
        #expect(issues.map(\.hint) == ["did you mean 'company'?"])
    }

    @Test func batchTooLarge() {
        let items = JSONValue.array(Array(repeating: ["email": "jd@example.com"], count: 11))
        #expect(messages(items) == ["(root): must be an array of at most 10 items"])
    }

    @Test func objectWhereArrayIsRequired() {
        #expect(messages(["email": "jd@example.com"]) == ["(root): must be an array, got an object"])
    }

    @Test func nestedPathThroughReference() {
        let value: JSONValue = [["email": "a@b.co"], ["email": "c@d.co", "addresses": [["country_code": "USA", "address_type": "home"]]]]
        #expect(
            messages(value) == [
                "[1].addresses[0].country_code: must be at most 2 characters",
                "[1].addresses[0].country_code: must match the pattern ^[A-Z]{2}$",
                "[1].addresses[0].address_type: must be one of: residential, commercial",
            ])
    }

    @Test func everyIssueIsReported() {
        #expect(messages([["compnay": "x"], 7]).count == 3)
    }

    @Test func typeMismatchNamesBothTypes() {
        #expect(messages(.integer(3), .string(.init(), .init()), .plain) == ["(root): must be a string, got an integer"])
        #expect(messages("3", .integer(.init(), .init()), .plain) == ["(root): must be an integer, got a string"])
        #expect(messages(1.5, .integer(.init(), .init()), .plain) == ["(root): must be an integer, got a number"])
        #expect(messages(2.0, .integer(.init(), .init()), .plain).isEmpty)
    }

    @Test func nullableViaTypeArray() {
        let nullable = JSONSchema.string(.init(nullable: true), .init())
        #expect(messages(.null, nullable, .plain).isEmpty)
        #expect(messages(3, nullable, .plain) == ["(root): must be a string or null, got an integer"])
    }

    @Test func constAndEnum() {
        let constant = JSONSchema.string(.init(allowedValues: ["fixed"]), .init())
        #expect(messages("other", constant, .plain) == ["(root): must be fixed"])
    }

    @Test func numericBounds() {
        let limit = JSONSchema.integer(.init(), .init(maximum: (250, exclusive: false), minimum: (1, exclusive: false)))
        #expect(messages(0, limit, .plain) == ["(root): must be at least 1"])
        #expect(messages(251, limit, .plain) == ["(root): must be at most 250"])
        let exclusive = JSONSchema.number(.init(), .init(maximum: (1, exclusive: true), minimum: (0, exclusive: true)))
        #expect(messages(0, exclusive, .plain) == ["(root): must be greater than 0"])
        #expect(messages(1, exclusive, .plain) == ["(root): must be less than 1"])
        #expect(messages(7, .integer(.init(), .init(multipleOf: 5)), .plain) == ["(root): must be a multiple of 5"])
    }

    @Test func dateAndDateTimeFormats() {
        let date = JSONSchema.string(.init(format: .date), .init())
        let dateTime = JSONSchema.string(.init(format: .dateTime), .init())
        #expect(messages("2018-02-29", date, .plain) == ["(root): must be a date in the form YYYY-MM-DD"])
        #expect(messages("2020-02-29", date, .plain).isEmpty)
        #expect(messages("2018-11-14T18:58:08Z", dateTime, .plain).isEmpty)
        #expect(messages("2018-11-14T18:58:08.123+05:30", dateTime, .plain).isEmpty)
        #expect(messages("2018-11-14 18:58", dateTime, .plain) == ["(root): must be an RFC 3339 date-time, e.g. 2018-11-14T18:58:08Z"])
        // Read byte by byte: every part's digits, bounds and separators count, and nothing else may follow.
        for valid in ["2018-11-14t18:58:60z", "2018-11-14T23:59:59-12:00", "2024-02-29T00:00:00.5Z"] {
            #expect(messages(.string(valid), dateTime, .plain).isEmpty, "\(valid)")
        }
        for invalid in [
            "2018-11-14T24:00:00Z", "2018-11-14T18:60:00Z", "2018-11-14T18:58:61Z", "2018-11-14T18:58:08", "2018-11-14T18:58:08.Z",
            "2018-11-14T18:58:08+0530", "2018-11-14T18:58:08+24:00", "2018-13-14T18:58:08Z", "2018-11-1xT18:58:08Z",
            "２018-11-14T18:58:08Z", "2018-11-14T18:58:08Zz", "2023-02-29T00:00:00Z",
        ] {
            #expect(!messages(.string(invalid), dateTime, .plain).isEmpty, "\(invalid)")
        }
        for invalid in ["2018-1-14", "2018-11-14 ", "18-11-14", "2018/11/14", "2018-00-10", "2018-04-31", "２０18-11-14"] {
            #expect(!messages(.string(invalid), date, .plain).isEmpty, "\(invalid)")
        }
    }

    @Test func uriFormat() {
        let uri = JSONSchema.string(.init(format: .uri), .init())
        for valid in ["https://api.github.com/repos", "mailto:a@b.c", "urn:isbn:0451450523", "h+s-1.x:y", "X:y"] {
            #expect(messages(.string(valid), uri, .plain).isEmpty, "\(valid)")
        }
        // Read by bytes, judged as by characters: a scheme is ASCII, starts with a letter, and
        // nothing in the text is a space.
        for invalid in [
            "/relative", ":x", "1http://a", "ht tp://a", "https://a b", "é:x", "ht_tp://a", "https://a\n", "\u{301}a:b", "a:\u{301}",
        ] {
            #expect(!messages(.string(invalid), uri, .plain).isEmpty, "\(invalid.debugDescription)")
        }
    }

    @Test func arrayItemsBoundsAndUniqueness() {
        let ids = JSONSchema.array(.init(), .init(items: .integer(.init(), .init()), minItems: 1, uniqueItems: true))
        #expect(messages([], ids, .plain) == ["(root): must be an array of at least 1 item"])
        #expect(messages([1, 2, 1], ids, .plain) == ["(root): must not contain duplicate items ([0] and [2] are equal)"])
        #expect(messages([1, "x"], ids, .plain) == ["[1]: must be an integer, got a string"])
    }

    @Test func additionalPropertiesSchema() {
        let map = JSONSchema.object(.init(), .init(properties: [:], additionalProperties: .b(.string(.init(), .init(minLength: 1)))))
        #expect(
            messages(["[0].email": "bad", "x": 3, "y": ""], map, .plain) == ["x: must be a string, got an integer", "y: must not be empty"])
        let sized = JSONSchema.object(.init(), .init(properties: [:], maxProperties: 1, minProperties: 1))
        #expect(messages([:], sized, .plain) == ["(root): must have at least 1 field"])
    }

    @Test func allOfCombinesEveryBranch() {
        let schema = JSONSchema.all(
            of: [.string(.init(), .init(minLength: 3)), .string(.init(), .init(pattern: "^a"))], core: .init())
        #expect(messages("b", schema, .plain) == ["(root): must be at least 3 characters", "(root): must match the pattern ^a"])
    }

    @Test func anyOfExplainsTheBranchOfTheSameType() {
        let schema = JSONSchema.any(
            of: [.integer(.init(), .init(minimum: (1, exclusive: false))), .string(.init(format: .date), .init())], core: .init())
        #expect(messages(0, schema, .plain) == ["(root): must be at least 1"])
        #expect(messages("2018-01-01", schema, .plain).isEmpty)
        #expect(messages(true, schema, .plain) == ["(root): must be an integer or a string, got a boolean"])
    }

    /// Branches of the value's type that each fail are named, with the first thing wrong with each.
    @Test func noMatchingBranchNamesEachBranchAndWhy() {
        let card = JSONSchema.object(
            .init(title: "Card"), .init(properties: ["number": .string(.init(), .init())], additionalProperties: .a(false)))
        let bank = JSONSchema.object(
            .init(title: "Bank"), .init(properties: ["iban": .string(.init(), .init())], additionalProperties: .a(false)))
        let schema = JSONSchema.one(of: [card, bank], core: .init())
        #expect(
            messages(["iban": 3], schema, .plain) == [
                "(root): must match exactly one of the allowed schemas; none does: oneOf[0] Card: number: is required; oneOf[1] Bank: iban: must be a string, got an integer"
            ])
    }

    @Test func oneOfRequiresExactlyOne() {
        let schema = JSONSchema.one(of: [.integer(.init(), .init()), .number(.init(), .init())], core: .init())
        #expect(messages(3, schema, .plain) == ["(root): must match exactly one of the allowed schemas, but matches 2: oneOf[0], oneOf[1]"])
        #expect(messages(3.5, schema, .plain).isEmpty)
    }

    @Test func notAndNull() {
        #expect(messages("x", .not(.string(.init(), .init()), core: .init()), .plain) == ["(root): must not match the excluded schema"])
        #expect(messages(1, .null(), .plain) == ["(root): must be null, got an integer"])
    }

    @Test func unresolvableReference() {
        #expect(
            messages(1, .reference(.component(named: "Missing"), .init()), .plain) == [
                "(root): cannot be checked: the schema reference '#/components/schemas/Missing' does not resolve"
            ])
    }

    @Test func circularReferenceIsBounded() {
        let loop = OpenAPI.Components(schemas: ["Loop": .all(of: [.reference(.component(named: "Loop"), .init())], core: .init())])
        let issues = SchemaValidator(components: loop).validate(1, against: .reference(.component(named: "Loop"), .init()), context: .plain)
        #expect(issues.count == 1)
    }

    @Test func requiredReadOnlyIsNotMissingFromARequest() {
        let record = JSONSchema.object(
            .init(), .init(properties: ["id": .integer(.init(permissions: .readOnly), .init()), "name": .string(.init(), .init())]))
        #expect(messages(["name": "x"], record, .request).isEmpty)
        #expect(messages(["name": "x"], record, .response) == ["id: is required"])
    }

    @Test func keysThatAreNotPlainNamesAreQuotedInPaths() {
        let record = JSONSchema.object(.init(), .init(properties: ["a b": .integer(.init(), .init())]))
        #expect(messages(["a b": "x"], record, .plain) == [#"["a b"]: must be an integer, got a string"#])
    }
}
