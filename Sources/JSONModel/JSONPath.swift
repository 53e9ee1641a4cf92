/// A location inside a JSON value, written the way API errors name fields:
/// `[0].email`, `[1].addresses[0].country_code`, `(root)` for the value itself.
public struct JSONPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case index(Int)
        case key(String)
    }

    public private(set) var components: [Component]

    public static let root = JSONPath(components: [])

    public init(components: [Component] = []) {
        self.components = components
    }

    public func appending(_ component: Component) -> JSONPath {
        JSONPath(components: components + [component])
    }

    public func appending(index: Int) -> JSONPath { appending(.index(index)) }
    public func appending(key: String) -> JSONPath { appending(.key(key)) }

    public var description: String {
        guard !components.isEmpty else { return "(root)" }
        var text = ""
        for component in components {
            switch component {
            case .index(let index): text += "[\(index)]"
            case .key(let key) where Self.isPlainName(key): text += text.isEmpty ? key : ".\(key)"
            case .key(let key):
                text += "[\(JSONWriter(pretty: false).string(.string(key)))]"
            }
        }
        return text
    }

    private static func isPlainName(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy { scalar in
                scalar == "_" || scalar == "-" || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
            }
    }

    /// Orders paths as they appear in a document: by component, indexes numerically.
    public static func < (lhs: JSONPath, rhs: JSONPath) -> Bool {
        for (a, b) in zip(lhs.components, rhs.components) where a != b {
            switch (a, b) {
            case (.index(let x), .index(let y)): return x < y
            case (.key(let x), .key(let y)): return x < y
            case (.index, .key): return true
            case (.key, .index): return false
            }
        }
        return lhs.components.count < rhs.components.count
    }
}
