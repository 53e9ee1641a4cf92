/// The parts of a Markdown text the checks look at: fenced code blocks with their info
/// strings, inline code spans, and prose lines, each with its 1-based line number.
struct MarkdownScan {
    struct Block {
        /// The line of the opening fence.
        let line: Int
        let language: String
        /// `key="value"` pairs of the info string: ```` ```json request="POST /orders" ````.
        let attributes: [String: String]
        let info: String
        let body: [String]
    }

    struct Span {
        let line: Int
        let text: String
    }

    private(set) var blocks: [Block] = []
    private(set) var inlineCode: [Span] = []
    /// Lines outside code blocks, with inline code removed.
    private(set) var prose: [Span] = []
    /// Lines outside code blocks, as written.
    private(set) var lines: [Span] = []

    init(_ text: String) {
        let source = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < source.count {
            let line = source[index]
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") {
                let fence = String(trimmed.prefix { $0 == "`" })
                let info = trimmed.dropFirst(fence.count).trimmingSpaces()
                var body: [String] = []
                var end = index + 1
                while end < source.count, !source[end].drop(while: { $0 == " " }).hasPrefix(fence) {
                    body.append(source[end])
                    end += 1
                }
                let (language, attributes) = Self.parseInfo(info)
                blocks.append(Block(line: index + 1, language: language, attributes: attributes, info: info, body: body))
                index = end + 1
                continue
            }
            lines.append(Span(line: index + 1, text: line))
            var text = ""
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "`") {
                text += rest[..<open]
                let afterOpen = rest[rest.index(after: open)...]
                guard let close = afterOpen.firstIndex(of: "`") else {
                    rest = afterOpen
                    break
                }
                inlineCode.append(Span(line: index + 1, text: String(afterOpen[..<close])))
                rest = afterOpen[afterOpen.index(after: close)...]
            }
            text += rest
            prose.append(Span(line: index + 1, text: text))
            index += 1
        }
    }

    /// `json request="POST /orders"` → ("json", ["request": "POST /orders"]); a bare word
    /// after the language is a flag with an empty value: `http fragment` → ["fragment": ""].
    static func parseInfo(_ info: String) -> (String, [String: String]) {
        let language = String(info.prefix { $0 != " " })
        var attributes: [String: String] = [:]
        var rest = info.dropFirst(language.count)
        while true {
            rest = rest.drop { $0 == " " }
            guard !rest.isEmpty else { break }
            let key = rest.prefix { $0 != " " && $0 != "=" }
            rest = rest.dropFirst(key.count)
            guard rest.first == "=" else {
                if !key.isEmpty { attributes[String(key)] = "" }
                if key.isEmpty { rest = rest.dropFirst() }
                continue
            }
            let value = rest.dropFirst()
            guard value.first == "\"", let close = value.dropFirst().firstIndex(of: "\"") else {
                let bare = value.prefix { $0 != " " }
                attributes[String(key)] = String(bare)
                rest = value.dropFirst(bare.count)
                continue
            }
            attributes[String(key)] = String(value[value.index(after: value.startIndex)..<close])
            rest = value[value.index(after: close)...]
        }
        return (language, attributes)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
