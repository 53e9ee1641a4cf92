/// Reads the block-style YAML that spec generators write (block mappings and sequences,
/// plain and quoted scalars, literal and folded block scalars, one-line flow collections,
/// comments) straight from UTF-8 bytes, many times faster than a general YAML parser.
///
/// Plain scalars wrapped over several lines and sequences of sequences (`- - x`) are read as
/// YAML folds and nests them. Anything else (anchors, tags, multi-line flow collections, complex
/// keys, tabs, several documents) makes it return nil, and the caller reads the file with Yams: this
/// path is only ever fast or absent, never different.
struct FastYAML: Sendable {
    private let bytes: [UInt8]
    /// Byte ranges of the lines, without their line breaks.
    private var lines: [Range<Int>] = []
    /// How many lines of the file come before `lines[0]`: nonzero for the later part of a file
    /// read in parts.
    private var lineOffset = 0
    private var line = 0
    /// Where reading the current line starts, when not at its indentation (after "- ").
    private var resume: Int?

    /// A construct this reader leaves to Yams, at a 1-based line.
    struct Unsupported: Error {
        var line = 0
    }

    static func parse(_ text: String) -> SpecNode? {
        if case .success(let node) = read(text) { return node }
        return nil
    }

    /// The tree, or the line of the first construct this reader does not handle. A large
    /// document whose top level is a mapping is read in two parts side by side, split at a
    /// top-level key; if a part cannot be read so, the whole is read in one.
    static func read(_ text: String) -> Result<SpecNode?, Unsupported> {
        let whole = FastYAML(bytes: Array(text.utf8))
        if whole.bytes.count > 1 << 20, let node = whole.readInParts() { return .success(node) }
        var parser = whole
        return parser.readDocument()
    }

    private mutating func readDocument() -> Result<SpecNode?, Unsupported> {
        do {
            return .success(try document())
        } catch var error as Unsupported {
            error.line = lineOffset + line + 1
            return .failure(error)
        } catch {
            return .failure(Unsupported(line: lineOffset + line + 1))
        }
    }

    /// The document read as two runs of top-level members on two cores, joined; nil when its
    /// top level is not a plain block mapping, or a part does not read on its own.
    private func readInParts() -> SpecNode? {
        var keys: [Int] = []
        for (index, range) in lines.enumerated() where !range.isEmpty {
            switch bytes[range.lowerBound] {
            case 0x20, 0x23: continue
            // Sequences, directives, document markers, flow collections and tabs: read whole.
            case 0x2D, 0x25, 0x2E, 0x5B, 0x7B, 0x09, 0x3F: return nil
            default: keys.append(index)
            }
        }
        let middle = bytes.count / 2
        guard keys.count >= 2,
            let split = keys.dropFirst().min(by: { abs(lines[$0].lowerBound - middle) < abs(lines[$1].lowerBound - middle) })
        else { return nil }
        var first = self
        first.lines = Array(lines[..<split])
        var second = self
        second.lines = Array(lines[split...])
        second.lineOffset = split
        let parts = [first, second].concurrentMap { part -> SpecNode? in
            var parser = part
            guard case .success(let node) = parser.readDocument() else { return nil }
            return node
        }
        guard parts.count == 2, let head = parts[0], let tail = parts[1], head.isMapping, tail.isMapping else { return nil }
        return SpecNode(kind: .mapping(head.members + tail.members), location: head.location)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(start..<(index > start && bytes[index - 1] == 0x0D ? index - 1 : index))
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
    }

    // MARK: Lines

    private func indent(_ index: Int) throws -> Int {
        var position = lines[index].lowerBound
        while position < lines[index].upperBound, bytes[position] == 0x20 { position += 1 }
        if position < lines[index].upperBound, bytes[position] == 0x09 { throw Unsupported() }
        return position - lines[index].lowerBound
    }

    /// Whether a line holds nothing but spaces and perhaps a comment.
    private func isBlank(_ index: Int) -> Bool {
        var position = lines[index].lowerBound
        while position < lines[index].upperBound, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return position == lines[index].upperBound || bytes[position] == 0x23
    }

    private mutating func skipBlank() {
        while line < lines.count, resume == nil, isBlank(line) { line += 1 }
    }

    private func column(_ position: Int, in index: Int) -> Int {
        var column = 1
        for byte in bytes[lines[index].lowerBound..<position] where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }

