import APIRegistry
import JSONModel
import MockServer
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation

/// Everything a guide template may state, derived from the registry and from the spec's
/// own examples: templates write prose, never facts.
struct GuideContext {
    let registry: Registry
    let contract: SpecContract
    /// The line of each operation in the spec's YAML, by `METHOD /path`.
    let specLines: [String: Int]

    private static let json = JSONWriter(pretty: true)

    /// The template context: plain dictionaries and arrays, as Mustache reads them.
    func values() -> [String: Any] {
        let info = registry.info
        let limits = Set(registry.resources.flatMap { $0.operations.compactMap(\.batchLimit) }).sorted()
        var byName: [String: Any] = [:]
        let resources = registry.resources.map { resource -> [String: Any] in
            let values = self.resource(resource)
            byName[resource.name] = values
            return values
        }
        let singletons = registry.singletons.map { singleton -> [String: Any] in
            let values = self.singleton(singleton)
            byName[singleton.name] = values
            return values
        }
        return [
            "api": [
                "title": info.title, "version": info.version, "description": info.description, "serverURL": info.serverURL,
                "authHeader": info.authHeader, "authDescription": info.authDescription, "specFile": info.specFileName,
            ],
            "scopes": info.scopes.map { ["name": $0.name, "access": $0.access.rawValue, "description": $0.description] },
            "readScope": info.scope(for: .list)?.name ?? "",
            "writeScope": info.scope(for: .create)?.name ?? "",
            "batchLimit": limits.last ?? 0,
            "defaultLimit": registry.pagination.defaultLimit,
            "maxLimit": registry.pagination.maxLimit,
            "resources": resources,
            "singletons": singletons,
            "hasSingletons": !singletons.isEmpty,
            "resource": byName,
            "operators": FilterOperator.allCases.map { op in
                ["name": op.rawValue, "syntax": op == .eq ? "`name=value`" : "`name:\(op.rawValue)=value`", "meaning": op.meaning]
            },
            "errors": errorStatuses(),
            "mock": mock(),
            "serverError": serverError() as Any,
            "published": published() as Any,
            "rateLimit": rateLimit() as Any,
            "events": registry.resources.flatMap { resource in
                resource.events.map { event in
                    ["name": event.name, "summary": event.summary, "payload": event.payload.name, "tag": resource.tag]
                }
            },
            "hasEvents": registry.resources.contains { !$0.events.isEmpty },
        ]
    }

    /// Where `specsmith mock` serves the API by default: its address and the server path with
    /// each variable set to `demo` (any value names a store of its own).
    func mock() -> [String: Any] {
        var path = registry.info.serverPath
        for variable in registry.info.serverVariables { path = path.replacingOccurrences(of: "{\(variable.name)}", with: "demo") }
        let origin = "http://127.0.0.1:\(MockApplication.Configuration().port)"
        return ["origin": origin, "baseURL": origin + path, "serverPath": registry.info.serverPath]
    }

    /// The published reference and the registry's declared differences from it.
    func published() -> [String: Any]? {
        guard let reference = registry.publishedReference else { return nil }
        return [
            "name": reference.name, "url": reference.url, "count": reference.differences.count,
            "differences": reference.differences.map {
                ["subject": $0.subject, "published": $0.published, "here": $0.here, "reason": $0.reason]
            },
        ]
    }

    /// The rate limit as the registry declares it, with the header of each meaning by name.
    func rateLimit() -> [String: Any]? {
        guard let limit = registry.info.rateLimit else { return nil }
        var values: [String: Any] = [
            "description": limit.description,
            "headers": limit.headers.map { ["name": $0.name, "description": $0.description] },
        ]
        for header in limit.headers { values[header.meaning.rawValue + "Header"] = header.name }
        return values
    }

