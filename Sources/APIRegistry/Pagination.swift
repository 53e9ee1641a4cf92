import Foundation
import JSONModel

/// How every list operation pages through records.
public struct Pagination: Sendable {
    /// How a list pages.
    public enum Style: String, Sendable {
        /// `page` and `limit`, with `meta.pagination` counting pages and records.
        case page
        /// `after` or `before` an opaque cursor, and `limit`, with `meta.cursor` giving the
        /// cursors of the neighbouring pages: stable while records are added.
        case cursor
        /// `offset` (how many records to skip) and `limit`, with `meta.pagination` as for pages,
        /// its links written with `offset`.
        case offset
    }

    /// Records per page when a request gives no `limit`.
    public let defaultLimit: Int
    /// The largest `limit` a request may give.
    public let maxLimit: Int
    /// The most values one `:in`/`:not_in` filter (and a delete's `id:in`) takes.
    public let maxFilterValues: Int
    /// How lists page unless a resource says otherwise.
    public let style: Style
    /// How list answers are laid out unless a resource says otherwise: nil for `{data, meta}`.
    public let layout: ListLayout?

    /// Paging with these limits, by page number unless `style` says otherwise, answered as
    /// `{data, meta}` unless `layout` says otherwise.
    public init(defaultLimit: Int, maxLimit: Int, maxFilterValues: Int = 1000, style: Style = .page, layout: ListLayout? = nil) {
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
        self.maxFilterValues = maxFilterValues
        self.style = style
        self.layout = layout
    }
}

/// A list answer of an API's own design, such as `{"object": "list", "data": […], "has_more":
/// true, "url": "/v1/orders"}`, and the names of its cursors. A cursor is the identifier of
/// the record a page starts after (or ends before), as such APIs take it.
public struct ListLayout: Sendable, Equatable {
    /// What one member of a list answer holds.
    public enum Value: Sendable, Equatable {
        /// The page's records.
        case records
        /// Whether more records follow the page.
        case hasMore
        /// How many records the list holds across its pages.
        case total
        /// The list's path (`/v1/orders/12/lines`).
        case path
        /// What to send for the next page, as text: the next page's number, or the id of the
        /// page's last record; `null` on the last page.
        case next
        /// The same value on every answer (`"list"`).
        case constant(JSONValue)
    }

    /// One member of the answer.
    public struct Member: Sendable, Equatable {
        /// The member's name (`has_more`).
        public let name: String
        /// What it holds.
        public let value: Value

        /// The member `name`, holding `value`.
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The answer's members, in order.
    public let members: [Member]
    /// The parameter naming the record a page starts after (`starting_after`).
    public let after: String
    /// The parameter naming the record a page ends before (`ending_before`); nil for a list
    /// that pages forward only (`cursor`, its next value in the answer's `next_cursor`).
    public let before: String?

    /// A layout of `members`, whose cursors are the parameters `after` and `before`.
    public init(members: [Member], after: String = "after", before: String? = "before") {
        self.members = members
        self.after = after
        self.before = before
    }

    /// A list answer in this layout: `records` are the page's, `next` what to send for the next
    /// page (nil on the last), `total` how many the list holds, `path` where it was asked for.
    public func answer(_ records: [JSONValue], next: String?, total: Int, path: String) -> JSONValue {
        var body = JSONObject()
        for member in members {
            switch member.value {
            case .records: body[member.name] = .array(records)
            case .hasMore: body[member.name] = .bool(next != nil)
            case .next: body[member.name] = next.map(JSONValue.string) ?? .null
            case .total: body[member.name] = .integer(total)
            case .path: body[member.name] = .string(path)
            case .constant(let value): body[member.name] = value
            }
        }
        return .object(body)
    }

    /// The member that holds the records.
    public var recordsMember: String? { members.first { $0.value == .records }?.name }
}

/// How a response that carries one record shows it.
public enum RecordEnvelope: String, Sendable {
    /// `{"data": {…}, "meta": {}}`, like lists and batches.
    case data
    /// The record itself.
    case bare
}
