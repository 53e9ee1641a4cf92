import SpecReader

/// Request bodies, media types and response headers: what a client sends and what it reads
/// besides the schema of a body.
enum BodyChecks {
    static func isRequired(_ body: SpecNode?, _ document: SpecDocument) -> Bool {
        guard let body else { return false }
        return (document.resolved(body) ?? body)["required"]?.json == .bool(true)
    }

    static let bodyRequired = DiffCheck(
        "request-body-required", "A request body became required, or a required one was added: clients that sent none are refused.",
        level: .breaking
    ) { context in
        // A webhook's body is sent by the API: one now always sent asks nothing of subscribers.
        let webhooks = context.sharedWebhooks.map { (pair: $0, webhook: true) }
        return (context.sharedOperations.map { (pair: $0, webhook: false) } + webhooks).compactMap { pair, webhook in
            let (old, new) = (pair.base.node["requestBody"], pair.head.node["requestBody"])
            guard let new, isRequired(new, context.head), !isRequired(old, context.base) else { return nil }
            let what =
                webhook
                ? "the request body is now always sent"
                : old == nil ? "a required request body was added" : "the request body is now required"
            return DiffHit(
                level: webhook ? .info : nil, "\(pair.head.name): \(what)", in: .head, at: pair.head.location + ["requestBody"],
                new.location)
        }
    }

    static let bodyRemoved = DiffCheck(
        "request-body-removed", "A request body was removed: clients that still send one are refused or ignored.", level: .breaking
    ) { context in
        context.sharedOperations.compactMap { pair in
            guard let old = pair.base.node["requestBody"], pair.head.node["requestBody"] == nil else { return nil }
            // An optional body that could hold nothing (an object with no properties, as
            // Stripe's GETs declare) asked nothing of clients: its removal is a warning.
            let empty =
                !isRequired(old, context.base)
                && SchemaWalk.media(old, context.base).allSatisfy { media in
                    let schema = context.base.resolved(media.schema) ?? media.schema
                    let more = schema["additionalProperties"]
                    return (schema["properties"]?.members ?? []).isEmpty && (more == nil || more?.json == .bool(false))
                        && schema["items"] == nil && schema["type"]?.string != "string"
                }
            return DiffHit(
                level: empty ? .warning : nil,
                "\(pair.head.name): the request body was removed" + (empty ? " (it was optional and held nothing)" : ""), in: .base,
                at: pair.base.location + ["requestBody"], old.location)
        }
    }

