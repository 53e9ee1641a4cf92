/// Paths with `{parameters}`, as the spec writes them: `/orders/{orderId}/notes`.
public enum PathTemplate {
    /// The names of a template's parameters, in order.
    public static func parameters(_ template: String) -> [String] {
        template.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The value of each parameter of `template` in `path`, or nil when the path is not one of
    /// the template's. A parameter matches one non-empty segment; other segments match exactly.
    public static func match(_ template: String, _ path: String) -> [String: String]? {
        // Most templates a path is tried against have another number of segments: they are
        // turned down before anything is allocated.
        let slash = UInt8(ascii: "/")
        guard template.utf8.count(where: { $0 == slash }) == path.utf8.count(where: { $0 == slash }) else { return nil }
        let patterns = template.split(separator: "/", omittingEmptySubsequences: false)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard patterns.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (pattern, segment) in zip(patterns, segments) {
            if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                guard !segment.isEmpty else { return nil }
                values[String(pattern.dropFirst().dropLast())] = String(segment)
            } else if pattern != segment {
                return nil
            }
        }
        return values
    }
}

/// Where a resource's records live when each belongs to one record of another resource and is
/// also reached under that record's path: an order's notes at
/// `/orders/{orderId}/notes`. Operations marked `scoped` are served there, and every
/// item operation at `/orders/{orderId}/notes/{noteId}`; a parent that does not
/// exist is a 404 naming it.
public struct ParentScope: Sendable {
    /// The parent resource, by name.
    public let resource: String
    /// The scoped collection path; its last parameter names the parent record.
    public let path: String
    /// The field that holds the parent's id, when records show it (`resource_id`); nil when they
    /// do not (the mock keeps the link out of sight).
    public let field: String?

    /// Records of `resource` reached under `path` (`/orders/{orderId}/notes`), linked by
    /// `field` (nil keeps the link out of the records).
    public init(_ resource: String, path: String, field: String?) {
        self.resource = resource
        self.path = path
        self.field = field
    }

    /// The path parameter that names the parent: `orderId`.
    public var parameter: String { PathTemplate.parameters(path).last ?? "parentId" }

    /// Where a stored record keeps its parent's id.
    public var storageKey: String { field ?? "#\(parameter)" }
}
