import JSONModel

extension Registry {
    /// Declarations that contradict each other, one sentence each, naming the resource
    /// and field. Generation refuses a registry with any.
    public func declarationProblems() -> [String] {
        var problems: [String] = []
        var names: Set<String> = []
        var paths: Set<String> = []
        for resource in resources {
            let at = "resource '\(resource.name)'"
            if !names.insert(resource.name).inserted { problems.append("\(at): the name is used by another resource") }
            if !paths.insert(resource.path).inserted { problems.append("\(at): the path \(resource.path) is used by another resource") }
            problems += modelProblems(resource.model, at: "\(at), model \(resource.model.name)")
            let model = resource.model
            for filter in resource.filters {
                for field in filter.fields where model.field(named: field) == nil {
                    problems.append("\(at): filter '\(filter.name)' matches '\(field)', which \(model.name) does not have")
                }
                if filter.operators.isEmpty { problems.append("\(at): filter '\(filter.name)' has no operators") }
            }
            if let paging = resource.paging, paging.isEmpty || Set(paging).count != paging.count {
                problems.append("\(at): paging lists each style at most once, and at least one")
            }
            if pagingStyles(of: resource).contains(.cursor) && !resource.sortKeys.isEmpty {
                problems.append("\(at): cursor pagination pages in identifier order, so sort keys cannot be offered; drop them")
            }
            for key in resource.sortKeys where model.field(named: key)?.isVisible(in: .read) != true {
                problems.append("\(at): sort key '\(key)' is not a readable field of \(model.name)")
            }
            for include in resource.includes where resource.includedField(include) == nil {
                problems.append(
                    "\(at): include '\(include)' names no readable field of \(model.name) (by its name or its `includedAs`)")
            }
            for relation in resource.relations {
                if model.field(named: relation.field) == nil {
                    problems.append("\(at): relation field '\(relation.field)' is not a field of \(model.name)")
                }
                if self.resource(named: relation.resource) == nil {
                    problems.append("\(at): relation '\(relation.field)' references the unknown resource '\(relation.resource)'")
                }
            }
            for rule in resource.rules {
                for field in rule.fieldNames where model.field(named: field) == nil {
                    problems.append("\(at): a rule names '\(field)', which \(model.name) does not have")
                }
            }
            for operation in resource.operations where operation.kind.isBatch {
                if (operation.batchLimit ?? 0) < 1 {
                    problems.append("\(at): \(operation.kind.method) needs a batch limit of at least 1")
                }
            }
            for operation in resource.operations where !operation.kind.isBatch && operation.batchLimit != nil {
                problems.append("\(at): \(operation.kind.rawValue) takes one record, not a batch; drop its batch limit")
            }
            var actionNames: Set<String> = []
            for action in resource.actions {
                if !actionNames.insert("\(action.onItem) \(action.name)").inserted {
                    problems.append("\(at): the action '\(action.name)' is declared twice")
                }
                if action.onItem && resource.model.identifier == nil {
                    problems.append("\(at): the action '\(action.name)' on \(resource.itemPath) needs the model to declare its identifier")
                }
            }
            let declared = resource.operations.map { "\($0.kind.rawValue)\($0.scoped ? " (scoped)" : "")" }
            if Set(declared).count != declared.count { problems.append("\(at): an operation kind is declared twice") }
            var byPath: [String: OperationKind] = [:]
            for operation in resource.operations {
                let key = "\(operation.kind.method) \(resource.path(of: operation))"
                if let other = byPath[key], other != operation.kind {
                    problems.append("\(at): \(other.rawValue) and \(operation.kind.rawValue) both use \(key); declare one")
                }
                byPath[key] = operation.kind
            }
            if resource.hasItemOperations && resource.model.identifier == nil {
                problems.append("\(at): operations on \(resource.itemPath) need the model to declare its identifier")
            }
            problems += scopeProblems(resource, at: at)
        }
        var singletonPaths: Set<String> = []
        for singleton in singletons {
            let at = "singleton '\(singleton.name)'"
            if !names.insert(singleton.name).inserted { problems.append("\(at): the name is used by another resource or singleton") }
            if !singletonPaths.insert(singleton.path).inserted || paths.contains(singleton.path) {
                problems.append("\(at): the path \(singleton.path) is used by another resource or singleton")
            }
            problems += modelProblems(singleton.model, at: "\(at), model \(singleton.model.name)")
            if singleton.scope != .store && singleton.parameter == nil {
                problems.append("\(at): one object per key needs a {parameter} in the path \(singleton.path)")
            }
            if case .record(let owner) = singleton.scope, resource(named: owner) == nil {
                problems.append("\(at): the scope names the unknown resource '\(owner)'")
            }
            if let inherits = singleton.inherits, self.singleton(named: inherits) == nil {
                problems.append("\(at): it inherits from the unknown singleton '\(inherits)'")
            }
        }
        return problems
    }

