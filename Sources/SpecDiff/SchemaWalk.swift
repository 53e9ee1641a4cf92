import SpecReader

/// Which way data flows through a schema: clients send requests and read responses,
/// so the same change can break one and not the other.
public enum Direction: String, Sendable {
    case request, response
}

/// A schema in BASE and its counterpart in HEAD, with where it is. A class: every check reads
/// the same pairs, and copying them (paths, names, nodes) cost more than the checks.
public final class SchemaPair: Sendable {
    /// The schema in the earlier version.
    public let base: SpecNode
    /// The schema in the new version.
    public let head: SpecNode
    /// Whether clients send it (request) or read it (response).
    public let direction: Direction
    /// Human name: `POST /orders request body [].email`.
    public let name: String
    /// Its path in the new version.
    public let headPath: [String]
    /// Whether the property is required in each version (nil at a body's root or for items).
    public let requiredInBase: Bool?
    /// Whether its parent requires it in the new version; nil for a root schema.
    public let requiredInHead: Bool?

    init(
        base: SpecNode, head: SpecNode, direction: Direction, name: String, headPath: [String], requiredInBase: Bool?, requiredInHead: Bool?
    ) {
        self.base = base
        self.head = head
        self.direction = direction
        self.name = name
        self.headPath = headPath
        self.requiredInBase = requiredInBase
        self.requiredInHead = requiredInHead
    }
}

/// Walks the request bodies, parameters, responses (every status, every media type) and
/// response headers of one operation in both versions, pairing schemas by position: properties
/// by name, array items with items, `allOf`/`anyOf`/`oneOf` parts by index, and
/// `additionalProperties`, `not`, `if`/`then`/`else`, `contains` and `prefixItems` with theirs.
struct SchemaWalk {
    let context: DiffContext
    let base: SpecDocument.Operation
    let head: SpecDocument.Operation

    /// A pair of schemas already walked, in one direction.
    struct Visit: Hashable {
        let base: Location
        let head: Location
        let direction: Direction
    }

    /// The pairs walked so far across operations. A pair reached again (a component many
    /// operations use) is not walked again, so each change is found once and large specs stay
    /// fast; the operation reaching it is noted on it, and what reaches a pair is worked out, for
    /// the few pairs with a change, from what reaches the pairs above it.
    struct State: Sendable {
        /// Where each pair is in `pairs`.
        var index: [Visit: Int] = [:]
        /// The pairs, in the order first reached.
        var pairs: [SchemaPair] = []
        /// The same, split by direction.
        var requests: [SchemaPair] = []
        var responses: [SchemaPair] = []
        /// Each pair's index with the index of a pair directly above it.
        var edges: [(child: Int, parent: Int)] = []
        /// The operations, in the order the walk met them; pairs name them by index, so what a
        /// pair reaches sorts into document order as numbers.
        var operations: [String] = []
        var operationIndex: [String: Int] = [:]
        /// The operation being walked.
        var current = 0
        /// The operation that first reached each pair.
        var owners: [Int] = []
        /// The other operations that reached each pair directly, in order.
        var entries: [[Int]] = []

        /// The index of `name`, added when the walk meets it first.
        mutating func operation(_ name: String) -> Int {
            if let known = operationIndex[name] { return known }
            operations.append(name)
            operationIndex[name] = operations.count - 1
            return operations.count - 1
        }

        /// Notes that operation `operation` reaches pair `index` directly.
        mutating func note(_ operation: Int, at index: Int) {
            guard owners[index] != operation, !entries[index].contains(operation) else { return }
            entries[index].append(operation)
        }

        /// What a change at each of `paths` reaches besides the operation that found it, for
        /// the pairs under the document paths those name: the graph above them is built once, and
        /// only when there are changes.
        func reachFinder(for paths: [[String]]) -> ReachFinder {
            let named = Set(paths.compactMap { $0.count > 1 ? $0[1] : nil })
            let byPath = Dictionary(
                pairs.indices.filter { pairs[$0].headPath.count > 1 && named.contains(pairs[$0].headPath[1]) }.map {
                    (pairs[$0].headPath, $0)
                }, uniquingKeysWith: { first, _ in first })
            return ReachFinder(state: self, byPath: byPath, parents: byPath.isEmpty ? [] : parents())
        }

