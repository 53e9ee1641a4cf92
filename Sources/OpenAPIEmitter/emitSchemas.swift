import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

/// Names of the schemas every API shares.
enum SharedSchema {
    static let pagination = "Pagination"
    static let paginationLinks = "PaginationLinks"
    static let listMeta = "ListMeta"
    static let cursor = "Cursor"
    static let writeMeta = "WriteMeta"
    static let errorResponse = "ErrorResponse"
    static let errorDetails = "ErrorDetails"
}

extension DocumentEmitter {
    static func ref(_ name: String, description: String? = nil, required: Bool = true) -> JSONSchema {
        .reference(.component(named: name), .init(required: required, description: description))
    }

    /// The component schemas: each resource's projections, its response envelopes, and
    /// the shared pagination and error schemas.
    func emitSchemas() -> OpenAPI.ComponentDictionary<JSONSchema> {
        var schemas = OpenAPI.ComponentDictionary<JSONSchema>()
        for projected in registry.allProjections() {
            schemas[.init(stringLiteral: projected.schemaName)] = schema(for: projected)
        }
        for resource in registry.resources {
            let model = resource.model.name
            if resource.operation(.list) != nil && resource.listEnvelope == .data {
                // A list that answers the fields a request names holds whole records or such selections.
                let selection = resource.shaping.fields.map { _ in model + "Selection" }
                if let selection { schemas[.init(stringLiteral: selection)] = selectionSchema(resource) }
                schemas[.init(stringLiteral: listResponseName(resource))] =
                    registry.listLayout(of: resource).map { laidOutList($0, of: model) }
                    ?? envelope(
                        "A page of \(model) records.", data: model, meta: Self.ref(listMetaName(registry.pagingStyles(of: resource))),
                        items: selection.map { .any(of: [Self.ref(model), Self.ref($0)]) })
            }
            if resource.operations.contains(where: { $0.kind.isBatch }) {
                schemas[.init(stringLiteral: writeResponseName(resource))] = envelope(
                    "The \(model) records as stored, in request order.", data: model, meta: Self.ref(SharedSchema.writeMeta))
            }
            let single = resource.operations.contains { [.read, .createOne, .patch, .updateOne].contains($0.kind) }
            if single && registry.recordEnvelope == .data {
                schemas[.init(stringLiteral: recordResponseName(resource))] = .object(
                    .init(description: "One \(model) record."),
                    .init(properties: ["data": Self.ref(model), "meta": Self.ref(SharedSchema.writeMeta)]))
            }
        }
        for singleton in registry.singletons where singletonEnvelope(singleton) == .data {
            schemas[.init(stringLiteral: singletonResponseName(singleton))] = .object(
                .init(description: "The \(singleton.model.name)."),
                .init(properties: ["data": Self.ref(singleton.model.name), "meta": Self.ref(SharedSchema.writeMeta)]))
        }
        for (name, schema) in sharedSchemas() { schemas[.init(stringLiteral: name)] = schema }
        return schemas
    }

    /// `OrderListResponse`; when another resource lists the same records but pages otherwise
    /// (a search beside the list), the one that does not page the registry's way is named after
    /// its paging too (`OrderListResponseByPage`), and one laid out otherwise after its resource.
    func listResponseName(_ resource: Resource) -> String {
        let styles = registry.pagingStyles(of: resource)
        let layout = registry.listLayout(of: resource)
        let others = registry.resources.filter { $0.name != resource.name && $0.model.name == resource.model.name }
        if others.contains(where: { registry.pagingStyles(of: $0) != styles }), styles != [registry.pagination.style] {
            let suffix = styles.isEmpty ? "Bare" : styles.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() }.joined()
            return resource.model.name + "ListResponseBy" + suffix
        }
        if others.contains(where: { registry.pagingStyles(of: $0) == styles && registry.listLayout(of: $0) != layout }),
            layout != registry.pagination.layout
        {
            let words = resource.name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return resource.model.name + "ListResponseOf" + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return resource.model.name + "ListResponse"
    }

