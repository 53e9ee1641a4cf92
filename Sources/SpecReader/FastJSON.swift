/// Reads a JSON document into the line-aware tree straight from UTF-8 bytes: the tree Yams
/// builds for the same text (JSON is YAML), at the speed of a JSON parser. Strings are quoted
/// scalars; numbers, `true`, `false` and `null` are plain scalars as written. Anything that is
/// not strict JSON returns nil, and the caller reads the text as YAML.
struct FastJSON {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// The last column worked out on the current line, so a long line (minified JSON) is
    /// counted once, not once per node.
    private var counted = (position: 0, column: 1)

    private struct Refused: Error {}

    static func parse(_ text: String) -> SpecNode? {
        var parser = FastJSON(bytes: Array(text.utf8))
        guard let node = try? parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.position == parser.bytes.count ? node : nil
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func location() -> Location {
        if counted.position < lineStart || counted.position > position { counted = (lineStart, 1) }
        var column = counted.column
        for index in counted.position..<position where bytes[index] & 0xC0 != 0x80 { column += 1 }
        counted = (position, column)
        return Location(line: line, column: column)
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = position
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws -> SpecNode {
        guard depth < 512 else { throw Refused() }
        skipSpace()
        guard position < bytes.count else { throw Refused() }
        let here = location()
        switch bytes[position] {
        case 0x7B:
            position += 1
            var members: [SpecNode.Member] = []
            skipSpace()
            if position < bytes.count, bytes[position] == 0x7D {
                position += 1
                return SpecNode(kind: .mapping(members), location: here)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == 0x22 else { throw Refused() }
                let keyLocation = location()
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == 0x3A else { throw Refused() }
                position += 1
                members.append(SpecNode.Member(key: key, keyLocation: keyLocation, value: try value(depth: depth + 1)))
                skipSpace()
                guard position < bytes.count else { throw Refused() }
                if bytes[position] == 0x2C {
                    position += 1
                } else if bytes[position] == 0x7D {
                    position += 1
                    return SpecNode(kind: .mapping(members), location: here)
                } else {
                    throw Refused()
                }
            }
        case 0x5B:
            position += 1
            var items: [SpecNode] = []
            skipSpace()
            if position < bytes.count, bytes[position] == 0x5D {
                position += 1
                return SpecNode(kind: .sequence(items), location: here)
            }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard position < bytes.count else { throw Refused() }
                if bytes[position] == 0x2C {
                    position += 1
                } else if bytes[position] == 0x5D {
                    position += 1
                    return SpecNode(kind: .sequence(items), location: here)
                } else {
                    throw Refused()
                }
            }
        case 0x22:
            return SpecNode(kind: .scalar(try string(), quoted: true), location: here)
        default:
            let start = position
            while position < bytes.count, !Self.ends(bytes[position]) { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            guard word == "true" || word == "false" || word == "null" || Self.isNumber(word) else { throw Refused() }
            return SpecNode(kind: .scalar(word, quoted: false), location: here)
        }
    }

    private static func ends(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x5D || byte == 0x7D || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func isNumber(_ word: String) -> Bool {
        var scalars = Substring(word).unicodeScalars[...]
        if scalars.first == "-" { scalars.removeFirst() }
        guard let first = scalars.first, ("0"..."9").contains(first) else { return false }
        return scalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }
            && Double(word) != nil
    }

    /// A string at the opening quote; moves past the closing one.
    private mutating func string() throws -> String {
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                return String(decoding: value, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw Refused() }
            if byte != 0x5C {
                value.append(byte)
                position += 1
                continue
            }
            guard position + 1 < bytes.count else { throw Refused() }
            position += 1
            switch bytes[position] {
            case 0x22, 0x5C, 0x2F: value.append(bytes[position])
            case 0x62: value.append(0x08)
            case 0x66: value.append(0x0C)
            case 0x6E: value.append(0x0A)
            case 0x72: value.append(0x0D)
            case 0x74: value.append(0x09)
            case 0x75:
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), position + 2 < bytes.count, bytes[position + 1] == 0x5C, bytes[position + 2] == 0x75 {
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Refused() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw Refused() }
                value.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw Refused()
            }
            position += 1
        }
        throw Refused()
    }

    /// The four hex digits after `\u` (at `position`); leaves `position` on the last.
    private mutating func hex4() throws -> UInt32 {
        guard position + 4 < bytes.count,
            let code = UInt32(String(decoding: bytes[(position + 1)...(position + 4)], as: UTF8.self), radix: 16)
        else { throw Refused() }
        position += 4
        return code
    }
}
