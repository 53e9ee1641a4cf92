import Foundation
import SpecReader

/// JSONPath-plus, as Spectral evaluates a rule's `given`: `$.paths[*][*]`, `$..enum`,
/// `$..[?(@ && @.type == 'object')]`, unions, slices, `^` (parent) and `~` (property name).
///
/// Paths are parsed once, when the ruleset loads, so a bad one is reported against the
/// ruleset's line; evaluation walks the line-aware tree, so every node found keeps its location.
public struct NodePath: Sendable, CustomStringConvertible {
    /// The path as written.
    public let description: String
    let steps: [Step]

    enum Selector: Sendable {
        case name(String)
        case index(Int)
        case wildcard
        case slice(start: Int?, end: Int?, step: Int)
        case filter(FilterExpression)
        case union([Selector])
        /// `^`: the parent of each node.
        case parent
        /// `~`: the property name of each node, rather than its value.
        case propertyName
    }

    struct Step: Sendable {
        let selector: Selector
        /// `..`: the selector applies to the node and every node below it.
        let descendant: Bool
    }

    /// Why a path does not parse.
    public struct ParseError: Error, CustomStringConvertible {
        /// Where and why, for a ruleset's error message.
        public let description: String
    }

    /// Whether a step walks everything below (`..`): such a path visits the whole document.
    var descends: Bool { steps.contains(where: \.descendant) }

    /// Parses a JSONPath-plus expression (`$.paths[*][?(@property === 'get')]`).
    public init(_ text: String) throws(ParseError) {
        description = text
        var parser = Parser(text: Array(text.unicodeScalars))
        steps = try parser.parse()
    }

    /// What each `given` reaches in one document, found once: rulesets give several rules the
    /// same path (Spectral's two markdown rules walk every description), and a walk of a large
    /// document costs more than the rule's checks of what it finds.
    final class Matches: @unchecked Sendable {
        private let document: SpecDocument
        private let lock = NSLock()
        private var entries: [String: Entry] = [:]

        /// One path's matches, behind a lock of their own: rules asking for other paths do not wait.
        final class Entry: @unchecked Sendable {
            let lock = NSLock()
            var matches: [Match]?
        }

        init(_ document: SpecDocument) { self.document = document }

        static func of(_ document: SpecDocument) -> Matches {
            document.shared("node-path-matches") { Matches(document) }
        }

        /// The matches of every path not yet known, found together (`evaluateTogether`). A rule
        /// asking for one of them meanwhile waits for it.
        func prepare(_ paths: [NodePath], resolved: Bool) {
            _ = entries(for: paths, resolved: resolved)
        }

        func matches(of path: NodePath, resolved: Bool) -> [Match] {
            entries(for: [path], resolved: resolved).first?.matches ?? []
        }

        /// The entries of `paths`, each holding its matches: those not yet known are found
        /// together, under the entries' locks.
        private func entries(for paths: [NodePath], resolved: Bool) -> [Entry] {
            lock.lock()
            var pending: [(path: NodePath, entry: Entry)] = []
            var claimed: Set<String> = []
            for path in paths {
                let key = (resolved ? "resolved " : "written ") + path.description
                guard claimed.insert(key).inserted else { continue }
                let entry = entries[key] ?? Entry()
                entries[key] = entry
                pending.append((path, entry))
            }
            lock.unlock()
            // Entries are taken in one order, so two joint walks never wait on each other.
            let ordered = pending.sorted { $0.path.description < $1.path.description }
            for (_, entry) in ordered { entry.lock.lock() }
            defer { for (_, entry) in ordered { entry.lock.unlock() } }
            let missing = ordered.filter { $0.entry.matches == nil }
            if !missing.isEmpty {
                let found = NodePath.evaluateTogether(missing.map(\.path), in: document, resolved: resolved)
                for (index, item) in missing.enumerated() { item.entry.matches = found[index] }
            }
            return pending.map(\.entry)
        }
    }

    /// A node a path reached: its value, where it is written, and the keys that lead to it.
    public struct Match: Sendable {
        /// The node matched.
        public let node: SpecNode
        /// Its path of keys and indexes from the root.
        public let path: [String]
        /// Set when `~` selected the property name itself.
        public var isPropertyName = false
        let parent: SpecNode?
        let parentPath: [String]?
    }

