/// Rules about schemas: empty placeholders, duplicate enum values, unbounded batches.
enum SchemaRules {
    static let combinators = ["allOf", "anyOf", "oneOf", "not", "$ref", "properties", "additionalProperties", "patternProperties"]

    static let emptyObject = LintRule(
        "schema-empty-object", .warning,
        "An object schema says what it holds: properties or additionalProperties (not a bare `type: object`)."
    ) { document in
        document.schemas.compactMap { schema in
            guard schema.node["type"]?.string == "object", !combinators.contains(where: { schema.node[$0] != nil }) else { return nil }
            return RuleHit(
                "an object schema with no properties and no additionalProperties says nothing", at: schema.path, schema.node.location)
        }
    }

    static let emptyItems = LintRule("schema-empty-items", .warning, "An array schema says what its items are.") { document in
        document.schemas.compactMap { schema in
            guard schema.node["type"]?.string == "array" else { return nil }
            guard let items = schema.node["items"] else {
                return RuleHit("an array schema without items says nothing about them", at: schema.path, schema.node.location)
            }
            guard items.isMapping, items.members.isEmpty else { return nil }
            return RuleHit("an array schema whose items are {} says nothing about them", at: schema.path + ["items"], items.location)
        }
    }

    static let enumDuplicates = LintRule("enum-duplicates", .error, "No enum lists a value twice.") { document in
        document.schemas.flatMap { schema -> [RuleHit] in
            var seen: Set<String> = []
            return (schema.node["enum"]?.items ?? []).enumerated().compactMap { index, value in
                let key = "\(value.json)"
                guard seen.insert(key).inserted else {
                    return RuleHit(
                        "enum value \(value.string ?? key) is listed twice", at: schema.path + ["enum", String(index)], value.location)
                }
                return nil
            }
        }
    }

    static let batchMaxItems = LintRule(
        "batch-array-max-items", .warning, "A request body that is an array (a batch) has maxItems, so clients know the batch size."
    ) { document in
        document.operations.filter { ["post", "put", "patch"].contains($0.method) }.flatMap { operation -> [RuleHit] in
            guard let body = operation.node["requestBody"], let content = (document.resolved(body) ?? body)["content"] else { return [] }
            return content.members.compactMap { media in
                guard media.key.contains("json"), let schema = media.value["schema"], let resolved = document.resolved(schema),
                    resolved["type"]?.string == "array", resolved["maxItems"] == nil
                else { return nil }
                return RuleHit(
                    "\(operation.name) takes an array body without maxItems: state the batch size",
                    at: operation.location + ["requestBody", "content", media.key, "schema"], schema.location)
            }
        }
    }

    static let all = [emptyObject, emptyItems, enumDuplicates, batchMaxItems]
}
