import JSONModel

/// A collection endpoint: one path, one model, the operations on it and the
/// query features of its list operation.
public struct Resource: Sendable {
    /// Stable identifier, used by relations (`"orders"`).
    public let name: String
    /// Path under the server URL (`"/orders/lines"`).
    public let path: String
    /// Tag grouping its operations in the spec and the guides.
    public let tag: String
    /// The plural noun in operation ids: `get` + `OrderLines`.
    public let operationNoun: String
    /// What the collection holds, for the spec and the guides.
    public let description: String
    /// The one model its records follow; every schema is a projection of it.
    public let model: Model
    /// The operations it serves.
    public let operations: [Operation]
    /// The filters its list takes (`order_id:in`).
    public let filters: [Filter]
    /// Fields a list can be sorted by, each ascending or descending.
    public let sortKeys: [String]
    /// Read fields that are embedded only when asked for with `include=`.
    public let includes: [String]
    /// Fields that name records of other resources.
    public let relations: [Relation]
    /// Rules every write must keep, beyond the schema.
    public let rules: [Rule]
    /// How many records a seeded mock store generates beyond the model's examples.
    public let seedRecords: Int
    /// The path parameter that names one record on the item path (`/books/{bookId}`).
    public let itemParameter: String
    /// Operations beyond reading and writing records.
    public let actions: [Action]
    /// The record each record belongs to, when records are also reached under its path.
    public let parent: ParentScope?
    /// How a list answers: `data` and `meta` with paging (`.data`), or a bare JSON array
    /// (`.bare`): every record at once, for short lists a published API answers that way, or a
    /// page of them with its neighbours in the `Link` header when `paging` says how it pages.
    public let listEnvelope: RecordEnvelope
    /// How its list pages, when not as the registry's `Pagination.style` says: `[.page, .cursor]`
    /// takes `page`, or `after`/`before` (the answer's `meta` then has `cursor`).
    public let paging: [Pagination.Style]?
    /// How its list answers are laid out, when not as the registry's `Pagination.layout` says.
    public let listLayout: ListLayout?
    /// Query parameters its list takes besides filters, paging, `sort` and `include`: checked,
    /// and otherwise without effect on the records it answers.
    public let otherParameters: [QueryParameter]
    /// The parameters of its paths that name neither its records nor its parent's: `owner` and
    /// `repo` in `/repos/{owner}/{repo}/issues`.
    public let partitionParameters: [String]
    /// The type of each partition parameter that is not text: `["product_id": .integer]`.
    public let partitionTypes: [String: FieldType]
    /// The events its records' changes raise, delivered to webhook subscribers.
    public let events: [Event]
    /// Parameters its list takes that shape the answer: the fields answered, the order.
    public let shaping: ListShaping
    /// Where the resource is declared, for problems with it.
    public let declaredAt: SourceLocation

    /// Declares a resource; `fileID` and `line` record where it is declared.
    public init(
        name: String,
        path: String,
        tag: String,
        operationNoun: String,
        description: String,
        model: Model,
        operations: [Operation],
        filters: [Filter] = [],
        sortKeys: [String] = [],
        includes: [String] = [],
        relations: [Relation] = [],
        rules: [Rule] = [],
        seedRecords: Int = 0,
        itemParameter: String = "id",
        actions: [Action] = [],
        parent: ParentScope? = nil,
        listEnvelope: RecordEnvelope = .data,
        paging: [Pagination.Style]? = nil,
        listLayout: ListLayout? = nil,
        otherParameters: [QueryParameter] = [],
        partitionTypes: [String: FieldType] = [:],
        events: [Event] = [],
        shaping: ListShaping = ListShaping(),
        fileID: String = #fileID,
        line: Int = #line
    ) {
        self.name = name
        self.path = path
        self.tag = tag
        self.operationNoun = operationNoun
        self.description = description
        self.model = model
        self.operations = operations
        self.filters = filters
        self.sortKeys = sortKeys
        self.includes = includes
        self.relations = relations
        self.rules = rules
        self.seedRecords = seedRecords
        self.itemParameter = itemParameter
        self.actions = actions
        self.parent = parent
        self.listEnvelope = listEnvelope
        self.paging = paging
        self.listLayout = listLayout
        self.otherParameters = otherParameters
        self.partitionParameters = Self.partitionParameters(path: path, parent: parent, itemParameter: itemParameter)
        self.partitionTypes = partitionTypes
        self.events = events
        self.shaping = shaping
        self.declaredAt = SourceLocation(fileID: fileID, line: line)
    }