    /// A list answer laid out as the API designs it: every member required, members under
    /// another (`meta.total`) in an object of that name.
    func laidOutList(_ layout: ListLayout, of model: String) -> JSONSchema {
        func schema(_ value: ListLayout.Value) -> JSONSchema {
            let count = { (description: String) in
                JSONSchema.integer(.init(description: description), .init(minimum: (0, exclusive: false)))
            }
            let link = { (description: String, nullable: Bool) in
                JSONSchema.string(.init(nullable: nullable, description: description), .init())
            }
            switch value {
            case .records: return .array(.init(description: "The page's records."), .init(items: Self.ref(model)))
            case .hasMore: return .boolean(.init(description: "Whether more records follow this page."))
            case .total: return count("How many records the list holds, on every page.")
            case .count: return count("How many records this page holds.")
            case .limit: return count("Records per page.")
            case .page: return count("The page's number, from 1.")
            case .pages: return count("How many pages the list has.")
            case .path: return .string(.init(description: "The list's path."), .init())
            case .next:
                return .string(
                    .init(
                        nullable: true,
                        description:
                            "What to send for the next page: its number, or the id of this page's last record; null on the last page."
                    ), .init())
            case .currentLink: return link("Query string of this page.", false)
            case .nextLink: return link("Query string of the next page; null on the last.", true)
            case .previousLink: return link("Query string of the previous page; null on the first.", true)
            case .constant(let value):
                let description = "The same on every list answer."
                return value.stringValue != nil
                    ? .string(.init(description: description, allowedValues: [value.anyCodable]), .init())
                    : .fragment(.init(description: description, allowedValues: [value.anyCodable]))
            }
        }
        func object(_ members: [(path: ArraySlice<String>, value: ListLayout.Value)], description: String?) -> JSONSchema {
            var order: [String] = []
            var groups: [String: [(path: ArraySlice<String>, value: ListLayout.Value)]] = [:]
            for member in members {
                guard let key = member.path.first else { continue }
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((member.path.dropFirst(), member.value))
            }
            var properties = OrderedDictionary<String, JSONSchema>()
            for key in order {
                let group = groups[key] ?? []
                if let leaf = group.first(where: { $0.path.isEmpty }) {
                    properties[key] = schema(leaf.value)
                } else {
                    properties[key] = object(group, description: nil)
                }
            }
            return .object(.init(description: description), .init(properties: properties))
        }
        return object(layout.members.map { ($0.path[...], $0.value) }, description: "A page of \(model) records.")
    }
    func writeResponseName(_ resource: Resource) -> String { resource.model.name + "WriteResponse" }
    func recordResponseName(_ resource: Resource) -> String { resource.model.name + "Response" }

    /// The schema of a response holding one record, in the registry's envelope.
    func recordResponseSchema(_ resource: Resource) -> JSONSchema {
        registry.recordEnvelope == .data ? Self.ref(recordResponseName(resource)) : Self.ref(resource.model.name)
    }

    /// A record as a single-record response shows it.
    func recordResponseBody(_ record: JSONValue) -> JSONValue {
        registry.recordEnvelope == .data ? ["data": record, "meta": [:]] : record
    }

    func envelope(_ description: String, data model: String, meta: JSONSchema, items: JSONSchema? = nil) -> JSONSchema {
        .object(
            .init(description: description),
            .init(properties: ["data": .array(.init(), .init(items: items ?? Self.ref(model))), "meta": meta])
        )
    }

    /// A record as a list answers it when the request names the fields it wants: its identifier,
    /// and any of its other fields.
    func selectionSchema(_ resource: Resource) -> JSONSchema {
        let projected = registry.projection(of: resource.model, .read)
        let identifier = resource.model.identifier ?? "id"
        var properties = OrderedDictionary<String, JSONSchema>()
        for field in projected.fields {
            properties[field.name] = schema(
                for: field.type, description: field.field.description, required: field.name == identifier,
                readOnly: field.readOnly, example: field.field.example, nullable: field.field.nullable)
        }
        let parameter = resource.shaping.fields ?? "fields"
        return .object(
            .init(description: "A \(resource.model.name) as `\(parameter)` selects it: its `\(identifier)` and the fields named."),
            .init(properties: properties))
    }

    /// The object schema of one projection. A request refuses fields it does not list (a 422
    /// names them); a response stays open, so clients built from the spec accept the fields an
    /// API adds later, which `specsmith diff` counts as harmless.
    func schema(for projected: ProjectedModel) -> JSONSchema {
        var properties = OrderedDictionary<String, JSONSchema>()
        for field in projected.fields {
            properties[field.name] = schema(
                for: field.type, description: field.field.description, required: field.required,
                readOnly: field.readOnly, example: field.field.example,
                defaultValue: projected.kind == .create ? field.field.defaultValue : nil, nullable: field.field.nullable)
        }
        return .object(
            .init(description: projected.description),
            .init(properties: properties, additionalProperties: projected.kind == .read ? nil : .a(false)))
    }