        /// The pairs directly above each pair, by index.
        func parents() -> [[Int]] {
            var parents = [[Int]](repeating: [], count: pairs.count)
            for edge in edges { parents[edge.child].append(edge.parent) }
            return parents
        }

        /// The operations that reach pair `index` besides its owner: those that reached it or any
        /// pair above it, in the order the walk met them.
        func reach(of index: Int, parents: [[Int]]) -> [String] {
            var found: Set<Int> = []
            var queue = [index]
            var seen: Set<Int> = [index]
            var next = 0
            while next < queue.count {
                let current = queue[next]
                next += 1
                found.insert(owners[current])
                found.formUnion(entries[current])
                for parent in parents[current] where seen.insert(parent).inserted { queue.append(parent) }
            }
            found.remove(owners[index])
            return found.sorted().map { operations[$0] }
        }
    }

    /// Answers, for a change's path, the operations its pair reaches besides its owner; the pair
    /// a change is in is the one whose path is the longest start of the change's.
    struct ReachFinder {
        let state: State
        let byPath: [[String]: Int]
        let parents: [[Int]]
        var known: [Int: [String]] = [:]

        mutating func operations(reaching path: [String]) -> [String] {
            for length in stride(from: path.count, to: 0, by: -1) {
                guard let index = byPath[Array(path.prefix(length))] else { continue }
                if let names = known[index] { return names }
                let names = state.reach(of: index, parents: parents)
                known[index] = names
                return names
            }
            return []
        }
    }

    func pairs(visited: inout State) {
        visited.current = visited.operation(head.name)
        // A webhook's body is sent by the API and read by the subscriber; its answer the reverse.
        let (sent, answered): (Direction, Direction) = head.section == "webhooks" ? (.response, .request) : (.request, .response)
        let oldBodies = Self.media(base.node["requestBody"], context.base)
        for (type, schema) in Self.media(head.node["requestBody"], context.head) {
            guard let old = oldBodies.first(where: { $0.type == type })?.schema else { continue }
            let label = oldBodies.count > 1 ? " (\(type))" : ""
            walk(
                old, schema, sent, "\(head.name) request body\(label)", head.location + ["requestBody", "content", type, "schema"], nil,
                nil,
                depth: 0, visited: &visited)
        }
        for response in head.node["responses"]?.members ?? [] {
            guard let oldResponse = base.node["responses"]?[response.key] else { continue }
            let oldMedia = Self.media(oldResponse, context.base)
            let newMedia = Self.media(response.value, context.head)
            for (type, schema) in newMedia {
                guard let old = oldMedia.first(where: { $0.type == type })?.schema else { continue }
                let label = newMedia.count > 1 ? " (\(type))" : ""
                walk(
                    old, schema, answered, "\(head.name) response \(response.key)\(label)",
                    head.location + ["responses", response.key, "content", type, "schema"], nil, nil, depth: 0, visited: &visited)
            }
            for (name, header) in Self.headers(response.value, context.head) {
                guard let old = Self.headers(oldResponse, context.base).first(where: { $0.name.lowercased() == name.lowercased() }),
                    let oldSchema = old.node["schema"], let newSchema = header["schema"]
                else { continue }
                walk(
                    oldSchema, newSchema, answered, "\(head.name) response \(response.key) header \(name)",
                    head.location + ["responses", response.key, "headers", name, "schema"], nil, nil, depth: 0, visited: &visited)
            }
        }
        let oldParameters = context.base.effectiveParameters(of: base)
        for parameter in context.head.effectiveParameters(of: head) {
            guard let name = parameter.node["name"]?.string, let place = parameter.node["in"]?.string,
                let key = ParameterChecks.match(parameter, in: head),
                let old = oldParameters.first(where: { ParameterChecks.match($0, in: base) == key }),
                let oldSchema = old.node["schema"], let newSchema = parameter.node["schema"]
            else { continue }
            walk(
                oldSchema, newSchema, .request, "\(head.name) \(place) parameter '\(name)'", parameter.path + ["schema"], nil, nil,
                depth: 0, visited: &visited)
        }
    }

    /// The media types of a request body or response (resolved), each with its schema, in order.
    static func media(_ node: SpecNode?, _ document: SpecDocument) -> [(type: String, schema: SpecNode)] {
        guard let node, let content = (document.resolved(node) ?? node)["content"] else { return [] }
        return content.members.compactMap { member in member.value["schema"].map { (member.key, $0) } }
    }

