import Foundation
import JSONModel
import SpecDiff
import SpecReader
import Testing

private func fixture(_ path: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(path)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The options every fixture is diffed with: a fixed date, and a 90-day deprecation policy.
let fixtureOptions = DiffOptions(date: "2026-06-01", minimumSunsetDays: 90)

private func changes(_ check: String) throws -> [Change] {
    try Differ().run(base: try fixture("diff/\(check)/base.yaml"), head: try fixture("diff/\(check)/head.yaml"), options: fixtureOptions)
        .changes
}

@Suite struct DiffTests {
    /// One fixture triple per check: `base.yaml`, `head.yaml`, and the expected report.
    @Test(arguments: Differ.checks.map(\.id))
    func eachCheckReportsItsFixture(check: String) throws {
        let found = try changes(check)
        // Some fixtures also trip a neighbouring check (a removal before its sunset is a removal too).
        #expect(found.contains { $0.check == check })
        #expect(ChangeReport.render(found, as: .text, base: "base.yaml", head: "head.yaml") == (try fixture("diff/\(check)/expected.txt")))
    }

    /// One cause, one finding: a path's parameter three operations share, a schema component eight
    /// answer with, and the document's security: each is reported once, naming every operation.
    @Test func sharedChangesAreReportedOnceForEveryOperation() throws {
        let result = try Differ().run(
            base: try fixture("diff-grouped/base.yaml"), head: try fixture("diff-grouped/head.yaml"), options: fixtureOptions)
        #expect(
            ChangeReport.render(result.changes, as: .text, base: "base.yaml", head: "head.yaml")
                == (try fixture("diff-grouped/expected.txt")))
        #expect(result.changes.map(\.operations.count) == [8, 3, 8])
    }

    /// An excuse for one operation does not hide what a shared change does to the others; one for
    /// their path, or `*`, does.
    @Test func anIgnoreCoversASharedChangeOnlyForEveryOperation() throws {
        func run(_ place: String) throws -> DiffResult {
            var options = fixtureOptions
            options.ignores = try DiffIgnore.parse("type-changed \(place): accepted", file: "ignores.txt")
            return try Differ().run(
                base: try fixture("diff-grouped/base.yaml"), head: try fixture("diff-grouped/head.yaml"), options: options)
        }
        let one = try run("GET /orders/{id}")
        #expect(one.ignored.isEmpty && one.unusedIgnores.isEmpty)
        let path = try run("/orders/{id}")
        #expect(path.ignored.map(\.operations.count) == [3])
        #expect(try run("*").ignored.count == 2)
    }

    @Test func identicalSpecsHaveNoChanges() throws {
        let base = try fixture("diff/type-changed/base.yaml")
        #expect(try Differ().compare(base: base, head: base).isEmpty)
    }

    /// Every document of every fixture, diffed with itself, reports nothing (an operation-level
    /// parameter overriding a path-level one of another type was two breaking changes).
    @Test func everyFixtureDiffedWithItselfIsEmpty() throws {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" && $0.path.contains("/diff") } ?? []
        #expect(files.count > 40)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(
                try Differ().compare(base: text, head: text).isEmpty,
                "\(file.lastPathComponent) in \(file.deletingLastPathComponent().lastPathComponent)")
        }
    }

    /// Changes clients absorb, which a checker must not call breaking: a scope no longer required,
    /// a deprecated operation removed, a path parameter renamed, a request parameter widened, a
    /// pattern relaxed to one that matches everything, JSON replaced by a `+json` type, a
    /// read-only property required in a request and a write-only one left out of a response, a
    /// number in an XML body that a request now takes as any text, a query value that became a
    /// comma list of its type, an optional body that held nothing removed.
    @Test(arguments: [
        "security-scope-removed", "deprecated-operation-removed", "path-parameter-renamed", "request-parameter-widened",
        "path-parameter-overridden", "pattern-relaxed-to-anything", "compatible-media-type", "read-only-and-write-only-required",
        "xml-text-type", "query-value-became-list", "empty-optional-body-removed",
    ])
    func absorbedChangesAreNotBreaking(fixture name: String) throws {
        let found = try Differ().run(
            base: try fixture("diff-quiet/\(name)/base.yaml"), head: try fixture("diff-quiet/\(name)/head.yaml"), options: fixtureOptions
        ).changes
        #expect(!found.contains { $0.level == .breaking }, "\(found.map(\.message))")
    }

    @Test func checkIdsAreUnique() {
        let ids = Differ.checks.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func markdownIsAChangelog() throws {
        let report = ChangeReport.render(
            try changes("request-max-decreased") + (try changes("endpoint-added")), as: .markdown, base: "b", head: "h",
            versions: ("Shop 1", "Shop 2"))
        #expect(
            report == """
                ## API changes

                From `b` (Shop 1) to `h` (Shop 2): 2 breaking, 0 warning, 1 info.

                ### Breaking changes

                - POST /customers request body: maxItems went from 10 to 5.
                - POST /customers request body[].email: maxLength went from 255 to 100.

                ### Additions and other changes

                - POST /orders was added.

                """)
    }

    @Test func githubAndJSONNameTheFileOfEachSide() throws {
        let removed = try changes("path-removed")
        #expect(
            ChangeReport.render(removed, as: .github, base: "v1.yaml", head: "v2.yaml")
                == "::error file=v1.yaml,line=57,col=3,title=path-removed::path /orders was removed\n")
        let json = try JSONParser().parse(ChangeReport.render(removed, as: .json, base: "v1.yaml", head: "v2.yaml"))
        #expect(json.arrayValue?.first?["level"] == "breaking")
        #expect(json.arrayValue?.first?["path"] == "#/paths/~1orders")
    }

    /// A team's configuration: a check's level changed or turned off, accepted changes taken out
    /// (and reported when they match nothing), a malformed ignore file refused with its line.
    @Test func levelsAndIgnoresApply() throws {
        let base = try fixture("diff/response-property-removed/base.yaml")
        let head = try fixture("diff/response-property-removed/head.yaml")
        let plain = try Differ().run(base: base, head: head, options: DiffOptions()).changes
        #expect(plain.map(\.level) == [.breaking])
        let lowered = try Differ().run(base: base, head: head, options: DiffOptions(levels: ["response-property-removed": .warning]))
        #expect(lowered.changes.map(\.level) == [.warning])
        let none: ChangeLevel? = nil
        let off = try Differ().run(base: base, head: head, options: DiffOptions(levels: ["response-property-removed": none]))
        #expect(off.changes.isEmpty)
        let ignores = try DiffIgnore.parse(
            """
            # accepted in review
            response-property-removed GET /customers: the status field moved to /customers/{id}/status
            request-enum-value-removed *: not in this release
            """, file: "ignore.txt")
        let accepted = try Differ().run(base: base, head: head, options: DiffOptions(ignores: ignores))
        #expect(accepted.changes.isEmpty && accepted.ignored.count == 1)
        #expect(accepted.unusedIgnores.map(\.line) == [3])
        #expect(throws: DiffIgnoreError.self) { try DiffIgnore.parse("response-property-removed GET /customers", file: "ignore.txt") }
    }

    /// OpenAPI 3.0 says `nullable: true`; dropping it from a request property refuses the nulls
    /// clients sent.
    /// A member made optional in one object reaches the operations answering with that object,
    /// not those answering with another object that shares the member's schema.
    @Test func aMemberChangeReachesOnlyTheObjectsHoldingIt() throws {
        func document(_ required: String) -> String {
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  responses:
                    '200': {description: A, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
              /b:
                get:
                  responses:
                    '200': {description: B, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}
              /c:
                get:
                  responses:
                    '200': {description: C, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}
            components:
              schemas:
                Page: {type: object, properties: {total: {type: integer}}}
                A: {type: object, properties: {page: {$ref: '#/components/schemas/Page'}}, required: [page]}
                B: {type: object, properties: {page: {$ref: '#/components/schemas/Page'}}, required: [\(required)]}
            """
        }
        let found = try Differ().run(base: document("page"), head: document(""), options: fixtureOptions).changes
        #expect(found.map(\.message) == ["GET /b and GET /c: response 200.page is no longer always returned"])
    }

    /// A response wrapped in a choice is one finding, its composition; its members are compared
    /// in the branch that is the old schema, so a member removed there is still found.
    @Test func aSchemaWrappedInAChoiceIsComparedWithItsBranch() throws {
        func document(_ items: String, _ pageProperties: String) -> String {
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  responses:
                    '200': {description: A, content: {application/json: {schema: {type: array, items: \(items)}}}}
            components:
              schemas:
                A: {type: object, properties: {\(pageProperties)}, required: [id]}
                B: {type: object, properties: {id: {type: integer}}, required: [id]}
            """
        }
        let base = document("{$ref: '#/components/schemas/A'}", "id: {type: integer}, name: {type: string}")
        let wrapped = document(
            "{anyOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}", "id: {type: integer}, name: {type: string}")
        let narrowed = document("{anyOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}", "id: {type: integer}")
        #expect(
            try Differ().run(base: base, head: wrapped, options: fixtureOptions).changes.map(\.message) == [
                "GET /a response 200[]: composition went from none to anyOf"
            ])
        #expect(
            try Differ().run(base: base, head: narrowed, options: fixtureOptions).changes.map(\.check).sorted() == [
                "composition-changed", "response-property-removed",
            ])
    }

    @Test func nullableRemovedFromARequestPropertyBreaks() throws {
        let found = try Differ().run(
            base: try fixture("diff-3.0/base.yaml"), head: try fixture("diff-3.0/head.yaml"), options: fixtureOptions)
        #expect(found.changes.map(\.message) == ["POST /customers request body[].phone changed type from null|string to string"])
        #expect(found.changes.map(\.level) == [.breaking])
    }

    /// A webhook's payload is what subscribers read: a field removed from it breaks them, a new
    /// enum value may surprise them, a body now always sent is reported.
    @Test func webhookPayloadsAreComparedAsWhatSubscribersRead() throws {
        let found = try Differ().run(
            base: try fixture("diff-webhooks/base.yaml"), head: try fixture("diff-webhooks/head.yaml"), options: fixtureOptions
        ).changes
        #expect(found.map(\.check) == ["response-property-removed", "response-enum-value-added", "request-body-required"])
        #expect(found.first?.message == "webhook customerCreated (POST) request body.email was removed")
        // A body the API now always sends asks nothing of subscribers: reported, not breaking.
        #expect(found.last?.message == "webhook customerCreated (POST): the request body is now always sent" && found.last?.level == .info)
    }

    @Test func htmlIsAPublishableChangelog() throws {
        let page = ChangeReport.render(try changes("request-max-decreased"), as: .html, base: "v1.yaml", head: "v<2>.yaml")
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        #expect(page.contains("<h2 class=\"breaking\">Breaking changes</h2>"))
        #expect(page.contains("<code>v&lt;2&gt;.yaml</code>"))
    }

    @Test func theCatalogListsEveryCheckWithItsLevel() {
        let text = ChangeReport.catalog(Differ.checks, as: .text)
        #expect(text.hasSuffix("\(Differ.checks.count) checks: 26 breaking, 14 warning, 5 info\n"))
        #expect(ChangeReport.catalog(Differ.checks, as: .markdown).contains("| `request-min-increased` | breaking |"))
    }

    @Test func unusableInputIsRefused() {
        #expect(throws: SpecDocument.LoadError.self) { try Differ().compare(base: "openapi: 3.1.0\n", head: "not: openapi\n") }
    }
}