    func schema(
        for type: ProjectedType, description: String?, required: Bool, readOnly: Bool, example: JSONValue?, defaultValue: JSONValue? = nil,
        nullable: Bool = false
    ) -> JSONSchema {
        let permissions: JSONSchema.Permissions? = readOnly ? .readOnly : nil
        switch type {
        case .scalar(let scalar):
            return Self.schema(
                for: scalar,
                core: Core(
                    description: description, required: required, permissions: permissions, example: example, defaultValue: defaultValue,
                    nullable: nullable))
        case .array(let element, let minItems, let maxItems):
            return .array(
                Core(description: description, required: required, permissions: permissions, example: example, nullable: nullable)
                    .context(),
                .init(
                    items: schema(for: element, description: nil, required: true, readOnly: false, example: nil), maxItems: maxItems,
                    minItems: minItems)
            )
        case .model(let nested):
            return .reference(
                .component(named: nested.schemaName), Core(description: description, required: required, permissions: permissions).context()
            )
        case .reference(let schemaName, _):
            return .reference(
                .component(named: schemaName), Core(description: description, required: required, permissions: permissions).context())
        }
    }

    /// The annotations every schema kind shares.
    struct Core {
        var description: String? = nil
        var required = true
        var permissions: JSONSchema.Permissions? = nil
        var example: JSONValue? = nil
        var allowedValues: [JSONValue]? = nil
        var defaultValue: JSONValue? = nil
        var nullable = false

        func context<Format: OpenAPIFormat>(_ format: Format = .unspecified) -> JSONSchema.CoreContext<Format> {
            .init(
                format: format, required: required, nullable: nullable, permissions: permissions, description: description,
                allowedValues: allowedValues?.map(\.anyCodable), defaultValue: defaultValue?.anyCodable,
                examples: example.map { [$0.anyCodable] } ?? [])
        }
    }

    /// The schema of a field type that holds no nested model; also used for parameters.
    static func schema(for type: FieldType, core: Core) -> JSONSchema {
        switch type {
        case .text(let format, let minLength, let maxLength, let pattern):
            let stringFormat: JSONTypeFormat.StringFormat =
                switch format {
                case .email: .email
                case .uri: .uri
                case .ipv4: .ipv4
                case nil: .unspecified
                }
            return .string(core.context(stringFormat), .init(maxLength: maxLength, minLength: minLength, pattern: pattern))
        case .integer(let minimum, let maximum):
            return .integer(
                core.context(), .init(maximum: maximum.map { ($0, exclusive: false) }, minimum: minimum.map { ($0, exclusive: false) }))
        case .number(let minimum, let maximum):
            return .number(
                core.context(), .init(maximum: maximum.map { ($0, exclusive: false) }, minimum: minimum.map { ($0, exclusive: false) }))
        case .boolean:
            return .boolean(core.context())
        case .dateTime:
            return .string(core.context(.dateTime), .init())
        case .date:
            return .string(core.context(.date), .init())
        case .enumeration(let values):
            var core = core
            core.allowedValues = values.map(JSONValue.string)
            return .string(core.context(), .init())
        case .array(let element, let minItems, let maxItems):
            return .array(core.context(), .init(items: schema(for: element, core: Core()), maxItems: maxItems, minItems: minItems))
        case .model(let model):
            return ref(model.name, description: core.description, required: core.required)
        case .reference(let name):
            return ref(name, description: core.description, required: core.required)
        case .stringMap:
            return .object(core.context(), .init(properties: [:], additionalProperties: .b(.string)))
        case .oneOf(let types):
            return .one(of: types.map { schema(for: $0, core: Core()) }, core: core.context())
        case .set(let element):
            return .array(core.context(), .init(items: schema(for: element, core: Core()), uniqueItems: true))
        }
    }