    /// The operationId of an action: its own, or `lend` + `Book`.
    public func operationID(_ action: Action) -> String {
        action.operationID ?? defaultOperationID(of: action)
    }

    /// The operationId an action gets when it declares none: its name in camel case and the model's.
    public func defaultOperationID(of action: Action) -> String {
        let words = action.name.split(whereSeparator: { $0 == "-" || $0 == "_" })
        let camel = words.enumerated().map {
            $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }
        return camel.joined() + model.name
    }

    /// The path of an action: `/books/{bookId}/lend`.
    public func path(of action: Action) -> String { "\(action.onItem ? itemPath : path)/\(action.name)" }

    /// The path of one record: `/books/{bookId}`, or under the parent's path when records
    /// belong to one (`/orders/{orderId}/notes/{noteId}`).
    public var itemPath: String { "\(parent?.path ?? path)/{\(itemParameter)}" }

    /// The path an operation of this kind is served at when it is not scoped to a parent.
    public func path(of kind: OperationKind) -> String { kind.isItem ? itemPath : path }

    /// The path an operation is served at.
    public func path(of operation: Operation) -> String {
        if operation.kind.isItem { return itemPath }
        return operation.scoped ? parent?.path ?? path : path
    }

    /// The first operation of this kind (a store-wide one before one scoped to a parent).
    public func operation(_ kind: OperationKind) -> Operation? {
        operations.first { $0.kind == kind && !$0.scoped } ?? operations.first { $0.kind == kind }
    }

    /// The operation of this kind at the collection path (`scoped` false) or under the parent.
    public func operation(_ kind: OperationKind, scoped: Bool) -> Operation? {
        operations.first { $0.kind == kind && $0.scoped == scoped }
    }

    /// The type of the identifying field, which an item path's parameter holds.
    public var identifierType: FieldType? { model.identifier.flatMap { model.field(named: $0)?.type } }

    /// The filter called `name`, if the resource declares one.
    public func filter(named name: String) -> Filter? {
        filters.first { $0.name == name }
    }

    /// The type of a filter's values: its field's, or plain text when it spans several fields.
    public func valueType(of filter: Filter) -> FieldType {
        guard filter.fields.count == 1, let field = model.field(named: filter.fields[0]) else { return .string() }
        return field.type
    }

    /// How its list answers are laid out: its own layout, or `pagination`'s; nil for `{data, meta}`
    /// and for a bare-array list.
    public func layout(default pagination: Pagination) -> ListLayout? {
        listEnvelope == .bare ? nil : listLayout ?? pagination.layout
    }

    /// The parameters its list takes cursors in: its layout's (`starting_after`, and
    /// `ending_before` unless it pages forward only), else `after` and `before`.
    public func cursorParameters(default pagination: Pagination) -> (after: String, before: String?) {
        layout(default: pagination).map { ($0.after, $0.before) } ?? ("after", "before")
    }

    /// Whether its paths hold parameters that name no record (`/repos/{owner}/{repo}/issues`):
    /// its records are kept apart by their values, a list under one `owner` and `repo` holding
    /// only the records written there.
    public var isPartitioned: Bool { !partitionParameters.isEmpty }

