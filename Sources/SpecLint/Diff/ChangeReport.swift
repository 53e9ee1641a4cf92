import JSONModel

/// Renders changes for people (text), tools (json), pull requests (github) and release
/// notes (markdown).
public enum ChangeReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, markdown
    }

    public static func render(_ changes: [Change], as format: Format, base: String, head: String) -> String {
        func file(_ change: Change) -> String { change.side == .base ? base : head }
        func position(_ change: Change) -> String { file(change) + (change.location.map { ":\($0)" } ?? "") }
        switch format {
        case .text:
            guard !changes.isEmpty else { return "No changes.\n" }
            return changes.map { "\($0.level.rawValue) \($0.check): \($0.message) (\(position($0)))" }.joined(separator: "\n") + "\n"
                + summary(changes)
                + "\n"
        case .json:
            return JSONWriter().string(
                .array(
                    changes.map { change in
                        var object = JSONObject([
                            ("check", .string(change.check)), ("level", .string(change.level.rawValue)),
                            ("message", .string(change.message)),
                            ("file", .string(file(change))), ("path", .string(change.pointer)),
                        ])
                        if let location = change.location {
                            object["line"] = .integer(location.line)
                            object["column"] = .integer(location.column)
                        }
                        return .object(object)
                    })) + "\n"
        case .github:
            return changes.map { change in
                let level = change.level == .breaking ? "error" : change.level == .warning ? "warning" : "notice"
                var properties = ["file=\(FindingReport.escapeProperty(file(change)))"]
                if let location = change.location { properties += ["line=\(location.line)", "col=\(location.column)"] }
                properties.append("title=\(FindingReport.escapeProperty(change.check))")
                return "::\(level) \(properties.joined(separator: ","))::\(FindingReport.escapeData(change.message))\n"
            }.joined()
        case .markdown:
            return markdown(changes)
        }
    }

    static func summary(_ changes: [Change]) -> String {
        let counts = ChangeLevel.allCases.reversed().map { level in "\(changes.filter { $0.level == level }.count) \(level.rawValue)" }
        return counts.joined(separator: ", ")
    }

    /// A changelog fit for release notes: breaking changes first.
    static func markdown(_ changes: [Change]) -> String {
        guard !changes.isEmpty else { return "## API changes\n\nNo changes.\n" }
        var text = "## API changes\n"
        for (level, title) in [
            (ChangeLevel.breaking, "Breaking changes"), (.warning, "Changes to review"), (.info, "Additions and other changes"),
        ] {
            let entries = changes.filter { $0.level == level }
            guard !entries.isEmpty else { continue }
            text += "\n### \(title)\n\n" + entries.map { "- \($0.message.prefix(1).uppercased() + $0.message.dropFirst()).\n" }.joined()
        }
        return text
    }
}
