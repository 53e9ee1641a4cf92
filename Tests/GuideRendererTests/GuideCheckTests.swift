import CustomersAPI
import Foundation
import GuideRenderer
import OpenAPIEmitter
import OpenAPIKit
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private func spec() throws -> OpenAPI.Document { try SpecGenerator(registry: CustomersV3.registry).generate().document }

/// Renders a templates folder holding `files` (path → text) and the project's misspelling list.
private func render(_ files: [String: String]) throws -> [GeneratedFile] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    try FileManager.default.copyItem(
        at: root.appendingPathComponent("templates/misspellings.txt"), to: folder.appendingPathComponent("misspellings.txt"))
    return try GuideRenderer(registry: CustomersV3.registry, document: spec(), templates: folder).render()
}

/// The problems rendering `text` as `guide.md.mustache` reports, as `file:line: message`.
private func problems(_ text: String) -> [String] {
    do {
        _ = try render(["guide.md.mustache": text])
        return []
    } catch let failure as GuideRenderer.Failure {
        return failure.problems.map(\.description)
    } catch {
        return ["unexpected: \(error)"]
    }
}

@Suite struct GuideCheckTests {
    @Test func objectFormBodyFails() {
        #expect(
            problems(
                "# Guide\n\n```json request=\"POST /customers\"\n{\"email\": \"a@example.com\", \"first_name\": \"A\", \"last_name\": \"B\"}\n```\n"
            ) == [
                "templates/guide.md.mustache:3: POST /customers example: (root): must be an array, got an object"
            ])
    }

    @Test func misspeltFilterFails() {
        #expect(
            problems("# Guide\n\nBy company: `/customers/addresses?compant:in=bigcommerce,commongood`\n") == [
                "templates/guide.md.mustache:3: GET /customers/addresses?compant:in=bigcommerce,commongood: compant:in is not a valid filter; valid filters: id:in, customer_id:in, name:in, company:in; did you mean 'company:in'?"
            ])
    }

    @Test func filterWithoutEqualsFails() {
        #expect(
            problems("# Guide\n\n```http\nGET /customers/addresses?customer_id:in1,2,3\n```\n") == [
                "templates/guide.md.mustache:4: GET /customers/addresses?customer_id:in1,2,3: customer_id:in1,2,3 has no '=' before its value; did you mean 'customer_id:in=1,2,3'?"
            ])
    }

    @Test func requestLinesMustNameAnOperation() {
        #expect(
            problems("# Guide\n\n```http\nPATCH /customers\n```\n") == [
                "templates/guide.md.mustache:4: PATCH /customers is not an operation; /customers offers GET, POST, PUT, DELETE"
            ])
        #expect(
            problems("# Guide\n\n```http\nGET /customers/groups\n```\n") == [
                "templates/guide.md.mustache:4: GET /customers/groups: no such resource; resources are /customers, /customers/addresses, /customers/attributes, /customers/attribute-values"
            ])
    }

    @Test func httpBodiesAreChecked() {
        let text =
            "# Guide\n\n```http\nPUT /customers/addresses\nContent-Type: application/json\n\n[{\"address1\": \"555 East Street\"}]\n```\n"
        #expect(problems(text) == ["templates/guide.md.mustache:4: PUT /customers/addresses example: [0].id: is required"])
    }

    @Test func unmarkedExamplesFail() {
        #expect(
            problems("# Guide\n\n```\n[{\"name\": \"Hat Size\"}]\n```\n") == [
                "templates/guide.md.mustache:3: an unmarked JSON example: fence it as ```json request=\"METHOD /path\"``` (or response=\"METHOD /path STATUS\")"
            ])
        #expect(problems("# Guide\n\n```json\n[]\n```\n").count == 1)
    }

    @Test func responseExamplesAreCheckedAsResponses() {
        #expect(
            problems("# Guide\n\n```json response=\"GET /customers 200\"\n{\"data\": []}\n```\n") == [
                "templates/guide.md.mustache:3: GET /customers 200 example: meta: is required"
            ])
    }

    @Test func invalidJSONNamesItsLine() {
        #expect(
            problems("# Guide\n\n```json request=\"POST /customers/attributes\"\n[\n  {\"name\": \"Hat Size\",}\n]\n```\n") == [
                "templates/guide.md.mustache:5: POST /customers/attributes example is not valid JSON: expected a member name in double quotes (column 23)"
            ])
    }

    @Test func misspellingsFromTheListFail() {
        #expect(
            problems("# Guide\n\nThe value is stored aganist the customer.\n") == [
                "templates/guide.md.mustache:3: 'aganist' is misspelt; write 'against'"
            ])
    }

    @Test func numbersTheRegistryHoldsMustBeTags() {
        #expect(
            problems("# Guide\n\nSend batches of at most 10 items.\n") == [
                "templates/guide.md.mustache:3: the literal 10 is a number the registry holds; write {{batchLimit}} so the page follows it"
            ])
        #expect(
            problems("# Guide\n\nSend batches of at most 9 items.\n") == [
                "templates/guide.md.mustache:3: says 9 where the registry's batchLimit is 10; write {{batchLimit}}"
            ])
        #expect(problems("# Guide\n\nSend batches of at most {{batchLimit}} items; a longer one gets 413.\n").isEmpty)
    }

    @Test func valuesThatRenderEmptyAreCaught() {
        #expect(
            problems("# Guide\n\nSort addresses on {{resource.customer-addresses.sortKeys}}.\n") == [
                "site/guide.md:3: ' .' looks like a value that rendered empty"
            ])
    }

    @Test func foreignExamplesAreMarkedNotChecked() {
        #expect(problems("# Guide\n\n```json foreign=\"Customers V2\"\n{\"first_name\": \"Jane\"}\n```\n").isEmpty)
    }

    @Test func generatedExamplesRenderAndPass() throws {
        let pages = try render([
            "guide.md.mustache":
                "# Guide\n\n{{#resource.customers.create}}\n```json {{requestMarker}}\n{{{requestExample}}}\n```\n{{/resource.customers.create}}\n"
        ])
        #expect(
            pages.first?.contents.contains("```json request=\"POST /customers\"\n[\n  {\n    \"email\": \"johndoe@example.com\"") == true)
    }
}

