import CustomersAPI
import Foundation
import GuideRenderer
import OpenAPIEmitter
import OpenAPIKit
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private func spec() throws -> GeneratedSpec { try GeneratedSpec(registry: CustomersV3.registry) }

/// Renders a templates folder holding `files` (path → text) and the project's misspelling list.
private func render(_ files: [String: String]) throws -> [GeneratedFile] {
    try renderTemplates(files, registry: CustomersV3.registry, copying: [root.appendingPathComponent("templates/misspellings.txt")])
}

/// The problems rendering `text` as `guide.md.mustache` reports, as `file:line: message`.
private func problems(_ text: String) -> [String] {
    problemsOf { try render(["guide.md.mustache": text]) }
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
                "templates/guide.md.mustache:4: GET /customers/groups: no such resource; resources are /customers, /customers/addresses, /customers/attributes, /customers/attribute-values, /customers/form-field-values, /customers/metafields, /customers/{customerId}/metafields, /customers/{customerId}/stored-instruments, /customers/settings, /customers/settings/channels/{channel_id}, /customers/{customerId}/consent"
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
            pages.first?.contents.contains("```json request=\"POST /customers\"\n[\n  {\n    \"email\": \"jane.doe@example.com\"") == true)
    }
}

@Suite struct SiteGoldenTests {
    /// The committed site/ is the reference output; `RECORD=1 swift test` rewrites it.
    @Test func committedSiteIsCurrent() throws {
        let pages = try Guides(spec: spec(), templates: root.appendingPathComponent("templates"))
            .render()
        #expect(pages.count == 22)
        for page in pages {
            let url = root.appendingPathComponent("site/\(page.path)")
            if ProcessInfo.processInfo.environment["RECORD"] == "1" {
                try Data(page.contents.utf8).write(to: url, options: .atomic)
            }
            #expect(
                try String(contentsOf: url, encoding: .utf8) == page.contents, "\(page.path) is stale: run `swift run specsmith generate`")
        }
    }

    @Test func everyReviewerQuestionHasItsAnswerOnAPage() throws {
        let pages = try Guides(spec: spec(), templates: root.appendingPathComponent("templates"))
            .render()
        func page(_ path: String) -> String { pages.first { $0.path == path }?.contents ?? "" }
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

    /// Every deliberate difference from the published reference is declared once, in the registry,
    /// and the page lists each.
    @Test func theDifferencesPageListsEveryDeclaredDifference() throws {
        let pages = try Guides(spec: spec(), templates: root.appendingPathComponent("templates"))
            .render()
        let page = try #require(pages.first { $0.path == "guides/published-reference.md" }?.contents)
        let declared = try #require(CustomersV3.registry.publishedReference).differences
        #expect(declared.count >= 8)
        for difference in declared {
            #expect(page.contains("## \(difference.subject)\n\n- **Published:** \(difference.published).\n- **Here:** \(difference.here)."))
        }
        #expect(page.contains("(\(declared.count) today)"))
    }

    /// Defects a new user found in the pages, each kept from coming back.
    @Test func thePagesSayWhatIsTrue() throws {
        let pages = try Guides(spec: spec(), templates: root.appendingPathComponent("templates"))
            .render()
        func page(_ path: String) -> String { pages.first { $0.path == path }?.contents ?? "" }
        // "`attribute_id` names a Attribute".
        #expect(page("reference/customer-attribute-values.md").contains("`attribute_id` names an Attribute;"))
        #expect(!pages.contains { $0.contents.contains(" a Attribute") || $0.contents.contains(" a Address") })
        // "A 4xx answer means the request must change" was false for 429; re-sending a batch whole after a 504 is unsafe.
        let errors = page("guides/errors.md")
        #expect(!errors.contains("A 4xx answer means the request must change"))
        #expect(!errors.contains("can be sent again whole"))
        #expect(errors.contains("- **429**: the request was not carried out."))
        #expect(errors.contains("**do not send a create again blindly.**"))
        #expect(errors.contains("| `X-Rate-Limit-Time-Reset-Ms` |"))
        // The index opens with a quick start whose commands ran on the mock.
        let index = page("index.md")
        let quickStart = try #require(index.range(of: "## Quick start"))
        #expect(index[..<quickStart.lowerBound].components(separatedBy: "\n## ").count == 1, "the quick start is the first section")
        #expect(
            index.contains(
                "curl -s 'http://127.0.0.1:4010/stores/demo/v3/customers?email:in=ada@example.com'\n```\n\n```json response=\"GET /customers 200\""
            ))
        // The querying guide says which form array parameters take.
        #expect(page("guides/querying.md").contains("the API refuses\nthat form with a 422"))
    }
}

