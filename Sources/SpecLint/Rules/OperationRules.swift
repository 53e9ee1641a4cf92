import SpecReader

/// Rules about operations: ids, prose, tags, and deletes that select nothing.
enum OperationRules {
    static let operationID = LintRule("operation-operationId", .warning, "Every operation has an operationId.") { document in
        document.operations.filter { $0.node["operationId"]?.string?.isEmpty != false }.map {
            RuleHit("\($0.name) has no operationId", at: $0.location, $0.node.location)
        }
    }

    static let uniqueOperationID = LintRule("operation-operationId-unique", .error, "No two operations share an operationId.") { document in
        var first: [String: String] = [:]
        var hits: [RuleHit] = []
        for operation in document.operations {
            guard let node = operation.node["operationId"], let id = node.string else { continue }
            if let earlier = first[id] {
                hits.append(
                    RuleHit("operationId '\(id)' is also used by \(earlier)", at: operation.location + ["operationId"], node.location))
            } else {
                first[id] = operation.name
            }
        }
        return hits
    }

    static let description = LintRule("operation-description", .warning, "Every operation has a summary or a description.") { document in
        document.operations.filter { $0.node["summary"] == nil && $0.node["description"] == nil }.map {
            RuleHit("\($0.name) has neither a summary nor a description", at: $0.location, $0.node.location)
        }
    }

    static let tagsDeclared = LintRule(
        "operation-tags-declared", .warning,
        "When the document declares top-level `tags`, every tag an operation uses is among them (declaring none is allowed)."
    ) {
        document in
        // OpenAPI lets a document use tags without declaring any; only a partial list is a mistake.
        guard document.root["tags"]?.items.contains(where: { $0["name"]?.string != nil }) == true else { return [] }
        return undeclaredTags(document).map { RuleHit("tag '\($0.name)' is not declared in the top-level tags", at: $0.path, $0.location) }
    }

    /// Each tag an operation uses that the top-level `tags` does not declare, with where it is.
    static func undeclaredTags(_ document: SpecDocument) -> [(name: String, path: [String], location: Location)] {
        let declared = Set(document.root["tags"]?.items.compactMap { $0["name"]?.string } ?? [])
        return document.operations.flatMap { operation in
            (operation.node["tags"]?.items ?? []).enumerated().compactMap { index, tag in
                guard let name = tag.string, !declared.contains(name) else { return nil }
                return (name, operation.location + ["tags", String(index)], tag.location)
            }
        }
    }

    static let deleteSelector = LintRule(
        "delete-without-selector", .error,
        "A DELETE on a collection (a path with item paths below it, or whose GET lists) has a parameter or a body that says what to delete."
    ) { document in
        let paths = document.root["paths"]?.members.map(\.key) ?? []
        return document.operations.filter { $0.method == "delete" }.compactMap { operation in
            guard document.parameters(of: operation).isEmpty, operation.node["requestBody"] == nil,
                isCollection(operation, paths, document)
            else { return nil }
            return RuleHit(
                "\(operation.name) takes no parameters and no body: it would delete everything", at: operation.location,
                operation.node.location)
        }
    }

    /// Whether a path names many things: it has an item path below it (`/orders/{id}`), or its
    /// GET answers with a list. `/account` or `/installation/token` name one thing, and deleting it
    /// needs no selector.
    static func isCollection(_ operation: SpecDocument.Operation, _ paths: [String], _ document: SpecDocument) -> Bool {
        let prefix = operation.path.hasSuffix("/") ? operation.path : operation.path + "/"
        if paths.contains(where: { $0.hasPrefix(prefix + "{") }) { return true }
        guard let get = operation.pathItem["get"], let responses = get["responses"] else { return false }
        for response in responses.members where response.key.hasPrefix("2") {
            let resolved = document.resolved(response.value) ?? response.value
            for media in resolved["content"]?.members ?? [] {
                guard let schema = media.value["schema"].flatMap(document.resolved) else { continue }
                if schema["type"]?.string == "array" { return true }
                if let data = schema["properties"]?["data"].flatMap(document.resolved), data["type"]?.string == "array" { return true }
            }
        }
        return false
    }

    static let all = [operationID, uniqueOperationID, description, tagsDeclared, deleteSelector]
}