    private func location(_ position: Int, _ index: Int) -> Location {
        Location(line: lineOffset + index + 1, column: column(position, in: index))
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The first position of the current line that is read.
    private func start() throws -> Int {
        if let resume { return resume }
        return lines[line].lowerBound + (try indent(line))
    }

    // MARK: Structure

    private mutating func document() throws -> SpecNode? {
        skipBlank()
        guard line < lines.count else { return nil }
        let first = try start()
        if bytes[first] == 0x25 { throw Unsupported() }
        if bytes[first..<lines[line].upperBound].starts(with: [0x2D, 0x2D, 0x2D]) {
            guard lines[line].upperBound - first == 3 else { throw Unsupported() }
            line += 1
            skipBlank()
        }
        let node = try block(indent: try indent(line))
        skipBlank()
        guard line == lines.count else { throw Unsupported() }
        return node
    }

    /// A block node whose first line is the current one, at `indent`.
    private mutating func block(indent: Int) throws -> SpecNode {
        let position = try start()
        if isSequenceEntry(position) { return try sequence(indent: indent) }
        if try key(at: position) != nil { return try mapping(indent: indent) }
        let value = try inline(from: position, parent: indent - 1)
        return value
    }

    private func isSequenceEntry(_ position: Int) -> Bool {
        bytes[position] == 0x2D && (position + 1 == lines[line].upperBound || bytes[position + 1] == 0x20)
    }

    private mutating func mapping(indent: Int) throws -> SpecNode {
        var members: [SpecNode.Member] = []
        let first = try start()
        let mappingLocation = location(first, line)
        while line < lines.count {
            skipBlank()
            guard line < lines.count else { break }
            let position = try start()
            let lineIndent = resume == nil ? try self.indent(line) : indent
            if lineIndent < indent { break }
            guard lineIndent == indent, !isSequenceEntry(position), let (key, valueStart) = try key(at: position) else {
                throw Unsupported()
            }
            let keyLocation = location(position, line)
            resume = nil
            let value = try self.value(from: valueStart, parent: indent)
            members.append(SpecNode.Member(key: key, keyLocation: keyLocation, value: value))
        }
        return SpecNode(kind: .mapping(members), location: mappingLocation)
    }

    private mutating func sequence(indent: Int) throws -> SpecNode {
        var items: [SpecNode] = []
        let sequenceLocation = location(try start(), line)
        while line < lines.count {
            skipBlank()
            guard line < lines.count else { break }
            let position = try start()
            let lineIndent = resume == nil ? try self.indent(line) : indent
            guard lineIndent == indent, isSequenceEntry(position) else {
                if lineIndent > indent { throw Unsupported() }
                break
            }
            var content = position + 1
            while content < lines[line].upperBound, bytes[content] == 0x20 { content += 1 }
            if content == lines[line].upperBound || bytes[content] == 0x23 {
                resume = nil
                items.append(try value(from: content, parent: indent))
            } else if isSequenceEntry(content) {
                // `- - x`: a sequence as the item, its entries aligned under the inner dash.
                resume = content
                items.append(try sequence(indent: indent + (content - position)))
            } else if bytes[content] == 0x7C || bytes[content] == 0x3E {
                // `- >-` or `- |`: a block scalar as the item.
                resume = nil
                items.append(try blockScalar(from: content, parent: indent))
            } else if try key(at: content) != nil {
                resume = content
                items.append(try mapping(indent: indent + (content - position)))
            } else {
                resume = nil
                items.append(try inline(from: content, parent: indent))
            }
        }
        return SpecNode(kind: .sequence(items), location: sequenceLocation)
    }

    /// The key a line starts with at `position` and where its value starts, or nil when
    /// the line holds no `key:`.
    private func key(at position: Int) throws -> (String, Int)? {
        let end = lines[line].upperBound
        var cursor = position
        let key: String
        switch bytes[cursor] {
        case 0x22, 0x27:
            guard let (quoted, after) = try quotedScalar(at: cursor, end: end) else { return nil }
            key = quoted
            cursor = after
            while cursor < end, bytes[cursor] == 0x20 { cursor += 1 }
            guard cursor < end, bytes[cursor] == 0x3A, cursor + 1 == end || bytes[cursor + 1] == 0x20 else { return nil }
        case 0x3F where cursor + 1 == end || bytes[cursor + 1] == 0x20:
            throw Unsupported()
        case 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60:
            throw Unsupported()
        case 0x5B, 0x7B:
            return nil
        default:
            while cursor < end {
                if bytes[cursor] == 0x3A, cursor + 1 == end || bytes[cursor + 1] == 0x20 { break }
                if bytes[cursor] == 0x23, cursor > position, bytes[cursor - 1] == 0x20 { return nil }
                cursor += 1
            }
            guard cursor < end else { return nil }
            var last = cursor
            while last > position, bytes[last - 1] == 0x20 { last -= 1 }
            key = text(position..<last)
        }
        return (key, cursor + 1)
    }

    /// The value after `key:` at `from`: inline on this line, or a block on the lines below.
    private mutating func value(from: Int, parent: Int) throws -> SpecNode {
        var position = from
        let end = lines[line].upperBound
        while position < end, bytes[position] == 0x20 { position += 1 }
        if position < end, bytes[position] != 0x23 {
            return try inline(from: position, parent: parent)
        }
        let here = location(position, line)
        line += 1
        skipBlank()
        guard line < lines.count else { return SpecNode(kind: .scalar("", quoted: false), location: here) }
        let next = try indent(line)
        if next > parent { return try block(indent: next) }
        if next == parent, isSequenceEntry(lines[line].lowerBound + next) { return try sequence(indent: next) }
        return SpecNode(kind: .scalar("", quoted: false), location: here)
    }

    /// A scalar or flow collection starting at `position` on the current line (or a block
    /// scalar continuing below it); moves past what it reads.
    private mutating func inline(from position: Int, parent: Int) throws -> SpecNode {
        let end = lines[line].upperBound
        let here = location(position, line)
        switch bytes[position] {
        case 0x7C, 0x3E:
            return try blockScalar(from: position, parent: parent)
        case 0x5B, 0x7B:
            var cursor = position
            let node = try flow(&cursor, end: end)
            try expectLineEnd(cursor)
            return node
        case 0x22, 0x27:
            let (value, after) = try foldedQuoted(at: position)
            try expectLineEnd(after)
            return SpecNode(kind: .scalar(value, quoted: true), location: here)
        case 0x3F where position + 1 == end || bytes[position + 1] == 0x20:
            throw Unsupported()
        case 0x26, 0x2A, 0x21, 0x25, 0x40, 0x60:
            throw Unsupported()
        default:
            var cursor = position
            while cursor < end, !(bytes[cursor] == 0x23 && bytes[cursor - 1] == 0x20) { cursor += 1 }
            var last = cursor
            while last > position, bytes[last - 1] == 0x20 { last -= 1 }
            let commented = cursor < end
            line += 1
            var value = text(position..<last)
            // Lines indented deeper than the parent continue the scalar, folded: each line break
            // a space, each blank line between a newline (how generators wrap long text).
            var breaks = 0
            var probe = line
            while probe < lines.count {
                if bytes[lines[probe]].allSatisfy({ $0 == 0x20 }) {
                    breaks += 1
                    probe += 1
                    continue
                }
                guard try indent(probe) > parent else { break }
                if commented { throw Unsupported() }
                value += breaks == 0 ? " " : String(repeating: "\n", count: breaks)
                value += try continuation(probe)
                breaks = 0
                probe += 1
                line = probe
            }
            return SpecNode(kind: .scalar(value, quoted: false), location: here)
        }
    }

    /// A continuation line of a plain scalar, trimmed; one that holds what would end the scalar
    /// or start something else (`: `, ` #`, a comment) is left to Yams.
    private func continuation(_ index: Int) throws -> String {
        var start = lines[index].lowerBound
        var end = lines[index].upperBound
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end, bytes[start] != 0x23 else { throw Unsupported() }
        var cursor = start
        while cursor < end {
            if bytes[cursor] == 0x3A, cursor + 1 == end || bytes[cursor + 1] == 0x20 { throw Unsupported() }
            if bytes[cursor] == 0x23, bytes[cursor - 1] == 0x20 { throw Unsupported() }
            cursor += 1
        }
        return text(start..<end)
    }

    /// Only a comment may follow a value on its line; then reading moves to the next line.
    private mutating func expectLineEnd(_ position: Int) throws {
        var cursor = position
        let end = lines[line].upperBound
        while cursor < end, bytes[cursor] == 0x20 { cursor += 1 }
        guard cursor == end || bytes[cursor] == 0x23 else { throw Unsupported() }
        line += 1
    }

    // MARK: Scalars

    /// A literal (`|`) or folded (`>`) block scalar with optional chomping (`-`, `+`).
    private mutating func blockScalar(from position: Int, parent: Int) throws -> SpecNode {
        let here = location(position, line)
        let literal = bytes[position] == 0x7C
        var cursor = position + 1
        var chomp: UInt8 = 0
        if cursor < lines[line].upperBound, bytes[cursor] == 0x2D || bytes[cursor] == 0x2B {
            chomp = bytes[cursor]
            cursor += 1
        }
        try expectLineEnd(cursor)
        var contentIndent: Int?
        var pieces: [String] = []
        while line < lines.count {
            let range = lines[line]
            if bytes[range].allSatisfy({ $0 == 0x20 }) {
                pieces.append("")
                line += 1
                continue
            }
            let lineIndent = try indent(line)
            if contentIndent == nil {
                guard lineIndent > parent else { break }
                contentIndent = lineIndent
            }
            guard let content = contentIndent, lineIndent >= content else { break }
            pieces.append(text((range.lowerBound + content)..<range.upperBound))
            line += 1
        }
        var trailing = 0
        while pieces.last?.isEmpty == true {
            pieces.removeLast()
            trailing += 1
        }
        var value = ""
        if literal {
            value = pieces.joined(separator: "\n")
        } else {
            // Folding joins two lines with a space, or with the empty lines between them; a line
            // indented more than the block keeps its line breaks on both sides.
            var breaks = 0
            var previousMoreIndented = false
            var first = true
            for piece in pieces {
                if piece.isEmpty {
                    breaks += 1
                    continue
                }
                let moreIndented = piece.first == " " || piece.first == "\t"
                if first {
                    if breaks > 0 { value += String(repeating: "\n", count: breaks) }
                } else if moreIndented || previousMoreIndented {
                    value += String(repeating: "\n", count: 1 + breaks)
                } else {
                    value += breaks > 0 ? String(repeating: "\n", count: breaks) : " "
                }
                value += piece
                breaks = 0
                previousMoreIndented = moreIndented
                first = false
            }
        }
        switch chomp {
        case 0x2D: break
        case 0x2B: if !pieces.isEmpty { value += String(repeating: "\n", count: 1 + trailing) }
        default: if !pieces.isEmpty { value += "\n" }
        }
        return SpecNode(kind: .scalar(value, quoted: true), location: here)
    }

    /// How the scan of one line of a quoted scalar ended.
    private enum QuotedSegment {
        /// At the closing quote; reading resumes at the position given.
        case closed(Int)
        /// At the end of the line; in double quotes a final backslash escapes the break.
        case lineEnd(escapedBreak: Bool)
    }

    /// Scans a quoted scalar's text from `cursor` to its closing quote or the line's end.
    private func scanQuoted(_ cursor: inout Int, end: Int, quote: UInt8, into value: inout [UInt8]) throws -> QuotedSegment {
        while cursor < end {
            let byte = bytes[cursor]
            if byte == quote {
                if quote == 0x27, cursor + 1 < end, bytes[cursor + 1] == 0x27 {
                    value.append(0x27)
                    cursor += 2
                    continue
                }
                return .closed(cursor + 1)
            }
            if quote == 0x22 && byte == 0x5C {
                if cursor + 1 == end { return .lineEnd(escapedBreak: true) }
                try escape(&cursor, end: end, into: &value)
                continue
            }
            value.append(byte)
            cursor += 1
        }
        return .lineEnd(escapedBreak: false)
    }

    /// A quoted scalar closed on the same line (a key, a flow item), and the position
    /// after its closing quote.
    private func quotedScalar(at position: Int, end: Int) throws -> (String, Int)? {
        var cursor = position + 1
        var value: [UInt8] = []
        guard case .closed(let after) = try scanQuoted(&cursor, end: end, quote: bytes[position], into: &value) else {
            throw Unsupported()
        }
        return (String(decoding: value, as: UTF8.self), after)
    }

    /// A double-quoted escape at `cursor` (its backslash); moves past it.
    private func escape(_ cursor: inout Int, end: Int, into value: inout [UInt8]) throws {
        guard cursor + 1 < end else { throw Unsupported() }
        cursor += 1
        switch bytes[cursor] {
        case 0x6E: value.append(0x0A)
        case 0x74: value.append(0x09)
        case 0x72: value.append(0x0D)
        case 0x30: value.append(0x00)
        case 0x20: value.append(0x20)
        case 0x22, 0x5C, 0x2F: value.append(bytes[cursor])
        case 0x75, 0x55, 0x78:
            let digits = bytes[cursor] == 0x75 ? 4 : bytes[cursor] == 0x55 ? 8 : 2
            guard cursor + digits < end, let code = UInt32(text((cursor + 1)..<(cursor + 1 + digits)), radix: 16),
                let scalar = Unicode.Scalar(code)
            else { throw Unsupported() }
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
            cursor += digits
        default: throw Unsupported()
        }
        cursor += 1
    }

    /// A quoted scalar that may continue over several lines, folded as YAML folds them: a
    /// line break becomes a space, each blank line a newline, and an escaped break nothing.
    /// Returns the value and the position after the closing quote on the line it ends on.
    private mutating func foldedQuoted(at position: Int) throws -> (String, Int) {
        let quote = bytes[position]
        var cursor = position + 1
        var value: [UInt8] = []
        while true {
            let escapedBreak: Bool
            switch try scanQuoted(&cursor, end: lines[line].upperBound, quote: quote, into: &value) {
            case .closed(let after): return (String(decoding: value, as: UTF8.self), after)
            case .lineEnd(let escaped): escapedBreak = escaped
            }
            if !escapedBreak {
                while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
            }
            line += 1
            var breaks = 0
            while line < lines.count, bytes[lines[line]].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                breaks += 1
                line += 1
            }
            guard line < lines.count else { throw Unsupported() }
            if !escapedBreak { value.append(contentsOf: breaks == 0 ? [0x20] : Array(repeating: 0x0A, count: breaks)) }
            cursor = lines[line].lowerBound
            while cursor < lines[line].upperBound, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        }
    }

