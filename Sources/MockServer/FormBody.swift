import APIRegistry
import JSONModel

/// An `application/x-www-form-urlencoded` body read as JSON, as APIs that take forms nest their
/// values: `metadata[plan]=pro` is a member of an object, `items[0][price]=p_1` a member of an
/// array's first item, `expand[]=a&expand[]=b` an array. Every value is text until the
/// operation's schema types it (`SchemaValidator.typed(_:against:)`).
enum FormBody {
    /// Bounds far above what a form carries, so hostile input stays cheap to refuse.
    static let maxFields = 1_000
    static let maxDepth = 8

    /// The body as an object, or why it is not a form this reader takes.
    static func decode(_ bytes: [UInt8]) -> Result<JSONValue, APIError> {
        let text = String(decoding: bytes, as: UTF8.self)
        let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= maxFields else {
            return .failure(.malformedForm("has \(pairs.count) fields; at most \(maxFields) are taken"))
        }
        var root = Node.object([])
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = ListQuery.percentDecoded(parts[0])
            let value = parts.count > 1 ? ListQuery.percentDecoded(parts[1]) : ""
            guard let path = steps(of: key) else {
                return .failure(.malformedForm("the field name '\(key)' is not `name`, `name[key]` or `name[]`"))
            }
            guard path.count <= maxDepth else { return .failure(.malformedForm("'\(key)' nests deeper than \(maxDepth) levels")) }
            guard root.insert(value, at: path[...]) else {
                return .failure(.malformedForm("'\(key)' gives a value where another field of the form gives an object, or the reverse"))
            }
        }
        return .success(root.json)
    }

    /// `items[0][price]` as `["items", "0", "price"]`; `expand[]` as `["expand", ""]`.
    static func steps(of key: String) -> [String]? {
        guard let open = key.firstIndex(of: "[") else { return key.isEmpty ? nil : [key] }
        var steps = [String(key[..<open])]
        var rest = key[open...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
            steps.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return steps[0].isEmpty ? nil : steps
    }

    /// A form's values as they are gathered: text, or members in the order first named.
    indirect enum Node {
        case text(String)
        case object([(String, Node)])

        /// Puts `value` at `path`; false where the path goes through a value given as text.
        mutating func insert(_ value: String, at path: ArraySlice<String>) -> Bool {
            guard let step = path.first else { return false }
            guard case .object(var members) = self else { return false }
            // `name[]` appends: each gets the next index.
            let key = step.isEmpty ? String(members.count) : step
            let index = members.firstIndex { $0.0 == key }
            if path.count == 1 {
                guard index == nil else { return true }  // a repeated scalar keeps its first value
                members.append((key, .text(value)))
            } else {
                var child = index.map { members[$0].1 } ?? .object([])
                guard child.insert(value, at: path.dropFirst()) else { return false }
                if let index { members[index].1 = child } else { members.append((key, child)) }
            }
            self = .object(members)
            return true
        }

        /// Objects whose keys are 0, 1, 2… in order are arrays.
        var json: JSONValue {
            switch self {
            case .text(let text): return .string(text)
            case .object(let members):
                if !members.isEmpty, members.enumerated().allSatisfy({ $0.element.0 == String($0.offset) }) {
                    return .array(members.map(\.1.json))
                }
                return .object(JSONObject(members.map { ($0.0, $0.1.json) }))
            }
        }
    }
}