    func sharedSchemas() -> [(String, JSONSchema)] {
        let count = { (description: String) in JSONSchema.integer(.init(description: description), .init(minimum: (0, exclusive: false))) }
        let link = { (description: String, required: Bool) in
            JSONSchema.string(.init(required: required, description: description), .init())
        }
        // The styles in use: the registry's, and those its resources' lists choose; a list laid
        // out as the API designs it has no meta.
        let combinations =
            (registry.pagination.layout == nil ? [[registry.pagination.style]] : [])
            + registry.resources.filter { $0.operation(.list) != nil && registry.listLayout(of: $0) == nil }
            .map(registry.pagingStyles(of:)).filter { !$0.isEmpty }
        let used = Set(combinations.flatMap { $0 })
        var paging: [(String, JSONSchema)] = []
        if used.contains(.page) || used.contains(.offset) { paging += pageSchemas(count: count, link: link) }
        if used.contains(.cursor) { paging.append((SharedSchema.cursor, cursorSchema(count: count))) }
        var metas: [(String, JSONSchema)] = []
        for styles in combinations where !metas.contains(where: { $0.0 == listMetaName(styles) }) {
            var properties = OrderedDictionary<String, JSONSchema>()
            for style in styles {
                switch style {
                case .page, .offset:
                    properties["pagination"] = Self.ref(SharedSchema.pagination, required: !styles.contains(.cursor))
                case .cursor:
                    properties[registry.pagination.cursorMeta.name] = Self.ref(SharedSchema.cursor, required: styles.count == 1)
                }
            }
            let cursors = registry.pagination.cursorMeta
            let description =
                styles.count == 1
                ? "Metadata of a list response."
                : "Metadata of a list response: `\(cursors.name)` when the request sent `after` or `before`, `pagination` otherwise"
                    + (cursors.shape == .edges ? ", with `\(cursors.name)` too on the first page when the request sent no `page`." : ".")
            metas.append((listMetaName(styles), .object(.init(description: description), .init(properties: properties))))
        }
        return paging + metas + commonSchemas()
    }

