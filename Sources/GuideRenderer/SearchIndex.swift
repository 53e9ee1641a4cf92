import JSONModel

/// The guides' text by section, written at generate time as a script the pages load, so the
/// search box works from a static folder as well as from the mock, with no server behind it.
enum SearchIndex {
    /// `window.SEARCH_INDEX = [{"u": url#anchor, "t": "Page › Section", "x": text}, …];`
    static func script(_ pages: [(path: String, markdown: String)]) -> String {
        var entries: [JSONValue] = []
        for (path, markdown) in pages {
            let title = HTMLSite.title(of: markdown)
            var heading: String?
            var text: [String] = []
            func flush() {
                let joined = text.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
                defer { text = [] }
                guard heading != nil || !joined.isEmpty else { return }
                let anchor = heading.map { "#" + Slug.make($0) } ?? ""
                entries.append([
                    "u": .string(path + anchor), "t": .string(heading.map { "\(title) › \($0)" } ?? title), "x": .string(joined),
                ])
            }
            for line in MarkdownScan(markdown).lines.map({ $0.text.replacingOccurrences(of: "`", with: "") }) {
                if line.hasPrefix("## ") || line.hasPrefix("### ") {
                    flush()
                    heading = line.drop { $0 == "#" }.trimmingSpaces()
                } else if !line.hasPrefix("# ") && !line.hasPrefix("|---") {
                    // Markdown links read as their text; table bars and emphasis as nothing.
                    let plain = line.replacing(#/\[([^\]]*)\]\([^)]*\)/#) { $0.1 }
                    text.append(plain.replacingOccurrences(of: "|", with: " ").replacingOccurrences(of: "**", with: ""))
                }
            }
            flush()
        }
        return "window.SEARCH_INDEX = " + JSONWriter(pretty: false).string(.array(entries)) + ";\n"
    }
}
