import Foundation
import JSONModel

/// How a change affects existing clients.
public enum ChangeLevel: String, Sendable, Comparable, CaseIterable {
    case info, warning, breaking

    public static func < (lhs: ChangeLevel, rhs: ChangeLevel) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One difference between two versions of a spec, classified by a check with a stable id.
public struct Change: Sendable, Hashable {
    public let check: String
    public let level: ChangeLevel
    public let message: String
    /// Where the change is: in HEAD, or in BASE for what HEAD no longer has.
    public let side: Side
    public let pointer: String
    public let location: Location?

    public enum Side: String, Sendable { case base, head }
}

/// The two documents and the pairs of things that exist in both, which checks evaluate.
public struct DiffContext: Sendable {
    public let base: SpecDocument
    public let head: SpecDocument
    private let cache = PairCache()

    public init(base: SpecDocument, head: SpecDocument) {
        self.base = base
        self.head = head
    }

    /// The walk's result, computed once for every check that reads it.
    final class PairCache: @unchecked Sendable {
        let lock = NSLock()
        var pairs: [SchemaPair]?
    }

    /// Operations present in both, matched by method and path; a path parameter renamed
    /// (`/books/{bookId}` → `/books/{id}`) is the same path.
    public var sharedOperations: [(base: SpecDocument.Operation, head: SpecDocument.Operation)] {
        let old = Dictionary(base.operations.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        return head.operations.compactMap { operation in old[Self.key(operation)].map { ($0, operation) } }
    }

    /// `GET /books/{}`: an operation's method and path with its parameters' names left out.
    static func key(_ operation: SpecDocument.Operation) -> String {
        "\(operation.method) \(shape(operation.path))"
    }

    /// `/books/{}`: a path with its parameters' names left out.
    static func shape(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? "{}" : String(segment)
        }.joined(separator: "/")
    }

    /// Request and response schemas of shared operations, walked pairwise. A schema reached
    /// again (a component many operations use) is walked once, at the first operation that
    /// reaches it, so each change is reported once and large specs stay fast.
    public var schemaPairs: [SchemaPair] {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let pairs = cache.pairs { return pairs }
        var visited = Set<SchemaWalk.Visit>()
        let pairs = sharedOperations.flatMap { SchemaWalk(context: self, base: $0.base, head: $0.head).pairs(visited: &visited) }
        cache.pairs = pairs
        return pairs
    }
}

/// A breaking-change check: a stable id and an evaluator.
public struct DiffCheck: Sendable {
    public let id: String
    public let description: String
    public let evaluate: @Sendable (DiffContext) -> [Change]

    public init(_ id: String, _ description: String, evaluate: @escaping @Sendable (DiffContext) -> [Change]) {
        self.id = id
        self.description = description
        self.evaluate = evaluate
    }
}

/// Compares two versions of a spec and classifies every change, like oasdiff.
public struct SpecDiff: Sendable {
    public static let checks: [DiffCheck] =
        EndpointChecks.all + [OperationIDCheck.check] + ParameterChecks.all + PropertyChecks.all + [TypeCheck.check] + EnumCheck.all
        + BoundsCheck.all + [StatusCheck.check, SecurityCheck.check] + BodyChecks.all + CompositionChecks.all + LifecycleChecks.all

    public init() {}

    public func compare(base: String, head: String) throws(SpecDocument.LoadError) -> [Change] {
        let context = DiffContext(base: try SpecDocument(text: base), head: try SpecDocument(text: head))
        let changes = Self.checks.flatMap { $0.evaluate(context) }
        let order = Dictionary(Self.checks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return changes.sorted { a, b in
            if a.level != b.level { return a.level > b.level }
            let (x, y) = (a.location ?? Location(line: 0, column: 0), b.location ?? Location(line: 0, column: 0))
            if a.side != b.side { return a.side == .head }
            if x != y { return x < y }
            if a.check != b.check { return (order[a.check] ?? 0) < (order[b.check] ?? 0) }
            return a.message < b.message
        }
    }
}

extension Change {
    init(_ check: String, _ level: ChangeLevel, _ message: String, in side: Side, at path: [String], _ location: Location?) {
        self.init(check: check, level: level, message: message, side: side, pointer: SpecDocument.pointer(path), location: location)
    }
}
