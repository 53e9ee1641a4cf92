import Foundation
import Ink
import OpenAPIEmitter

/// The guides as a static HTML site: each `site/*.md` page rendered with Ink inside one
/// layout with a navigation sidebar, plus the spec the reference pages link to. The mock
/// serves the same files at `/docs`.
public struct HTMLSite: Sendable {
    /// The Markdown pages, with paths under `site/`.
    public let pages: [GeneratedFile]
    public let spec: GeneratedFile

    public init(pages: [GeneratedFile], spec: GeneratedFile) {
        self.pages = pages
        self.spec = spec
    }

    /// Every file of the site, with paths relative to its root: `index.html`,
    /// `guides/querying.html`, `style.css`, `openapi.yaml`.
    public func files() -> [GeneratedFile] {
        let entries = pages.filter { $0.path.hasSuffix(".md") }.map { page in (path: Self.htmlPath(page.path), page: page) }
        let navigation = entries.map { (path: $0.path, title: Self.title(of: $0.page.contents)) }
        let apiTitle = entries.first { $0.path == "index.html" }.map { Self.title(of: $0.page.contents) } ?? "API"
        var files = entries.map { entry in
            GeneratedFile(path: entry.path, contents: layout(entry.path, entry.page.contents, navigation: navigation, apiTitle: apiTitle))
        }
        files.append(GeneratedFile(path: "style.css", contents: Self.css))
        files.append(GeneratedFile(path: "openapi.yaml", contents: spec.contents))
        return files.sorted { $0.path < $1.path }
    }

    /// `site/guides/querying.md` → `guides/querying.html`.
    static func htmlPath(_ markdownPath: String) -> String {
        let relative = markdownPath.hasPrefix("site/") ? String(markdownPath.dropFirst(5)) : markdownPath
        return relative.hasSuffix(".md") ? relative.dropLast(3) + ".html" : relative
    }

    static func title(of markdown: String) -> String {
        markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "Untitled"
    }

    func layout(_ path: String, _ markdown: String, navigation: [(path: String, title: String)], apiTitle: String) -> String {
        let depth = path.split(separator: "/").count - 1
        let prefix = String(repeating: "../", count: depth)
        func link(_ target: String, _ text: String) -> String {
            let current = target == path ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(prefix)\(target)\"\(current)>\(Self.escape(text))</a></li>"
        }
        let guides = navigation.filter { $0.path.hasPrefix("guides/") }.map { link($0.path, $0.title) }.joined()
        let reference = navigation.filter { $0.path.hasPrefix("reference/") }.map { link($0.path, $0.title) }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(Self.title(of: markdown))) · \(Self.escape(apiTitle))</title>
            <link rel="stylesheet" href="\(prefix)style.css">
            </head>
            <body>
            <nav class="sidebar">
            <p class="brand"><a href="\(prefix)index.html">\(Self.escape(apiTitle))</a></p>
            <h2>Guides</h2>
            <ul>\(guides)</ul>
            <h2>Reference</h2>
            <ul>\(reference)</ul>
            <p class="spec"><a href="\(prefix)openapi.yaml">OpenAPI document</a></p>
            </nav>
            <main>
            \(Self.parser.html(from: markdown))
            </main>
            </body>
            </html>

            """
    }

    nonisolated(unsafe) static let parser = MarkdownParser(modifiers: [
        // Info strings carry quoted markers, which Ink would put inside a class attribute.
        Modifier(target: .codeBlocks) { html, markdown in
            let info = markdown.split(separator: "\n", maxSplits: 1).first.map { $0.drop { $0 == "`" }.trimmingSpaces() } ?? ""
            let (language, attributes) = MarkdownScan.parseInfo(info)
            guard let open = html.range(of: "<code"), let close = html[open.upperBound...].firstIndex(of: ">"),
                let end = html.range(of: "</code></pre>", options: .backwards)
            else { return html }
            let code = html[html.index(after: close)..<end.lowerBound]
            let label =
                attributes["request"].map { "Request · \($0)" } ?? attributes["response"].map { "Response · \($0)" }
                ?? attributes["schema"].map { "\($0)" } ?? attributes["foreign"]
            let languageClass = language.isEmpty ? "" : " class=\"language-\(escape(language))\""
            let caption = label.map { "<figcaption>\(escape($0))</figcaption>" } ?? ""
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
            guard !href.contains("://"), let md = href.range(of: ".md") else { return html }
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
        main { padding: 32px 48px; max-width: 980px; min-width: 0; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h1 { font-size: 32px; margin-top: 0; }
        h2 { margin-top: 40px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        code { font: 14px/1.45 SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 1px 4px; border-radius: 4px; }
        pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; overflow-x: auto; margin: 0; }
        pre code { padding: 0; background: none; }
        figure.example { margin: 16px 0; }
        figure.example figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; font-family: SFMono-Regular, Menlo, Consolas, monospace; }
        table { border-collapse: collapse; margin: 16px 0; width: 100%; font-size: 15px; }
        th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
        th { background: #f0f2f6; }

        """
}