    static let requestMediaRemoved = DiffCheck(
        "request-media-type-removed", "A media type a request body took was removed: clients sending it get a 415.", level: .breaking
    ) { context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            guard let newBody = pair.head.node["requestBody"] else { return [] }
            let kept = Set(SchemaWalk.media(newBody, context.head).map(\.type))
            let content = pair.base.node["requestBody"].flatMap { (context.base.resolved($0) ?? $0)["content"] }
            return (content?.members ?? []).filter { !kept.contains($0.key) }.map { member in
                // JSON replaced by a JSON type (`application/problem+json`) is a change, not a removal.
                if let successor = compatible(member.key, among: kept) {
                    return DiffHit(
                        level: .info,
                        "\(pair.head.name): the request body takes \(successor) in place of \(member.key), a compatible JSON type",
                        in: .base, at: pair.base.location + ["requestBody", "content", member.key], member.keyLocation)
                }
                return DiffHit(
                    "\(pair.head.name): the request body no longer takes \(member.key)", in: .base,
                    at: pair.base.location + ["requestBody", "content", member.key], member.keyLocation)
            }
        }
    }

    static let responseMediaRemoved = DiffCheck(
        "response-media-type-removed", "A success response no longer comes in a media type clients asked for.", level: .breaking
    ) { context in
        context.sharedOperations.flatMap { pair -> [DiffHit] in
            (pair.head.node["responses"]?.members ?? []).filter { $0.key.hasPrefix("2") }.flatMap { response -> [DiffHit] in
                guard let old = pair.base.node["responses"]?[response.key] else { return [] }
                let kept = Set(SchemaWalk.media(response.value, context.head).map(\.type))
                let content = (context.base.resolved(old) ?? old)["content"]
                return (content?.members ?? []).filter { !kept.contains($0.key) }.map { member in
                    if let successor = compatible(member.key, among: kept) {
                        return DiffHit(
                            level: .info,
                            "\(pair.head.name) response \(response.key) comes as \(successor) in place of \(member.key), a compatible JSON type",
                            in: .base, at: pair.base.location + ["responses", response.key, "content", member.key], member.keyLocation)
                    }
                    return DiffHit(
                        "\(pair.head.name) response \(response.key) no longer comes as \(member.key)",
                        in: .base, at: pair.base.location + ["responses", response.key, "content", member.key], member.keyLocation)
                }
            }
        }
    }

    /// Whether a media type is JSON: `application/json`, or a structured `+json` suffix.
    static func isJSON(_ type: String) -> Bool {
        let bare = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return bare == "application/json" || (bare.hasPrefix("application/") && bare.hasSuffix("+json"))
    }

    /// The JSON type among `kept` that takes the place of a removed JSON type, when there is one
    /// (the first by name, for a stable message).
    static func compatible(_ removed: String, among kept: Set<String>) -> String? {
        guard isJSON(removed) else { return nil }
        return kept.filter(isJSON).sorted().first
    }

    /// The headers of each success or `default` response in both versions, by name
    /// (case-insensitive): a client reads the `default` response's headers as it reads a 200's.
    static func headerPairs(_ context: DiffContext) -> [(
        operation: String, status: String, name: String, base: SpecNode, head: SpecNode?, path: [String]
    )] {
        context.sharedOperations.flatMap { pair in
            (pair.base.node["responses"]?.members ?? []).filter { $0.key.hasPrefix("2") || $0.key == "default" }.flatMap { response in
                let newResponse = pair.head.node["responses"]?[response.key]
                let newHeaders = newResponse.map { SchemaWalk.headers($0, context.head) } ?? []
                return SchemaWalk.headers(response.value, context.base).map { name, node in
                    (
                        pair.head.name, response.key, name, node, newHeaders.first { $0.name.lowercased() == name.lowercased() }?.node,
                        pair.base.location + ["responses", response.key, "headers", name]
                    )
                }
            }
        }
    }

    static let headerRemoved = DiffCheck(
        "response-header-removed", "A header of a success or `default` response was removed.", level: .breaking
    ) {
        context in
        // Only where the response itself remains: a removed status is its own change.
        headerPairs(context).filter { $0.head == nil }
            .compactMap { header in
                guard
                    context.sharedOperations.first(where: { $0.head.name == header.operation })?.head.node["responses"]?[header.status]
                        != nil
                else { return nil }
                return DiffHit(
                    "\(header.operation) response \(header.status) no longer sends \(header.name)",
                    in: .base, at: header.path, header.base.location)
            }
    }

    static let headerOptional = DiffCheck(
        "response-header-optional", "A header a success or `default` response always sent became optional.", level: .breaking
    ) {
        context in
        headerPairs(context).compactMap { header in
            guard let new = header.head, header.base["required"]?.json == .bool(true), new["required"]?.json != .bool(true) else {
                return nil
            }
            return DiffHit(
                "\(header.operation) response \(header.status) may now leave out \(header.name)",
                in: .head, at: header.path, new.location)
        }
    }

    static let requestPropertyRemoved = DiffCheck(
        "request-property-removed",
        "A request property was removed: breaking when the schema refuses unknown fields, a warning otherwise.", level: .breaking
    ) { context in
        context.memberPairs(.request).flatMap { pair -> [DiffHit] in
            let kept = Set(PropertyChecks.properties(pair.head).map(\.key))
            let closed = PropertyChecks.isClosed(pair.head)
            return PropertyChecks.properties(pair.base).filter { !kept.contains($0.key) }.map { member in
                DiffHit(
                    level: closed ? .breaking : .warning,
                    "\(pair.name).\(member.key) was removed"
                        + (closed
                            ? "; the schema refuses unknown fields, so clients sending it get a 422"
                            : "; clients sending it may be refused"),
                    in: .base, at: pair.headPath + ["properties", member.key], member.keyLocation, reaching: pair.headPath)
            }
        }
    }

    static let all = [
        bodyRequired, bodyRemoved, requestMediaRemoved, responseMediaRemoved, headerRemoved, headerOptional, requestPropertyRemoved,
    ]
}
