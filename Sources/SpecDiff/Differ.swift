import Foundation
import JSONModel
import SpecReader

/// How a change affects existing clients.
public enum ChangeLevel: String, Sendable, Comparable, CaseIterable {
    case info, warning, breaking

    /// Info is the least, breaking the most.
    public static func < (lhs: ChangeLevel, rhs: ChangeLevel) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One difference between two versions of a spec, classified by a check with a stable id.
public struct Change: Sendable, Hashable {
    /// The id of the check that found it.
    public let check: String
    /// How it affects clients, after `--check` settings.
    public let level: ChangeLevel
    /// What changed, naming the operation and the schema path.
    public let message: String
    /// Where the change is: in HEAD, or in BASE for what HEAD no longer has.
    public let side: Side
    /// The JSON pointer of the node, on its side.
    public let pointer: String
    /// Its line and column, on its side.
    public let location: Location?
    /// Every operation the change reaches, when it reaches more than one (a shared component,
    /// a path's parameter, the document's security); the message names the first few.
    public var operations: [String] = []

    /// Which document a change points into.
    public enum Side: String, Sendable { case base, head }

    /// The change in the shape every command prints, in the file of its side.
    public func diagnostic(base: String, head: String) -> Diagnostic {
        Diagnostic(
            severity: level.rawValue, code: check, message: message, file: side == .base ? base : head, line: location?.line,
            column: location?.column, pointer: pointer)
    }
}

/// The two documents and the pairs of things that exist in both, which checks evaluate.
public struct DiffContext: Sendable {
    /// The earlier version.
    public let base: SpecDocument
    /// The new version.
    public let head: SpecDocument
    /// The team's date, policy, levels and accepted changes.
    public let options: DiffOptions
    private let cache = PairCache()

    /// The two versions to compare.
    public init(base: SpecDocument, head: SpecDocument, options: DiffOptions = DiffOptions()) {
        self.base = base
        self.head = head
        self.options = options
    }

    /// The walk's result, computed once for every check that reads it.
    final class PairCache: @unchecked Sendable {
        let lock = NSLock()
        var walk: SchemaWalk.State?
        var shared: [(base: SpecDocument.Operation, head: SpecDocument.Operation)]?
    }

