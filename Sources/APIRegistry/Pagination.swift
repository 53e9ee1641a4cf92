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
    /// The query parameter that gives a page's size: `limit`, or the API's own name for it
    /// (`per_page`, `page_size`).
    public let limitParameter: String
    /// How a cursor page's `meta` says where it sits.
    public let cursorMeta: CursorMeta

    /// Paging with these limits, by page number unless `style` says otherwise, answered as
    /// `{data, meta}` unless `layout` says otherwise, its page size given as `limit` unless
    /// `limitParameter` names it otherwise.
    public init(
        defaultLimit: Int, maxLimit: Int, maxFilterValues: Int = 1000, style: Style = .page, layout: ListLayout? = nil,
        limitParameter: String = "limit", cursorMeta: CursorMeta = .neighbours
    ) {
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
        self.maxFilterValues = maxFilterValues
        self.style = style
        self.layout = layout
        self.limitParameter = limitParameter
        self.cursorMeta = cursorMeta
    }

    /// The query string of a page, as list answers link to it: `?page=2&limit=10`, or
    /// `?offset=10&limit=10` for a list paging by offset.
    public func pageQuery(page: Int, offset: Int, limit: Int, byOffset: Bool) -> String {
        byOffset ? "?offset=\(offset)&\(limitParameter)=\(limit)" : "?page=\(page)&\(limitParameter)=\(limit)"
    }

    /// The query string of a list's page that starts after (or ends before) the record
    /// `cursor` names, or of its first page when `cursor` is nil: `?after=12&limit=10`.
    public func cursorQuery(_ name: String, _ cursor: String?, limit: Int) -> String {
        "?" + (cursor.map { "\(name)=\($0)&" } ?? "") + "\(limitParameter)=\(limit)"
    }
}

/// Where a page of a list paged by cursor sits, as its answer's `meta` says it.
public struct CursorMeta: Sendable, Equatable {
    /// What the member holds besides `count` and `per_page`.
    public enum Shape: Sendable, Equatable {
        /// `next` and `previous`: the cursors to send as `after` and `before` for the
        /// neighbouring pages, each absent at the list's end.
        case neighbours
        /// `start_cursor` and `end_cursor`, the cursors of the page's first and last records, and
        /// `links` with the query strings of the `previous`, `current` and `next` pages. It is
        /// also on the first page of a list asked for without `page`, beside `pagination`, so a
        /// client can switch to cursors from there.
        case edges
    }

    /// The member of `meta` that holds it.
    public let name: String
    public let shape: Shape

    /// `meta.cursor` with `next` and `previous`.
    public static let neighbours = CursorMeta(name: "cursor", shape: .neighbours)

    /// `meta.<name>` with `start_cursor`, `end_cursor` and `links`, as in
    /// `meta.cursor_pagination`.
    public static func edges(_ name: String) -> CursorMeta { CursorMeta(name: name, shape: .edges) }

    public init(name: String, shape: Shape) {
        self.name = name
        self.shape = shape
    }

    /// Where a response gives the cursor to send as `after` (`meta.cursor.next`) or as `before`.
    public func source(of parameter: String) -> String {
        let member = parameter == "before" ? (shape == .edges ? "start_cursor" : "previous") : (shape == .edges ? "end_cursor" : "next")
        return "meta.\(name).\(member)"
    }
}

/// A list answer of an API's own design, such as `{"object": "list", "data": […], "has_more":
/// true, "url": "/v1/orders"}` or `{"items": […], "meta": {"total": 40}, "links": {"next": …}}`,
/// and the names of its cursors. A cursor is the identifier of the record a page starts after
/// (or ends before), as such APIs take it.
public struct ListLayout: Sendable, Equatable {
    /// What one member of a list answer holds.
    public enum Value: Sendable, Equatable {
        /// The page's records.
        case records
        /// Whether more records follow the page.
        case hasMore
        /// How many records the list holds across its pages.
        case total
        /// How many records this page holds.
        case count
        /// Records per page.
        case limit
        /// The page's number, from 1.
        case page
        /// How many pages the list has.
        case pages
        /// The list's path (`/v1/orders/12/lines`).
        case path
        /// What to send for the next page, as text: the next page's number, or the id of the
        /// page's last record; `null` on the last page.
        case next
        /// The query string of this page, the next one (`null` on the last) or the previous one
        /// (`null` on the first): `?page=2&limit=10`.
        case currentLink, nextLink, previousLink
        /// The same value on every answer (`"list"`).
        case constant(JSONValue)
    }

    /// One member of the answer.
    public struct Member: Sendable, Equatable {
        /// Where it is: its name (`has_more`), or the names down to it (`meta`, `total`).
        public let path: [String]
        /// What it holds.
        public let value: Value

        /// The member `name`, holding `value`.
        public init(_ name: String, _ value: Value) {
            self.path = [name]
            self.value = value
        }

        /// The member at `path` (`["links", "next"]`), holding `value`.
        public init(path: [String], _ value: Value) {
            self.path = path
            self.value = value
        }

        /// Its path, dotted: `meta.total`.
        public var name: String { path.joined(separator: ".") }
    }

    /// One page as a list answer shows it.
    public struct Page: Sendable {
        public var records: [JSONValue]
        /// What to send for the next page; nil on the last.
        public var next: String?
        public var total: Int
        /// Where the list was asked for.
        public var path: String
        public var limit: Int
        /// The page's number, from 1.
        public var number: Int
        public var pages: Int
        /// Query strings of this page and its neighbours.
        public var currentLink: String
        public var nextLink: String?
        public var previousLink: String?

        public init(
            records: [JSONValue], next: String?, total: Int, path: String, limit: Int, number: Int, pages: Int, currentLink: String,
            nextLink: String?, previousLink: String?
        ) {
            (self.records, self.next, self.total, self.path) = (records, next, total, path)
            (self.limit, self.number, self.pages) = (limit, number, pages)
            (self.currentLink, self.nextLink, self.previousLink) = (currentLink, nextLink, previousLink)
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

    /// A page as a list answer in this layout.
    public func answer(_ page: Page) -> JSONValue {
        var body: JSONValue = .object(JSONObject())
        for member in members {
            let value: JSONValue =
                switch member.value {
                case .records: .array(page.records)
                case .hasMore: .bool(page.next != nil)
                case .next: page.next.map(JSONValue.string) ?? .null
                case .total: .integer(page.total)
                case .count: .integer(page.records.count)
                case .limit: .integer(page.limit)
                case .page: .integer(page.number)
                case .pages: .integer(page.pages)
                case .path: .string(page.path)
                case .currentLink: .string(page.currentLink)
                case .nextLink: page.nextLink.map(JSONValue.string) ?? .null
                case .previousLink: page.previousLink.map(JSONValue.string) ?? .null
                case .constant(let value): value
                }
            body.set(value, at: member.path)
        }
        return body
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