    /// The parameters of its paths that name neither its records nor its parent's, worked out
    /// once: `owner` and `repo` in `/repos/{owner}/{repo}/issues`.
    static func partitionParameters(path: String, parent: ParentScope?, itemParameter: String) -> [String] {
        let own = PathTemplate.parameters(path) + (parent.map { PathTemplate.parameters($0.path) } ?? [])
        let named: Set<String> = [itemParameter, parent?.parameter ?? ""]
        var seen: Set<String> = []
        return own.filter { !named.contains($0) && seen.insert($0).inserted }
    }

    /// The partition that the values a path matched name (`owner=octocat&repo=hello`), nil for
    /// a resource that is not partitioned.
    public func partition(from values: [String: String]) -> String? {
        let parameters = partitionParameters
        guard !parameters.isEmpty else { return nil }
        return parameters.map { "\($0)=\(values[$0] ?? "")" }.joined(separator: "&")
    }

    /// How its list pages: its own styles, or `pagination`'s; a bare-array list pages only as its
    /// own styles say.
    public func pagingStyles(default pagination: Pagination) -> [Pagination.Style] {
        listEnvelope == .bare ? paging ?? [] : paging ?? [pagination.style]
    }

    /// The collection paths it is served at: its own, and under its parent; the item path of a
    /// resource with no collection operation.
    public var servedPaths: [String] {
        var paths: [String] = []
        if operations.contains(where: { !$0.scoped && !$0.kind.isItem }) { paths.append(path) }
        if let scope = parent, operations.contains(where: \.scoped) { paths.append(scope.path) }
        // A resource read only record by record (Stripe's mandates) is served at its item path.
        if paths.isEmpty && hasItemOperations { paths.append(itemPath) }
        return paths
    }

    /// The read field an `include=` value asks for.
    public func includedField(_ include: String) -> Field? {
        includes.contains(include) ? model.fields.first { $0.includeName == include && $0.isVisible(in: .read) } : nil
    }

    /// Whether a read field is returned only when asked for with `include=`.
    public func isIncludeOnly(_ field: Field) -> Bool { includes.contains(field.includeName) }

    /// The relation whose field names records of `resource`.
    public func relation(to resource: String) -> Relation? {
        relations.first { $0.resource == resource }
    }

    /// The HTTP methods the collection path answers, in declaration order.
    public var methods: [String] { methods(item: false) }

    /// The HTTP methods the collection path, or the item path, answers, in declaration order.
    public func methods(item: Bool, scoped: Bool = false) -> [String] {
        var methods: [String] = []
        for operation in operations
        where operation.kind.isItem == item && (item || operation.scoped == scoped) && !methods.contains(operation.method) {
            methods.append(operation.method)
        }
        return methods
    }

    /// Whether any operation is served at the item path.
    public var hasItemOperations: Bool { operations.contains { $0.kind.isItem } || actions.contains { $0.onItem } }

    /// The fields that identify the record an upsert replaces, when the resource declares them.
    public var upsertKey: [String]? {
        for case .upsertKey(let fields) in rules { return fields }
        return nil
    }

    /// How records of this resource sent inside another record are written: replaced by
    /// their upsert key when there is one, created otherwise.
    public var nestedWriteKind: OperationKind { upsertKey == nil ? .create : .upsert }

    /// The operationId of an operation of this kind: `getOrders` for the collection, `getBook`
    /// for one record.
    public func operationID(_ kind: OperationKind) -> String {
        operation(kind)?.operationID ?? defaultOperationID(kind)
    }

    /// The operationId of an operation: its own, or the default for its kind.
    public func operationID(of operation: Operation) -> String {
        operation.operationID ?? defaultOperationID(operation.kind)
    }

    /// The operationId an operation of this kind gets when it declares none.
    public func defaultOperationID(_ kind: OperationKind) -> String {
        kind.verb + (kind.isItem || kind == .createOne ? model.name : operationNoun)
    }
}
