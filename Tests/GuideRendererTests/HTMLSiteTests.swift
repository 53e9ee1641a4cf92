import OpenAPIEmitter
import Testing

@testable import GuideRenderer

@Suite struct HTMLSiteTests {
    let site = HTMLSite(
        pages: [
            GeneratedFile(path: "index.md", contents: "# Demo API\n\nSee [Querying](guides/querying.md#filter-syntax).\n"),
            GeneratedFile(
                path: "guides/querying.md",
                contents:
                    "# Querying\n\n## Filter syntax\n\n```json request=\"POST /things\"\n[{\"a\": \"<b>\"}]\n```\n\nBack to [the start](../index.md).\n"
            ),
        ],
        spec: "openapi: 3.1.0\n")

    func file(_ path: String) -> String { site.files().first { $0.path == path }?.contents ?? "" }

    @Test func writesEveryPageTheStylesAndTheSpec() {
        #expect(
            site.files().map(\.path) == [
                "guides/querying.html", "index.html", "openapi.html", "openapi.yaml", "search-index.js", "site.js", "style.css",
            ])
    }

    @Test func markdownLinksBecomeHTMLLinks() {
        #expect(file("index.html").contains("<a href=\"guides/querying.html#filter-syntax\">Querying</a>"))
        #expect(file("guides/querying.html").contains("<a href=\"../index.html\">the start</a>"))
    }

    @Test func headingsGetAnchors() {
        #expect(file("guides/querying.html").contains("<h2 id=\"filter-syntax\">Filter syntax</h2>"))
    }

    @Test func examplesAreCaptionedHighlightedEscapedAndCopyable() {
        #expect(
            file("guides/querying.html").contains(
                "<figure class=\"example\"><figcaption>Request · POST /things<button class=\"copy\" type=\"button\">Copy</button></figcaption>"
                    + "<pre><code class=\"language-json\">[{<span class=\"tk-key\">&quot;a&quot;</span>: <span class=\"tk-str\">&quot;&lt;b&gt;&quot;</span>}]\n</code></pre></figure>"
            ))
    }

    @Test func highlightingKnowsHTTPAndShell() {
        #expect(
            Highlighter.html("GET /things?id:in=1\nX-Key: k\n", language: "http")
                == "<span class=\"tk-method\">GET</span> /things?id:in=1\n<span class=\"tk-header\">X-Key</span>: k\n")
        #expect(
            Highlighter.html("curl -s 'http://x/a?b=1'", language: "sh")
                == "<span class=\"tk-cmd\">curl</span> <span class=\"tk-opt\">-s</span> <span class=\"tk-str\">'http://x/a?b=1'</span>")
    }

    /// Ink ended a paragraph at a wrapped line that starts with a code span: `<p>… any text for</p><p><code>string</code>…`.
    @Test func aWrappedLineStartingWithCodeStaysInItsParagraph() {
        let page =
            HTMLSite(
                pages: [
                    GeneratedFile(
                        path: "index.md",
                        contents: "# Demo\n\nAny text for\n`string`, a number for `number`.\n\n- one\n  `two`\n- three\n")
                ],
                spec: "openapi: 3.1.0\n"
            ).files().first { $0.path == "index.html" }?.contents ?? ""
        #expect(page.contains("<p>Any text for <code>string</code>, a number for <code>number</code>.</p>"))
        #expect(page.contains("<li>one <code>two</code></li>"))
    }

    @Test func specLinksOpenTheAnchoredRendering() {
        let site = HTMLSite(
            pages: [GeneratedFile(path: "reference/things.md", contents: "# Things\n\n[In the spec](../openapi.yaml#L2).\n")],
            spec: "openapi: 3.1.0\npaths: {}\n")
        let files = site.files()
        #expect(
            files.first { $0.path == "reference/things.html" }?.contents.contains("<a href=\"../openapi.html#L2\">In the spec</a>") == true)
        // Lines are blocks with nothing between them (a newline too spaced them twice), highlighted.
        #expect(
            files.first { $0.path == "openapi.html" }?.contents.contains(
                "<a class=\"number\" href=\"#L1\">1</a><span class=\"text\"><span class=\"tk-key\">openapi</span>: 3.1.0</span></span><span class=\"line\" id=\"L2\"><a class=\"number\" href=\"#L2\">2</a><span class=\"text\"><span class=\"tk-key\">paths</span>: {}</span></span>"
            ) == true)
    }

    @Test func specLinesAreHighlightedAsYAML() {
        #expect(Highlighter.yamlLine("  - name: 'a: b'") == "  - <span class=\"tk-key\">name</span>: <span class=\"tk-str\">'a: b'</span>")
        #expect(
            Highlighter.yamlLine("    required: true") == "    <span class=\"tk-key\">required</span>: <span class=\"tk-lit\">true</span>")
        #expect(Highlighter.yamlLine("      '200':") == "      <span class=\"tk-key\">'200'</span>:")
        #expect(Highlighter.yamlLine("  text with: <b>") == "  <span class=\"tk-key\">text with</span>: &lt;b&gt;")
        #expect(Highlighter.yamlLine("    more text") == "    more text")
        #expect(
            Highlighter.yaml(lines: ["description: |", "  Note: this is text.", "name: x"]) == [
                "<span class=\"tk-key\">description</span>: |", "  Note: this is text.", "<span class=\"tk-key\">name</span>: x",
            ])
    }

    /// At a phone's width the sidebar goes above the text; long example lines and the spec's lines
    /// wrap instead of being clipped; copy buttons sit right whether or not a caption precedes them.
    @Test func theStyleFitsNarrowScreensAndWrapsLongLines() {
        let css = file("style.css")
        #expect(css.contains("@media (max-width: 800px) {\n  body { display: block; }"))
        #expect(css.contains("figure.example pre { white-space: pre-wrap; overflow-wrap: anywhere; }"))
        #expect(css.contains("pre.spec .text { white-space: pre-wrap;"))
        #expect(css.contains("button.copy { margin-left: auto;"))
    }

    @Test func theIndexTitleIsNotRepeatedAndPagesHaveATableOfContents() {
        #expect(file("index.html").contains("<title>Demo API</title>"))
        let site = HTMLSite(
            pages: [GeneratedFile(path: "index.md", contents: "# Demo\n\n## First `part`\n\nA.\n\n### Detail\n\nB.\n")],
            spec: "openapi: 3.1.0\n")
        #expect(
            site.files().first { $0.path == "index.html" }?.contents.contains(
                "<aside class=\"toc\" aria-label=\"On this page\"><h2>On this page</h2><ul><li class=\"level2\"><a href=\"#first-part\">First part</a></li><li class=\"level3\"><a href=\"#detail\">Detail</a></li></ul></aside>"
            ) == true)
    }

    @Test func theSearchIndexHoldsEachSectionsText() {
        let index = file("search-index.js")
        #expect(index.hasPrefix("window.SEARCH_INDEX = ["))
        #expect(
            index.contains(
                "{\"u\":\"guides/querying.html#filter-syntax\",\"t\":\"Querying › Filter syntax\",\"x\":\"Back to the start.\"}"
            ))
    }

    @Test func theSidebarMarksTheCurrentPageWithRelativeLinks() {
        let page = file("guides/querying.html")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(page.contains("<li><a href=\"../guides/querying.html\" aria-current=\"page\">Querying</a></li>"))
        #expect(page.contains("<title>Querying · Demo API</title>"))
    }
}
