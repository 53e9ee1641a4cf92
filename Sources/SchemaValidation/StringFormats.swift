import Foundation

/// Checks for the string formats the engine asserts. Unknown formats are annotations
/// only, as JSON Schema 2020-12 has them by default.
public enum StringFormats {
    /// What is wrong with `text` as a value of `format`, or nil when it fits (or the format is unknown).
    public static func problem(with text: String, format: String) -> String? {
        switch format {
        case "date-time": isDateTime(text) ? nil : "must be an RFC 3339 date-time, e.g. 2018-11-14T18:58:08Z"
        case "date": isDate(text) ? nil : "must be a date in the form YYYY-MM-DD"
        case "email": isEmail(text) ? nil : "must be an email address"
        case "ipv4": isIPv4(text) ? nil : "must be an IPv4 address"
        case "uri": isURI(text) ? nil : "must be an absolute URI"
        default: nil
        }
    }

    // Dates and times are ASCII by their grammar: they are read as bytes, which a format
    // checked on every date of a large document's examples can afford.

    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return isDate(bytes[...])
    }

    /// `YYYY-MM-DD`, a day the month has.
    static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 10 else { return false }
        let at = bytes.startIndex
        guard bytes[at + 4] == UInt8(ascii: "-"), bytes[at + 7] == UInt8(ascii: "-"),
            let year = number(bytes[at..<at + 4]), let month = number(bytes[at + 5..<at + 7]), let day = number(bytes[at + 8..<at + 10]),
            (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// The value of ASCII digits, nil when any byte is not one.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }

    /// RFC 3339: `2018-11-14T18:58:08Z`, with optional fractional seconds and a `±hh:mm` offset.
    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), isDate(bytes[0..<10]) else {
            return false
        }
        guard bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), let hour = number(bytes[11..<13]),
            let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]), hour < 24, minute < 60, second <= 60
        else { return false }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        if rest.count == 1 { return rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") }
        let at = rest.startIndex
        guard rest.count == 6, rest[at] == UInt8(ascii: "+") || rest[at] == UInt8(ascii: "-"), rest[at + 3] == UInt8(ascii: ":"),
            let hours = number(rest[at + 1..<at + 3]), let minutes = number(rest[at + 4..<at + 6])
        else { return false }
        return hours < 24 && minutes < 60
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !containsWhitespace(text) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && (Int(part) ?? 256) <= 255
                    && !(part.count > 1 && part.hasPrefix("0"))
            }
    }

    static func isURI(_ text: String) -> Bool {
        // By bytes: a scheme is ASCII, and a format check of every URL in a large document's
        // examples otherwise pays a Unicode lookup per character. A colon followed by a byte that
        // may be a combining mark is left to the Character test below.
        let bytes = text.utf8
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            bytes.index(after: colon) == bytes.endIndex || bytes[bytes.index(after: colon)] < 0x80
        {
            let scheme = bytes[..<colon]
            guard let first = scheme.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) else { return false }
            return scheme.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            } && !containsWhitespace(text)
        }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        return scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            && !containsWhitespace(text)
    }

    /// Whether `text` has a space, a tab or a line break: by its bytes when it is ASCII, as
    /// nearly every URL is, sparing the Unicode lookup each character costs.
    static func containsWhitespace(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
        }
        return ascii ? false : text.contains(where: \.isWhitespace)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Compiled patterns, shared: the same schema patterns are checked on every request.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// Whether `text` matches `pattern` anywhere (JSON Schema patterns are unanchored);
    /// nil when the pattern does not compile.
    func matches(_ text: String, pattern: String) -> Bool? {
        lock.lock()
        let regex: NSRegularExpression?
        if let cached = compiled[pattern] {
            regex = cached
        } else {
            regex = try? NSRegularExpression(pattern: pattern)
            compiled[pattern] = regex
        }
        lock.unlock()
        guard let regex else { return nil }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
