import JSONModel

/// The views of a model that become schemas.
public enum ProjectionKind: String, Sendable, Hashable, CaseIterable {
    /// What responses carry: every readable field; server-set fields are read-only.
    case read
    /// A create request item: create-visible fields, no identifier, no read-only field.
    case create
    /// An update request item: the identifier (required) and every updatable field, all optional.
    case update
    /// An upsert request item: like create, the upsert key fields identify the record.
    case upsert
    /// A partial update of the record the path names: every updatable field, all optional.
    case patch

    /// The visibility whose fields the projection shows.
    public var visibility: Visibility {
        switch self {
        case .read: .read
        case .create, .upsert: .create
        case .update, .patch: .update
        }
    }

    var suffix: String {
        switch self {
        case .read: ""
        case .create: "Create"
        case .update: "Update"
        case .upsert: "Upsert"
        case .patch: "Patch"
        }
    }
}

/// A model seen through one projection: the fields a schema has.
public struct ProjectedModel: Sendable {
    /// The component schema name: `Order`, `OrderCreate`, `OrderLineInput`.
    public let schemaName: String
    /// The model projected.
    public let model: Model
    /// The view: read, create, update, upsert or patch.
    public let kind: ProjectionKind
    /// The schema's description.
    public let description: String
    /// The members of the schema, in the model's order.
    public let fields: [ProjectedField]

    /// The field a member of this schema holds, by its name on the wire.
    public func field(named name: String) -> ProjectedField? {
        fields.first { $0.name == name }
    }

    /// The names on the wire of the members the schema requires.
    public var requiredFieldNames: [String] {
        fields.filter(\.required).map(\.name)
    }

    /// Whether some field has another name on the wire than in the model.
    public var renames: Bool { fields.contains { $0.name != $0.field.name } }

    /// `value`, keyed by the model's field names, cut down to the members this projection
    /// shows and keyed by their names on the wire, nested values included.
    public func project(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        var result = JSONObject()
        for (key, member) in object {
            guard let field = fields.first(where: { $0.field.name == key }) else { continue }
            result[field.name] = field.type.project(member)
        }
        return .object(result)
    }

    /// A member sent under a wire name, keyed by the model's field name (unknown keys kept).
    public func modelKeyed(_ object: JSONObject) -> JSONObject {
        guard renames else { return object }
        var result = JSONObject()
        for (key, member) in object { result[field(named: key)?.field.name ?? key] = member }
        return result
    }

    /// The model's examples as this projection shows them.
    public var examples: [JSONValue] { model.examples.map(project) }
}

/// A field as it appears in one projection.
public struct ProjectedField: Sendable {
    /// The model's field.
    public let field: Field
    /// The member's name on the wire: the field's name, or its `embeddedName` in an embedded record.
    public let name: String
    /// Its type, with nested models resolved to their projections.
    public let type: ProjectedType
    /// Whether the schema requires it.
    public let required: Bool
    /// Set by the server: an error when sent in a request.
    public let readOnly: Bool
}

/// A field type with nested models resolved to their projected schemas.
public indirect enum ProjectedType: Sendable {
    case scalar(FieldType)
    case array(ProjectedType, minItems: Int?, maxItems: Int?)
    case model(ProjectedModel)
    /// A model the registry declares further out, by the name of its schema in this view
    /// (`Comment`, `CommentInput`) and the model's name.
    case reference(schemaName: String, model: String)

    func project(_ value: JSONValue) -> JSONValue {
        switch (self, value) {
        case (.model(let model), _): model.project(value)
        case (.array(let element, _, _), .array(let items)): .array(items.map(element.project))
        default: value
        }
    }
}

