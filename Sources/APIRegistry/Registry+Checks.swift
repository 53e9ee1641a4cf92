import JSONModel

extension Registry {
    /// Declarations that contradict each other, one sentence each, naming the resource
    /// and field. Generation refuses a registry with any.
    public func declarationProblems() -> [DeclarationProblem] {
        var problems: [DeclarationProblem] = []
        var names: Set<String> = []
        var paths: Set<String> = []
        for documented in self.documented {
            if let problem = documented.problem {
                problems.append(DeclarationProblem("\(documented.method) \(documented.path): \(problem)", at: documented.declaredAt))
            }
        }
        for (name, model) in modelsNamingUnknownReferences() {
            problems.append(
                DeclarationProblem(
                    "model \(model.name): .reference(\"\(name)\") names no model the registry declares with .model", at: model.declaredAt))
        }
        for schema in documentedSchemas {
            if let problem = schema.problem {
                problems.append(DeclarationProblem("documented schema '\(schema.name)': \(problem)", at: nil))
            }
        }
        for resource in resources {
            let at = "resource '\(resource.name)'"
            if !names.insert(resource.name).inserted {
                problems.append(DeclarationProblem("\(at): the name is used by another resource", at: resource.declaredAt))
            }
            if !paths.insert(resource.path).inserted {
                problems.append(DeclarationProblem("\(at): the path \(resource.path) is used by another resource", at: resource.declaredAt))
            }
            problems += modelProblems(resource.model, at: "\(at), model \(resource.model.name)")
            let model = resource.model
            for filter in resource.filters {
                for field in filter.fields where model.field(named: field) == nil {
                    let hint = Spelling.closest(to: field, in: model.fields.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                    problems.append(
                        DeclarationProblem(
                            "\(at): filter '\(filter.name)' matches '\(field)', which \(model.name) does not have\(hint)",
                            at: filter.declaredAt))
                }
                if filter.operators.isEmpty {
                    problems.append(DeclarationProblem("\(at): filter '\(filter.name)' has no operators", at: filter.declaredAt))
                }
            }
            if let paging = resource.paging, paging.isEmpty || Set(paging).count != paging.count {
                problems.append(
                    DeclarationProblem("\(at): paging lists each style at most once, and at least one", at: resource.declaredAt))
            }
            if let layout = listLayout(of: resource) {
                if layout.members.filter({ $0.value == .records }).count != 1
                    || Set(layout.members.map(\.name)).count != layout.members.count || layout.after == layout.before
                {
                    problems.append(
                        DeclarationProblem(
                            "\(at): its list layout needs exactly one member holding the records, members of distinct names, and distinct cursor parameters",
                            at: resource.declaredAt))
                }
                let taken = resource.filters.flatMap(\.parameterNames)
                for cursor in [layout.after] + (layout.before.map { [$0] } ?? []) where taken.contains(cursor) {
                    problems.append(
                        DeclarationProblem(
                            "\(at): the cursor parameter '\(cursor)' is also a filter's; rename one", at: resource.declaredAt))
                }
            }
            let own = ListQuery.ownParameters(resource, pagination).filter { !resource.shaping.names.contains($0) }
            for name in resource.shaping.names
            where resource.filters.flatMap(\.parameterNames).contains(name) || own.contains(name)
                || resource.shaping.names.filter({ $0 == name }).count > 1
            {
                problems.append(
                    DeclarationProblem(
                        "\(at): the list parameter '\(name)' is also a filter's or another parameter's; rename one", at: resource.declaredAt
                    ))
            }
            // A list that pages by page too sorts there; a cursor request refuses `sort`.
            if pagingStyles(of: resource) == [.cursor] && !resource.sortKeys.isEmpty {
                problems.append(
                    DeclarationProblem(
                        "\(at): cursor pagination pages in identifier order, so sort keys cannot be offered; drop them, or page by page too",
                        at: resource.declaredAt))
            }
            for key in resource.sortKeys where model.field(named: key)?.isVisible(in: .read) != true {
                problems.append(
                    DeclarationProblem("\(at): sort key '\(key)' is not a readable field of \(model.name)", at: resource.declaredAt))
            }
            for include in resource.includes where resource.includedField(include) == nil {
                problems.append(
                    DeclarationProblem(
                        "\(at): include '\(include)' names no readable field of \(model.name) (by its name or its `includedAs`)",
                        at: resource.declaredAt))
            }
            for relation in resource.relations {
                if model.field(named: relation.field) == nil {
                    problems.append(
                        DeclarationProblem(
                            "\(at): relation field '\(relation.field)' is not a field of \(model.name)", at: relation.declaredAt))
                }
                if self.resource(named: relation.resource) == nil {
                    problems.append(
                        DeclarationProblem(
                            "\(at): relation '\(relation.field)' references the unknown resource '\(relation.resource)'",
                            at: relation.declaredAt))
                }
            }
            for rule in resource.rules {
                for field in rule.fieldNames where model.field(named: field) == nil {
                    problems.append(
                        DeclarationProblem("\(at): a rule names '\(field)', which \(model.name) does not have", at: resource.declaredAt))
                }
            }
            for operation in resource.operations where operation.kind.isBatch {
                if (operation.batchLimit ?? 0) < 1 {
                    problems.append(
                        DeclarationProblem("\(at): \(operation.method) needs a batch limit of at least 1", at: operation.declaredAt))
                }
            }
            for operation in resource.operations where !operation.kind.isBatch && operation.batchLimit != nil {
                problems.append(
                    DeclarationProblem(
                        "\(at): \(operation.kind.rawValue) takes one record, not a batch; drop its batch limit", at: operation.declaredAt))
            }
            var actionNames: Set<String> = []
            for action in resource.actions {
                if !actionNames.insert("\(action.onItem) \(action.name)").inserted {
                    problems.append(DeclarationProblem("\(at): the action '\(action.name)' is declared twice", at: resource.declaredAt))
                }
                if action.onItem && resource.model.identifier == nil {
                    problems.append(
                        DeclarationProblem(
                            "\(at): the action '\(action.name)' on \(resource.itemPath) needs the model to declare its identifier",
                            at: resource.declaredAt))
                }
            }
            let declared = resource.operations.map { "\($0.kind.rawValue)\($0.scoped ? " (scoped)" : "")" }
            if Set(declared).count != declared.count {
                problems.append(DeclarationProblem("\(at): an operation kind is declared twice", at: resource.declaredAt))
            }
            var byPath: [String: OperationKind] = [:]
            for operation in resource.operations {
                let key = "\(operation.method) \(resource.path(of: operation))"
                if let other = byPath[key], other != operation.kind {
                    problems.append(
                        DeclarationProblem(
                            "\(at): \(other.rawValue) and \(operation.kind.rawValue) both use \(key); declare one", at: operation.declaredAt
                        ))
                }
                byPath[key] = operation.kind
            }
            if resource.hasItemOperations && resource.model.identifier == nil {
                problems.append(
                    DeclarationProblem(
                        "\(at): operations on \(resource.itemPath) need the model to declare its identifier", at: resource.declaredAt))
            }
            problems += scopeProblems(resource, at: at)
        }
        var singletonPaths: Set<String> = []
        for singleton in singletons {
            let at = "singleton '\(singleton.name)'"
            if !names.insert(singleton.name).inserted {
                problems.append(
                    DeclarationProblem("\(at): the name is used by another resource or singleton", at: singleton.model.declaredAt))
            }
            if !singletonPaths.insert(singleton.path).inserted || paths.contains(singleton.path) {
                problems.append(
                    DeclarationProblem(
                        "\(at): the path \(singleton.path) is used by another resource or singleton", at: singleton.model.declaredAt))
            }
            problems += modelProblems(singleton.model, at: "\(at), model \(singleton.model.name)")
            if singleton.scope != .store && singleton.parameter == nil {
                problems.append(
                    DeclarationProblem(
                        "\(at): one object per key needs a {parameter} in the path \(singleton.path)", at: singleton.model.declaredAt))
            }
            if case .record(let owner) = singleton.scope, resource(named: owner) == nil {
                problems.append(
                    DeclarationProblem("\(at): the scope names the unknown resource '\(owner)'", at: singleton.model.declaredAt))
            }
            if let inherits = singleton.inherits, self.singleton(named: inherits) == nil {
                problems.append(
                    DeclarationProblem("\(at): it inherits from the unknown singleton '\(inherits)'", at: singleton.model.declaredAt))
            }
        }
        return problems + eventProblems()
    }

    /// Event names are unique; an action trigger names an action of its resource; a payload's
    /// members have distinct paths, none inside another, and name fields its records have; one
    /// payload name means one payload.
    private func eventProblems() -> [DeclarationProblem] {
        var problems: [DeclarationProblem] = []
        var seen: Set<String> = []
        var payloads: [String: EventPayload] = [:]
        for resource in resources {
            let at = "resource '\(resource.name)'"
            for event in resource.events {
                if !seen.insert(event.name).inserted || event.name.isEmpty {
                    problems.append(
                        DeclarationProblem("\(at): the event '\(event.name)' is declared twice, or has no name", at: resource.declaredAt))
                }
                if case .action(let name) = event.trigger, !resource.actions.contains(where: { $0.name == name }) {
                    problems.append(
                        DeclarationProblem(
                            "\(at): the event '\(event.name)' is raised by the action '\(name)', which the resource does not have",
                            at: resource.declaredAt))
                }
                let payload = event.payload
                if let other = payloads[payload.name], other != payload {
                    problems.append(
                        DeclarationProblem(
                            "\(at): two different event payloads are named '\(payload.name)'; give one another name",
                            at: resource.declaredAt))
                }
                payloads[payload.name] = payload
                let paths = payload.members.map(\.path)
                for (index, path) in paths.enumerated()
                where path.isEmpty || paths[..<index].contains(where: { $0.starts(with: path) || path.starts(with: $0) }) {
                    problems.append(
                        DeclarationProblem(
                            "\(at): the payload '\(payload.name)' has the member '\(path.joined(separator: "."))' twice, or inside another",
                            at: resource.declaredAt))
                }
                for member in payload.members {
                    if case .field(let name) = member.value, resource.model.field(named: name) == nil {
                        problems.append(
                            DeclarationProblem(
                                "\(at): the payload '\(payload.name)' takes '\(member.name)' from the field '\(name)', which \(resource.model.name) does not have",
                                at: resource.declaredAt))
                    }
                }
            }
        }
        return problems
    }

    /// A sub-collection's parent must exist, and its path must lie under the parent's.
    private func scopeProblems(_ resource: Resource, at: String) -> [DeclarationProblem] {
        var problems: [DeclarationProblem] = []
        if let scope = resource.parent {
            if let parent = self.resource(named: scope.resource) {
                if !scope.path.hasPrefix(parent.path + "/{") {
                    problems.append(
                        DeclarationProblem(
                            "\(at): the scoped path \(scope.path) must start with \(parent.path)/{parameter}", at: resource.declaredAt))
                }
            } else {
                problems.append(
                    DeclarationProblem("\(at): the parent scope names the unknown resource '\(scope.resource)'", at: resource.declaredAt))
            }
            if let field = scope.field, resource.model.field(named: field) == nil {
                problems.append(
                    DeclarationProblem(
                        "\(at): the parent field '\(field)' is not a field of \(resource.model.name)", at: resource.declaredAt))
            }
        }
        for operation in resource.operations where operation.scoped {
            if resource.parent == nil {
                problems.append(
                    DeclarationProblem(
                        "\(at): \(operation.kind.rawValue) is scoped, but the resource has no parent scope", at: operation.declaredAt))
            }
            if operation.kind.isBatch || operation.kind == .delete {
                problems.append(
                    DeclarationProblem(
                        "\(at): \(operation.kind.rawValue) cannot be scoped to a parent; scope list, createOne and item operations",
                        at: operation.declaredAt))
            }
        }
        let taken = Set(resource.filters.flatMap(\.parameterNames) + ListQuery.ownParameters(resource, pagination))
        var others: Set<String> = []
        for other in resource.otherParameters where taken.contains(other.name) || !others.insert(other.name).inserted {
            problems.append(
                DeclarationProblem(
                    "\(at): the query parameter '\(other.name)' is declared twice, or is also a filter's or the list's own; rename one",
                    at: resource.declaredAt))
        }
        if resource.listEnvelope == .bare && resource.paging?.contains(.cursor) == true {
            problems.append(
                DeclarationProblem(
                    "\(at): a bare-array list pages by page or offset, linking its neighbours in the Link header; it has no cursor to give",
                    at: resource.declaredAt))
        }
        return problems
    }

    private func modelProblems(_ model: Model, at: String) -> [DeclarationProblem] {
        var problems: [DeclarationProblem] = []
        var seen: Set<String> = []
        for field in model.fields {
            if !seen.insert(field.name).inserted {
                problems.append(DeclarationProblem("\(at): field '\(field.name)' is declared twice", at: field.declaredAt))
            }
            if let contradiction = field.type.contradiction {
                problems.append(DeclarationProblem("\(at): field '\(field.name)': \(contradiction)", at: field.declaredAt))
            }
            if !field.requiredIn.isSubset(of: field.visibility) {
                problems.append(
                    DeclarationProblem("\(at): field '\(field.name)' is required in a view it is not visible in", at: field.declaredAt))
            }
        }
        if let identifier = model.identifier, model.field(named: identifier) == nil {
            problems.append(DeclarationProblem("\(at): identifier '\(identifier)' is not a field", at: model.declaredAt))
        }
        for (index, example) in model.examples.enumerated() {
            problems += exampleKeyProblems(example, model, at: "\(at), example \(index + 1)", path: .root, location: model.declaredAt)
        }
        return problems
    }

    /// Projections keep only declared fields, so an undeclared key in an example would
    /// vanish silently; report it instead.
    private func exampleKeyProblems(
        _ example: JSONValue, _ model: Model, at: String, path: JSONPath, location: SourceLocation
    ) -> [DeclarationProblem] {
        guard case .object(let object) = example else { return [DeclarationProblem("\(at): \(path) is not an object", at: location)] }
        var problems: [DeclarationProblem] = []
        // `#` keys are for the store only (the parent of a record that does not show it).
        for (key, value) in object where !key.hasPrefix("#") {
            guard let field = model.field(named: key) else {
                problems.append(DeclarationProblem("\(at): '\(path.appending(key: key))' is not a field of \(model.name)", at: location))
                continue
            }
            switch (field.type, value) {
            case (.model(let nested), _):
                problems += exampleKeyProblems(value, nested, at: at, path: path.appending(key: key), location: location)
            case (.array(.model(let nested), _, _), .array(let items)):
                for (index, item) in items.enumerated() {
                    problems += exampleKeyProblems(
                        item, nested, at: at, path: path.appending(key: key).appending(index: index), location: location)
                }
            default: break
            }
        }
        return problems
    }
}

extension FieldType {
    /// Bounds no value can meet (`minLength: 300, maxLength: 255`), said as a contradiction.
    var contradiction: String? {
        func check<T: Comparable>(_ low: T?, _ high: T?, _ names: (String, String)) -> String? {
            guard let low, let high, low > high else { return nil }
            return "\(names.0) \(low) is above \(names.1) \(high), so no value is valid"
        }
        switch self {
        case .text(_, let minLength, let maxLength, _): return check(minLength, maxLength, ("minLength", "maxLength"))
        case .integer(let minimum, let maximum): return check(minimum, maximum, ("minimum", "maximum"))
        case .number(let minimum, let maximum): return check(minimum, maximum, ("minimum", "maximum"))
        case .array(let element, let minItems, let maxItems):
            return check(minItems, maxItems, ("minItems", "maxItems")) ?? element.contradiction
        case .enumeration(let values): return values.isEmpty ? "an enumeration with no values admits nothing" : nil
        case .set(let element): return element.contradiction
        case .oneOf(let types): return types.lazy.compactMap(\.contradiction).first
        case .boolean, .dateTime, .date, .model, .reference, .stringMap: return nil
        }
    }
}

extension Rule {
    /// The fields of its own resource a rule names.
    var fieldNames: [String] {
        switch self {
        case .unique(let field), .immutable(let field): [field]
        case .maxRecords, .custom: []
        case .valueMatchesType(let field, let relation, _, _): [field, relation]
        case .upsertKey(let fields), .exactlyOne(let fields), .uniqueTogether(let fields), .ignoresDuplicates(let fields): fields
        }
    }
}

extension Registry {
    /// Each `.reference` a model's fields make to a name no model has, with the model, by model name.
    func modelsNamingUnknownReferences() -> [(String, Model)] {
        func references(_ type: FieldType) -> [String] {
            switch type {
            case .reference(let name): [name]
            case .array(let element, _, _), .set(let element): references(element)
            case .oneOf(let options): options.flatMap(references)
            case .model, .text, .integer, .number, .boolean, .dateTime, .date, .enumeration, .stringMap: []
            }
        }
        return modelsByName.values.sorted { $0.name < $1.name }.flatMap { model in
            model.fields.flatMap { references($0.type) }.filter { self.model(named: $0) == nil }.map { ($0, model) }
        }
    }
}
