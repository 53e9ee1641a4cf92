import JSONModel
import SpecReader

/// Renders changes for people (text), tools (json), pull requests (github) and release
/// notes (markdown).
public enum ChangeReport {
    /// How changes and the check catalog are printed.
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, markdown, html
    }

    /// The checks, for `--list-checks`: a table (text, markdown) or JSON.
    public static func catalog(_ checks: [DiffCheck], as format: Format) -> String {
        switch format {
        case .json:
            return JSONWriter().string(
                .array(
                    checks.map {
                        ["id": .string($0.id), "level": .string($0.level.rawValue), "description": .string($0.description)]
                    })) + "\n"
        case .markdown, .html, .github:
            return "| Check | Level | Finds |\n|---|---|---|\n"
                + checks.map { "| `\($0.id)` | \($0.level.rawValue) | \($0.description.replacingOccurrences(of: "|", with: "\\|")) |\n" }
                .joined()
        case .text:
            let width = checks.map(\.id.count).max() ?? 0
            let counts = ChangeLevel.allCases.reversed().map { level in "\(checks.filter { $0.level == level }.count) \(level.rawValue)" }
            return checks.map {
                $0.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + $0.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + $0.description
            }
            .joined(separator: "\n") + "\n\(checks.count) checks: \(counts.joined(separator: ", "))\n"
        }
    }

    /// The changes in `format`; `base` and `head` name the two files.
    /// The report in `format`; the markdown and HTML ones start with both documents' names and,
    /// given `versions`, their titles and versions.
    public static func render(
        _ changes: [Change], as format: Format, base: String, head: String, versions: (base: String, head: String)? = nil
    ) -> String {
        func file(_ change: Change) -> String { change.side == .base ? base : head }
        func position(_ change: Change) -> String { file(change) + (change.location.map { ":\($0)" } ?? "") }
        switch format {
        case .text:
            guard !changes.isEmpty else { return "No changes.\n" }
            return changes.map { "\($0.level.rawValue) \($0.check): \($0.message) (\(position($0)))" + unnamed($0) { "\n  \($0)" } }
                .joined(separator: "\n") + "\n"
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
                        if !change.operations.isEmpty { object["operations"] = .array(change.operations.map { .string($0) }) }
                        return .object(object)
                    })) + "\n"
        case .github:
            return changes.map { change in
                let level = change.level == .breaking ? "error" : change.level == .warning ? "warning" : "notice"
                return GitHubAnnotation.line(
                    level: level, file: file(change), location: change.location, title: change.check,
                    message: change.message + unnamed(change) { " (\($0))" })
            }.joined()
        case .html:
            return html(changes, base: base, head: head, versions: versions)
        case .markdown:
            return markdown(changes, base: base, head: head, versions: versions)
        }
    }

    /// `operations: GET /a, …`, through `form`, for a change that reaches more operations than its
    /// message names; empty otherwise.
    static func unnamed(_ change: Change, code: (String) -> String = { $0 }, form: (String) -> String) -> String {
        guard change.operations.count > ChangeGroups.named else { return "" }
        return form("operations: " + change.operations.map(code).joined(separator: ", "))
    }

    static func summary(_ changes: [Change]) -> String {
        let counts = ChangeLevel.allCases.reversed().map { level in "\(changes.filter { $0.level == level }.count) \(level.rawValue)" }
        return counts.joined(separator: ", ")
    }

    /// `` `v1.yaml` (Orders 1.1) to `v2.yaml` (Orders 1.2) ``: which documents a report compares.
    static func between(base: String, head: String, versions: (base: String, head: String)?, code: (String) -> String) -> String {
        func name(_ file: String, _ version: String?) -> String { code(file) + (version.map { $0.isEmpty ? "" : " (\($0))" } ?? "") }
        return "From \(name(base, versions?.base)) to \(name(head, versions?.head))"
    }

    /// A changelog fit for release notes: breaking changes first.
    static func markdown(_ changes: [Change], base: String, head: String, versions: (base: String, head: String)?) -> String {
        let header = "## API changes\n\n" + between(base: base, head: head, versions: versions) { "`\($0)`" }
        guard !changes.isEmpty else { return header + ": no changes.\n" }
        var text = header + ": \(summary(changes)).\n"
        for (level, title) in [
            (ChangeLevel.breaking, "Breaking changes"), (.warning, "Changes to review"), (.info, "Additions and other changes"),
        ] {
            let entries = changes.filter { $0.level == level }
            guard !entries.isEmpty else { continue }
            text +=
                "\n### \(title)\n\n"
                + entries.map { change in
                    "- \(change.message.prefix(1).uppercased() + change.message.dropFirst()).\(unnamed(change, code: { "`\($0)`" }, form: { " " + ReleaseNotes.capitalized($0) + "." }))\n"
                }.joined()
        }
        return text
    }

    /// A changelog page a release can publish: the changes grouped by level, each with its check
    /// id and where it is.
    static func html(_ changes: [Change], base: String, head: String, versions: (base: String, head: String)?) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>API changes</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
            h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3rem; }
            li { margin: .4rem 0; }
            code { font: 13px ui-monospace, monospace; background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
            .breaking { color: #b3261e; } .warning { color: #8a5a00; } .info { color: #1a5fb4; }
            .where { color: #59636e; font-size: 14px; }
            </style>
            </head>
            <body>
            <h1>API changes</h1>
            <p>\(between(base: base, head: head, versions: versions.map { (escape($0.base), escape($0.head)) }) { "<code>\(escape($0))</code>" }): \(escape(summary(changes))).</p>

            """
        let titles: [(ChangeLevel, String)] = [
            (.breaking, "Breaking changes"), (.warning, "Changes to review"), (.info, "Additions and other changes"),
        ]
        for (level, title) in titles {
            let group = changes.filter { $0.level == level }
            guard !group.isEmpty else { continue }
            page += "<h2 class=\"\(level.rawValue)\">\(title)</h2>\n<ul>\n"
            for change in group {
                let file = change.side == .base ? base : head
                let place = escape(file + (change.location.map { ":\($0)" } ?? ""))
                let reached = unnamed(change, code: { "<code>\(escape($0))</code>" }, form: { " <span class=\"where\">\($0)</span>" })
                page +=
                    "<li>\(escape(change.message)). <span class=\"where\"><code>\(escape(change.check))</code> \(place)</span>\(reached)</li>\n"
            }
            page += "</ul>\n"
        }
        if changes.isEmpty { page += "<p>No changes.</p>\n" }
        return page + "</body>\n</html>\n"
    }
}