    /// The headers of a response (resolved), by name.
    static func headers(_ response: SpecNode, _ document: SpecDocument) -> [(name: String, node: SpecNode)] {
        ((document.resolved(response) ?? response)["headers"]?.members ?? []).map { ($0.key, document.resolved($0.value) ?? $0.value) }
    }

    @discardableResult
    func walk(
        _ oldNode: SpecNode, _ newNode: SpecNode, _ direction: Direction, _ name: String, _ path: [String], _ requiredInBase: Bool?,
        _ requiredInHead: Bool?, depth: Int, visited: inout State
    ) -> Int? {
        // Recursive schemas would walk forever; eight levels cover real payloads.
        guard depth < 8, let old = context.base.resolved(oldNode), let new = context.head.resolved(newNode) else { return nil }
        let visit = Visit(base: old.location, head: new.location, direction: direction)
        if let seen = visited.index[visit] {
            visited.note(visited.current, at: seen)
            return seen
        }
        let index = visited.pairs.count
        visited.index[visit] = index
        visited.pairs.append(
            SchemaPair(
                base: old, head: new, direction: direction, name: name, headPath: path, requiredInBase: requiredInBase,
                requiredInHead: requiredInHead))
        visited.owners.append(visited.current)
        visited.entries.append([])
        func child(_ found: Int?) { if let found, found != index { visited.edges.append((found, index)) } }
        let oldRequired = Set(old["required"]?.items.compactMap(\.string) ?? [])
        let newRequired = Set(new["required"]?.items.compactMap(\.string) ?? [])
        for member in new["properties"]?.members ?? [] {
            guard let counterpart = old["properties"]?[member.key] else { continue }
            child(
                walk(
                    counterpart, member.value, direction, "\(name).\(member.key)", path + ["properties", member.key],
                    oldRequired.contains(member.key),
                    newRequired.contains(member.key), depth: depth + 1, visited: &visited))
        }
        for key in ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"] {
            guard let next = new[key], next.isMapping, let counterpart = old[key], counterpart.isMapping else { continue }
            let label = key == "items" ? "[]" : ".<\(key)>"
            child(walk(counterpart, next, direction, "\(name)\(label)", path + [key], nil, nil, depth: depth + 1, visited: &visited))
        }
        // A schema wrapped in a choice is compared with the branch that is it (the same `$ref`, or
        // else the inline branch sharing most of its properties), and one unwrapped from a choice
        // with the branch it was.
        let (oldChoices, newChoices) = (CompositionChecks.composition(old), CompositionChecks.composition(new))
        if oldChoices.isEmpty != newChoices.isEmpty {
            let (plain, wrapper) = oldChoices.isEmpty ? (oldNode, new) : (newNode, old)
            let (plainSide, wrapperSide) = oldChoices.isEmpty ? (context.base, context.head) : (context.head, context.base)
            let names = Set((plainSide.resolved(plain) ?? plain)["properties"]?.members.map(\.key) ?? [])
            let branches = ["anyOf", "oneOf"].flatMap { key in (wrapper[key]?.items ?? []).enumerated().map { (key, $0.offset, $0.element) }
            }
            let matched =
                plain["$ref"]?.string != nil
                ? branches.first { $0.2["$ref"]?.string == plain["$ref"]?.string }
                : branches.filter { $0.2["$ref"] == nil }.map { branch in
                    (branch, names.intersection((wrapperSide.resolved(branch.2) ?? branch.2)["properties"]?.members.map(\.key) ?? []).count)
                }.filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
            if let (key, position, branch) = matched {
                let (previous, next) = oldChoices.isEmpty ? (oldNode, branch) : (branch, newNode)
                let place = oldChoices.isEmpty ? path + [key, String(position)] : path
                child(walk(previous, next, direction, name, place, requiredInBase, requiredInHead, depth: depth + 1, visited: &visited))
            }
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            let (olds, news) = (old[key]?.items ?? [], new[key]?.items ?? [])
            for (index, (previous, next)) in zip(olds, news).enumerated() {
                child(
                    walk(
                        previous, next, direction, "\(name).<\(key)[\(index)]>", path + [key, String(index)], nil, nil, depth: depth + 1,
                        visited: &visited))
            }
        }
        return index
    }
}
