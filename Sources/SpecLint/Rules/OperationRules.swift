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
        "operation-tags-declared", .warning, "Every tag an operation uses is declared in the top-level `tags`."
    ) {
        document in
        let declared = Set(document.root["tags"]?.items.compactMap { $0["name"]?.string } ?? [])
        return document.operations.flatMap { operation in
            (operation.node["tags"]?.items ?? []).enumerated().compactMap { index, tag -> RuleHit? in
                guard let name = tag.string, !declared.contains(name) else { return nil }
                return RuleHit(
                    "tag '\(name)' is not declared in the top-level tags", at: operation.location + ["tags", String(index)], tag.location)
            }
        }
    }

    static let deleteSelector = LintRule(
        "delete-without-selector", .error, "A DELETE has a parameter or a body that says what to delete, so it cannot delete everything."
    ) { document in
        document.operations.filter { $0.method == "delete" }.compactMap { operation in
            guard document.parameters(of: operation).isEmpty, operation.node["requestBody"] == nil else { return nil }
            return RuleHit(
                "\(operation.name) takes no parameters and no body: it would delete everything", at: operation.location,
                operation.node.location)
        }
    }

    static let all = [operationID, uniqueOperationID, description, tagsDeclared, deleteSelector]
}
