/// A page of what each release changed, for the people whose clients call the API: breaking
/// changes first with what a client must do, then deprecations with their sunset dates, then
/// what to review, then additions; within each, by the part of the API it touches.
public enum ReleaseNotes {
    /// The changes between two versions.
    public struct Release: Sendable {
        /// The section's heading: `Since v1.2`, or `v1.2, since v1.1`.
        public let title: String
        public let changes: [Change]

        public init(title: String, changes: [Change]) {
            self.title = title
            self.changes = changes
        }

        /// The heading's anchor, as the site's Markdown gives it: `since-v12`.
        public var anchor: String { ReleaseNotes.anchor(title) }
    }

    /// The checks whose changes are deprecations: announced now, breaking later.
    static let deprecations: Set<String> = ["operation-deprecated", "sunset-moved-earlier", "sunset-too-soon"]

    /// What a client must do about a breaking change, or should check about a change to review,
    /// by the check that found it. Every breaking and warning check has one; a test holds that.
    public static let clientActions: [String: String] = [
        "path-removed": "stop calling it; the endpoint is gone.",
        "operation-removed": "stop calling it; the operation is gone.",
        "operation-id-changed": "regenerate clients made from the spec; generated method names change.",
        "request-parameter-required": "send the parameter on every call.",
        "request-parameter-removed": "stop sending the parameter; it no longer has an effect.",
        "request-property-required": "send the field in every request body.",
        "response-property-removed": "stop reading the field; answers no longer carry it.",
        "response-property-optional": "handle answers without the field.",
        "response-property-added-closed": "accept the new field where your client rejects unknown ones.",
        "type-changed": "send and read the value in its new type.",
        "request-enum-value-removed": "stop sending the removed value.",
        "response-enum-value-added": "handle the new value where your client matches every value.",
        "request-max-decreased": "keep what you send within the new maximum.",
        "response-max-increased": "accept larger values in answers.",
        "request-min-increased": "keep what you send at or above the new minimum.",
        "response-min-decreased": "accept smaller values in answers.",
        "request-multiple-of-changed": "send multiples of the new step.",
        "response-multiple-of-changed": "accept values of the new step in answers.",
        "request-pattern-changed": "check that what you send matches the new pattern.",
        "response-pattern-changed": "check that your client accepts values of the new pattern.",
        "success-status-removed": "handle the status the operation now answers with.",
        "security-added": "send credentials on these calls.",
        "request-body-required": "send a body on every call.",
        "request-body-removed": "stop sending a body; the operation no longer takes one.",
        "request-parameter-default-changed": "send the parameter with the value you relied on, rather than leave it out.",
        "request-media-type-removed": "send the body in one of the media types still accepted.",
        "response-media-type-removed": "ask for and read one of the media types still answered.",
        "response-header-removed": "stop reading the header.",
        "response-header-optional": "handle answers without the header.",
        "request-property-removed": "stop sending the field; the request is refused while it is sent.",
        "request-alternative-removed": "send one of the shapes still accepted.",
        "response-alternative-added": "handle the new shape in answers.",
        "composition-changed": "check the schema's new composition against what your client sends and reads.",
        "request-constraint-changed": "check what you send against the new constraint.",
        "response-constraint-changed": "check your client against what answers may now hold.",
        "sunset-moved-earlier": "move off the operation before its new sunset date.",
        "removed-before-sunset": "stop calling it; it was removed before the sunset it announced.",
        "sunset-too-soon": "move off the operation before its sunset date.",
        "stability-changed": "check whether the operation's new stability suits your client.",
        "webhook-removed": "stop expecting the webhook; it is no longer sent.",
    ]

