import SpecReader

/// Properties of request and response schemas added, removed, made required or optional.
enum PropertyChecks {
    static func properties(_ node: SpecNode) -> [SpecNode.Member] { node["properties"]?.members ?? [] }
    static func required(_ node: SpecNode) -> Set<String> { Set(node["required"]?.items.compactMap(\.string) ?? []) }

    /// Whether a property is marked `readOnly` or `writeOnly` (`keyword`): a read-only property is
    /// not sent, so requiring it asks nothing of a client; a write-only one is not answered.
    static func marked(_ keyword: String, _ member: SpecNode.Member, in document: SpecDocument) -> Bool {
        (document.resolved(member.value) ?? member.value)[keyword]?.json == .bool(true)
    }

    static let requestRequired = DiffCheck(
        "request-property-required", "A request property was added as required, or an optional one made required.", level: .breaking
    ) { context in
        context.memberPairs(.request).flatMap { pair -> [DiffHit] in
            let oldNames = Set(properties(pair.base).map(\.key))
            let oldRequired = required(pair.base)
            return properties(pair.head).compactMap { member in
                guard required(pair.head).contains(member.key), !oldRequired.contains(member.key),
                    !marked("readOnly", member, in: context.head)
                else { return nil }
                let what = oldNames.contains(member.key) ? "is now required" : "was added as required"
                return DiffHit(
                    "\(pair.name).\(member.key) \(what)", in: .head,
                    at: pair.headPath + ["properties", member.key], member.keyLocation, reaching: pair.headPath)
            }
        }
    }

    static let responseRemoved = DiffCheck("response-property-removed", "A response property was removed.", level: .breaking) { context in
        context.memberPairs(.response).flatMap { pair -> [DiffHit] in
            let newNames = Set(properties(pair.head).map(\.key))
            return properties(pair.base).filter { !newNames.contains($0.key) && !marked("writeOnly", $0, in: context.base) }.map { member in
                DiffHit(
                    "\(pair.name).\(member.key) was removed", in: .base,
                    at: pair.headPath + ["properties", member.key], member.keyLocation, reaching: pair.headPath)
            }
        }
    }

    static let responseOptional = DiffCheck("response-property-optional", "A required response property became optional.", level: .breaking)
    { context in
        context.memberPairs(.response).flatMap { pair -> [DiffHit] in
            let newRequired = required(pair.head)
            return properties(pair.head).compactMap { member in
                guard required(pair.base).contains(member.key), !newRequired.contains(member.key),
                    !marked("writeOnly", member, in: context.head)
                else { return nil }
                return DiffHit(
                    "\(pair.name).\(member.key) is no longer always returned", in: .head,
                    at: pair.headPath + ["properties", member.key], member.keyLocation, reaching: pair.headPath)
            }
        }
    }

    /// A schema that refused unknown fields: clients generated from it reject any field added later.
    static func isClosed(_ node: SpecNode) -> Bool { node["additionalProperties"]?.json == .bool(false) }

    static let added = DiffCheck("property-added", "An optional request property or a response property was added.", level: .info) {
        context in
        context.schemaPairs.flatMap { pair -> [DiffHit] in
            let oldNames = Set(properties(pair.base).map(\.key))
            return properties(pair.head).compactMap { member in
                guard !oldNames.contains(member.key), pair.direction == .response || !required(pair.head).contains(member.key) else {
                    return nil
                }
                if pair.direction == .response && isClosed(pair.base) { return nil }
                return DiffHit(
                    "\(pair.name).\(member.key) was added", in: .head,
                    at: pair.headPath + ["properties", member.key],
                    member.keyLocation, reaching: pair.headPath)
            }
        }
    }

    static let addedToClosed = DiffCheck(
        "response-property-added-closed",
        "A property was added to a response schema that promised no other fields (`additionalProperties: false`).", level: .warning
    ) { context in
        context.memberPairs(.response).filter { isClosed($0.base) }.flatMap { pair -> [DiffHit] in
            let oldNames = Set(properties(pair.base).map(\.key))
            return properties(pair.head).filter { !oldNames.contains($0.key) }.map { member in
                DiffHit(
                    "\(pair.name).\(member.key) was added, but the schema said additionalProperties: false: clients that reject unknown fields will refuse these responses",
                    in: .head, at: pair.headPath + ["properties", member.key], member.keyLocation, reaching: pair.headPath)
            }
        }
    }

    static let all = [requestRequired, responseRemoved, responseOptional, added, addedToClosed]
}
