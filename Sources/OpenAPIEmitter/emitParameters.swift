import APIRegistry
import JSONModel
import OpenAPIKit

extension DocumentEmitter {
    /// `page` (or `after` and `before`) and `limit` (or its own name for it), as the registry's
    /// pagination has them.
    func pagingParameters(_ resource: Resource) -> [OpenAPI.Parameter] {
        let styles = registry.pagingStyles(of: resource)
        guard !styles.isEmpty else { return [] }
        let layout = registry.listLayout(of: resource)
        var parameters: [OpenAPI.Parameter] = []
        let limits = registry.pagination
        let both = styles.count > 1
        // In the order the registry lists them: the first is how a list pages by default.
        for style in styles {
            switch style {
            case .offset:
                parameters.append(
                    OpenAPI.Parameter(
                        name: "offset", context: .query(schema: .integer(.init(defaultValue: 0), .init(minimum: (0, exclusive: false)))),
                        description: "How many records to skip, from 0." + (styles.contains(.page) ? " Not with `page`." : "")))
            case .page:
                parameters.append(
                    OpenAPI.Parameter(
                        name: "page", context: .query(schema: .integer(.init(defaultValue: 1), .init(minimum: (1, exclusive: false)))),
                        description: "Page number, from 1."
                            + (both ? " Not with a cursor." : "")))
            case .cursor:
                if let layout {
                    var cursors = [(layout.after, layout.before, "after")]
                    if let before = layout.before { cursors.append((before, layout.after, "before")) }
                    for (name, other, place) in cursors {
                        let besides = [other, both ? "page" : nil].compactMap { $0 }.map { "`\($0)`" }
                        parameters.append(
                            OpenAPI.Parameter(
                                name: name, context: .query(schema: .string(.init(), .init(minLength: 1))),
                                description:
                                    "The id of a record of this list: the page starts \(place) it."
                                    + (besides.isEmpty ? "" : " Not with \(besides.joined(separator: " or "))."))
                        )
                    }
                    continue
                }
                for name in ["after", "before"] {
                    let source = limits.cursorMeta.source(of: name)
                    parameters.append(
                        OpenAPI.Parameter(
                            name: name, context: .query(schema: .string(.init(), .init(minLength: 1))),
                            description:
                                "A cursor from `\(source)` of a list response: the page \(name) it. Not with `\(name == "after" ? "before" : "after")`\(both ? " or `page`" : "")."
                        ))
                }
            }
        }
        parameters.append(
            OpenAPI.Parameter(
                name: limits.limitParameter,
                context: .query(
                    schema: .integer(
                        .init(defaultValue: JSONValue.integer(limits.defaultLimit).anyCodable),
                        .init(maximum: (limits.maxLimit, exclusive: false), minimum: (1, exclusive: false)))),
                description: "Records per page: default \(limits.defaultLimit), at most \(limits.maxLimit)."))
        return parameters
    }

