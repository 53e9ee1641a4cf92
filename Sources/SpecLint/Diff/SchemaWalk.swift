/// Which way data flows through a schema: clients send requests and read responses,
/// so the same change can break one and not the other.
public enum Direction: String, Sendable {
    case request, response
}

/// A schema in BASE and its counterpart in HEAD, with where it is.
public struct SchemaPair: Sendable {
    public let base: SpecNode
    public let head: SpecNode
    public let direction: Direction
    /// Human name: `POST /orders request body [].email`.
    public let name: String
    public let headPath: [String]
    /// Whether the property is required in each version (nil at a body's root or for items).
    public let requiredInBase: Bool?
    public let requiredInHead: Bool?
}

/// Walks the request body, parameters and success responses of one operation in both
/// versions, pairing schemas by position: properties by name, array items with items.
struct SchemaWalk {
    let context: DiffContext
    let base: SpecDocument.Operation
    let head: SpecDocument.Operation

    func pairs() -> [SchemaPair] {
        var pairs: [SchemaPair] = []
        if let old = body(base, context.base), let new = body(head, context.head) {
            walk(old.schema, new.schema, .request, "\(head.name) request body", new.path, nil, nil, depth: 0, into: &pairs)
        }
        for response in head.node["responses"]?.members ?? [] where response.key.hasPrefix("2") {
            guard let new = json(head, response.key, context.head), let old = json(base, response.key, context.base) else { continue }
            walk(old.schema, new.schema, .response, "\(head.name) response \(response.key)", new.path, nil, nil, depth: 0, into: &pairs)
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
                depth: 0,
                into: &pairs)
        }
        return pairs
    }

    func body(_ operation: SpecDocument.Operation, _ document: SpecDocument) -> (schema: SpecNode, path: [String])? {
        guard let body = operation.node["requestBody"], let content = (document.resolved(body) ?? body)["content"] else { return nil }
        guard let media = content.members.first(where: { $0.key.contains("json") }), let schema = media.value["schema"] else { return nil }
        return (schema, operation.location + ["requestBody", "content", media.key, "schema"])
    }

    func json(_ operation: SpecDocument.Operation, _ status: String, _ document: SpecDocument) -> (schema: SpecNode, path: [String])? {
        guard let response = operation.node["responses"]?[status], let content = (document.resolved(response) ?? response)["content"],
            let media = content.members.first(where: { $0.key.contains("json") }), let schema = media.value["schema"]
        else { return nil }
        return (schema, operation.location + ["responses", status, "content", media.key, "schema"])
    }

    func walk(
        _ oldNode: SpecNode, _ newNode: SpecNode, _ direction: Direction, _ name: String, _ path: [String], _ requiredInBase: Bool?,
        _ requiredInHead: Bool?, depth: Int, into pairs: inout [SchemaPair]
    ) {
        // Recursive schemas would walk forever; eight levels cover real payloads.
        guard depth < 8, let old = context.base.resolved(oldNode), let new = context.head.resolved(newNode) else { return }
        pairs.append(
            SchemaPair(
                base: old, head: new, direction: direction, name: name, headPath: path, requiredInBase: requiredInBase,
                requiredInHead: requiredInHead))
        let oldRequired = Set(old["required"]?.items.compactMap(\.string) ?? [])
        let newRequired = Set(new["required"]?.items.compactMap(\.string) ?? [])
        for member in new["properties"]?.members ?? [] {
            guard let counterpart = old["properties"]?[member.key] else { continue }
            walk(
                counterpart, member.value, direction, "\(name).\(member.key)", path + ["properties", member.key],
                oldRequired.contains(member.key),
                newRequired.contains(member.key), depth: depth + 1, into: &pairs)
        }
        if let items = new["items"], let counterpart = old["items"] {
            walk(counterpart, items, direction, "\(name)[]", path + ["items"], nil, nil, depth: depth + 1, into: &pairs)
        }
    }
}