    /// `ListMeta` for the registry's pagination; `ListMetaPageCursor` and the like for a list
    /// that pages otherwise.
    func listMetaName(_ styles: [Pagination.Style]) -> String {
        styles == [registry.pagination.style]
            ? SharedSchema.listMeta
            : SharedSchema.listMeta + styles.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() }.joined()
    }

    /// Where a cursor page sits: the cursors of the pages after and before it.
    func cursorSchema(count: (String) -> JSONSchema) -> JSONSchema {
        let cursor = { (description: String) in JSONSchema.string(.init(required: false, description: description), .init(minLength: 1)) }
        let limits = registry.pagination
        var properties: OrderedDictionary<String, JSONSchema> = [
            "count": count("Records on this page."),
            "per_page": count("The page size used (`\(limits.limitParameter)`)."),
        ]
        switch limits.cursorMeta.shape {
        case .neighbours:
            properties["next"] = cursor("Send as `after` for the next page; absent on the last.")
            properties["previous"] = cursor("Send as `before` for the previous page; absent on the first.")
        case .edges:
            properties["start_cursor"] = cursor("The cursor of the page's first record: send it as `before` for the previous page.")
            properties["end_cursor"] = cursor("The cursor of the page's last record: send it as `after` for the next page.")
            let link = { (description: String, required: Bool) in
                JSONSchema.string(.init(required: required, description: description), .init())
            }
            properties["links"] = .object(
                .init(description: "Query strings of this page and its neighbours."),
                .init(properties: [
                    "previous": link("The previous page (`?before=…`); absent on the first.", false),
                    "current": link("This page.", true),
                    "next": link("The next page (`?after=…`); absent on the last.", false),
                ]))
        }
        return .object(
            .init(
                description:
                    "Where this page sits. Pages hold up to `\(limits.limitParameter)` records (default \(limits.defaultLimit), at most \(limits.maxLimit)), in identifier order."
            ),
            .init(properties: properties))
    }

    func pageSchemas(count: (String) -> JSONSchema, link: (String, Bool) -> JSONSchema) -> [(String, JSONSchema)] {
        let limits = registry.pagination
        return [
            (
                SharedSchema.pagination,
                .object(
                    .init(
                        description:
                            "Where this page sits in the whole result. Pages hold up to `limit` records (default \(limits.defaultLimit), at most \(limits.maxLimit))."
                    ),
                    .init(
                        properties: [
                            "total": count("Records matching the query, on all pages."),
                            "count": count("Records on this page."),
                            "per_page": count("The page size used (`limit`)."),
                            "current_page": count("This page's number, from 1."),
                            "total_pages": count("Number of pages."),
                            "links": Self.ref(SharedSchema.paginationLinks),
                        ]))
            ),
            (
                SharedSchema.paginationLinks,
                .object(
                    .init(description: "Query strings of the neighbouring pages."),
                    .init(
                        properties: [
                            "previous": link("Query string of the previous page; absent on the first.", false),
                            "current": link("Query string of this page.", true),
                            "next": link("Query string of the next page; absent on the last.", false),
                        ]))
            ),
        ]
    }

    func commonSchemas() -> [(String, JSONSchema)] {
        // Write metadata goes with batch responses and enveloped records; a registry with neither has none.
        let needsWriteMeta =
            registry.resources.contains { resource in
                resource.operations.contains {
                    $0.kind.isBatch || (registry.recordEnvelope == .data && [.read, .createOne, .patch, .updateOne].contains($0.kind))
                }
            } || registry.singletons.contains { singletonEnvelope($0) == .data }
        return [
            (
                SharedSchema.writeMeta,
                .object(
                    .init(description: "Metadata of a write response; holds no fields today and may gain some."),
                    .init(properties: [:], additionalProperties: .a(true)))
            ),
            (SharedSchema.errorResponse, errorResponseSchema()),
            (
                SharedSchema.errorDetails,
                .object(
                    .init(
                        description: """
                            Map from the location of each problem to its message. A location is a field path \
                            into the request body (`\(errorLocations.field)`, `(root)` for the body itself) or a \
                            query parameter name (`\(errorLocations.parameter)`). A 422 always lists at least one problem.
                            """,
                        examples: [JSONValue.object(JSONObject([(errorLocations.field, .string("is required"))])).anyCodable]),
                    .init(
                        properties: [:],
                        additionalProperties: .b(.string(.init(description: "What is wrong at this location."), .init(minLength: 1)))))
            ),
        ].filter {
            (needsWriteMeta || $0.0 != SharedSchema.writeMeta) && (!registry.info.errorFormat.isShaped || $0.0 != SharedSchema.errorDetails)
        }
    }

    /// Locations an error can name, from the registry: the first field a create requires (in a
    /// batch, `[0].` before it) and the first filter parameter.
    var errorLocations: (field: String, parameter: String) {
        var field = "name"
        search: for resource in registry.resources {
            for operation in resource.operations where operation.kind == .create || operation.kind == .createOne {
                guard let required = registry.requestProjection(of: resource, operation.kind)?.requiredFieldNames.first else { continue }
                field = operation.kind.isBatch ? "[0].\(required)" : required
                break search
            }
        }
        let parameter = registry.resources.lazy.flatMap { $0.filters.flatMap(\.parameterNames) }.first ?? "limit"
        return (field, parameter)
    }

    /// The error body in the registry's format.
    func errorResponseSchema() -> JSONSchema {
        let status = JSONSchema.integer(
            .init(description: "The HTTP status code."), .init(maximum: (599, exclusive: false), minimum: (400, exclusive: false)))
        switch registry.info.errorFormat {
        case .statusTitleType:
            return .object(
                .init(description: "Every error response has this shape."),
                .init(
                    properties: [
                        "status": status,
                        "title": .string(.init(description: "What went wrong, in one sentence."), .init(minLength: 1)),
                        "type": .string(.init(format: .uri, description: "Link to the documentation of status codes."), .init()),
                        "errors": Self.ref(SharedSchema.errorDetails),
                    ]))
        case .problemDetails:
            // RFC 9457 lets problems carry members of their own, so the object stays open.
            return .object(
                .init(description: "Every error response is an RFC 9457 problem details object, sent as `application/problem+json`."),
                .init(properties: [
                    "type": .string(.init(format: .uri, description: "The kind of problem: a page that documents it."), .init()),
                    "title": .string(.init(description: "The kind of problem, the same for every occurrence."), .init(minLength: 1)),
                    "status": status,
                    "detail": .string(.init(description: "What went wrong this time, in one sentence."), .init(minLength: 1)),
                    "errors": Self.ref(SharedSchema.errorDetails),
                ]))
        case .shaped(let shape):
            // The registry's checks refuse a shape whose schema OpenAPI cannot say, before the spec is made.
            return (try? OrderedDecoder().decode(JSONSchema.self, from: shape.schema)) ?? .object
        }
    }
}
