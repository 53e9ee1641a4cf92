import CustomersAPI
import Foundation
import GuideRenderer
import OpenAPIEmitter
import OpenAPIKit
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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
                "templates/guide.md.mustache:3: GET /customers/addresses?compant:in=bigcommerce,commongood: compant:in is not a valid filter; valid filters: id:in, customer_id:in, name:in, company:in; other parameters: page, limit, include; did you mean 'company:in'?"
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
