import Foundation
import JSONModel
import Yams

/// Where a node starts in its file: 1-based line and column.
public struct Location: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The line, from 1.
    public let line: Int
    /// The column, from 1.
    public let column: Int

    /// A place in a file.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Earlier lines first, then earlier columns.
    public static func < (lhs: Location, rhs: Location) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A node of a YAML or JSON document with its location: what the lint rules walk.
/// Typed decoding happens only where a rule needs it.
public struct SpecNode: Sendable {
    /// What a node is: a scalar with its text, a sequence or a mapping.
    public enum Kind: Sendable {
        /// A scalar as written; `quoted` scalars are always strings.
        case scalar(String, quoted: Bool)
        case mapping([Member])
        case sequence([SpecNode])
    }

    /// One key of a mapping, with where the key is written.
    public struct Member: Sendable {
        /// The member's key.
        public let key: String
        /// Where the key is written.
        public let keyLocation: Location
        /// Its value.
        public let value: SpecNode
    }

    /// What the node holds.
    public let kind: Kind
    /// Where it starts.
    public let location: Location

    /// A node of `kind` at `location`.
    public init(kind: Kind, location: Location) {
        self.kind = kind
        self.location = location
    }

    /// A mapping's value for `key`; nil for a missing key or another kind of node.
    public subscript(key: String) -> SpecNode? {
        guard case .mapping(let members) = kind else { return nil }
        // By index: `first(where:)` copies each member it passes to its closure, and this lookup
        // runs for nearly every node every rule reads.
        for index in members.indices where members[index].key == key { return members[index].value }
        return nil
    }

    /// The member `token` of a mapping, or the item at index `token` of a sequence: one step of
    /// a path of keys and indexes.
    public func child(_ token: String) -> SpecNode? {
        if case .sequence(let items) = kind {
            guard let index = Int(token), items.indices.contains(index) else { return nil }
            return items[index]
        }
        return self[token]
    }

    /// A mapping's members in document order; empty for other nodes.
    public var members: [Member] {
        if case .mapping(let members) = kind { return members }
        return []
    }

    /// A sequence's items; empty for other nodes.
    public var items: [SpecNode] {
        if case .sequence(let items) = kind { return items }
        return []
    }

    /// Whether the node is a scalar.
    public var isScalar: Bool {
        if case .scalar = kind { return true }
        return false
    }

    /// Whether the node is a mapping.
    public var isMapping: Bool {
        if case .mapping = kind { return true }
        return false
    }

    /// The text of a scalar.
    public var string: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The node as a JSON value, resolving plain scalars as YAML's core schema does.
    public var json: JSONValue {
        switch kind {
        case .scalar(let text, let quoted):
            guard !quoted else { return .string(text) }
            return Self.resolve(text)
        case .sequence(let items): return .array(items.map(\.json))
        case .mapping(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for member in members { object[member.key] = member.value.json }
            return .object(object)
        }
    }

    static func resolve(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = Int(text) { return .integer(integer) }
        // Only text starting with an ASCII digit, sign or point can be a number; testing the first
        // byte spares every plain string of a document the Unicode lookup of its first character.
        if let first = text.utf8.first,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "."),
            let number = Double(text), number.isFinite
        {
            return .number(number)
        }
        return .string(text)
    }
}

extension SpecNode {
    /// The tree of a YAML (or JSON) text: by the fast reader when the text is in the block
    /// style generators write, by Yams otherwise. Throws with a line and column when the
    /// text is not YAML.
    public static func load(_ text: String) throws -> SpecNode? {
        if let node = try fastTree(text) { return node }
        return try loadWithYams(text)
    }

    /// The tree as the fast readers read it: JSON by the JSON reader, YAML in the styles
    /// generators write by the YAML one; nil when the text needs Yams.
    static func fastTree(_ text: String) throws -> SpecNode? {
        if let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == 0x7B || first == 0x5B,
            let node = FastJSON.parse(text)
        {
            return node
        }
        switch FastYAML.read(text) {
        case .success(let node): return node
        case .failure(let refused):
            if ProcessInfo.processInfo.environment["SPECSMITH_LINT_TIMINGS"] == "1" {
                FileHandle.standardError.write(Data("fast reader: left to Yams at line \(refused.line)\n".utf8))
            }
            return nil
        }
    }

    /// The tree as Yams reads it: every YAML construct, at a few MB/s.
    static func loadWithYams(_ text: String) throws -> SpecNode? {
        guard let node = try Yams.compose(yaml: text) else { return nil }
        var anchors: [String: SpecNode] = [:]
        return SpecNode(node, anchors: &anchors)
    }

    /// Converts a Yams node; an alias becomes the node its anchor names, as YAML means it.
    init(_ node: Node, anchors: inout [String: SpecNode]) {
        let mark = node.mark.map { Location(line: $0.line, column: $0.column) } ?? Location(line: 0, column: 0)
        let anchor: Anchor?
        switch node {
        case .scalar(let scalar):
            anchor = scalar.anchor
            self.init(kind: .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any), location: mark)
        case .mapping(let mapping):
            anchor = mapping.anchor
            var members: [Member] = []
            for (key, value) in mapping {
                members.append(
                    Member(
                        key: key.string ?? "", keyLocation: key.mark.map { Location(line: $0.line, column: $0.column) } ?? mark,
                        value: SpecNode(value, anchors: &anchors)))
            }
            self.init(kind: .mapping(members), location: mark)
        case .sequence(let sequence):
            anchor = sequence.anchor
            var items: [SpecNode] = []
            for item in sequence { items.append(SpecNode(item, anchors: &anchors)) }
            self.init(kind: .sequence(items), location: mark)
        case .alias(let alias):
            anchor = nil
            self = anchors[alias.anchor.rawValue] ?? SpecNode(kind: .scalar("", quoted: false), location: mark)
        }
        if let anchor { anchors[anchor.rawValue] = self }
    }
}
