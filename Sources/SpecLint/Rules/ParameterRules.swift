import SpecReader

/// Rules about parameters: path templates, duplicates, conflicts, pagination types.
enum ParameterRules {
    /// `/orders/{id}/lines/{line_id}` → ["id", "line_id"].
    static func templateNames(_ path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static let pathParamsDeclared = LintRule("path-params-declared", .error, "Every `{name}` in a path is declared as a path parameter.") {
        document in
        document.operations.flatMap { operation -> [RuleHit] in
            let declared = Set(
                document.parameters(of: operation).filter { $0.node["in"]?.string == "path" }.compactMap { $0.node["name"]?.string })
            return templateNames(operation.path).filter { !declared.contains($0) }.map {
                RuleHit("\(operation.name): path parameter '{\($0)}' is not declared", at: operation.location, operation.node.location)
            }
        }
    }

    static let pathParamsUsed = LintRule("path-params-used", .error, "Every path parameter appears in its path as `{name}`.") { document in
        document.operations.flatMap { operation -> [RuleHit] in
            let names = Set(templateNames(operation.path))
            return document.parameters(of: operation).compactMap { parameter in
                guard parameter.node["in"]?.string == "path", let name = parameter.node["name"]?.string, !names.contains(name) else {
                    return nil
                }
                return RuleHit(
                    "\(operation.name): path parameter '\(name)' is not in the path", at: parameter.path, parameter.node.location)
            }
        }
    }

    static let duplicate = LintRule("parameter-duplicate", .error, "No parameter is declared twice (same name and location) at one level.")
    {
        document in
        document.operations.flatMap { operation -> [RuleHit] in
            var seen: Set<String> = []
            return document.parameters(of: operation).compactMap { parameter in
                guard let name = parameter.node["name"]?.string, let place = parameter.node["in"]?.string else { return nil }
                guard seen.insert("\(parameter.level) \(place) \(name)").inserted else {
                    return RuleHit(
                        "\(operation.name): \(place) parameter '\(name)' is declared twice", at: parameter.path, parameter.node.location)
                }
                return nil
            }
        }
    }

    static func type(_ parameter: SpecNode, _ document: SpecDocument) -> String? {
        parameter["schema"].flatMap { document.resolved($0) }?["type"]?.string
    }

    static let conflictingType = LintRule(
        "parameter-conflicting-type", .warning, "A parameter declared at path level and operation level has one type."
    ) { document in
        document.operations.flatMap { operation -> [RuleHit] in
            let parameters = document.parameters(of: operation)
            return parameters.filter { $0.level == "operation" }.compactMap { own in
                guard let name = own.node["name"]?.string, let place = own.node["in"]?.string,
                    let shared = parameters.first(where: {
                        $0.level == "path" && $0.node["name"]?.string == name && $0.node["in"]?.string == place
                    }),
                    let ownType = type(own.node, document), let sharedType = type(shared.node, document), ownType != sharedType
                else { return nil }
                return RuleHit(
                    "\(operation.name): \(place) parameter '\(name)' is \(ownType) here but \(sharedType) at path level", at: own.path,
                    own.node.location)
            }
        }
    }

    static let pathNameAsQuery = LintRule(
        "path-param-also-query", .warning, "A path parameter's name is not also used by a query parameter of the same operation."
    ) { document in
        document.operations.flatMap { operation -> [RuleHit] in
            let parameters = document.parameters(of: operation)
            let pathNames = Set(parameters.filter { $0.node["in"]?.string == "path" }.compactMap { $0.node["name"]?.string })
                .union(templateNames(operation.path))
            return parameters.compactMap { parameter in
                guard parameter.node["in"]?.string == "query", let name = parameter.node["name"]?.string, pathNames.contains(name) else {
                    return nil
                }
                return RuleHit(
                    "\(operation.name): '\(name)' is both a path and a query parameter", at: parameter.path, parameter.node.location)
            }
        }
    }

    static let paginationNames: Set<String> = ["page", "limit", "per_page", "page_size", "offset"]

    static let paginationInteger = LintRule(
        "pagination-integer", .warning, "Paging parameters (`page`, `limit`, …) are integers, not numbers."
    ) {
        document in
        document.operations.flatMap { operation -> [RuleHit] in
            document.parameters(of: operation).compactMap { parameter in
                guard parameter.node["in"]?.string == "query", let name = parameter.node["name"]?.string, paginationNames.contains(name),
                    let schema = parameter.node["schema"], (document.resolved(schema) ?? schema)["type"]?.string == "number"
                else { return nil }
                return RuleHit(
                    "\(operation.name): '\(name)' is typed number; a page or count is an integer", at: parameter.path + ["schema", "type"],
                    schema["type"]?.location ?? schema.location)
            }
        }
    }

    /// `/orders/{id}` → `/orders/{}`: what a server's router sees.
    static func shape(_ path: String) -> String {
        var shape = ""
        var inside = false
        for character in path {
            if character == "{" {
                inside = true
                shape += "{}"
            } else if character == "}" {
                inside = false
            } else if !inside {
                shape.append(character)
            }
        }
        return shape
    }

    static let equivalentPaths = LintRule(
        "path-equivalent", .error,
        "No two paths differ only in the names of their variables (`/a/{x}` and `/a/{y}`): no router can tell them apart."
    ) { document in
        var first: [String: String] = [:]
        return (document.root["paths"]?.members ?? []).compactMap { member in
            let key = shape(member.key)
            guard let earlier = first[key] else {
                first[key] = member.key
                return nil
            }
            return RuleHit(
                "paths '\(earlier)' and '\(member.key)' are equivalent: a request cannot tell them apart", at: ["paths", member.key],
                member.keyLocation)
        }
    }

    static let repeatedTemplate = LintRule(
        "path-param-repeated", .error, "A path names each variable once: `/a/{id}/b/{id}` cannot give `id` two values."
    ) { document in
        (document.root["paths"]?.members ?? []).flatMap { member -> [RuleHit] in
            var seen: Set<String> = []
            return templateNames(member.key).filter { !seen.insert($0).inserted }.map {
                RuleHit("path '\(member.key)' uses the variable {\($0)} more than once", at: ["paths", member.key], member.keyLocation)
            }
        }
    }

    static let all = [
        pathParamsDeclared, pathParamsUsed, duplicate, conflictingType, pathNameAsQuery, paginationInteger, equivalentPaths,
        repeatedTemplate,
    ]
}
