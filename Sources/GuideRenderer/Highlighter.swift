import Foundation

/// Colours code at generate time, so pages need no highlighting script: JSON keys, strings,
/// numbers and literals; HTTP request and status lines and header names; shell commands,
/// options and quoted words. Everything else is escaped text.
enum Highlighter {
    static func html(_ code: String, language: String) -> String {
        switch language {
        case "json": return json(code)
        case "http": return http(code)
        case "sh", "bash", "shell", "console", "zsh": return shell(code)
        default: return HTMLSite.escape(code)
        }
    }

    /// Lines of block-style YAML, each highlighted; the lines of a block scalar (`description: |`)
    /// are text, whatever they look like.
    static func yaml(lines: [String]) -> [String] {
        var scalarIndent: Int?
        return lines.map { line in
            let indent = line.prefix { $0 == " " }.count
            if let block = scalarIndent {
                if line.trimmingCharacters(in: .whitespaces).isEmpty || indent > block { return HTMLSite.escape(line) }
                scalarIndent = nil
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("|") || trimmed.hasSuffix(">") || trimmed.hasSuffix("|-") || trimmed.hasSuffix(">-") {
                scalarIndent = indent + (trimmed.hasPrefix("- ") ? 2 : 0)
            }
            return yamlLine(line)
        }
    }

    /// One line of block-style YAML, as the spec page shows it: a key, then a quoted string, a
    /// number or a literal value; a comment; anything else as text.
    static func yamlLine(_ line: String) -> String {
        var rest = Substring(line)
        var output = ""
        let indent = rest.prefix { $0 == " " }
        output += indent
        rest = rest.dropFirst(indent.count)
        while rest.hasPrefix("- ") {
            output += "- "
            rest = rest.dropFirst(2)
        }
        if rest.hasPrefix("#") { return output + span("comment", rest) }
        if let colon = keyEnd(rest) {
            output += span("key", rest[..<colon]) + ":"
            rest = rest[rest.index(after: colon)...]
            let space = rest.prefix { $0 == " " }
            output += space
            rest = rest.dropFirst(space.count)
        }
        guard !rest.isEmpty else { return output }
        let value = String(rest)
        if value.hasPrefix("'") || value.hasPrefix("\"") { return output + span("str", value) }
        if ["true", "false", "null", "~"].contains(value) { return output + span("lit", value) }
        if Double(value) != nil { return output + span("num", value) }
        return output + HTMLSite.escape(value)
    }

    /// Where a mapping key ends: at the first `: ` (or a final `:`) outside quotes.
    static func keyEnd(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"", index == text.startIndex {
                quote = character
            } else if character == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            } else if character == " " && index == text.startIndex {
                return nil
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func span(_ kind: String, _ text: some StringProtocol) -> String {
        "<span class=\"tk-\(kind)\">\(HTMLSite.escape(String(text)))</span>"
    }

    static func json(_ code: String) -> String {
        let characters = Array(code)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                var end = index + 1
                while end < characters.count, characters[end] != "\"" {
                    end += characters[end] == "\\" ? 2 : 1
                }
                end = min(end + 1, characters.count)
                var after = end
                while after < characters.count, characters[after] == " " { after += 1 }
                let isKey = after < characters.count && characters[after] == ":"
                output += span(isKey ? "key" : "str", String(characters[index..<end]))
                index = end
            } else if character == "-" || character.isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || "+-.eE".contains(characters[end]) { end += 1 }
                output += span("num", String(characters[index..<end]))
                index = end
            } else if character.isLetter {
                var end = index
                while end < characters.count, characters[end].isLetter { end += 1 }
                let word = String(characters[index..<end])
                output += ["true", "false", "null"].contains(word) ? span("lit", word) : HTMLSite.escape(word)
                index = end
            } else {
                output += HTMLSite.escape(String(character))
                index += 1
            }
        }
        return output
    }

    static func http(_ code: String) -> String {
        var lines: [String] = []
        var inBody = false
        var body: [String] = []
        for (offset, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if inBody {
                body.append(String(line))
            } else if offset == 0 || (lines.allSatisfy(\.isEmpty) && !line.isEmpty) {
                let words = line.split(separator: " ", maxSplits: 1)
                let first = words.first.map(String.init) ?? ""
                let rest = words.count > 1 ? " " + HTMLSite.escape(String(words[1])) : ""
                lines.append((first.hasPrefix("HTTP/") ? HTMLSite.escape(first) : span("method", first)) + rest)
            } else if line.isEmpty {
                inBody = true
                lines.append("")
            } else if let colon = line.firstIndex(of: ":") {
                lines.append(span("header", line[..<colon]) + HTMLSite.escape(String(line[colon...])))
            } else {
                lines.append(HTMLSite.escape(String(line)))
            }
        }
        return (lines + (body.isEmpty ? [] : [json(body.joined(separator: "\n"))])).joined(separator: "\n")
    }

    static func shell(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var output = ""
            var rest = Substring(line)
            var first = true
            while !rest.isEmpty {
                let spaces = rest.prefix { $0 == " " }
                output += spaces
                rest = rest.dropFirst(spaces.count)
                guard let start = rest.first else { break }
                if start == "'" || start == "\"" {
                    let end = rest.dropFirst().firstIndex(of: start).map { rest.index(after: $0) } ?? rest.endIndex
                    output += span("str", rest[..<end])
                    rest = rest[end...]
                } else {
                    let word = rest.prefix { $0 != " " }
                    output +=
                        first && word != "\\" ? span("cmd", word) : word.hasPrefix("-") ? span("opt", word) : HTMLSite.escape(String(word))
                    rest = rest.dropFirst(word.count)
                }
                first = false
            }
            return output
        }.joined(separator: "\n")
    }
}