    /// Operations present in both, matched by method and path; a path parameter renamed
    /// (`/books/{bookId}` → `/books/{id}`) is the same path.
    public var sharedOperations: [(base: SpecDocument.Operation, head: SpecDocument.Operation)] {
        // Every check reads them; matching them once is a tenth of a large diff's time saved.
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let shared = cache.shared { return shared }
        let old = Dictionary(base.operations.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let shared = head.operations.compactMap { operation in old[Self.key(operation)].map { ($0, operation) } }
        cache.shared = shared
        return shared
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

    /// The webhook operations in both versions, by name.
    public var sharedWebhooks: [(base: SpecDocument.Operation, head: SpecDocument.Operation)] {
        let old = Dictionary(base.webhookOperations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return head.webhookOperations.compactMap { operation in old[operation.name].map { ($0, operation) } }
    }

    /// Request and response schemas of shared operations, walked pairwise. A schema reached
    /// again (a component many operations use) is walked once, at the first operation that
    /// reaches it, and notes the others (see `SchemaWalk.State.reach`), so each change is found
    /// once and large specs stay fast.
    public var schemaPairs: [SchemaPair] { walk.pairs }

    /// The pairs of one direction, split once: most checks read one side, and filtering every
    /// pair again in each was measurable on large specs.
    public func pairs(_ direction: Direction) -> [SchemaPair] { direction == .request ? walk.requests : walk.responses }

    /// The pairs whose members compare one to one: not a schema wrapped in, or unwrapped from,
    /// a choice (`anyOf`, `oneOf`), whose members are compared in the branch that was the schema.
    public func memberPairs(_ direction: Direction) -> [SchemaPair] {
        pairs(direction).filter { CompositionChecks.composition($0.base) == CompositionChecks.composition($0.head) }
    }

    /// The walk, done once for every check that reads it.
    var walk: SchemaWalk.State {
        let operations = sharedOperations + sharedWebhooks
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let walk = cache.walk { return walk }
        var state = SchemaWalk.State()
        // Webhooks too: their payloads are what subscribers read, their answers what they send.
        for (base, head) in operations {
            SchemaWalk(context: self, base: base, head: head).pairs(visited: &state)
        }
        state.requests = state.pairs.filter { $0.direction == .request }
        state.responses = state.pairs.filter { $0.direction == .response }
        cache.walk = state
        return state
    }
}

/// A breaking-change check: a stable id, the level it reports (some report less where a
/// change is absorbed, as their descriptions say), and an evaluator. The evaluator returns hits;
/// the differ gives each its check's id and level, so a check names itself once.
public struct DiffCheck: Sendable {
    /// The stable id changes and settings use.
    public let id: String
    /// What the check finds, as `--list-checks` prints it.
    public let description: String
    /// The level it reports unless a hit says otherwise.
    public let level: ChangeLevel
    /// The evaluator: every hit between the two documents.
    public let evaluate: @Sendable (DiffContext) -> [DiffHit]

    /// A check with an id, a description, a level and its evaluator.
    public init(
        _ id: String, _ description: String, level: ChangeLevel, evaluate: @escaping @Sendable (DiffContext) -> [DiffHit]
    ) {
        self.id = id
        self.description = description
        self.level = level
        self.evaluate = evaluate
    }
}

/// What a check reports: a message at a node of one side, and a level of its own where the
/// change is absorbed (a deprecated operation removed is a warning, not breaking).
public struct DiffHit: Sendable {
    /// A level of its own, where the change is absorbed; nil for the check's.
    public let level: ChangeLevel?
    /// What changed.
    public let message: String
    /// The document the node is in.
    public let side: Change.Side
    /// The path to the node.
    public let path: [String]
    /// Its line and column.
    public let location: Location?
    /// The schema whose operations the change reaches, when not the one at `path`: a member
    /// added, removed or made optional changes the object that holds it, not the member's own
    /// schema, which other objects may share.
    public let reachPath: [String]?

    /// A hit at `path` in `side`, reaching the operations that use the schema at `reachPath` (at
    /// `path` when nil).
    public init(
        level: ChangeLevel? = nil, _ message: String, in side: Change.Side, at path: [String], _ location: Location?,
        reaching reachPath: [String]? = nil
    ) {
        self.level = level
        self.message = message
        self.side = side
        self.path = path
        self.location = location
        self.reachPath = reachPath
    }
}

/// What a team configures: the date lifecycle checks compare `x-sunset` with, its deprecation
/// policy, per-check levels, and the changes it has accepted.
public struct DiffOptions: Sendable {
    /// `YYYY-MM-DD`; nil leaves out the checks that need a date.
    public var date: String?
    /// The least number of days between deprecating an operation and its `x-sunset`.
    public var minimumSunsetDays: Int
    /// A level per check id; nil turns the check off.
    public var levels: [String: ChangeLevel?]
    /// Changes the team accepted, from `--ignore`.
    public var ignores: [DiffIgnore]

    /// Options; by default no date, no policy, every check at its level and nothing accepted.
    public init(date: String? = nil, minimumSunsetDays: Int = 0, levels: [String: ChangeLevel?] = [:], ignores: [DiffIgnore] = []) {
        self.date = date
        self.minimumSunsetDays = minimumSunsetDays
        self.levels = levels
        self.ignores = ignores
    }

    /// Sets a check's level from `--check ID=LEVEL` (breaking, warning, info or off).
    package mutating func setLevel(_ text: String) throws(LevelSetting.Problem) {
        let parsed = try LevelSetting.parse(
            text, option: "--check", kind: "check", ids: Differ.checks.map(\.id), levels: ChangeLevel.allCases.reversed().map(\.rawValue),
            list: "--list-checks")
        levels[parsed.id] = .some(parsed.level.flatMap(ChangeLevel.init(rawValue:)))
    }
}

/// A change a team accepted, from an ignore file: `CHECK WHERE: reason`, where WHERE is an
/// operation (`GET /orders`), a path (`/orders`) or `*`.
public struct DiffIgnore: Sendable, Equatable {
    /// The check id it accepts.
    public let check: String
    /// Where: an operation (`GET /orders`), a path (`/orders`) or `*`.
    public let place: String
    /// Why the team accepted it.
    public let reason: String
    /// Its line in the ignore file.
    public let line: Int

    /// Whether this entry accepts `change`: same check, and its message is about the place. A
    /// change that reaches several operations is accepted only when the place covers them all:
    /// an excuse for one operation does not hide what a shared change does to another.
    public func matches(_ change: Change) -> Bool {
        guard change.check == check else { return false }
        if place == "*" { return true }
        guard change.operations.isEmpty else { return change.operations.allSatisfy(covers) }
        return about(change)
    }

    /// Whether this entry names the change or one of the operations it reaches.
    func touches(_ change: Change) -> Bool {
        guard change.check == check else { return false }
        return place == "*" || about(change) || change.operations.contains(where: covers)
    }

    /// Whether the place is the operation `name` (`GET /orders`) or its path.
    func covers(_ name: String) -> Bool {
        name == place || (place.hasPrefix("/") && name.hasSuffix(" \(place)"))
    }

    func about(_ change: Change) -> Bool {
        if place.hasPrefix("/") {
            return change.message.contains(" \(place)") || change.message.hasPrefix(place)
                || change.pointer == SpecDocument.pointer(["paths", place])
        }
        return change.message.hasPrefix(place + " ") || change.message.hasPrefix(place + ":") || change.message.hasPrefix(place + ".")
    }

    /// The entries of an ignore file; a malformed line is an error naming it.
    public static func parse(_ text: String, file: String) throws(DiffIgnoreError) -> [DiffIgnore] {
        var entries: [DiffIgnore] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard let colon = line.range(of: ": ") else {
                throw DiffIgnoreError(
                    description:
                        "\(file):\(index + 1): expected 'CHECK WHERE: reason', e.g. 'response-property-removed GET /orders: removed in 4.0'"
                )
            }
            let words = line[..<colon.lowerBound].split(separator: " ").map(String.init)
            let reason = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            guard words.count >= 2, !reason.isEmpty else {
                throw DiffIgnoreError(
                    description: "\(file):\(index + 1): a check id, where (METHOD /path, /path or *) and a reason are required")
            }
            entries.append(DiffIgnore(check: words[0], place: words.dropFirst().joined(separator: " "), reason: reason, line: index + 1))
        }
        return entries
    }
}

extension DiffIgnore {
    /// The entries of an ignore file, each naming a check that exists.
    public static func load(file: String) throws(DiffIgnoreError) -> [DiffIgnore] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw DiffIgnoreError(description: "\(file): cannot read: \(error.localizedDescription)")
        }
        let entries = try parse(text, file: file)
        let ids = Differ.checks.map(\.id)
        for entry in entries where !ids.contains(entry.check) {
            let hint = Spelling.closest(to: entry.check, in: ids).map { "; did you mean \($0)?" } ?? ""
            throw DiffIgnoreError(description: "\(file):\(entry.line): no check is called '\(entry.check)'\(hint) (see --list-checks)")
        }
        return entries
    }
}

/// Why an ignore file cannot be used, naming the file and line.
public struct DiffIgnoreError: Error, CustomStringConvertible {
    /// The file, the line and what is wrong.
    public let description: String
}

/// The changes a diff reports, those an ignore file accepted, and entries that matched nothing.
public struct DiffResult: Sendable {
    /// The changes reported, most severe first.
    public let changes: [Change]
    /// The changes an ignore file accepted.
    public let ignored: [Change]
    /// Ignore entries that matched nothing: stale excuses to remove.
    public let unusedIgnores: [DiffIgnore]
    /// Each document's title and version as its `info` gives them (`Orders 1.2.0`).
    public var versions: (base: String, head: String) = ("", "")
}

/// Compares two versions of a spec and classifies every change, like oasdiff.
public struct Differ: Sendable {
    /// Every check, in the order the catalog lists them.
    public static let checks: [DiffCheck] =
        EndpointChecks.all + [OperationIDCheck.check] + ParameterChecks.all + PropertyChecks.all + [TypeCheck.check] + EnumCheck.all
        + BoundsCheck.all + [StatusCheck.check, SecurityCheck.check] + BodyChecks.all + CompositionChecks.all + LifecycleChecks.all

