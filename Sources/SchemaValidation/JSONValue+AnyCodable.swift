import Foundation
import JSONModel
import OpenAPIKit

extension JSONValue {
    /// Converts a value decoded by OpenAPIKit (examples, enums, defaults) into a `JSONValue`.
    /// Object members are sorted by key, since the decoded dictionary has no order.
    public init(_ codable: AnyCodable) {
        self.init(any: codable.value)
    }

    init(any value: Any?) {
        switch value {
        case nil, is NSNull, is Void: self = .null
        case let json as JSONValue: self = json
        case let codable as AnyCodable: self.init(codable)
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .integer(int)
        case let int as Int64: self = .integer(Int(int))
        case let int as Int32: self = .integer(Int(int))
        case let int as UInt: self = int <= UInt(Int.max) ? .integer(Int(int)) : .number(Double(int))
        case let double as Double: self = .number(double)
        case let float as Float: self = .number(Double(float))
        case let string as String: self = .string(string)
        case let url as URL: self = .string(url.absoluteString)
        case let array as [Any?]: self = .array(array.map { JSONValue(any: $0) })
        case let dictionary as [String: Any?]:
            self = .object(JSONObject(dictionary.keys.sorted().map { ($0, JSONValue(any: dictionary[$0] ?? nil)) }))
        default: self = .string(value.map { String(describing: $0) } ?? "")
        }
    }

    /// This value wrapped for an OpenAPIKit document; it encodes with member order kept.
    public var anyCodable: AnyCodable { AnyCodable(self) }
}

extension AnyCodable: DirectlyDecodable {
    /// The value as decoding it gives: `null` as `NSNull`, a whole number as an `Int`, arrays
    /// of plain values; an object stays a `JSONValue`, which encodes its members in the order
    /// written (a dictionary's order changes from run to run, and generating twice must give the
    /// same bytes).
    package init(decodingDirectly value: JSONValue) {
        self.init(Self.plain(value))
    }

    static func plain(_ value: JSONValue) -> any Sendable {
        switch value {
        case .null: NSNull()
        case .bool(let flag): flag
        case .integer(let number): number
        case .number(let number):
            Int(exactly: number).map { $0 as any Sendable } ?? UInt(exactly: number).map { $0 as any Sendable } ?? number
        case .string(let text): text
        case .array(let items): items.map(plain)
        case .object: value
        }
    }
}