    /// The shared 5xx response: when, and its example.
    func serverError() -> [String: Any]? {
        for (name, response) in contract.document.components.responses where name.rawValue == SharedResponse.serverError {
            guard let body = contract.document.components[response],
                let example = SpecContract.jsonContent(body.content).flatMap({ contract.document.components[$0] })?.example
            else { continue }
            return [
                "when": body.description ?? "", "example": Self.json.string(JSONValue(example)), "marker": "schema=\"ErrorResponse\"",
            ]
        }
        return nil
    }

    /// How a list pages, in a sentence naming the parameters it takes; nil for one that does not.
    func pagingSentence(_ resource: Resource) -> String? {
        let styles = registry.pagingStyles(of: resource)
        guard !styles.isEmpty else { return nil }
        let layout = registry.listLayout(of: resource)
        let ways = styles.map { style in
            switch style {
            case .page: return "`page`, from 1"
            case .offset: return "`offset`, the number of records to skip"
            case .cursor:
                guard let layout else {
                    let meta = registry.pagination.cursorMeta
                    return
                        "`after` or `before`, which take the cursors of a page's `\(meta.source(of: "after"))` and `\(meta.source(of: "before"))`"
                }
                return layout.before.map { "`\(layout.after)` or `\($0)`, which take the id of a record of the list" }
                    ?? "`\(layout.after)`, which takes what a page's answer gives for the next one"
            }
        }
        let pagination = registry.pagination
        return
            "It pages with \(ways.joined(separator: "; or ")), and `\(pagination.limitParameter)` (\(pagination.defaultLimit) by default, at most \(pagination.maxLimit))."
            + (resource.listEnvelope == .bare ? " The `Link` header names the neighbouring pages." : "")
    }

    func resource(_ resource: Resource) -> [String: Any] {
        let model = resource.model
        var values: [String: Any] = [
            "name": resource.name, "path": resource.path, "tag": resource.tag, "model": model.name, "description": resource.description,
            "paths": resource.servedPaths.map { "`\($0)`" }.joined(separator: " and "),
            "hasFilters": !resource.filters.isEmpty, "paged": resource.listEnvelope == .data,
            "pagedByPage": registry.pagingStyles(of: resource).contains(.page),
            "pagedByCursor": registry.pagingStyles(of: resource).contains(.cursor),
            "pagingSentence": pagingSentence(resource) ?? "",
            "identifier": model.identifier ?? "id",
            "page": "reference/\(resource.name).md",
            "filters": resource.filters.map { filter in
                [
                    "name": filter.name,
                    "parameters": filter.parameterNames.map { "`\($0)`" }.joined(separator: ", "),
                    "type": resource.valueType(of: filter).displayName,
                    "description": filter.description,
                ]
            },
            "sortKeys": resource.sortKeys.map { "`\($0)`" }.joined(separator: ", "),
            // Mustache treats an empty string as true, so optional sections test flags.
            "hasSortKeys": !resource.sortKeys.isEmpty,
            "includes": resource.includes.map { "`\($0)`" }.joined(separator: ", "),
            "hasIncludes": !resource.includes.isEmpty,
            "readFields": fields(registry.projection(of: model, .read)),
            "operations": resource.operations.map { operation(resource, $0) },
            "fieldInfo": Dictionary(
                fields(registry.projection(of: model, .read)).compactMap { row in (row["name"] as? String).map { ($0, row) } },
                uniquingKeysWith: { first, _ in first }),
            "relations": resource.relations.map { relation in
                let target = registry.resource(named: relation.resource)?.model.name ?? relation.resource
                return [
                    "field": relation.field, "target": target, "targetWithArticle": Self.withArticle(target),
                    "onDelete": relation.onDelete.rawValue, "cascade": relation.onDelete == .cascade,
                    "restrict": relation.onDelete == .restrict,
                ]
            },
        ]
        for kind in [ProjectionKind.create, .update, .upsert, .patch]
        where resource.operations.contains(where: { $0.kind.requestProjection == kind }) {
            values["\(kind.rawValue)Fields"] = fields(registry.projection(of: model, kind))
            values["has\(kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst())Fields"] = true
        }
        for operation in resource.operations {
            values[operation.kind.rawValue + (operation.scoped ? "Scoped" : "")] = self.operation(resource, operation)
        }
        if let scope = resource.parent {
            values["parentPath"] = scope.path
            values["parentModel"] = registry.resource(named: scope.resource)?.model.name ?? scope.resource
        }
        for rule in resource.rules {
            if case .maxRecords(let limit) = rule { values["maxRecords"] = limit }
            if case .upsertKey(let fields) = rule { values["upsertKey"] = fields.map { "`\($0)`" }.joined(separator: " and ") }
        }
        return values
    }