@Suite struct SiteGoldenTests {
    /// The committed site/ is the reference output; `RECORD=1 swift test` rewrites it.
    @Test func committedSiteIsCurrent() throws {
        let pages = try GuideRenderer(registry: CustomersV3.registry, document: spec(), templates: root.appendingPathComponent("templates"))
            .render()
        #expect(pages.count == 11)
        for page in pages {
            let url = root.appendingPathComponent(page.path)
            if ProcessInfo.processInfo.environment["RECORD"] == "1" {
                try Data(page.contents.utf8).write(to: url, options: .atomic)
            }
            #expect(
                try String(contentsOf: url, encoding: .utf8) == page.contents, "\(page.path) is stale: run `swift run specsmith generate`")
        }
    }

    @Test func everyReviewerQuestionHasItsAnswerOnAPage() throws {
        let pages = try GuideRenderer(registry: CustomersV3.registry, document: spec(), templates: root.appendingPathComponent("templates"))
            .render()
        func page(_ path: String) -> String { pages.first { $0.path == "site/\(path)" }?.contents ?? "" }
        #expect(page("guides/customer-attributes.md").contains("### When you create the customer"))
        #expect(page("guides/batching-and-limits.md").contains("## Bodies are arrays"))
        #expect(page("guides/errors.md").contains("## Retrying"))
        #expect(page("reference/customers.md").contains("## Fields of an update"))
        #expect(page("reference/customer-addresses.md").contains("| `phone` | string, at most 50 characters | no |"))
        #expect(
            page("guides/querying.md").contains(
                "| `customer_id` | `customer_id:in` | integer | Id of the customer the address belongs to. |"))
        #expect(page("guides/customer-attributes.md").contains("\"attribute_name\": \"Hat Size\""))
    }
}
