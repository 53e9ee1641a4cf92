/// A JSON value that keeps the order of object members, so that examples, generated
/// documents and error listings come out in the order they were written.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name, as JSON Schema spells it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The type name with an article, for messages ("got an object").
    public var typeNameWithArticle: String {
        switch self {
        case .null: "null"
        case .integer, .array, .object: "an \(typeName)"
        default: "a \(typeName)"
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .integer(let value): return value
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e15: return Int(value)
        default: return nil
        }
    }

    /// The numeric value of an integer or number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Sets the member at `path` (object keys from the top), making the objects on the way.
    public mutating func set(_ value: JSONValue, at path: some Collection<String>) {
        guard let key = path.first else {
            self = value
            return
        }
        var object = objectValue ?? JSONObject()
        var member = object[key] ?? .object(JSONObject())
        member.set(value, at: path.dropFirst())
        object[key] = member
        self = .object(object)
    }

    /// JSON equality: numbers compare by value (`1 == 1.0`) and objects ignore member order.
    public func isJSONEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer, .number), (.number, .integer), (.number, .number):
            return doubleValue == other.doubleValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isJSONEqual(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { key, value in b[key].map { value.isJSONEqual(to: $0) } ?? false }
        default: return false
        }
    }
}

/// The members of a JSON object in document order. Keys are unique: setting an
/// existing key replaces its value in place.
///
/// Keys and values are kept side by side in order, so that reading the members in turn hashes
/// nothing; a key is found by comparing it with each key while the object is small, and through
/// an index of the keys once it is not. Most objects an API's examples and requests hold are
/// small, and a validator reads every member of each.
public struct JSONObject: Sendable, Hashable, Sequence {
    public private(set) var keys: [String] = []
    private var values: [JSONValue] = []
    /// Each key's place, kept once the object has more than `smallCount` members.
    private var places: [String: Int]?

    private static let smallCount = 8

    public init() {}

    /// An empty object with room for `capacity` members, for building one of known size.
    public init(minimumCapacity capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    public init(_ members: [(String, JSONValue)]) {
        self.init(minimumCapacity: members.count)
        for (key, value) in members { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    private func place(of key: String) -> Int? {
        if let places { return places[key] }
        return keys.firstIndex(of: key)
    }

    public subscript(key: String) -> JSONValue? {
        get { place(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let place = place(of: key) {
                    values[place] = newValue
                    return
                }
                keys.append(key)
                values.append(newValue)
                if places != nil {
                    places?[key] = keys.count - 1
                } else if keys.count > Self.smallCount {
                    places = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
                }
            } else if let place = place(of: key) {
                keys.remove(at: place)
                values.remove(at: place)
                if places != nil { places = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }) }
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        zip(keys, values).lazy.map { (key: $0, value: $1) }.makeIterator()
    }

    /// The members whose keys satisfy `isIncluded`, in order.
    public func filter(_ isIncluded: (String) -> Bool) -> JSONObject {
        JSONObject(zip(keys, values).filter { isIncluded($0.0) })
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}
