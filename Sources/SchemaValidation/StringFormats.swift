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

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    static func isDateTime(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count >= 20, characters[10] == "T" || characters[10] == "t",
            isDate(String(characters[0..<10]))
        else { return false }
        let time = Array(characters[11...])
        guard time.count >= 9, time[2] == ":", time[5] == ":",
            let hour = Int(String(time[0..<2])), let minute = Int(String(time[3..<5])),
            let second = Int(String(time[6..<8])),
            time[0..<8].filter({ $0 != ":" }).allSatisfy(\.isASCIIDigit),
            hour < 24, minute < 60, second <= 60
        else { return false }
        var rest = time[8...]
        if rest.first == "." {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        if rest.count == 1 { return rest.first == "Z" || rest.first == "z" }
        guard rest.count == 6, let sign = rest.first, sign == "+" || sign == "-" else { return false }
        let offset = Array(rest.dropFirst())
        guard offset[2] == ":", let hours = Int(String(offset[0..<2])), let minutes = Int(String(offset[3..<5])),
            offset.filter({ $0 != ":" }).allSatisfy(\.isASCIIDigit)
        else { return false }
        return hours < 24 && minutes < 60
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
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
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        return scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            && !text.contains(where: \.isWhitespace)
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
