import Foundation

/// JavaScript regular expressions (`/[a-b]+/im` or a bare pattern) as Foundation compiles them.
/// A JavaScript regular expression (`/[a-b]+/im` or a bare pattern) as Foundation compiles it,
/// and, when the pattern is plain text (`<script`, `eval\(`, no flags), that text: a substring
/// search then stands in for the regex engine, which on Linux converts every subject to UTF-16.
struct ScriptRegex: @unchecked Sendable {
    /// Compiled only when none of the plain forms below stands in: ICU's first compile costs
    /// more than a whole small lint.
    private let compiled: NSRegularExpression?
    let literal: String?
    /// A plain text the pattern anchors at the end (`/$`, `.+\/$`): a suffix test stands in.
    let suffix: Suffix?
    /// `^[A-Za-z0-9-._~]*$`: every character from one class (ASCII), tested character by character.
    let whole: Whole?

    struct Whole {
        let allowed: Set<Unicode.Scalar>
        /// `+` rather than `*`: the text must not be empty.
        let nonEmpty: Bool
    }

    struct Suffix {
        let text: String
        /// `.+` before it: at least one character, not a line break, must come first.
        let needsCharacterBefore: Bool
    }

    func matches(_ text: String) -> Bool {
        if let literal { return Self.contains(text, literal) }
        if let whole {
            return !(whole.nonEmpty && text.isEmpty) && text.unicodeScalars.allSatisfy { whole.allowed.contains($0) }
        }
        if let suffix {
            guard text.hasSuffix(suffix.text) else { return false }
            guard suffix.needsCharacterBefore else { return true }
            let before = text.unicodeScalars.dropLast(suffix.text.unicodeScalars.count).last
            return before.map { !"\n\r\u{2028}\u{2029}".unicodeScalars.contains($0) } ?? false
        }
        guard let compiled else { return false }
        return compiled.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `text` holds `literal`, compared as UTF-8 bytes: Foundation's `contains` goes
    /// through NSString, which a rule over every description of a large document pays for. The
    /// C library's `memchr` finds the candidates by the literal's least common byte in prose (the
    /// `(` of `eval(`, not its `e`), and `memcmp` checks each.
    static func contains(_ text: String, _ literal: String) -> Bool {
        var text = text
        var literal = literal
        return text.withUTF8 { haystack in
            literal.withUTF8 { needle in
                guard !needle.isEmpty else { return true }
                guard needle.count <= haystack.count, let text = haystack.baseAddress, let wanted = needle.baseAddress else {
                    return false
                }
                func commonness(_ byte: UInt8) -> Int {
                    let letter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                    return letter ? 2 : byte == UInt8(ascii: " ") ? 1 : 0
                }
                let anchor = needle.indices.min { commonness(needle[$0]) < commonness(needle[$1]) } ?? 0
                // The anchor byte's places that leave room for the whole literal around them.
                let last = haystack.count - needle.count + anchor
                var place = anchor
                while place <= last {
                    guard let found = memchr(text + place, Int32(needle[anchor]), last - place + 1) else { return false }
                    let at = text.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(text + (at - anchor), wanted, needle.count) == 0 { return true }
                    place = at + 1
                }
                return false
            }
        }
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var compiled: [String: ScriptRegex?] = [:]
    }

    static func make(_ pattern: String, flags: String) -> ScriptRegex? {
        let key = flags + "/" + pattern
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let known = cache.compiled[key] { return known }
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        if flags.contains("s") { options.insert(.dotMatchesLineSeparators) }
        let translated = translate(pattern)
        let literal = options.isEmpty ? literal(of: translated) : nil
        let suffix = options.isEmpty && literal == nil ? suffix(of: translated) : nil
        let whole = options.isEmpty && literal == nil && suffix == nil ? whole(of: translated) : nil
        let made: ScriptRegex?
        if literal != nil || suffix != nil || whole != nil {
            made = ScriptRegex(compiled: nil, literal: literal, suffix: suffix, whole: whole)
        } else {
            made = (try? NSRegularExpression(pattern: translated, options: options)).map {
                ScriptRegex(compiled: $0, literal: nil, suffix: nil, whole: nil)
            }
        }
        cache.compiled[key] = made
        return made
    }

    /// `^[CLASS]*$` or `^[CLASS]+$` with a class of ASCII characters, ranges and escaped
    /// punctuation: a pattern that asks only which characters the text is made of.
    static func whole(of pattern: String) -> Whole? {
        let characters = Array(pattern.unicodeScalars)
        guard characters.count >= 5, characters.first == "^", characters[1] == "[", characters[2] != "^", characters.last == "$",
            let quantifier = characters.dropLast().last, quantifier == "*" || quantifier == "+", characters[characters.count - 3] == "]"
        else { return nil }
        let body = characters[2..<(characters.count - 3)]
        var items: [Unicode.Scalar] = []
        var index = body.startIndex
        while index < body.endIndex {
            var character = body[index]
            guard character.isASCII, character != "[", character != "]" else { return nil }
            if character == "\\" {
                index += 1
                guard index < body.endIndex else { return nil }
                character = body[index]
                // `\d`, `\w` and the like are classes of their own; only escaped punctuation is plain.
                guard character.isASCII, !character.properties.isAlphabetic, !("0"..."9").contains(character) else { return nil }
            }
            items.append(character)
            index += 1
            // `a-z` is a range when a single character stands on both sides (`0-9-.` ends one).
            if index + 1 < body.endIndex, body[index] == "-", body[index + 1] != "\\", body[index + 1] != "]" {
                let upper = body[index + 1]
                guard upper.isASCII, upper != "[", character.value <= upper.value else { return nil }
                for value in character.value...upper.value { Unicode.Scalar(value).map { items.append($0) } }
                index += 2
            }
        }
        return items.isEmpty ? nil : Whole(allowed: Set(items), nonEmpty: quantifier == "+")
    }

    /// `LITERAL$`, `.*LITERAL$` or `.+LITERAL$`: a pattern that asks only how the text ends.
    static func suffix(of pattern: String) -> Suffix? {
        guard pattern.hasSuffix("$"), !pattern.hasSuffix("\\$") else { return nil }
        var body = Substring(pattern.dropLast())
        var needsCharacterBefore = false
        if body.hasPrefix(".+") {
            needsCharacterBefore = true
            body = body.dropFirst(2)
        } else if body.hasPrefix("."), !body.hasPrefix(".*") {
            // `./$`: one character before the suffix, which in a search is what `.+` asks too.
            needsCharacterBefore = true
            body = body.dropFirst()
        } else if body.hasPrefix(".*") {
            body = body.dropFirst(2)
        }
        guard let text = literal(of: String(body)) else { return nil }
        return Suffix(text: text, needsCharacterBefore: needsCharacterBefore)
    }

    /// The text `pattern` matches when it has no metacharacters once escapes are read.
    static func literal(of pattern: String) -> String? {
        var text = ""
        var escaped = false
        for character in pattern {
            if escaped {
                guard !character.isLetter && !character.isNumber else { return nil }
                text.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if "^$.*+?()[]{}|".contains(character) {
                return nil
            } else {
                text.append(character)
            }
        }
        return escaped || text.isEmpty ? nil : text
    }

    /// JavaScript reads a brace that starts no `{n}`, `{n,}` or `{n,m}` quantifier as a literal
    /// (`/{}/`); ICU refuses it, so such braces are escaped.
    static func translate(_ pattern: String) -> String {
        let characters = Array(pattern)
        var result = ""
        var index = 0
        var inClass = false
        var openQuantifier = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                result.append(character)
                result.append(characters[index + 1])
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
                result.append(character)
            } else if character == "[" {
                inClass = true
                result.append(character)
            } else if character == "{" {
                if opensQuantifier(characters[(index + 1)...]) {
                    openQuantifier = true
                    result.append(character)
                } else {
                    result += "\\{"
                }
            } else if character == "}" {
                result += openQuantifier ? "}" : "\\}"
                openQuantifier = false
            } else {
                result.append(character)
            }
            index += 1
        }
        return result
    }

    /// Whether the text after a `{` reads `n}`, `n,}` or `n,m}`.
    static func opensQuantifier(_ rest: ArraySlice<Character>) -> Bool {
        var digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        var after = rest.dropFirst(digits.count)
        if after.first == "," {
            after = after.dropFirst()
            digits = after.prefix { $0.isASCII && $0.isNumber }
            after = after.dropFirst(digits.count)
        }
        return after.first == "}"
    }

    /// A pattern option as Spectral reads it: `/body/flags`, or the whole string as the body.
    static func make(option: String) -> ScriptRegex? {
        if option.count > 2, option.hasPrefix("/"), let close = option.lastIndex(of: "/"), close > option.startIndex {
            let flags = option[option.index(after: close)...]
            if flags.allSatisfy({ $0.isLetter && $0.isLowercase }) {
                return make(String(option[option.index(after: option.startIndex)..<close]), flags: String(flags))
            }
        }
        return make(option, flags: "")
    }
}
