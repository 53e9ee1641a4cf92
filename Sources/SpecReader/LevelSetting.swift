import JSONModel

/// One `ID=LEVEL` setting, as `lint --rule` and `diff --check` take it: a known id (with "did
/// you mean" for a near miss) and one of the levels the command knows, or `off`.
package struct LevelSetting: Equatable, Sendable {
    package let id: String
    /// The level as written; nil for `off`.
    package let level: String?

    /// Why a setting was refused, worded for the command line.
    package struct Problem: Error, CustomStringConvertible {
        package let description: String
    }

    /// - Parameters:
    ///   - option: the option it came from, `--rule`; named in the problem.
    ///   - kind: what an id names, `rule` or `check`.
    ///   - list: the flag that lists the ids, `--list-rules`.
    package static func parse(
        _ text: String, option: String, kind: String, ids: [String], levels: [String], list: String
    ) throws(Problem) -> LevelSetting {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let form = "write ID=\((levels + ["off"]).joined(separator: "|"))"
        guard parts.count == 2 else { throw Problem(description: "\(option) \(text): \(form)") }
        guard ids.contains(parts[0]) else {
            let hint = Spelling.closest(to: parts[0], in: ids).map { "; did you mean \($0)?" } ?? ""
            throw Problem(description: "\(option) \(text): no \(kind) is called '\(parts[0])'\(hint) (see \(list))")
        }
        if parts[1] == "off" { return LevelSetting(id: parts[0], level: nil) }
        guard levels.contains(parts[1]) else {
            throw Problem(description: "\(option) \(text): the level must be \(levels.joined(separator: ", ")) or off")
        }
        return LevelSetting(id: parts[0], level: parts[1])
    }
}
