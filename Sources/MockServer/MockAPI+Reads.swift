import APIRegistry
import Foundation
import JSONModel

extension MockAPI {
    /// `GET` on a resource: filters, sort, page and includes as the registry declares them;
    /// under a parent's path, only the parent's records.
    func list(_ resource: Resource, _ operation: APIRegistry.Operation, request: MockRequest, parent: Int?, state: StoreState)
        -> MockResponse
    {
        let query: ListQuery
        switch contract.listQuery(request.query, for: resource, pagination: registry.pagination, path: resource.path(of: operation)) {
        case .failure(let rejected): return failure(.invalidQuery(rejected.problems))
        case .success(let parsed): query = parsed
        }
        let owned: [JSONObject]
        if let parent, let key = resource.parent?.storageKey {
            owned = candidates(state[resource.name], key, [.integer(parent)]).filter { $0[key]?.recordID == parent }
        } else {
            owned = start(resource, query, state: state)
        }
        var records = owned.filter { record in
            Self.inPartition(record, request.partition) && query.clauses.allSatisfy { matches(record, $0, in: resource, state: state) }
        }
        // Only the identifier and the fields asked for, when the list's fields parameter names some.
        let identifier = resource.model.identifier ?? "id"
        func show(_ record: JSONObject, _ includes: Set<String>) -> JSONValue {
            let shown = present(record, of: resource, including: includes, state: state)
            guard let fields = query.fields, case .object(let object) = shown else { return shown }
            return .object(JSONObject(object.filter { $0.key == identifier || fields.contains($0.key) }))
        }
        if query.descending { records.reverse() }
        if let sort = query.sort {
            let type = resource.model.field(named: sort.field)?.type ?? .string()
            records = records.enumerated().sorted { a, b in
                let order = Self.compare(a.element[sort.field], b.element[sort.field], type)
                if order == 0 { return a.offset < b.offset }
                return sort.ascending ? order < 0 : order > 0
            }.map(\.element)
        }
        let styles = registry.pagingStyles(of: resource)
        if styles.isEmpty {
            return MockResponse(
                status: 200, body: .array(records.map { show($0, Set(query.includes)) }))
        }
        let layout = registry.listLayout(of: resource)
        // A list that pages either way pages by its first style unless the query says otherwise.
        let sentCursor = query.after != nil || query.before != nil
        if styles.contains(.cursor) && (sentCursor || (styles.first == .cursor && !query.pageSent)) {
            if let layout {
                let (page, hasMore) = cursorSlice(records, of: resource, query)
                let data = page.map { show($0, Set(query.includes)) }
                let identifier = resource.model.identifier ?? "id"
                // Paging backwards, the next page in that direction ends before the first record.
                let edge = query.before != nil ? page.first : page.last
                let next = hasMore ? edge?[identifier]?.recordID.map(String.init) : nil
                let cursorName = query.before != nil ? layout.before ?? layout.after : layout.after
                let paging = registry.pagination
                let here =
                    query.before.map { paging.cursorQuery(layout.before ?? layout.after, String($0), limit: query.limit) }
                    ?? paging.cursorQuery(layout.after, query.after.map(String.init), limit: query.limit)
                let pages = (records.count + query.limit - 1) / query.limit
                let answer = ListLayout.Page(
                    records: data, next: next, total: records.count, path: request.path, limit: query.limit, number: 1, pages: pages,
                    currentLink: here, nextLink: next.map { paging.cursorQuery(cursorName, $0, limit: query.limit) }, previousLink: nil)
                return MockResponse(status: 200, body: layout.answer(answer))
            }
            return cursorPage(records, of: resource, query, show: { show($0, Set(query.includes)) })
        }
        let total = records.count
        let limit = query.limit
        let totalPages = (total + limit - 1) / limit
        // By offset where the list pages so (unless the query sent `page`), else by page number.
        let byOffset = styles.contains(.offset) && (query.offset != nil || (styles.first == .offset && !query.pageSent))
        let skipped = query.page - 1
        let (start, overflow) = byOffset ? (query.offset ?? 0, false) : skipped.multipliedReportingOverflow(by: limit)
        let page = overflow || start >= total ? [] : Array(records[start..<start + min(limit, total - start)])
        let more = !overflow && start < total && start + page.count < total
        let includes = Set(query.includes)
        let currentPage = byOffset ? start / limit + 1 : query.page
        func link(_ page: Int, offset: Int) -> String {
            registry.pagination.pageQuery(page: page, offset: offset, limit: limit, byOffset: byOffset)
        }
        let previous =
            currentPage > 1 || (byOffset && start > 0)
            ? link(min(currentPage - 1, max(totalPages, 1)), offset: max(min(start, total) - limit, 0)) : nil
        let nextLink = more ? link(currentPage + 1, offset: start + page.count) : nil
        if resource.listEnvelope == .bare {
            let last = link(max(totalPages, 1), offset: max(totalPages - 1, 0) * limit)
            let relations = [("prev", previous), ("next", nextLink), ("first", previous.map { _ in link(1, offset: 0) }), ("last", last)]
            let header = linkHeader(request, relations.compactMap { name, target in target.map { (name, $0) } })
            let data = page.map { show($0, includes) }
            return MockResponse(status: 200, headers: [(name: "Link", value: header)], body: .array(data))
        }
        if let layout {
            let data = page.map { show($0, includes) }
            let next = more ? String(byOffset ? start + page.count : query.page + 1) : nil
            let answer = ListLayout.Page(
                records: data, next: next, total: total, path: request.path, limit: limit, number: currentPage, pages: totalPages,
                currentLink: link(currentPage, offset: start), nextLink: nextLink, previousLink: previous)
            return MockResponse(status: 200, body: layout.answer(answer))
        }
        var links = JSONObject([("current", .string(link(currentPage, offset: start)))])
        if let previous { links["previous"] = .string(previous) }
        if let nextLink { links["next"] = .string(nextLink) }
        let pagination: JSONValue = [
            "total": .integer(total), "count": .integer(page.count), "per_page": .integer(limit),
            "current_page": .integer(currentPage), "total_pages": .integer(totalPages), "links": .object(links),
        ]
        let data = page.map { show($0, includes) }
        var meta = JSONObject([("pagination", pagination)])
        // A list that also pages by cursor gives the first page's cursors, so a client can go on by cursor from there.
        let cursors = registry.pagination.cursorMeta
        if styles.contains(.cursor) && cursors.shape == .edges && !byOffset && !query.pageSent && query.sort == nil && !query.descending {
            meta[cursors.name] = cursorMeta(page[...], of: records, resource, query)
        }
        return MockResponse(status: 200, body: ["data": .array(data), "meta": .object(meta)])
    }

