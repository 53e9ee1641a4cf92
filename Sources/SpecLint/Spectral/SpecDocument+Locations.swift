import Foundation
import SpecReader

extension SpecDocument {
    /// Spectral's names for what this document is, which a rule's `formats` are matched against.
    public var formats: Set<String> {
        // A Swagger 2.0 document is linted in its 3.0 reading, but is no 3.x document: rules for
        // oas3 do not run on it under their oas3 names.
        if swagger != nil || root["swagger"] != nil { return ["oas2"] }
        let declared = root["openapi"]?.string ?? ""
        if declared.hasPrefix("3.0") { return ["oas3", "oas3_0"] }
        if declared.hasPrefix("3.2") { return ["oas3", "oas3_1", "oas3_2"] }
        return ["oas3", "oas3_1"]
    }

    /// The location of the node at `path`, or of the nearest node above it that exists.
    public func nearestLocation(of path: [String]) -> Location? {
        var known = path
        while !known.isEmpty {
            if let node = node(at: known) { return node.location }
            known.removeLast()
        }
        return root.location
    }

    /// Where the key of the member at `path` is written.
    public func keyLocation(of path: [String]) -> Location? {
        guard let last = path.last, let parent = node(at: Array(path.dropLast())) else { return nearestLocation(of: path) }
        if let member = parent.members.first(where: { $0.key == last }) { return member.keyLocation }
        return node(at: path)?.location
    }
}