    /// Every node the path reaches in `document`. With `resolved`, steps that name a child go
    /// through local `$ref`s, and a match is reported where its node is written, so a finding
    /// points at the node at fault, not at the reference. Descendant steps walk the document
    /// as written: a shared component is visited once, where it is defined.
    public func evaluate(in document: SpecDocument, resolved: Bool) -> [Match] {
        evaluate(from: Match(node: document.root, path: [], parent: nil, parentPath: nil), in: document, resolved: resolved)
    }

    /// The nodes the path reaches from `start`, which `$` then names: a `field` written as a path.
    func evaluate(from start: Match, in document: SpecDocument, resolved: Bool) -> [Match] {
        Self.run(steps[...], from: [start], FilterExpression.Context(document: document, resolved: resolved))
    }

    static func run(_ steps: ArraySlice<Step>, from start: [Match], _ context: FilterExpression.Context) -> [Match] {
        var current = start
        for step in steps {
            var next: [Match] = []
            for match in current {
                if step.descendant {
                    applyBelow(step.selector, from: match, context, into: &next)
                } else {
                    apply(step.selector, to: match, context, into: &next)
                }
            }
            current = next
        }
        return current
    }

    /// What several paths reach, with as few walks of the document as serve them all: paths that
    /// reach the same nodes before their first `..` step (`$..enum` and every description;
    /// `content`, `headers` and `parameters` below each operation) share one walk below each such
    /// node, which applies every path's selector as it goes. Each walk of a large document costs
    /// more than the checks of what it finds.
    static func evaluateTogether(_ paths: [NodePath], in document: SpecDocument, resolved: Bool) -> [[Match]] {
        let context = FilterExpression.Context(document: document, resolved: resolved)
        let root = Match(node: document.root, path: [], parent: nil, parentPath: nil)
        let cuts = paths.map { $0.steps.firstIndex(where: \.descendant) ?? $0.steps.count }
        let starts = paths.indices.map { run(paths[$0].steps[..<cuts[$0]], from: [root], context) }
        var below: [[Match]?] = Array(repeating: nil, count: paths.count)
        for first in paths.indices where below[first] == nil && cuts[first] < paths[first].steps.count {
            let starting = starts[first].map(\.path)
            let group = paths.indices.filter { other in
                below[other] == nil && cuts[other] < paths[other].steps.count && starts[other].map(\.path) == starting
            }
            var found = Array(repeating: [Match](), count: group.count)
            for start in starts[first] {
                applyBelow(group.map { paths[$0].steps[cuts[$0]].selector }, from: start, context, into: &found)
            }
            for (place, member) in group.enumerated() { below[member] = found[place] }
        }
        return paths.indices.map { index in
            guard let found = below[index] else { return starts[index] }
            return run(paths[index].steps[(cuts[index] + 1)...], from: found, context)
        }
    }

    /// `..selector`: the selector applied to `match` and every node below it, as written, in
    /// one walk with one path stack; a path is built only for the nodes that are found, which on
    /// a large document are few of the nodes walked.
    static func applyBelow(_ selector: Selector, from match: Match, _ context: FilterExpression.Context, into found: inout [Match]) {
        var all = [found]
        found = []
        applyBelow([selector], from: match, context, into: &all)
        found = all[0]
    }

    /// Several `..selector` steps in one walk: what each finds goes to its own list.
    static func applyBelow(_ selectors: [Selector], from match: Match, _ context: FilterExpression.Context, into found: inout [[Match]]) {
        let start = match.node
        var path = match.path
        // Which selectors look at each child (`..*`, `..[?(…)]`) rather than at each node.
        let considering = selectors.indices.filter { index in
            switch selectors[index] {
            case .wildcard, .filter: true
            default: false
            }
        }
        func consider(_ child: SpecNode, _ childKey: String, of node: SpecNode, _ key: String?) {
            for index in considering {
                if case .filter(let expression) = selectors[index],
                    !expression.isTrue(node: child, key: childKey, parent: node, parentKey: key, path: { path + [childKey] }, context)
                {
                    continue
                }
                found[index].append(Match(node: child, path: path + [childKey], parent: node, parentPath: path))
            }
        }
        func visit(_ node: SpecNode, key: String?) {
            for index in selectors.indices {
                switch selectors[index] {
                case .name(let name):
                    if let child = node[name] {
                        found[index].append(Match(node: child, path: path + [name], parent: node, parentPath: path))
                    }
                case .wildcard, .filter:
                    break
                default:
                    apply(selectors[index], to: Match(node: node, path: path, parent: nil, parentPath: nil), context, into: &found[index])
                }
            }
            switch node.kind {
            case .scalar: return
            // One pass over the children, each considered and then walked: the order of what is
            // found does not matter, as findings are sorted by where they are.
            case .sequence(let items):
                for index in items.indices {
                    let name = String(index)
                    if !considering.isEmpty { consider(items[index], name, of: node, key) }
                    guard !items[index].isScalar else { continue }
                    path.append(name)
                    visit(items[index], key: name)
                    path.removeLast()
                }
            case .mapping(let members):
                for index in members.indices {
                    if !considering.isEmpty { consider(members[index].value, members[index].key, of: node, key) }
                    guard !members[index].value.isScalar else { continue }
                    path.append(members[index].key)
                    visit(members[index].value, key: members[index].key)
                    path.removeLast()
                }
            }
        }
        visit(start, key: match.path.last)
    }

