/// What an import could not say in the registry, or said by a guess: each item at a JSON
/// pointer of the document, with the reason. Nothing is dropped without an item here.
public struct ImportReport: Sendable, Equatable {
    /// One thing the registry does not say as the document does.
    public struct Item: Sendable, Equatable, Comparable {
        /// Where in the document: `/paths/~1orders/get/parameters/3`.
        public let pointer: String
        /// What was not carried over, or how it was guessed.
        public let reason: String

        public init(pointer: String, reason: String) {
            self.pointer = pointer
            self.reason = reason
        }

        public static func < (lhs: Item, rhs: Item) -> Bool { (lhs.pointer, lhs.reason) < (rhs.pointer, rhs.reason) }
    }

    /// The items, by pointer.
    public let items: [Item]

    public init(items: [Item]) {
        var seen = Set<String>()
        self.items = items.sorted().filter { seen.insert($0.pointer + "\u{0}" + $0.reason).inserted }
    }

    /// A line per item: `POINTER: reason`.
    public var text: String {
        items.map { "\($0.pointer): \($0.reason)\n" }.joined()
    }
}