/// The defects the seed reviewer found, as pages that run on the Customers mock.
@Suite struct GuideStoryTests {
    /// Writes "8" for customer 1 and shows "7" read back: schema-valid, and false.
    @Test func writingEightAndShowingSevenFails() {
        let guide = """
            # Hat sizes

            ```http
            PUT /customers/attribute-values
            Content-Type: application/json

            [{"customer_id": 1, "attribute_id": 1, "value": "8"}]
            ```

            ```http
            GET /customers/attribute-values?customer_id:in=1&attribute_id:in=1
            ```

            ```json response="GET /customers/attribute-values 200"
            {
              "data": [
                {"id": 1, "customer_id": 1, "attribute_id": 1, "attribute_name": "Hat Size", "value": "7",
                 "date_created": "2018-11-14T18:58:08Z", "date_modified": "2018-11-14T18:58:08Z"}
              ],
              "meta": {"pagination": {"total": 1, "count": 1, "per_page": 50, "current_page": 1, "total_pages": 1, "links": {"current": "?page=1&limit=50"}}}
            }
            ```
            """
        #expect(
            problems(guide) == [
                "templates/guide.md.mustache:14: GET /customers/attribute-values?customer_id:in=1&attribute_id:in=1 (line 11): data[0].value: the page shows \"7\", the mock answers \"8\""
            ])
    }

    /// Shows `addresses` on a read that did not ask for them with `include=addresses`.
    @Test func aFieldTheRequestDidNotIncludeFails() {
        let guide = """
            # John

            ```http
            GET /customers?id:in=1
            ```

            ```json response="GET /customers 200"
            {
              "data": [
                {"id": 1, "email": "johndoe@example.com", "first_name": "John", "last_name": "Doe", "company": "BigCommerce",
                 "phone": "1234567890", "notes": "Warehouse", "tax_exempt_category": "", "customer_group_id": 0,
                 "registration_ip_address": "12.34.56.78", "date_created": "2018-11-14T18:58:08Z", "date_modified": "2018-11-14T18:58:08Z",
                 "address_count": 3, "attribute_count": 2, "addresses": []}
              ],
              "meta": {"pagination": {"total": 1, "count": 1, "per_page": 50, "current_page": 1, "total_pages": 1, "links": {"current": "?page=1&limit=50"}}}
            }
            ```
            """
        #expect(
            problems(guide) == [
                "templates/guide.md.mustache:7: GET /customers?id:in=1 (line 4): data[0].addresses: the page shows it; the mock's answer has no such field"
            ])
    }

    /// `v2-differences.md` once updated customer 20 of a store that has 9.
    @Test func anExampleThatFailsOnTheSampleStoreFails() {
        #expect(
            problems("# V2\n\n```http\nPUT /customers\nContent-Type: application/json\n\n[{\"id\": 20, \"phone\": \"1\"}]\n```\n") == [
                "templates/guide.md.mustache:4: PUT /customers: the mock answers 422 (The request breaks 1 rule; nothing was written. [0].id: no Customer has id 20); fix the request, or show the answer in a response block"
            ])
    }
}