    /// The children of a match, each with its key: through a `$ref` when resolving.
    static func children(of match: Match, _ context: FilterExpression.Context) -> [(key: String, match: Match)] {
        let (container, path) = context.follow(match.node, at: match.path)
        switch container.kind {
        case .scalar: return []
        case .sequence(let items):
            return items.enumerated().map { index, item in
                let (value, valuePath) = context.follow(item, at: path + [String(index)])
                return (String(index), Match(node: value, path: valuePath, parent: container, parentPath: path))
            }
        case .mapping(let members):
            return members.map { member in
                let (value, valuePath) = context.follow(member.value, at: path + [member.key])
                return (member.key, Match(node: value, path: valuePath, parent: container, parentPath: path))
            }
        }
    }

    static func apply(_ selector: Selector, to match: Match, _ context: FilterExpression.Context, into found: inout [Match]) {
        switch selector {
        case .name(let name):
            let (container, path) = context.follow(match.node, at: match.path)
            guard let child = container.child(name) else { return }
            let (value, valuePath) = context.follow(child, at: path + [name])
            found.append(Match(node: value, path: valuePath, parent: container, parentPath: path))
        case .index(let index):
            let all = children(of: match, context)
            let position = index < 0 ? all.count + index : index
            // On a mapping, jsonpath-plus reads [0] as the key "0".
            if let child = all.first(where: { $0.key == String(position) }) { found.append(child.match) }
        case .wildcard:
            found += children(of: match, context).map(\.match)
        case .slice(let start, let end, let step):
            let all = children(of: match, context)
            let count = all.count
            func clamp(_ value: Int?, _ fallback: Int) -> Int {
                guard let value else { return fallback }
                return value < 0 ? max(0, count + value) : min(count, value)
            }
            var index = clamp(start, 0)
            let stop = clamp(end, count)
            while index < stop {
                found.append(all[index].match)
                index += max(step, 1)
            }
        case .filter(let expression):
            let container = context.follow(match.node, at: match.path).node
            for child in children(of: match, context)
            where expression.isTrue(
                node: child.match.node, key: child.key, parent: container, parentKey: match.path.last, path: { child.match.path },
                context)
            {
                found.append(child.match)
            }
        case .union(let selectors):
            for selector in selectors { apply(selector, to: match, context, into: &found) }
        case .parent:
            if let parent = match.parent, let path = match.parentPath {
                found.append(Match(node: parent, path: path, parent: nil, parentPath: path.isEmpty ? nil : Array(path.dropLast())))
            }
        case .propertyName:
            guard !match.path.isEmpty else { return }
            var named = match
            named.isPropertyName = true
            found.append(named)
        }
    }

    /// A recursive-descent reader of JSONPath-plus.
    struct Parser {
        let text: [Unicode.Scalar]
        var position = 0

        init(text: [Unicode.Scalar]) {
            self.text = text
        }

        var atEnd: Bool { position >= text.count }
        var current: Unicode.Scalar? { atEnd ? nil : text[position] }

        func fail(_ message: String) -> ParseError {
            ParseError(description: "\(message) at position \(position + 1)")
        }

        mutating func parse() throws(ParseError) -> [Step] {
            skipSpaces()
            guard current == "$" else { throw fail("a path starts with '$'") }
            position += 1
            var steps: [Step] = []
            while true {
                skipSpaces()
                guard let scalar = current else { break }
                switch scalar {
                case ".":
                    position += 1
                    var descendant = false
                    if current == "." {
                        descendant = true
                        position += 1
                    }
                    if current == "[" {
                        position += 1
                        steps.append(Step(selector: try bracket(), descendant: descendant))
                    } else if current == "*" {
                        position += 1
                        steps.append(Step(selector: .wildcard, descendant: descendant))
                    } else {
                        let name = dottedName()
                        guard !name.isEmpty else { throw fail("a name, '*' or '[' must follow '.'") }
                        steps.append(Step(selector: .name(name), descendant: descendant))
                    }
                case "[":
                    position += 1
                    steps.append(Step(selector: try bracket(), descendant: false))
                case "^":
                    position += 1
                    steps.append(Step(selector: .parent, descendant: false))
                case "~":
                    position += 1
                    steps.append(Step(selector: .propertyName, descendant: false))
                default:
                    throw fail("unexpected '\(scalar)'")
                }
            }
            return steps
        }