extension Registry {
    /// The projection of `model` for `kind`.
    ///
    /// A nested model that is another resource's model is an embedded child: responses
    /// embed its read schema, requests its create schema without the relation field that
    /// points back at the parent (the parent supplies it), named `ParentChildInput`.
    /// Any other nested model is a value object with one schema holding all its fields.
    public func projection(of model: Model, _ kind: ProjectionKind, embeddedIn parent: Model? = nil) -> ProjectedModel {
        let visibility = kind.visibility
        var fields: [ProjectedField] = []
        if kind == .update, let identifier = model.identifier, let id = model.field(named: identifier) {
            fields.append(
                ProjectedField(field: id, name: id.name, type: projectedType(id.type, kind, in: model), required: true, readOnly: false))
        }
        let child = resource(owning: model)
        let parentKey = parent.flatMap { parent in
            child.flatMap { child in resource(owning: parent).flatMap { child.relation(to: $0.name)?.field } }
        }
        // The parent sets its key; fields that exclude it (`exactlyOne`) cannot be sent with it.
        var supplied: Set<String> = parentKey.map { [$0] } ?? []
        if let parentKey, let child, kind != .read {
            for case .exactlyOne(let group) in child.rules where group.contains(parentKey) { supplied.formUnion(group) }
        }
        for field in model.fields where field.isVisible(in: visibility) {
            let isIdentifier = field.name == model.identifier
            if kind != .read && isIdentifier { continue }
            if kind != .read && supplied.contains(field.name) { continue }
            fields.append(
                ProjectedField(
                    field: field,
                    name: parent != nil ? field.embeddedName ?? field.name : field.name,
                    type: projectedType(field.type, kind, in: model),
                    required: kind == .update || kind == .patch ? false : field.isRequired(in: visibility),
                    readOnly: kind == .read && (field.isReadOnly || isIdentifier)
                )
            )
        }
        let schemaName =
            switch (kind, parent) {
            case (.read, .some(let parent)): parent.name + model.name
            case (_, .some(let parent)): parent.name + model.name + "Input"
            case (_, nil): model.name + kind.suffix
            }
        let description =
            switch (kind, parent) {
            case (.read, .some(let parent)): "\(model.description) Inside \(article(parent.name).lowercased()) \(parent.name)."
            case (_, .some(let parent)):
                "\(model.name) to create with its \(parent.name); \(parentKey ?? "the parent key") is set from the \(parent.name)."
            case (.read, nil): model.description
            case (.create, nil):
                "\(article(model.name)) \(model.name) to create. Server-set fields (\(serverSetFields(of: model))) are not accepted."
            case (.update, nil):
                "Changes to one \(model.name). `\(model.identifier ?? "id")` names the record; every other field is optional and only the fields sent change."
            case (.upsert, nil): "\(article(model.name)) \(model.name) to create, or to replace when one with the same key exists."
            case (.patch, nil): "Changes to the \(model.name) the path names: every field is optional, and only the fields sent change."
            }
        return ProjectedModel(schemaName: schemaName, model: model, kind: kind, description: description, fields: fields)
    }

    /// The schema of a model that is not a resource of its own: an action's body or answer, or
    /// a value object inside a record. One that is answered is a read view, open to fields added
    /// later like every response; one that is sent is closed. A value object sent inside a
    /// request is named `NameInput`, so it can be both.
    public func valueObjectProjection(of model: Model, answered: Bool = false, nested: Bool = false) -> ProjectedModel {
        let kind: ProjectionKind = answered ? .read : .create
        // Answered, the members responses show; sent, those a client may set.
        let visible = model.fields.filter { answered ? $0.isVisible(in: .read) : $0.isVisible(in: .create) || $0.isVisible(in: .update) }
        let fields = visible.map { field in
            ProjectedField(
                field: field, name: field.name, type: projectedType(field.type, kind, in: model, valueObject: true),
                required: !field.requiredIn.isEmpty, readOnly: false)
        }
        let schemaName = nested && !answered ? model.name + "Input" : model.name
        return ProjectedModel(schemaName: schemaName, model: model, kind: kind, description: model.description, fields: fields)
    }

