import Foundation
import Ink
import OpenAPIEmitter

/// The guides as a static HTML site: each Markdown page rendered with Ink inside one
/// layout with a navigation sidebar, plus the spec the reference pages link to. The mock
/// serves the same files at `/docs`.
public struct HTMLSite: Sendable {
    /// The Markdown pages, with paths relative to the site (`guides/querying.md`).
    public let pages: [GeneratedFile]
    /// The spec's YAML, served beside the pages.
    public let spec: String

    public init(pages: [GeneratedFile], spec: String) {
        self.pages = pages
        self.spec = spec
    }

    /// Every file of the site, with paths relative to its root: `index.html`,
    /// `guides/querying.html`, `style.css`, `site.js`, `search-index.js`, `openapi.yaml` and
    /// `openapi.html` (the spec with a line anchor per line).
    public func files() -> [GeneratedFile] {
        let entries = pages.filter { $0.path.hasSuffix(".md") }.map { page in (path: Self.htmlPath(page.path), page: page) }
        let navigation = entries.map { (path: $0.path, title: Self.title(of: $0.page.contents)) }
        let apiTitle = entries.first { $0.path == "index.html" }.map { Self.title(of: $0.page.contents) } ?? "API"
        var files = entries.map { entry in
            GeneratedFile(path: entry.path, contents: layout(entry.path, entry.page.contents, navigation: navigation, apiTitle: apiTitle))
        }
        files.append(GeneratedFile(path: "style.css", contents: Self.css))
        files.append(GeneratedFile(path: "site.js", contents: Self.script))
        files.append(GeneratedFile(path: "search-index.js", contents: SearchIndex.script(entries.map { ($0.path, $0.page.contents) })))
        files.append(GeneratedFile(path: "openapi.yaml", contents: spec))
        files.append(GeneratedFile(path: "openapi.html", contents: specPage(navigation: navigation, apiTitle: apiTitle)))
        return files.sorted { $0.path < $1.path }
    }

    /// `guides/querying.md` → `guides/querying.html`.
    static func htmlPath(_ markdownPath: String) -> String {
        markdownPath.hasSuffix(".md") ? markdownPath.dropLast(3) + ".html" : markdownPath
    }

    static func title(of markdown: String) -> String {
        markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "Untitled"
    }

    func layout(_ path: String, _ markdown: String, navigation: [(path: String, title: String)], apiTitle: String) -> String {
        let title = Self.title(of: markdown)
        let contents = Self.parser.html(from: Self.unwrapParagraphs(markdown))
        return page(path, title: title, main: contents, toc: Self.tableOfContents(markdown), navigation: navigation, apiTitle: apiTitle)
    }

    /// The spec as a page: one anchored, highlighted line per line (`#L42`), which the reference
    /// pages link to. Each line is a block of its own, so nothing separates them but the blocks
    /// (a newline as well spaced them twice); a long line wraps under its text, not its number.
    func specPage(navigation: [(path: String, title: String)], apiTitle: String) -> String {
        let raw = spec.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = Highlighter.yaml(lines: raw)
        let body = zip(raw, lines).enumerated().map { index, pair in
            // A wrapped line continues under its own text, two places in: its indentation stays
            // spaces (so a copy keeps it) and the style hangs the rest.
            let indent = pair.0.prefix { $0 == " " || $0 == "-" }.count
            let hang = indent > 0 ? " style=\"--i:\(indent + 2)ch\"" : ""
            return
                "<span class=\"line\" id=\"L\(index + 1)\"><a class=\"number\" href=\"#L\(index + 1)\">\(index + 1)</a><span class=\"text\"\(hang)>\(pair.1)</span></span>"
        }
        let main = """
            <h1>OpenAPI document</h1>
            <p>The machine-readable description of the API: <a href="openapi.yaml" download>download openapi.yaml</a>.</p>
            <pre class="spec"><code>\(body.joined())</code></pre>
            """
        return page("openapi.html", title: "OpenAPI document", main: main, toc: "", navigation: navigation, apiTitle: apiTitle)
    }