/// The team's configuration, read by the library: levels with did-you-mean, ignore files whose
/// every check exists.
@Suite struct DiffOptionsTests {
    @Test func levelsAreSetOrTurnedOff() throws {
        var options = DiffOptions()
        try options.setLevel("type-changed=warning")
        try options.setLevel("property-added=off")
        #expect(options.levels["type-changed"] == .some(.warning))
        #expect(options.levels["property-added"] == .some(nil))
        #expect(throws: (any Error).self) { try options.setLevel("type-chnaged=info") }
        #expect(throws: (any Error).self) { try options.setLevel("type-changed=major") }
    }

    @Test func ignoreFilesNameTheirMistakes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ignore-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "# accepted\ntype-changed GET /orders: renamed in 4.0\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try DiffIgnore.load(file: file).map(\.place) == ["GET /orders"])
        try "type-chnaged GET /orders: renamed\n".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try DiffIgnore.load(file: file)
            Issue.record("a misspelt check was accepted")
        } catch {
            #expect(error.description == "\(file):1: no check is called 'type-chnaged'; did you mean type-changed? (see --list-checks)")
        }
        #expect(throws: DiffIgnoreError.self) { try DiffIgnore.load(file: file + ".missing") }
    }
}

/// Swagger 2.0 is read as the OpenAPI 3.0 it says, each node where the 2.0 file writes it.
@Suite struct Swagger2Tests {
    @Test func aSwagger2DocumentIsReadAsTheOpenAPI30ItSays() throws {
        let document = try SpecDocument(text: try fixture("swagger2/petstore.yaml"))
        #expect(document.version == "3.0" && document.swagger?["swagger"]?.string == "2.0")
        let root = document.root.json
        #expect(root["openapi"] == "3.0.3")
        #expect(root["servers"] == [["url": "https://petstore.example.com/v1"]])
        let pets = root["paths"]?["/pets"]
        #expect(
            pets?["post"]?["requestBody"]
                == ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/NewPet"]]], "required": true])
        #expect(pets?["post"]?["responses"]?["default"] == ["$ref": "#/components/responses/Error"])
        let tag = pets?["get"]?["parameters"]?.arrayValue?.last
        #expect(tag?["style"] == "form" && tag?["explode"] == false && tag?["schema"] == ["type": "array", "items": ["type": "string"]])
        let listed = pets?["get"]?["responses"]?["200"]
        #expect(listed?["headers"]?["X-Total"]?["schema"] == ["type": "integer"])
        #expect(listed?["content"]?["application/json"]?["example"] == [["id": 1, "name": "Rex"]])
        let form = root["paths"]?["/pets/{petId}/photo"]?["post"]?["requestBody"]?["content"]?["multipart/form-data"]?["schema"]
        #expect(form?["properties"]?["file"] == ["type": "string", "format": "binary"])
        #expect(form?["required"] == ["file"])
        #expect(root["components"]?["schemas"]?["NewPet"]?["properties"]?["tag"]?["nullable"] == true)
        #expect(root["components"]?["securitySchemes"]?["api_key"] == ["type": "apiKey", "in": "header", "name": "X-API-Key"])
        // The body's schema is where the 2.0 file writes it: line 43, the `pet` body parameter.
        let schema = document.root["paths"]?["/pets"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
        #expect(schema?.location.line == 43)
    }

    @Test func aSwagger2DocumentDiffsWithItsSuccessorAndItself() throws {
        let text = try fixture("swagger2/petstore.yaml")
        // The 3.0 document it says, written out, is its successor with nothing changed.
        let successor = JSONWriter(pretty: true).string(try SpecDocument(text: text).root.json)
        #expect(try Differ().compare(base: text, head: successor).isEmpty)
        // Between two 2.0 versions, a change names the line of the 2.0 file.
        let head = text.replacingOccurrences(of: "name: {type: string, maxLength: 50}", with: "name: {type: string, maxLength: 30}")
        let changes = try Differ().run(base: text, head: head, options: fixtureOptions).changes
        #expect(changes.map(\.check) == ["request-max-decreased"])
        #expect(changes.first?.message == "POST /pets request body.name: maxLength went from 50 to 30")
        #expect(changes.first?.location?.line == 93)
    }
}
