import Foundation
import SpecReader

/// A glob as shells and Spectral write them: `*` and `?` within a name, `**` across folders,
/// `[abc]` and `{yml,yaml}`. Used for the files `specsmith lint` is given and for a ruleset's
/// `overrides`.
public struct FilePattern: Sendable {
    /// The pattern as written, relative to `base`.
    public let pattern: String
    private let regex: NSRegularExpression?

    /// A pattern (`reference/**/*.yaml`), read relative to `base` when given.
    public init(_ pattern: String, relativeTo base: String? = nil) {
        var full = pattern
        if let base, !pattern.hasPrefix("/") {
            full = pattern.hasPrefix("**") ? pattern : (base as NSString).appendingPathComponent(pattern)
        }
        self.pattern = full
        regex = try? NSRegularExpression(pattern: "^" + Self.translate(full) + "$")
    }

    /// Whether `pattern` has anything a glob expands.
    public static func isGlob(_ pattern: String) -> Bool {
        pattern.contains { "*?[{".contains($0) }
    }

    /// Whether `path` is one of the files the pattern names.
    public func matches(_ path: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    static func translate(_ glob: String) -> String {
        var regex = ""
        var characters = Array(glob)
        var index = 0
        var braces = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    // `**/` is any number of folders, none included.
                    if index + 2 < characters.count, characters[index + 2] == "/" {
                        regex += "(?:[^/]*/)*"
                        index += 3
                    } else {
                        regex += ".*"
                        index += 2
                    }
                    continue
                }
                regex += "[^/]*"
            case "?": regex += "[^/]"
            case "[":
                if let close = characters[(index + 1)...].firstIndex(of: "]") {
                    var set = String(characters[(index + 1)..<close])
                    if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                    regex += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    index = close
                } else {
                    regex += "\\["
                }
            case "{":
                braces += 1
                regex += "(?:"
            case "}" where braces > 0:
                braces -= 1
                regex += ")"
            case "," where braces > 0: regex += "|"
            default: regex += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        characters.removeAll()
        return regex
    }

    /// The path made absolute against the working folder, with `.` and `..` folded away.
    public static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    /// The files a pattern names, sorted: itself when it is not a glob, otherwise every file
    /// under the pattern's fixed folder that matches it, hidden folders and `.build` skipped.
    public static func expand(_ pattern: String) -> [String] {
        guard isGlob(pattern) else { return [pattern] }
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let fixed = components.prefix { !isGlob($0) }
        var base = fixed.joined(separator: "/")
        if pattern.hasPrefix("/") && base.isEmpty { base = "/" }
        let root = base.isEmpty ? "." : base
        let matcher = FilePattern(pattern)
        var found: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") && walker.level > 0, (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                walker.skipDescendants()
                continue
            }
            if name == ".build" || name == "node_modules" {
                walker.skipDescendants()
                continue
            }
            guard (walker.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory else { continue }
            let candidate = base.isEmpty ? relative : (base == "/" ? "/" + relative : base + "/" + relative)
            if matcher.matches(candidate) { found.append(candidate) }
        }
        return found.sorted()
    }
}
