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
    public let model: Model
    public let kind: ProjectionKind
    public let description: String
    public let fields: [ProjectedField]

    public func field(named name: String) -> ProjectedField? {
        fields.first { $0.field.name == name }
    }

    public var requiredFieldNames: [String] {
        fields.filter(\.required).map(\.field.name)
    }

    /// `value` cut down to the members this projection shows, nested values included.
    public func project(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        var result = JSONObject()
        for (key, member) in object {
            guard let field = field(named: key) else { continue }
            result[key] = field.type.project(member)
        }
        return .object(result)
    }

    /// The model's examples as this projection shows them.
    public var examples: [JSONValue] { model.examples.map(project) }
}

/// A field as it appears in one projection.
public struct ProjectedField: Sendable {
    public let field: Field
    public let type: ProjectedType
    public let required: Bool
    /// Set by the server: an error when sent in a request.
    public let readOnly: Bool
}

/// A field type with nested models resolved to their projected schemas.
public indirect enum ProjectedType: Sendable {
    case scalar(FieldType)
    case array(ProjectedType, minItems: Int?, maxItems: Int?)
    case model(ProjectedModel)

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
            fields.append(ProjectedField(field: id, type: projectedType(id.type, kind, in: model), required: true, readOnly: false))
        }
        let parentKey = parent.flatMap { parent in
            resource(owning: model).flatMap { child in
                resource(owning: parent).flatMap { child.relation(to: $0.name)?.field }
            }
        }
        for field in model.fields where field.isVisible(in: visibility) {
            let isIdentifier = field.name == model.identifier
            if kind != .read && isIdentifier { continue }
            if field.name == parentKey { continue }
            fields.append(
                ProjectedField(
                    field: field,
                    type: projectedType(field.type, kind, in: model),
                    required: kind == .update || kind == .patch ? false : field.isRequired(in: visibility),
                    readOnly: kind == .read && (field.isReadOnly || isIdentifier)
                )
            )
        }
        let schemaName = parent.map { $0.name + model.name + "Input" } ?? model.name + kind.suffix
        let description =
            switch (kind, parent) {
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

    /// The schema of a nested model that is not a resource of its own.
    public func valueObjectProjection(of model: Model) -> ProjectedModel {
        let fields = model.fields.map { field in
            ProjectedField(
                field: field, type: projectedType(field.type, .create, in: model), required: !field.requiredIn.isEmpty, readOnly: false)
        }
        return ProjectedModel(schemaName: model.name, model: model, kind: .create, description: model.description, fields: fields)
    }

    private func projectedType(_ type: FieldType, _ kind: ProjectionKind, in parent: Model) -> ProjectedType {
        switch type {
        case .array(let element, let minItems, let maxItems):
            return .array(projectedType(element, kind, in: parent), minItems: minItems, maxItems: maxItems)
        case .model(let nested):
            guard resource(owning: nested) != nil else { return .model(valueObjectProjection(of: nested)) }
            return .model(kind == .read ? projection(of: nested, .read) : projection(of: nested, .create, embeddedIn: parent))
        default:
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

    /// Every projection the API's schemas need, each once, in a stable order: per
    /// resource its read view, then the request views of its write operations, each
    /// followed by the nested schemas it uses.
    public func allProjections() -> [ProjectedModel] {
        var seen: Set<String> = []
        var ordered: [ProjectedModel] = []
        func visit(_ projected: ProjectedModel) {
            guard seen.insert(projected.schemaName).inserted else { return }
            ordered.append(projected)
            for field in projected.fields { visitNested(field.type) }
        }
        func visitNested(_ type: ProjectedType) {
            switch type {
            case .scalar: break
            case .array(let element, _, _): visitNested(element)
            case .model(let nested): visit(nested)
            }
        }
        for resource in resources {
            visit(projection(of: resource.model, .read))
            for operation in resource.operations {
                if let projected = requestProjection(of: resource, operation.kind) { visit(projected) }
            }
            for action in resource.actions {
                visit(valueObjectProjection(of: action.request))
                if case .model(let model, _) = action.response { visit(valueObjectProjection(of: model)) }
            }
        }
        return ordered
    }
}