    /// The page: a title, a line saying what it covers, then a section per release, newest first.
    /// `group` names the part of the API an operation (`POST /orders`) or path belongs to.
    public static func markdown(title: String, releases: [Release], group: (String) -> String) -> String {
        var page =
            "# \(title)\n\nWhat changed in each release of the API, newest first: breaking changes with what a client must do, deprecations, changes to review, then additions.\n"
        for release in releases {
            page += "\n## \(release.title)\n\n"
            guard !release.changes.isEmpty else {
                page += "No changes.\n"
                continue
            }
            page += summary(release.changes) + "\n"
            let sections: [(title: String, changes: [Change])] = [
                ("Breaking changes", release.changes.filter { $0.level == .breaking && !deprecations.contains($0.check) }),
                ("Deprecations", release.changes.filter { deprecations.contains($0.check) }),
                ("Changes to review", release.changes.filter { $0.level == .warning && !deprecations.contains($0.check) }),
                ("Additions and other changes", release.changes.filter { $0.level == .info && !deprecations.contains($0.check) }),
            ]
            for section in sections where !section.changes.isEmpty {
                page += "\n### \(section.title)\n"
                // Groups in the order their first change comes, which is the differ's stable order.
                var groups: [(name: String, lines: [String])] = []
                for change in section.changes {
                    let (place, rest) = split(change)
                    let name = group(place.first ?? "")
                    let named = place.map { "`\($0)`" }
                    var line =
                        "- " + (named.isEmpty ? capitalized(rest) : ChangeGroups.list(named) + ": " + rest) + "."
                    if change.level != .info, let action = clientActions[change.check] {
                        line += " **To do:** \(action)"
                    }
                    if let index = groups.firstIndex(where: { $0.name == name }) {
                        groups[index].lines.append(line)
                    } else {
                        groups.append((name, [line]))
                    }
                }
                for (name, lines) in groups {
                    page += "\n#### \(name)\n\n" + lines.joined(separator: "\n") + "\n"
                }
            }
        }
        return page
    }

    /// `3 breaking changes, 1 deprecation and 4 other changes.`
    public static func summary(_ changes: [Change]) -> String {
        let breaking = changes.filter { $0.level == .breaking && !deprecations.contains($0.check) }.count
        let deprecated = changes.filter { deprecations.contains($0.check) }.count
        let other = changes.count - breaking - deprecated
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return "\(count(breaking, "breaking change")), \(count(deprecated, "deprecation")) and \(count(other, "other change"))."
    }

    /// The operations (`POST /orders`) or the path (`/orders`) a change is about, when its
    /// message names them.
    public static func places(of change: Change) -> [String] { split(change).place }

    /// A change's operations or path and the rest of its message; a change that reaches several
    /// operations names them all.
    static func split(_ change: Change) -> (place: [String], rest: String) {
        guard !change.operations.isEmpty else {
            let (place, rest) = split(change.message)
            return (place.map { [$0] } ?? [], rest)
        }
        var rest = Substring(change.message.dropFirst(ChangeGroups.phrase(change.operations).count))
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        return (change.operations, rest.trimmingCharacters(in: .whitespaces))
    }

    /// A message's operation or path and the rest: `POST /orders request body…` →
    /// (`POST /orders`, `request body…`); `path /orders was removed` → (`/orders`, `was removed`).
    static func split(_ message: String) -> (place: String?, rest: String) {
        var words = message.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard words.count == 3, words[1].hasPrefix("/") else { return (nil, message) }
        // `GET /orders: optional query …` names the operation with a colon after it.
        if words[1].hasSuffix(":") { words[1].removeLast() }
        let verb = words[2].hasPrefix("was ") || words[2].hasPrefix("is ") || words[2].hasPrefix("no longer ")
        if ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"].contains(words[0]) {
            return (words[0] + " " + words[1], verb ? "the operation " + words[2] : words[2])
        }
        if words[0] == "path" { return (words[1], "the path " + words[2]) }
        return (nil, message)
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// A heading's anchor as the HTML site writes it: lower case, letters and digits kept,
    /// spaces and hyphens as hyphens, the rest dropped (`v1.2, since v1.1` → `v12-since-v11`).
    public static func anchor(_ heading: String) -> String {
        String(
            heading.lowercased().compactMap { character -> Character? in
                if character == " " || character == "-" { return "-" }
                return character.isLetter || character.isNumber ? character : nil
            })
    }
}