    /// The `Link` header of a bare-array list's page (RFC 8288): each neighbour's URL relative to
    /// the list's, as `Location` is, keeping the request's filters and replacing its paging:
    /// `<orders?status=open&page=3&per_page=10>; rel="next"`.
    func linkHeader(_ request: MockRequest, _ relations: [(rel: String, pageQuery: String)]) -> String {
        let paging: Set<String> = ["page", "offset", registry.pagination.limitParameter]
        let kept = request.query.split(separator: "&").filter { item in
            !paging.contains(ListQuery.percentDecoded(item.prefix { $0 != "=" }))
        }
        let base = request.path.split(separator: "/").last.map(String.init) ?? ""
        return relations.map { rel, pageQuery in
            let query = kept.map(String.init) + pageQuery.dropFirst().split(separator: "&").map(String.init)
            return "<\(base)?\(query.joined(separator: "&"))>; rel=\"\(rel)\""
        }.joined(separator: ", ")
    }

    /// One page of `records` (in identifier order) after or before a cursor, with where it sits
    /// in `meta` as the registry's `CursorMeta` says.
    func cursorPage(_ records: [JSONObject], of resource: Resource, _ query: ListQuery, show: (JSONObject) -> JSONValue) -> MockResponse {
        let page = cursorSlice(records, of: resource, query).page
        let data = page.map(show)
        let meta = registry.pagination.cursorMeta
        return MockResponse(
            status: 200,
            body: ["data": .array(data), "meta": .object(JSONObject([(meta.name, cursorMeta(page, of: records, resource, query))]))])
    }