    /// A singleton's page: its fields, and its `GET` and `PUT` on a concrete path (key 1).
    func singleton(_ singleton: Singleton) -> [String: Any] {
        let concrete = singleton.parameter.map { singleton.path.replacingOccurrences(of: "{\($0)}", with: "1") } ?? singleton.path
        var values: [String: Any] = [
            "name": singleton.name, "path": singleton.path, "tag": singleton.tag, "model": singleton.model.name,
            "description": singleton.description, "page": "reference/\(singleton.name).md",
            "readFields": fields(registry.projection(of: singleton.model, .read)),
            "scope": registry.info.scope(for: .list)?.name ?? "", "hasScope": registry.info.scope(for: .list) != nil,
        ]
        if let parameter = singleton.parameter {
            values["parameter"] = parameter
            switch singleton.scope {
            case .record(let owner): values["keyOwner"] = registry.resource(named: owner)?.model.name ?? owner
            case .key(let minimum, _): values["keyMinimum"] = minimum
            case .store: break
            }
        }
        if let inherits = singleton.inherits.flatMap(registry.singleton(named:)) {
            values["inherits"] = ["path": inherits.path, "model": inherits.model.name, "page": "\(inherits.name).md"]
        }
        values["read"] = [
            "summary": singleton.read.summary, "description": singleton.read.description, "requestLine": "GET \(concrete)",
            "path": singleton.path, "scope": registry.info.scope(for: .list)?.name ?? "",
            "hasScope": registry.info.scope(for: .list) != nil,
            "operationId": singleton.readOperationID,
            "specLink": "../openapi.yaml" + (specLines["GET \(singleton.path)"].map { "#L\($0)" } ?? ""),
        ]
        if let update = singleton.update {
            values["updateFields"] = fields(registry.projection(of: singleton.model, .patch))
            var write: [String: Any] = [
                "summary": update.summary, "description": update.description, "requestLine": "PUT \(concrete)", "path": singleton.path,
                "operationId": singleton.updateOperationID, "scope": registry.info.scope(for: .update)?.name ?? "",
                "hasScope": registry.info.scope(for: .update) != nil,
                "specLink": "../openapi.yaml" + (specLines["PUT \(singleton.path)"].map { "#L\($0)" } ?? ""),
                "rules": singleton.rules.compactMap { rule -> String? in
                    if case .custom(let custom) = rule { return custom.sentence }
                    return nil
                },
            ]
            if let request = contract.example(method: "PUT", path: singleton.path) { write["requestExample"] = Self.json.string(request) }
            values["update"] = write
        }
        return values
    }

    /// "an Order", "a Shop": the article by the first letter, which suits model names.
    static func withArticle(_ noun: String) -> String {
        guard let first = noun.lowercased().first else { return noun }
        return ("aeiou".contains(first) ? "an " : "a ") + noun
    }

