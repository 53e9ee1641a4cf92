import Foundation

/// How every list operation pages through records.
public struct Pagination: Sendable {
    /// How a list pages.
    public enum Style: String, Sendable {
        /// `page` and `limit`, with `meta.pagination` counting pages and records.
        case page
        /// `after` or `before` an opaque cursor, and `limit`, with `meta.cursor` giving the
        /// cursors of the neighbouring pages: stable while records are added.
        case cursor
    }

    /// Records per page when a request gives no `limit`.
    public let defaultLimit: Int
    /// The largest `limit` a request may give.
    public let maxLimit: Int
    /// The most values one `:in`/`:not_in` filter (and a delete's `id:in`) takes.
    public let maxFilterValues: Int
    /// How lists page unless a resource says otherwise.
    public let style: Style

    /// Paging with these limits, by page number unless `style` says otherwise.
    public init(defaultLimit: Int, maxLimit: Int, maxFilterValues: Int = 1000, style: Style = .page) {
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
        self.maxFilterValues = maxFilterValues
        self.style = style
    }
}

/// How a response that carries one record shows it.
public enum RecordEnvelope: String, Sendable {
    /// `{"data": {…}, "meta": {}}`, like lists and batches.
    case data
    /// The record itself.
    case bare
}
