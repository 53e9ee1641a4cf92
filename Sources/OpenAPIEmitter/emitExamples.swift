import APIRegistry
import JSONModel
import OpenAPIKit
import SchemaValidation

extension DocumentEmitter {
    /// The operation's own example, or the model's examples as the request projection shows them.
    func requestExample(_ operation: Operation, _ projected: ProjectedModel) -> JSONValue {
        operation.requestExample ?? .array(Array(projected.examples.prefix(operation.batchLimit ?? 1)))
    }

    /// What a write answers: for each request item the stored record it becomes.
    func writeResponseExample(_ resource: Resource, request: JSONValue) -> JSONValue {
        let items = resource.model.examples.isEmpty ? [] : request.arrayValue ?? []
        let records = items.enumerated().map { offset, item in writeResponseRecord(resource, item: item, index: offset) }
        return ["data": .array(records), "meta": [:]]
    }

    /// The stored record a request item becomes: the model example with the same identifier
    /// (or in the same position) with the item's plain fields applied.
    func writeResponseRecord(_ resource: Resource, item: JSONValue, index: Int) -> JSONValue {
        let read = registry.projection(of: resource.model, .read)
        let examples = resource.model.examples
        guard !examples.isEmpty, case .object(let changes) = item else { return [:] }
        let identifier = resource.model.identifier.flatMap { changes[$0] }
        let base =
            examples.first { example in identifier.map { example[resource.model.identifier ?? ""] == $0 } ?? false }
            ?? examples[index % examples.count]
        guard case .object(var record) = base else { return [:] }
        for (key, value) in changes {
            if case .scalar = read.field(named: key)?.type { record[key] = value }
        }
        return read.project(.object(record))
    }

    /// A record as a read shows it: the model's first example.
    func readExample(_ resource: Resource) -> JSONValue {
        registry.projection(of: resource.model, .read).examples.first ?? [:]
    }

    func listExample(_ resource: Resource) -> JSONValue {
        let records = registry.projection(of: resource.model, .read).examples
        let limit = registry.pagination.defaultLimit
        let paging = registry.pagination
        let style = registry.pagingStyles(of: resource).first
        let first = paging.pageQuery(page: 1, offset: 0, limit: limit, byOffset: style == .offset)
        if let layout = registry.listLayout(of: resource) {
            // A list that pages by cursor links its first page as the mock does: by its size alone.
            let first = style == .cursor ? paging.cursorQuery(layout.after, nil, limit: limit) : first
            return layout.answer(
                ListLayout.Page(
                    records: records, next: nil, total: records.count, path: resource.servedPaths.first ?? resource.path, limit: limit,
                    number: 1, pages: 1, currentLink: first, nextLink: nil, previousLink: nil))
        }
        let styles = registry.pagingStyles(of: resource)
        let cursors = paging.cursorMeta
        // The first page's cursor meta, as the mock gives it (the examples have no identifiers to encode).
        var cursor = JSONObject([("count", .integer(records.count)), ("per_page", .integer(limit))])
        if cursors.shape == .edges { cursor["links"] = ["current": .string(paging.cursorQuery("after", nil, limit: limit))] }
        if style == .cursor {
            return ["data": .array(records), "meta": .object(JSONObject([(cursors.name, .object(cursor))]))]
        }
        let pagination: JSONValue = [
            "total": .integer(records.count), "count": .integer(records.count), "per_page": .integer(limit),
            "current_page": 1, "total_pages": 1,
            "links": ["current": .string(first)],
        ]
        var meta = JSONObject([("pagination", pagination)])
        if styles.contains(.cursor) && cursors.shape == .edges && style == .page { meta[cursors.name] = .object(cursor) }
        return ["data": .array(records), "meta": .object(meta)]
    }

    /// The 422 a list answers to its declared invalid query, or else to a filter written
    /// without its operator (`id=20`).
    func queryErrorExample(_ resource: Resource) throws(Failure) -> APIError {
        let declared = resource.operation(.list)?.invalidExample?.stringValue
        let mistaken =
            declared ?? resource.filters.first { !$0.operators.contains(.eq) }.map { "\($0.name)=20" } ?? "no_such_filter=1"
        switch ListQuery.parse(mistaken, for: resource, pagination: registry.pagination) {
        case .failure(let failure): return .invalidQuery(failure.problems)
        case .success: throw .registry("GET \(resource.path): the query '\(mistaken)' used for the error example is accepted")
        }
    }

    func deleteErrorExample() throws(Failure) -> APIError {
        switch DeleteQuery.parse("") {
        case .failure(let failure): return .invalidQuery(failure.problems)
        case .success: throw .registry("a delete without id:in is accepted, so it cannot show a 422")
        }
    }

    /// The 400 the JSON parser gives for a body cut short.
    func malformedBodyExample() throws(Failure) -> APIError {
        let truncated = "[{\"email\": "
        do {
            _ = try JSONParser().parse(truncated)
        } catch {
            return .malformedJSON(error.description)
        }
        throw .registry("the JSON parser accepts '\(truncated)', so it cannot show a 400")
    }

    /// The 413 for one item more than the limit, with the engine's own message. A failure names
    /// the operation first (`PUT /tags: …`), as the importer reads it.
    func batchErrorExample(
        _ example: JSONValue, limit: Int, _ body: JSONSchema, _ validator: SchemaValidator, at place: String
    ) throws(Failure) -> APIError {
        let items = example.arrayValue ?? []
        guard let first = items.first else { throw .registry("\(place): a write example is empty") }
        let oversized = JSONValue.array(Array(repeating: first, count: limit + 1))
        guard validator.validate(oversized, against: body, context: .request).contains(where: { $0.path == .root }) else {
            throw .registry("\(place): a batch of \(limit + 1) items passes the request schema")
        }
        return .batchTooLarge(received: limit + 1, limit: limit)
    }

    /// The 422 the engine gives for the operation's declared invalid example.
    func bodyErrorExample(_ operation: Operation, _ resource: Resource, _ body: JSONSchema, _ validator: SchemaValidator) throws(Failure)
        -> APIError
    {
        guard let invalid = operation.invalidExample else {
            throw .registry("\(operation.method) \(resource.path) declares no invalidExample for its 422 example")
        }
        let issues = validator.validate(invalid, against: body, context: .request)
        guard !issues.isEmpty else {
            throw .registry("\(operation.method) \(resource.path): the invalidExample passes validation, so it cannot show a 422")
        }
        return .invalidBody(issues.map(\.apiProblem))
    }
}