    /// Rows for a fields table: what each field is, and whether this view requires it.
    func fields(_ projected: ProjectedModel) -> [[String: Any]] {
        projected.fields.map { field in
            let type: String =
                switch field.type {
                case .scalar(let scalar): scalar.displayName + constraints(scalar)
                case .array(.model(let nested), _, _): "array of \(nested.schemaName)"
                case .array(.reference(let schemaName, _), _, _): "array of \(schemaName)"
                case .array: field.field.type.displayName
                case .model(let nested): nested.schemaName
                case .reference(let schemaName, _): schemaName
                }
            var row: [String: Any] = [
                "name": field.name, "type": type + (field.field.nullable ? " or null" : ""), "required": field.required ? "yes" : "no",
                "readOnly": field.readOnly, "description": field.field.description,
            ]
            if case .enumeration(let choices) = field.field.type {
                let quoted = choices.map { "`\($0)`" }
                row["choices"] =
                    quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "") : quoted.joined()
            }
            return row
        }
    }

    /// Length and range limits in words: ", 1–100 characters".
    func constraints(_ type: FieldType) -> String {
        switch type {
        case .text(_, let minimum, let maximum, _):
            switch (minimum, maximum) {
            case (let low?, let high?) where low == high: return ", exactly \(low) characters"
            case (let low?, let high?) where low > 0: return ", \(low)–\(high) characters"
            case (_, let high?): return ", at most \(high) characters"
            case (let low?, nil) where low > 0: return ", at least \(low) characters"
            default: return ""
            }
        case .enumeration(let values): return ": " + values.map { "`\($0)`" }.joined(separator: ", ")
        case .integer, .number, .boolean, .dateTime, .date, .array, .model, .reference, .stringMap, .oneOf, .set: return ""
        }
    }

    func operation(_ resource: Resource, _ operation: APIRegistry.Operation) -> [String: Any] {
        let kind = operation.kind
        let method = operation.method
        let path = resource.path(of: operation)
        let status =
            operation.status.map(String.init) ?? (kind == .delete || kind == .deleteOne ? "204" : kind == .createOne ? "201" : "200")
        var values: [String: Any] = [
            "kind": operation.kind.rawValue, "method": method, "path": path, "operationId": resource.operationID(of: operation),
            "summary": operation.summary, "description": operation.description,
            "anchor": Slug.make(operation.summary),
            "scope": registry.info.scope(for: operation.kind)?.name ?? "", "hasScope": registry.info.scope(for: operation.kind) != nil,
            "rules": operation.kind.isWrite ? registry.ruleSentences(for: resource, operation.kind) : [],
            // A line anchor: GitHub shows the YAML at that line, and the HTML site's rendering of the spec does too.
            "specLink": "../openapi.yaml" + (specLines["\(method) \(path)"].map { "#L\($0)" } ?? ""),
            "status": status,
            "hasParameters": !contract.parameterNames(method: method, path: path).isEmpty,
            "parameters": contract.parameterNames(method: method, path: path).map { name in
                ["name": name, "required": operation.kind == .delete && name == DeleteQuery.parameter ? "yes" : "no"]
            },
        ]
        if let limit = operation.batchLimit { values["batchLimit"] = limit }
        // Every operation but a batch shows its request line (a batch shows its array body); the
        // page runs it and shows the answer. Item paths name the first example record.
        let firstID = resource.model.examples.first.flatMap { example in resource.model.identifier.flatMap { example[$0]?.intValue } } ?? 1
        // A delete removes the record the page's create made, when there is one: a sample record
        // may be one that others still reference.
        let identifier = resource.model.identifier ?? "id"
        let creates = resource.operation(.create) != nil || resource.operation(.createOne) != nil
        // A create of one record beside a batch create binds a name of its own, which the item
        // delete then removes.
        let single = resource.operation(.create) != nil && resource.operation(.createOne) != nil ? "createdOne" : "created"
        let doomed = creates ? "$created" : String(firstID)
        // Under a parent's path, the parent of the first example record.
        var collection = resource.path
        if let scope = resource.parent, operation.scoped || kind.isItem {
            let parent = resource.model.examples.first?[scope.storageKey]?.intValue ?? 1
            collection = scope.path.replacingOccurrences(of: "{\(scope.parameter)}", with: String(parent))
        }
        let item = "\(collection)/\(firstID)"
        switch kind {
        case .list:
            values["requestLine"] =
                "GET \(collection)" + (registry.pagingStyles(of: resource).isEmpty ? "" : "?\(registry.pagination.limitParameter)=2")
        case .delete: values["requestLine"] = "DELETE \(path)?\(DeleteQuery.parameter)=\(doomed)"
        case .createOne:
            values["requestLine"] = "POST \(collection)"
            values["capture"] = "\(single)=" + (registry.recordEnvelope == .data ? "data.\(identifier)" : identifier)
        case .read, .patch, .updateOne: values["requestLine"] = "\(method) \(item)"
        case .deleteOne: values["requestLine"] = "DELETE \(collection)/" + (creates ? "$\(single)" : String(firstID))
        case .create: values["capture"] = "created=data[0].\(identifier)"
        case .update, .upsert: break
        }
        if let request = contract.example(method: method, path: path) {
            values["requestExample"] = Self.json.string(request)
            values["requestMarker"] = "request=\"\(method) \(path)\""
            values["batchExample"] = kind.isBatch
        }
        values["errors"] = (contract.operation(method: method, path: path)?.responses.map(\.key.rawValue) ?? [])
            .filter { $0.hasPrefix("4") }
            .compactMap { code -> [String: Any]? in
                guard let example = contract.example(method: method, path: path, status: code) else { return nil }
                return ["status": code, "marker": "response=\"\(method) \(path) \(code)\"", "example": Self.json.string(example)]
            }
        for case let error as [String: Any] in values["errors"] as? [Any] ?? [] {
            if let code = error["status"] as? String { values["error\(code)"] = error }
        }
        if let response = contract.example(method: method, path: path, status: status) {
            values["responseExample"] = Self.json.string(response)
            values["responseMarker"] = "response=\"\(method) \(path) \(status)\""
        }
        return values
    }

    /// Every error status the API answers with, each with a real body: from the spec's
    /// examples, and the 404 and 405 every path can give.
    func errorStatuses() -> [[String: Any]] {
        var seen: [String: [String: Any]] = [:]
        var order: [String] = []
        for resource in registry.resources {
            for operation in resource.operations {
                guard let documented = contract.operation(method: operation.method, path: resource.path) else { continue }
                for (status, response) in documented.responses where status.rawValue.hasPrefix("4") && seen[status.rawValue] == nil {
                    guard let example = contract.example(method: operation.method, path: resource.path, status: status.rawValue) else {
                        continue
                    }
                    seen[status.rawValue] = [
                        "status": status.rawValue, "when": contract.document.components[response]?.description ?? "",
                        "operation": "\(operation.method) \(resource.path)", "example": Self.json.string(example),
                        "marker": "response=\"\(operation.method) \(resource.path) \(status.rawValue)\"",
                    ]
                    order.append(status.rawValue)
                }
            }
        }
        let first = registry.resources.first
        // A path that is none of the API's: the 404 every path can give.
        let unknownPath = "/nothing-here"
        let extra: [(String, String, APIError)] = [
            ("404", "The path names no resource.", .notFound(unknownPath, resources: registry.servedPaths)),
            (
                "405", "The resource does not offer the method; the `Allow` header lists those it does.",
                .methodNotAllowed("PATCH", path: first?.path ?? "/", allowed: first?.methods ?? [])
            ),
        ]
        for (status, when, error) in extra where seen[status] == nil {
            seen[status] = [
                "status": status, "when": when, "operation": "any", "example": Self.json.string(error.body(registry.info)),
                "marker": "schema=\"ErrorResponse\"",
            ]
            order.append(status)
        }
        return order.sorted().compactMap { seen[$0] }
    }
}

/// Heading anchors as GitHub and the HTML preview both make them: "Update orders" → `update-orders`.
enum Slug {
    static func make(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if character == " " || character == "-" {
                slug.append("-")
            }
        }
        return slug
    }
}