    /// A flow collection (`[a, b]`, `{a: b}`) within the current line.
    private func flow(_ cursor: inout Int, end: Int) throws -> SpecNode {
        func skipSpaces() { while cursor < end, bytes[cursor] == 0x20 { cursor += 1 } }
        let here = location(cursor, line)
        let isMapping = bytes[cursor] == 0x7B
        let close: UInt8 = isMapping ? 0x7D : 0x5D
        cursor += 1
        var items: [SpecNode] = []
        var members: [SpecNode.Member] = []
        skipSpaces()
        while cursor < end, bytes[cursor] != close {
            if isMapping {
                let keyLocation = location(cursor, line)
                let key = try flowScalar(&cursor, end: end, inKey: true)
                skipSpaces()
                guard cursor < end, bytes[cursor] == 0x3A else { throw Unsupported() }
                cursor += 1
                skipSpaces()
                members.append(SpecNode.Member(key: key.string ?? "", keyLocation: keyLocation, value: try flowValue(&cursor, end: end)))
            } else {
                items.append(try flowValue(&cursor, end: end))
            }
            skipSpaces()
            guard cursor < end else { throw Unsupported() }
            if bytes[cursor] == 0x2C {
                cursor += 1
                skipSpaces()
            } else if bytes[cursor] != close {
                throw Unsupported()
            }
        }
        guard cursor < end else { throw Unsupported() }
        cursor += 1
        return SpecNode(kind: isMapping ? .mapping(members) : .sequence(items), location: here)
    }