        mutating func skipSpaces() {
            while let scalar = current, scalar == " " { position += 1 }
        }

        mutating func dottedName() -> String {
            var name = ""
            while let scalar = current, scalar != ".", scalar != "[", scalar != "^", scalar != "~" {
                name.unicodeScalars.append(scalar)
                position += 1
            }
            return name
        }

        /// After `[`: a filter, a wildcard, or a union of names, indexes and slices.
        mutating func bracket() throws(ParseError) -> Selector {
            skipSpaces()
            if current == "?" {
                position += 1
                skipSpaces()
                guard current == "(" else { throw fail("a filter is written [?(…)]") }
                let body = try balanced()
                skipSpaces()
                guard current == "]" else { throw fail("expected ']' after the filter") }
                position += 1
                do {
                    return .filter(try FilterExpression(body))
                } catch {
                    throw ParseError(description: "in the filter (\(body)): \(error.description)")
                }
            }
            if current == "(" { throw fail("script expressions [(…)] are not supported; use a filter [?(…)]") }
            var selectors: [Selector] = []
            while true {
                skipSpaces()
                guard let scalar = current else { throw fail("unclosed '['") }
                if scalar == "*" {
                    position += 1
                    selectors.append(.wildcard)
                } else if scalar == "'" || scalar == "\"" {
                    selectors.append(.name(try quoted()))
                } else if scalar == "-" || scalar == ":" || ("0"..."9").contains(scalar) {
                    selectors.append(try indexOrSlice())
                } else {
                    // jsonpath-plus reads a bare word in brackets as a name: [paths].
                    var name = ""
                    while let next = current, next != ",", next != "]" {
                        name.unicodeScalars.append(next)
                        position += 1
                    }
                    let trimmed = name.trimmingCharacters(in: .whitespaces)
                    guard !trimmed.isEmpty else { throw fail("empty brackets") }
                    selectors.append(.name(trimmed))
                }
                skipSpaces()
                if current == "," {
                    position += 1
                    continue
                }
                guard current == "]" else { throw fail("expected ']' or ','") }
                position += 1
                break
            }
            return selectors.count == 1 ? selectors[0] : .union(selectors)
        }

        mutating func quoted() throws(ParseError) -> String {
            guard let quote = current else { throw fail("expected a quoted name") }
            position += 1
            var name = ""
            while let scalar = current, scalar != quote {
                if scalar == "\\", position + 1 < text.count {
                    position += 1
                }
                name.unicodeScalars.append(text[position])
                position += 1
            }
            guard current == quote else { throw fail("unclosed quote") }
            position += 1
            return name
        }

        mutating func integer() -> Int? {
            var digits = ""
            if current == "-" {
                digits = "-"
                position += 1
            }
            while let scalar = current, ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                position += 1
            }
            return Int(digits)
        }

        mutating func indexOrSlice() throws(ParseError) -> Selector {
            let start = integer()
            skipSpaces()
            guard current == ":" else {
                guard let start else { throw fail("expected an index") }
                return .index(start)
            }
            position += 1
            let end = integer()
            var step = 1
            if current == ":" {
                position += 1
                step = integer() ?? 1
            }
            return .slice(start: start, end: end, step: step)
        }

        /// The text between `(` and its matching `)`, skipping quoted strings and regexes.
        mutating func balanced() throws(ParseError) -> String {
            guard current == "(" else { throw fail("expected '('") }
            let start = position + 1
            var depth = 0
            while let scalar = current {
                switch scalar {
                case "(": depth += 1
                case ")":
                    depth -= 1
                    if depth == 0 {
                        var body = ""
                        body.unicodeScalars.append(contentsOf: text[start..<position])
                        position += 1
                        return body
                    }
                case "'", "\"":
                    _ = try quoted()
                    continue
                default: break
                }
                position += 1
            }
            throw fail("unclosed '('")
        }
    }
}