    /// Where `page` sits among `records` (in identifier order): its size, and the cursors of its
    /// neighbours (`next`, `previous`) or of its edges with links to the pages beside it.
    func cursorMeta(_ page: ArraySlice<JSONObject>, of records: [JSONObject], _ resource: Resource, _ query: ListQuery) -> JSONValue {
        let identifier = resource.model.identifier ?? "id"
        func id(_ record: JSONObject) -> Int { record[identifier]?.recordID ?? 0 }
        let later = page.last.flatMap { last in records.contains { id($0) > id(last) } ? Cursor.encode(id(last)) : nil }
        let earlier = page.first.flatMap { first in records.contains { id($0) < id(first) } ? Cursor.encode(id(first)) : nil }
        var meta = JSONObject([("count", .integer(page.count)), ("per_page", .integer(query.limit))])
        switch registry.pagination.cursorMeta.shape {
        case .neighbours:
            if let later { meta["next"] = .string(later) }
            if let earlier { meta["previous"] = .string(earlier) }
        case .edges:
            let paging = registry.pagination
            if let first = page.first { meta["start_cursor"] = .string(Cursor.encode(id(first))) }
            if let last = page.last { meta["end_cursor"] = .string(Cursor.encode(id(last))) }
            var links = JSONObject()
            if let earlier { links["previous"] = .string(paging.cursorQuery("before", earlier, limit: query.limit)) }
            links["current"] = .string(
                query.before.map { paging.cursorQuery("before", Cursor.encode($0), limit: query.limit) }
                    ?? paging.cursorQuery("after", query.after.map(Cursor.encode), limit: query.limit))
            if let later { links["next"] = .string(paging.cursorQuery("after", later, limit: query.limit)) }
            meta["links"] = .object(links)
        }
        return .object(meta)
    }

    /// The page of `records` (in identifier order) after or before the record a cursor names, and
    /// whether more records lie beyond it in the direction paged.
    func cursorSlice(_ records: [JSONObject], of resource: Resource, _ query: ListQuery) -> (page: ArraySlice<JSONObject>, hasMore: Bool) {
        let identifier = resource.model.identifier ?? "id"
        func id(_ record: JSONObject) -> Int { record[identifier]?.recordID ?? 0 }
        if let before = query.before {
            let earlier = records.filter { id($0) < before }
            return (earlier.suffix(query.limit), earlier.count > query.limit)
        }
        let later = records.filter { id($0) > (query.after ?? Int.min) }
        return (later.prefix(query.limit), later.count > query.limit)
    }

    /// The records a list starts from: those an `id:in` names, or an `:in` on an indexed
    /// field, looked up directly; every record when no clause narrows by key.
    func start(_ resource: Resource, _ query: ListQuery, state: StoreState) -> [JSONObject] {
        let table = state[resource.name]
        for clause in query.clauses where clause.op == .in && clause.filter.fields.count == 1 {
            let field = clause.filter.fields[0]
            if field == resource.model.identifier {
                return table.records(clause.values.compactMap(\.recordID))
            }
            if table.isIndexed(field) {
                return candidates(table, field, clause.values)
            }
        }
        return table.all
    }

    /// Whether a record satisfies one filter clause.
    func matches(_ record: JSONObject, _ clause: FilterClause, in resource: Resource, state: StoreState) -> Bool {
        let type = resource.valueType(of: clause.filter)
        let fields = clause.filter.fields
        let actual: JSONValue? =
            fields.count == 1
            ? value(of: fields[0], in: record, of: resource, state: state)
            : .string(fields.compactMap { record[$0]?.stringValue }.filter { !$0.isEmpty }.joined(separator: " "))
        guard let actual, actual != .null else { return clause.op == .notIn }
        switch clause.op {
        case .eq, .in: return clause.values.contains { Self.equal(actual, $0, type) }
        case .notIn: return !clause.values.contains { Self.equal(actual, $0, type) }
        case .like:
            guard let text = actual.stringValue, let needle = clause.values.first?.stringValue else { return false }
            return text.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        case .min: return clause.values.allSatisfy { Self.compare(actual, $0, type) >= 0 }
        case .max: return clause.values.allSatisfy { Self.compare(actual, $0, type) <= 0 }
        }
    }

    /// A field's value as responses show it: stored, or taken from the record a relation names.
    func value(of name: String, in record: JSONObject, of resource: Resource, state: StoreState) -> JSONValue? {
        guard case .related(let via, let field)? = resource.model.field(named: name)?.derived else { return record[name] }
        guard let relation = resource.relations.first(where: { $0.field == via }), let key = record[via]?.recordID else { return nil }
        return state[relation.resource][key]?[field]
    }

