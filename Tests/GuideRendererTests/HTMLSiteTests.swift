import GuideRenderer
import OpenAPIEmitter
import Testing

@Suite struct HTMLSiteTests {
    let site = HTMLSite(
        pages: [
            GeneratedFile(path: "site/index.md", contents: "# Demo API\n\nSee [Querying](guides/querying.md#filter-syntax).\n"),
            GeneratedFile(
                path: "site/guides/querying.md",
                contents:
                    "# Querying\n\n## Filter syntax\n\n```json request=\"POST /things\"\n[{\"a\": \"<b>\"}]\n```\n\nBack to [the start](../index.md).\n"
            ),
        ],
        spec: GeneratedFile(path: "spec/demo.yaml", contents: "openapi: 3.1.0\n"))

    func file(_ path: String) -> String { site.files().first { $0.path == path }?.contents ?? "" }

    @Test func writesEveryPageTheStylesAndTheSpec() {
        #expect(site.files().map(\.path) == ["guides/querying.html", "index.html", "openapi.yaml", "style.css"])
    }

    @Test func markdownLinksBecomeHTMLLinks() {
        #expect(file("index.html").contains("<a href=\"guides/querying.html#filter-syntax\">Querying</a>"))
        #expect(file("guides/querying.html").contains("<a href=\"../index.html\">the start</a>"))
    }

    @Test func headingsGetAnchors() {
        #expect(file("guides/querying.html").contains("<h2 id=\"filter-syntax\">Filter syntax</h2>"))
    }

    @Test func examplesAreCaptionedAndEscaped() {
        #expect(
            file("guides/querying.html").contains(
                "<figure class=\"example\"><figcaption>Request · POST /things</figcaption><pre><code class=\"language-json\">[{\"a\": \"&lt;b&gt;\"}]\n</code></pre></figure>"
            ))
    }

    @Test func theSidebarMarksTheCurrentPageWithRelativeLinks() {
        let page = file("guides/querying.html")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(page.contains("<li><a href=\"../guides/querying.html\" aria-current=\"page\">Querying</a></li>"))
        #expect(page.contains("<title>Querying · Demo API</title>"))
    }
}
