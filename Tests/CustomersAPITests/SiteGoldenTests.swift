import CustomersAPI
import Foundation
import GuideRenderer
import OpenAPIEmitter
import Testing

@testable import SpecsmithCLI

/// The project root, found from this file: Tests/CustomersAPITests/ is two levels down.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private func spec() throws -> GeneratedSpec { try GeneratedSpec(registry: CustomersV3.registry) }

@Suite struct SiteGoldenTests {
    /// The committed site/ is the reference output, with the changes page for the releases it
    /// names and the links to it; `RECORD=1 swift test` rewrites it.
    @Test func committedSiteIsCurrent() throws {
        let spec = try spec()
        var pages = try Guides(spec: spec, templates: root.appendingPathComponent("templates")).render()
        #expect(pages.count == 23)
        let releases = ReleasePage.releases(onDisk: root.appendingPathComponent("site/\(ReleasePage.path)"))
        #expect(releases == ["a75aa6c", "62de83f"])
        let page = ReleasePage(releases: releases)
        let sections = try page.sections(current: try spec.yaml, specPath: "spec/\(spec.fileName)", root: root)
        pages = page.files(sections, registry: CustomersV3.registry, pages: pages)
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