    func page(
        _ path: String, title: String, main: String, toc: String, navigation: [(path: String, title: String)], apiTitle: String
    ) -> String {
        let depth = path.split(separator: "/").count - 1
        let prefix = String(repeating: "../", count: depth)
        func link(_ target: String, _ text: String) -> String {
            let current = target == path ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(prefix)\(target)\"\(current)>\(Self.escape(text))</a></li>"
        }
        let guides = navigation.filter { $0.path.hasPrefix("guides/") }.map { link($0.path, $0.title) }.joined()
        let reference = navigation.filter { $0.path.hasPrefix("reference/") }.map { link($0.path, $0.title) }.joined()
        let fullTitle = title == apiTitle ? Self.escape(title) : "\(Self.escape(title)) · \(Self.escape(apiTitle))"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(fullTitle)</title>
            <link rel="stylesheet" href="\(prefix)style.css">
            </head>
            <body data-root="\(prefix)">
            <nav class="sidebar">
            <p class="brand"><a href="\(prefix)index.html">\(Self.escape(apiTitle))</a></p>
            <form class="search" role="search" action="\(prefix)index.html">
            <input type="search" id="search" name="q" placeholder="Search the guides" aria-label="Search the guides" autocomplete="off">
            </form>
            <ol id="search-results" aria-live="polite"></ol>
            <h2>Guides</h2>
            <ul>\(guides)</ul>
            <h2>Reference</h2>
            <ul>\(reference)</ul>
            <p class="spec"><a href="\(prefix)openapi.html"\(path == "openapi.html" ? " aria-current=\"page\"" : "")>OpenAPI document</a></p>
            </nav>
            <main>
            \(main)
            </main>
            \(toc)
            <script src="\(prefix)search-index.js"></script>
            <script src="\(prefix)site.js"></script>
            </body>
            </html>

            """
    }

    /// "On this page": the page's second- and third-level headings.
    static func tableOfContents(_ markdown: String) -> String {
        var items: [String] = []
        for heading in MarkdownScan(markdown).lines.map(\.text) where heading.hasPrefix("## ") || heading.hasPrefix("### ") {
            let level = heading.hasPrefix("### ") ? 3 : 2
            let text = heading.dropFirst(level + 1).trimmingSpaces().replacingOccurrences(of: "`", with: "")
            items.append("<li class=\"level\(level)\"><a href=\"#\(Slug.make(text))\">\(escape(text))</a></li>")
        }
        guard items.count > 1 else { return "" }
        return "<aside class=\"toc\" aria-label=\"On this page\"><h2>On this page</h2><ul>\(items.joined())</ul></aside>"
    }

    /// Joins the lines of each paragraph and list item into one. Ink starts a new paragraph at a
    /// wrapped line that begins with a code span, splitting a sentence in two.
    static func unwrapParagraphs(_ markdown: String) -> String {
        var output: [String] = []
        var fence: String?
        var joinable = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingSpaces()
            if let open = fence {
                output.append(line)
                if trimmed.hasPrefix(open) && trimmed.allSatisfy({ $0 == "`" }) { fence = nil }
                joinable = false
                continue
            }
            if trimmed.hasPrefix("```") {
                fence = String(trimmed.prefix { $0 == "`" })
                output.append(line)
                joinable = false
                continue
            }
            let opensBlock =
                trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("|") || trimmed.hasPrefix(">") || trimmed.hasPrefix("<")
                || isListItem(trimmed)
            if joinable && !opensBlock, let last = output.indices.last {
                output[last] += " " + trimmed
            } else {
                output.append(line)
            }
            joinable = !trimmed.isEmpty && !trimmed.hasPrefix("#") && !trimmed.hasPrefix("|")
        }
        return output.joined(separator: "\n")
    }

    static func isListItem(_ line: String) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return true }
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
    }

    nonisolated(unsafe) static let parser = MarkdownParser(modifiers: [
        // Info strings carry quoted markers, which Ink would put inside a class attribute; the code
        // is highlighted here, from the block's own text, with no script in the browser.
        Modifier(target: .codeBlocks) { html, markdown in
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            let info = lines.first.map { $0.drop { $0 == "`" }.trimmingSpaces() } ?? ""
            let (language, attributes) = MarkdownScan.parseInfo(info)
            var body = Array(lines.dropFirst())
            while let last = body.last, last.trimmingSpaces().isEmpty || last.trimmingSpaces().allSatisfy({ $0 == "`" }) {
                body.removeLast()
            }
            let code = Highlighter.html(body.map(String.init).joined(separator: "\n") + "\n", language: language)
            let label =
                attributes["request"].map { "Request · \($0)" } ?? attributes["response"].map { "Response · \($0)" }
                ?? attributes["schema"].map { "\($0)" } ?? attributes["foreign"]
            let languageClass = language.isEmpty ? "" : " class=\"language-\(escape(language))\""
            let caption = "<figcaption>\(label.map(escape) ?? "")<button class=\"copy\" type=\"button\">Copy</button></figcaption>"
            return "<figure class=\"example\">\(caption)<pre><code\(languageClass)>\(code)</code></pre></figure>"
        },
        Modifier(target: .headings) { html, markdown in
            let text = markdown.drop { $0 == "#" }.trimmingSpaces().replacingOccurrences(of: "`", with: "")
            guard html.hasPrefix("<h"), html.count > 3 else { return html }
            let tag = html.prefix(3)
            return "\(tag) id=\"\(Slug.make(text))\"" + html.dropFirst(3)
        },
        Modifier(target: .links) { html, _ in
            guard let start = html.range(of: "href=\""), let end = html[start.upperBound...].firstIndex(of: "\"") else { return html }
            let href = html[start.upperBound..<end]
            guard !href.contains("://") else { return html }
            // Line links into the spec open its HTML rendering, which has the anchors.
            if let spec = href.range(of: "openapi.yaml#L") {
                return html.replacingCharacters(in: spec, with: "openapi.html#L")
            }
            guard let md = href.range(of: ".md") else { return html }
            let rest = href[md.upperBound...]
            guard rest.isEmpty || rest.hasPrefix("#") else { return html }
            return html.replacingCharacters(in: start.upperBound..<end, with: href[..<md.lowerBound] + ".html" + rest)
        },
    ])

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let css = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #dfe3ea; --accent: #2456c8; --code: #f5f7fa; }
        * { box-sizing: border-box; }
        body { margin: 0; display: flex; font: 16px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); }
        .sidebar { width: 260px; min-height: 100vh; padding: 24px 20px; background: #f7f8fb; border-right: 1px solid var(--line); flex-shrink: 0; }
        .sidebar .brand { font-weight: 700; font-size: 18px; margin: 0 0 16px; }
        .sidebar h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 20px 0 6px; }
        .sidebar ul { list-style: none; padding: 0; margin: 0; }
        .sidebar li a { display: block; padding: 3px 0; }
        .sidebar a[aria-current] { font-weight: 600; }
        .search input { width: 100%; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; font-size: 14px; }
        #search-results { list-style: none; padding: 0; margin: 8px 0 0; font-size: 14px; }
        #search-results li { padding: 4px 0; border-bottom: 1px solid var(--line); }
        #search-results .snippet { display: block; color: var(--muted); font-size: 13px; }
        #search-results mark { background: #fff0a8; }
        main { padding: 32px 48px; max-width: 980px; min-width: 0; flex: 1; }
        .toc { width: 220px; flex-shrink: 0; padding: 32px 16px 0 0; font-size: 14px; position: sticky; top: 0; align-self: flex-start; max-height: 100vh; overflow-y: auto; }
        .toc h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 6px; }
        .toc ul { list-style: none; padding: 0; margin: 0; }
        .toc li { padding: 2px 0; }
        .toc li.level3 { padding-left: 12px; }
        @media (max-width: 1200px) { .toc { display: none; } }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h1 { font-size: 32px; margin-top: 0; }
        h2 { margin-top: 40px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        code { font: 14px/1.45 SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 1px 4px; border-radius: 4px; }
        pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; overflow-x: auto; margin: 0; }
        pre code { padding: 0; background: none; }
        figure.example { margin: 16px 0; }
        figure.example figcaption { display: flex; justify-content: space-between; align-items: center; font-size: 13px; color: var(--muted); margin-bottom: 4px; font-family: SFMono-Regular, Menlo, Consolas, monospace; }
        figure.example pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        button.copy { margin-left: auto; font: 12px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; padding: 2px 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--muted); cursor: pointer; }
        button.copy:hover { color: var(--ink); }
        .tk-key { color: #0b5394; }
        .tk-str { color: #a31515; }
        .tk-num { color: #098658; }
        .tk-lit { color: #7a3e9d; }
        .tk-method { color: #7a3e9d; font-weight: 600; }
        .tk-header { color: #0b5394; }
        .tk-cmd { color: #7a3e9d; font-weight: 600; }
        .tk-opt { color: #0b5394; }
        pre.spec { font-size: 13px; line-height: 1.5; }
        pre.spec .line { display: flex; }
        pre.spec .line:target { background: #fff0a8; }
        pre.spec .number { flex: 0 0 4.5em; color: var(--muted); user-select: none; }
        pre.spec .text { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0; --i: 2ch; padding-left: var(--i); text-indent: calc(-1 * var(--i)); }
        .tk-comment { color: var(--muted); }
        table { border-collapse: collapse; margin: 16px 0; width: 100%; font-size: 15px; }
        th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
        th { background: #f0f2f6; }
        td code, p code, li code { overflow-wrap: break-word; }
        @media (max-width: 800px) {
          body { display: block; }
          .sidebar { width: auto; min-height: 0; padding: 16px; border-right: none; border-bottom: 1px solid var(--line); }
          .sidebar ul { display: flex; flex-wrap: wrap; gap: 2px 16px; }
          .sidebar h2 { margin-top: 12px; }
          main { padding: 20px 16px; }
          h1 { font-size: 26px; }
          table { display: block; overflow-x: auto; }
        }

        """

    /// Copy buttons, and the search box over `search-index.js`. `?q=` in a page's address runs a search.
    static let script = #"""
        (function () {
          document.querySelectorAll("button.copy").forEach(function (button) {
            button.addEventListener("click", function () {
              var code = button.closest("figure").querySelector("code").innerText;
              var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 1500); };
              if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(code).then(done);
              } else {
                var area = document.createElement("textarea");
                area.value = code;
                document.body.appendChild(area);
                area.select();
                document.execCommand("copy");
                area.remove();
                done();
              }
            });
          });
          var input = document.getElementById("search");
          var list = document.getElementById("search-results");
          var root = document.body.getAttribute("data-root") || "";
          var index = window.SEARCH_INDEX || [];
          function escape(text) {
            return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
          }
          function search(query) {
            var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
            list.innerHTML = "";
            if (!terms.length) { return; }
            // A term matches at the start of a word ("rate" finds "rates", not "separated"); a
            // section whose title has the terms, then one with the phrase, then more whole-word
            // matches ranks first.
            var starts = terms.map(function (term) { return new RegExp("(^|[^a-z0-9])" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"); });
            var phrase = terms.join(" ");
            var found = [];
            index.forEach(function (entry, position) {
              var title = entry.t.toLowerCase(), text = entry.x.toLowerCase();
              var score = 0;
              for (var i = 0; i < starts.length; i++) {
                starts[i].lastIndex = 0;
                var inTitle = starts[i].test(title);
                starts[i].lastIndex = 0;
                var hits = (text.match(starts[i]) || []).length;
                if (!inTitle && !hits) { return; }
                score += (inTitle ? 100 : 0) + Math.min(hits, 10);
              }
              if (terms.length > 1 && (title + " " + text).indexOf(phrase) >= 0) { score += 50; }
              found.push({ entry: entry, score: score, position: position });
            });
            found = found.sort(function (a, b) { return b.score - a.score || a.position - b.position; })
              .slice(0, 12).map(function (hit) { return hit.entry; });
            if (!found.length) { list.innerHTML = "<li>No results</li>"; return; }
            found.forEach(function (entry) {
              var lower = entry.x.toLowerCase();
              var first = lower.search(starts[0]);
              var at = Math.max(0, (first < 0 ? 0 : first) - 40);
              if (at > 0) { at = entry.x.indexOf(" ", at) + 1; }
              var snippet = escape(entry.x.slice(at, at + 120));
              terms.forEach(function (term) {
                snippet = snippet.replace(new RegExp("(^|[^A-Za-z0-9])(" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ")", "ig"), "$1<mark>$2</mark>");
              });
              var item = document.createElement("li");
              item.innerHTML = '<a href="' + root + entry.u + '">' + escape(entry.t) + '</a><span class="snippet">' + snippet + "</span>";
              list.appendChild(item);
            });
          }
          if (input) {
            input.addEventListener("input", function () { search(input.value); });
            var query = new URLSearchParams(window.location.search).get("q");
            if (query) { input.value = query; search(query); }
          }
        })();

        """#
}