    /// A sub-collection's parent must exist, and its path must lie under the parent's.
    private func scopeProblems(_ resource: Resource, at: String) -> [String] {
        var problems: [String] = []
        if let scope = resource.parent {
            if let parent = self.resource(named: scope.resource) {
                if !scope.path.hasPrefix(parent.path + "/{") {
                    problems.append("\(at): the scoped path \(scope.path) must start with \(parent.path)/{parameter}")
                }
            } else {
                problems.append("\(at): the parent scope names the unknown resource '\(scope.resource)'")
            }
            if let field = scope.field, resource.model.field(named: field) == nil {
                problems.append("\(at): the parent field '\(field)' is not a field of \(resource.model.name)")
            }
        }
        for operation in resource.operations where operation.scoped {
            if resource.parent == nil {
                problems.append("\(at): \(operation.kind.rawValue) is scoped, but the resource has no parent scope")
            }
            if operation.kind.isBatch || operation.kind == .delete {
                problems.append("\(at): \(operation.kind.rawValue) cannot be scoped to a parent; scope list, createOne and item operations")
            }
        }
        if resource.listEnvelope == .bare && !resource.sortKeys.isEmpty {
            problems.append("\(at): a bare-array list is not paged or sorted; drop the sort keys")
        }
        return problems
    }

    private func modelProblems(_ model: Model, at: String) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for field in model.fields {
            if !seen.insert(field.name).inserted { problems.append("\(at): field '\(field.name)' is declared twice") }
            if !field.requiredIn.isSubset(of: field.visibility) {
                problems.append("\(at): field '\(field.name)' is required in a view it is not visible in")
            }
        }
        if let identifier = model.identifier, model.field(named: identifier) == nil {
            problems.append("\(at): identifier '\(identifier)' is not a field")
        }
        for (index, example) in model.examples.enumerated() {
            problems += exampleKeyProblems(example, model, at: "\(at), example \(index + 1)", path: .root)
        }
        return problems
    }

    /// Projections keep only declared fields, so an undeclared key in an example would
    /// vanish silently; report it instead.
    private func exampleKeyProblems(_ example: JSONValue, _ model: Model, at: String, path: JSONPath) -> [String] {
        guard case .object(let object) = example else { return ["\(at): \(path) is not an object"] }
        var problems: [String] = []
        // `#` keys are for the store only (the parent of a record that does not show it).
        for (key, value) in object where !key.hasPrefix("#") {
            guard let field = model.field(named: key) else {
                problems.append("\(at): '\(path.appending(key: key))' is not a field of \(model.name)")
                continue
            }
            switch (field.type, value) {
            case (.model(let nested), _):
                problems += exampleKeyProblems(value, nested, at: at, path: path.appending(key: key))
            case (.array(.model(let nested), _, _), .array(let items)):
                for (index, item) in items.enumerated() {
                    problems += exampleKeyProblems(item, nested, at: at, path: path.appending(key: key).appending(index: index))
                }
            default: break
            }
        }
        return problems
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