    private func projectedType(_ type: FieldType, _ kind: ProjectionKind, in parent: Model, valueObject: Bool = false) -> ProjectedType {
        switch type {
        case .array(let element, let minItems, let maxItems):
            return .array(projectedType(element, kind, in: parent, valueObject: valueObject), minItems: minItems, maxItems: maxItems)
        case .reference(let name):
            return .reference(schemaName: kind == .read ? name : name + "Input", model: name)
        case .model(let nested):
            guard !valueObject, resource(owning: nested) != nil else {
                return .model(valueObjectProjection(of: nested, answered: kind == .read, nested: true))
            }
            if kind == .read {
                // An embedded record has its own read schema only when some field is named otherwise there.
                let embedded = projection(of: nested, .read, embeddedIn: parent)
                return .model(embedded.renames ? embedded : projection(of: nested, .read))
            }
            return .model(projection(of: nested, .create, embeddedIn: parent))
        case .text, .integer, .number, .boolean, .dateTime, .date, .enumeration, .stringMap, .oneOf, .set:
            return .scalar(type)
        }
    }

    private func article(_ noun: String) -> String {
        "AEIOU".contains(noun.first ?? "x") ? "An" : "A"
    }

    private func serverSetFields(of model: Model) -> String {
        model.fields.filter { $0.isReadOnly }.map { "`\($0.name)`" }.joined(separator: ", ")
    }

    /// The schema a batch item of `kind` on `resource` is validated against.
    public func requestProjection(of resource: Resource, _ kind: OperationKind) -> ProjectedModel? {
        kind.requestProjection.map { projection(of: resource.model, $0) }
    }

    /// The schema an operation's body (or each item of it) is validated against. A create under
    /// a parent's path leaves out the field the path sets.
    public func requestProjection(of resource: Resource, _ operation: Operation) -> ProjectedModel? {
        if operation.scoped, operation.kind == .createOne, let scope = resource.parent, let parent = self.resource(named: scope.resource) {
            return projection(of: resource.model, .create, embeddedIn: parent.model)
        }
        return requestProjection(of: resource, operation.kind)
    }

    /// Every projection the API's schemas need, each once, in a stable order: per
    /// resource its read view, then the request views of its write operations, each
    /// followed by the nested schemas it uses.
    public func allProjections() -> [ProjectedModel] {
        projections.get(projectAll)
    }

    private func projectAll() -> [ProjectedModel] {
        var seen: Set<String> = []
        var ordered: [ProjectedModel] = []
        func visit(_ projected: ProjectedModel) {
            guard seen.insert(projected.schemaName).inserted else { return }
            ordered.append(projected)
            for field in projected.fields { visitNested(field.type) }
        }
        // A model among a field's choices is referred to by its own name, as a value object.
        func visitChoices(_ type: FieldType) {
            switch type {
            case .oneOf(let options): options.forEach(visitChoices)
            case .model(let model): visit(valueObjectProjection(of: model, answered: true))
            case .reference(let name): if let model = model(named: name) { visit(valueObjectProjection(of: model, answered: true)) }
            case .array(let element, _, _), .set(let element): visitChoices(element)
            default: break
            }
        }
        func visitNested(_ type: ProjectedType) {
            switch type {
            case .scalar(.oneOf(let options)): options.forEach(visitChoices)
            case .scalar: break
            case .array(let element, _, _): visitNested(element)
            case .model(let nested): visit(nested)
            case .reference(let schemaName, let name):
                if let model = model(named: name) {
                    visit(valueObjectProjection(of: model, answered: schemaName == name, nested: true))
                }
            }
        }
        for resource in resources {
            visit(projection(of: resource.model, .read))
            for operation in resource.operations {
                if let projected = requestProjection(of: resource, operation) { visit(projected) }
            }
            for action in resource.actions {
                visit(valueObjectProjection(of: action.request))
                if case .model(let model, _) = action.response { visit(valueObjectProjection(of: model, answered: true)) }
            }
        }
        for singleton in singletons {
            visit(projection(of: singleton.model, .read))
            if singleton.update != nil { visit(projection(of: singleton.model, .patch)) }
        }
        return ordered
    }
}