    /// A differ with the built-in checks.
    public init() {}

    /// Every change between two documents' texts, with the default options.
    public func compare(base: String, head: String) throws(SpecDocument.LoadError) -> [Change] {
        try run(base: base, head: head, options: DiffOptions()).changes
    }

    /// Every change, with the options' levels applied and its ignores taken out.
    public func run(base: String, head: String, options: DiffOptions) throws(SpecDocument.LoadError) -> DiffResult {
        // The two documents are parsed side by side: parsing is most of a diff's time.
        let parsed = Self.parseBoth(base, head)
        let context = DiffContext(base: try parsed.0.get(), head: try parsed.1.get(), options: options)
        // The walk first, once; then the checks side by side, each reading it.
        _ = context.walk
        let found = Self.evaluateAll(Self.checks, context)
        var reach = context.walk.reachFinder(for: found.joined().map { $0.reachPath ?? $0.path })
        var changes: [Change] = []
        for (check, hits) in zip(Self.checks, found) {
            let override = options.levels[check.id]
            if case .some(.none) = override { continue }
            for hit in hits {
                let level: ChangeLevel
                if case .some(.some(let chosen)) = override { level = chosen } else { level = hit.level ?? check.level }
                var change = Change(
                    check: check.id, level: level, message: hit.message, side: hit.side, pointer: SpecDocument.pointer(hit.path),
                    location: hit.location)
                change.operations = reach.operations(reaching: hit.reachPath ?? hit.path)
                changes.append(change)
            }
        }
        let names = (context.base.operations + context.base.webhookOperations + context.head.operations + context.head.webhookOperations)
            .map(\.name)
        changes = ChangeGroups.grouped(changes, operations: Set(names))
        let ignored = changes.filter { change in options.ignores.contains { $0.matches(change) } }
        let unused = options.ignores.filter { entry in !changes.contains { entry.touches($0) } }
        var result = DiffResult(
            changes: sorted(changes.filter { change in !ignored.contains(change) }), ignored: sorted(ignored), unusedIgnores: unused)
        func version(_ document: SpecDocument) -> String {
            [document.root["info"]?["title"]?.string, document.root["info"]?["version"]?.string].compactMap { $0 }.joined(separator: " ")
        }
        result.versions = (version(context.base), version(context.head))
        return result
    }

    /// Every check's changes, in check order, evaluated on all cores.
    static func evaluateAll(_ checks: [DiffCheck], _ context: DiffContext) -> [[DiffHit]] {
        checks.concurrentMap { $0.evaluate(context) }
    }

    static func parseBoth(_ base: String, _ head: String) -> (
        Result<SpecDocument, SpecDocument.LoadError>, Result<SpecDocument, SpecDocument.LoadError>
    ) {
        let parsed = [base, head].concurrentMap { text in
            Result<SpecDocument, SpecDocument.LoadError> { () throws(SpecDocument.LoadError) in try SpecDocument(text: text) }
        }
        return (parsed[0], parsed[1])
    }

    func sorted(_ changes: [Change]) -> [Change] {
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