    static func equal(_ actual: JSONValue, _ wanted: JSONValue, _ type: FieldType) -> Bool {
        switch type {
        case .text(.email, _, _, _):
            return actual.stringValue?.lowercased() == wanted.stringValue?.lowercased()
        case .dateTime, .date:
            return compare(actual, wanted, type) == 0
        case .text, .integer, .number, .boolean, .enumeration, .array, .model, .reference, .stringMap, .oneOf, .set:
            return actual.isJSONEqual(to: wanted)
        }
    }

    /// Orders two values of a field: numbers by value, times by instant (a bare date
    /// compares with the day of a date-time), text by characters; absent values first.
    static func compare(_ a: JSONValue?, _ b: JSONValue?, _ type: FieldType) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        default: break
        }
        if let x = a?.doubleValue, let y = b?.doubleValue { return x < y ? -1 : x > y ? 1 : 0 }
        guard let x = a?.stringValue, let y = b?.stringValue else { return 0 }
        if case .dateTime = type {
            if x.count == 10 || y.count == 10 { return order(String(x.prefix(10)), String(y.prefix(10))) }
            if let first = instant(x), let second = instant(y) { return first < second ? -1 : first > second ? 1 : 0 }
        }
        return order(x, y)
    }

    static func order(_ x: String, _ y: String) -> Int { x < y ? -1 : x > y ? 1 : 0 }

    static func instant(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle()))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    /// `DELETE` on a resource: only the records `id:in` names, with everything that cascades from them.
    func delete(_ resource: Resource, query: String, state: inout StoreState) -> MockResponse {
        switch contract.deleteQuery(query, for: resource) {
        case .failure(let rejected):
            return failure(.invalidQuery(rejected.problems))
        case .success(let ids):
            let doomed = Set(ids).filter { state[resource.name][$0] != nil }
            if let blocked = restrictions(on: resource, ids: doomed, key: DeleteQuery.parameter, state: state) { return failure(blocked) }
            cascade(resource, ids: doomed, state: &state)
            return MockResponse(status: 204)
        }
    }

    /// A 422 when a `restrict` relation still points at a record to delete.
    func restrictions(on resource: Resource, ids: Set<Int>, key: String, state: StoreState) -> APIError? {
        for other in registry.resources {
            for relation in other.relations where relation.resource == resource.name && relation.onDelete == .restrict {
                let holders = candidates(state[other.name], relation.field, ids.sorted().map { .integer($0) }).filter {
                    ids.contains($0[relation.field]?.recordID ?? 0)
                }
                if let first = holders.first, let id = first[relation.field]?.recordID {
                    return .stillReferenced(
                        resource.model.name, id: id, by: other.model.name, count: holders.count, path: other.path, field: relation.field,
                        key: key)
                }
            }
        }
        return nil
    }

    func cascade(_ resource: Resource, ids: Set<Int>, state: inout StoreState) {
        guard !ids.isEmpty else { return }
        state[resource.name].remove(ids)
        // Objects kept per record (an order's delivery details) go with the record.
        for singleton in registry.singletons where singleton.scope == .record(of: resource.name) {
            state[singleton.name].remove(ids)
        }
        // Records that belong to one of these without showing it (`ParentScope.field` nil).
        for other in registry.resources {
            guard let scope = other.parent, scope.resource == resource.name, scope.field == nil else { continue }
            let dependents = candidates(state[other.name], scope.storageKey, ids.sorted().map { .integer($0) }).filter {
                ids.contains($0[scope.storageKey]?.recordID ?? 0)
            }
            cascade(other, ids: Set(dependents.compactMap { $0[other.model.identifier ?? "id"]?.recordID }), state: &state)
        }
        for other in registry.resources {
            for relation in other.relations where relation.resource == resource.name && relation.onDelete == .cascade {
                let dependents = candidates(state[other.name], relation.field, ids.sorted().map { .integer($0) }).filter {
                    ids.contains($0[relation.field]?.recordID ?? 0)
                }
                let identifier = other.model.identifier ?? "id"
                cascade(other, ids: Set(dependents.compactMap { $0[identifier]?.recordID }), state: &state)
            }
        }
    }
}