    private func flowValue(_ cursor: inout Int, end: Int) throws -> SpecNode {
        guard cursor < end else { throw Unsupported() }
        if bytes[cursor] == 0x5B || bytes[cursor] == 0x7B { return try flow(&cursor, end: end) }
        return try flowScalar(&cursor, end: end, inKey: false)
    }

    private func flowScalar(_ cursor: inout Int, end: Int, inKey: Bool) throws -> SpecNode {
        let here = location(cursor, line)
        switch bytes[cursor] {
        case 0x22, 0x27:
            guard let (value, after) = try quotedScalar(at: cursor, end: end) else { throw Unsupported() }
            cursor = after
            return SpecNode(kind: .scalar(value, quoted: true), location: here)
        case 0x26, 0x2A, 0x21, 0x3F, 0x7C, 0x3E, 0x25, 0x40, 0x60, 0x23:
            throw Unsupported()
        default:
            let start = cursor
            while cursor < end {
                let byte = bytes[cursor]
                if byte == 0x2C || byte == 0x5D || byte == 0x7D { break }
                if byte == 0x3A, cursor + 1 < end, bytes[cursor + 1] == 0x20 || (inKey && bytes[cursor + 1] != 0x2F) { break }
                if byte == 0x5B || byte == 0x7B { throw Unsupported() }
                cursor += 1
            }
            var last = cursor
            while last > start, bytes[last - 1] == 0x20 { last -= 1 }
            return SpecNode(kind: .scalar(text(start..<last), quoted: false), location: here)
        }
    }
}