    /// Query parameters of a list: one per filter operator, then paging, sorting and includes.
    func listParameters(_ resource: Resource) -> OpenAPI.Parameter.Array {
        var parameters: [OpenAPI.Parameter] = []
        for filter in resource.filters {
            let type = resource.valueType(of: filter)
            for op in filter.operators {
                parameters.append(
                    OpenAPI.Parameter(
                        name: filter.parameterName(op),
                        context: .query(schemaOrContent: .schema(filterValueSchema(type, op))),
                        description: "\(filter.description) Matches records whose value \(op.meaning).")
                )
            }
        }
        // A bare-array list that answers every record at once takes no paging parameters.
        parameters += pagingParameters(resource)
        if !resource.sortKeys.isEmpty {
            let choices = resource.sortKeys.flatMap { ["\($0):asc", "\($0):desc"] }
            parameters.append(
                OpenAPI.Parameter(
                    name: "sort",
                    context: .query(schema: Self.schema(for: .enumeration(choices), core: Core())),
                    description: "Sort order, `field:asc` or `field:desc`. Without it records come in `id` order."))
        }
        if !resource.includes.isEmpty {
            parameters.append(
                OpenAPI.Parameter(
                    name: "include",
                    context: .query(
                        schemaOrContent: .schema(
                            .init(
                                Self.schema(for: .array(of: .enumeration(resource.includes), minItems: 1), core: Core()),
                                style: .form, explode: false))),
                    description:
                        "Sub-resources to embed in each record, comma-separated: \(resource.includes.map { "`\($0)`" }.joined(separator: ", "))."
                ))
        }
        if let fields = resource.shaping.fields {
            let readable = resource.model.fields.filter { $0.isVisible(in: .read) }.map(\.name)
            parameters.append(
                OpenAPI.Parameter(
                    name: fields,
                    context: .query(
                        schemaOrContent: .schema(
                            .init(
                                Self.schema(for: .array(of: .enumeration(readable), minItems: 1), core: Core()), style: .form,
                                explode: false))),
                    description:
                        "The fields to answer, comma-separated: each record comes with its `\(resource.model.identifier ?? "id")` and these only."
                ))
        }
        if let direction = resource.shaping.direction {
            parameters.append(
                OpenAPI.Parameter(
                    name: direction,
                    context: .query(
                        schema: Self.schema(for: .enumeration(["asc", "desc"]), core: Core(defaultValue: "asc"))),
                    description:
                        "The order of `\(resource.model.identifier ?? "id")`s: `asc` (the default) or `desc`. Not with `sort` or a cursor."
                ))
        }
        for other in resource.otherParameters {
            let schema = Self.schema(for: other.type, core: Core())
            let isList = if case .array = other.type { true } else { false }
            parameters.append(
                OpenAPI.Parameter(
                    name: other.name,
                    context: .query(
                        schemaOrContent: .schema(isList ? .init(schema, style: .form, explode: false) : .init(schema, style: .form))),
                    description: other.description.isEmpty ? nil : other.description))
        }
        return parameters.map { .parameter($0) }
    }

    /// The schema of a filter's value; list operators take comma-separated values.
    func filterValueSchema(_ type: FieldType, _ op: FilterOperator) -> OpenAPI.Parameter.SchemaContext {
        let single: JSONSchema =
            switch type {
            case _ where op == .like: .string(.init(), .init(minLength: 1))
            case .dateTime, .date:
                .any(of: [.string(.init(format: .date), .init()), .string(.init(format: .dateTime), .init())], core: .init())
            case .text(let format, let minLength, let maxLength, let pattern):
                // An empty filter value matches nothing useful; the parser refuses it.
                Self.schema(
                    for: .text(format: format, minLength: max(minLength ?? 1, 1), maxLength: maxLength, pattern: pattern), core: Core())
            case .integer, .number, .boolean, .enumeration, .array, .model, .reference, .stringMap, .oneOf, .set:
                Self.schema(for: type, core: Core())
            }
        guard op.takesList else { return .init(single, style: .form) }
        return .init(
            .array(.init(), .init(items: single, maxItems: registry.pagination.maxFilterValues, minItems: 1)), style: .form, explode: false)
    }

    /// The one parameter of a delete, required so that no request deletes everything.
    func deleteParameters(_ resource: Resource) -> OpenAPI.Parameter.Array {
        let identifier = resource.model.identifier.flatMap(resource.model.field(named:))
        let ids = JSONSchema.array(
            .init(),
            .init(
                items: Self.schema(for: identifier?.type ?? .integer, core: Core()), maxItems: registry.pagination.maxFilterValues,
                minItems: 1))
        return [
            .parameter(
                OpenAPI.Parameter(
                    name: DeleteQuery.parameter,
                    context: .query(required: true, schemaOrContent: .schema(.init(ids, style: .form, explode: false))),
                    description:
                        "Ids of the \(resource.model.name) records to delete, comma-separated: `id:in=1,2,3`. Required: a delete never removes everything."
                ))
        ]
    }
}
