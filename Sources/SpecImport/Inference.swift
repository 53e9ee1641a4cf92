import APIRegistry
import JSONModel
import SpecReader

/// Works out an `ImportPlan` from path shapes and the schemas the operations answer with.
struct Inference {
    let document: SpecDocument
    /// Operations by path, then by method, in document order.
    let paths: [(path: String, methods: [String: SpecDocument.Operation])]
    private(set) var resources: [ImportPlan.Resource] = []
    private(set) var entries: [ImportPlan.Entry] = []

    static let pageSizes: Set<String> = ["limit", "per_page", "page_size", "pageSize", "perPage", "size"]
    static let cursors: Set<String> = ["after", "before", "starting_after", "ending_before", "cursor", "page_token", "pageToken"]
    static let listProperties = ["data", "items", "results", "records", "entries", "list", "values"]
    /// What a list answer holds beside its records.
    static let listMembers: Set<String> = [
        "meta", "links", "pagination", "total", "count", "total_count", "has_more", "object", "url", "next", "previous", "page",
        "per_page", "next_cursor", "cursor", "next_page", "prev_page", "_links",
    ]

    /// Corrections of the inference per operation (`GET /reports/{reportId}`), with the keys an
    /// operation's own `x-specsmith-*` members take, which they stand before.
    let overrides: [String: JSONObject]

    /// The keys that correct the inference: `x-specsmith-example-only: true` answers the
    /// operation from the document; `x-specsmith-resource: NAME` names the resource it belongs to;
    /// `x-specsmith-identifier: FIELD` names the field that identifies its records.
    static let overrideKeys = ["x-specsmith-example-only", "x-specsmith-resource", "x-specsmith-identifier"]

    init(document: SpecDocument, overrides: [String: JSONObject] = [:]) {
        self.document = document
        self.overrides = overrides
        var order: [String] = []
        var byPath: [String: [String: SpecDocument.Operation]] = [:]
        for operation in document.operations {
            if byPath[operation.path] == nil { order.append(operation.path) }
            byPath[operation.path, default: [:]][operation.method] = operation
        }
        paths = order.map { ($0, byPath[$0] ?? [:]) }
        infer()
    }

    static func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }
    static func isParameter(_ segment: String) -> Bool { segment.hasPrefix("{") && segment.hasSuffix("}") }
    static func parameterName(_ segment: String) -> String { String(segment.dropFirst().dropLast()) }
    static func join(_ segments: some Collection<String>) -> String { "/" + segments.joined(separator: "/") }

    func methods(at path: String) -> [String: SpecDocument.Operation] { paths.first { $0.path == path }?.methods ?? [:] }

    /// The correction `key` of the operation, from the override file, else the operation's own
    /// `x-specsmith-*` member.
    func setting(_ key: String, _ method: String, _ path: String) -> JSONValue? {
        overrides["\(method.uppercased()) \(path)"]?[key] ?? methods(at: path)[method]?.node[key]?.json
    }

    /// The field an operation of the collection or its item path names with `x-specsmith-identifier`.
    func givenIdentifier(at path: String, item: String?) -> String? {
        [path, item].compactMap { $0 }.lazy.flatMap { at in
            SpecDocument.methods.lazy.compactMap { self.setting("x-specsmith-identifier", $0, at)?.stringValue }
        }.first
    }

    // MARK: - Schemas

    /// The JSON schema of an operation's first 2xx JSON answer, with where it is.
    func responseSchema(_ operation: SpecDocument.Operation) -> SpecNode? {
        guard let responses = operation.node["responses"] else { return nil }
        for member in responses.members where member.key.hasPrefix("2") {
            let response = document.resolved(member.value) ?? member.value
            if let schema = jsonSchema(in: response["content"]) { return schema }
        }
        return nil
    }

    func requestSchema(_ operation: SpecDocument.Operation) -> SpecNode? {
        guard let body = operation.node["requestBody"] else { return nil }
        return jsonSchema(in: (document.resolved(body) ?? body)["content"])
    }

    func jsonSchema(in content: SpecNode?) -> SpecNode? {
        guard let content else { return nil }
        let media = content.members.first { $0.key.contains("json") } ?? content.members.first
        return media?.value["schema"]
    }

    /// A schema with `$ref`s followed.
    func resolve(_ schema: SpecNode) -> SpecNode { document.resolved(schema) ?? schema }

    /// `Order` for a schema that is a `$ref` to `#/components/schemas/Order`.
    static func componentName(_ schema: SpecNode?) -> String? {
        guard let ref = schema?["$ref"]?.string, ref.hasPrefix("#/components/schemas/") else { return nil }
        return String(ref.dropFirst("#/components/schemas/".count))
    }

    /// Where a list answer keeps its records: in a bare array (`property` nil) or in an array
    /// property (`data`), and their schema.
    struct ListShape {
        let property: String?
        let items: SpecNode?
    }

    /// A list's items as a record schema: the items, or, for a choice of a record and a selection
    /// of its fields (`anyOf` two components), its first component.
    func recordItems(_ items: SpecNode?) -> SpecNode? {
        guard let items else { return nil }
        let resolved = resolve(items)
        guard resolved["properties"] == nil else { return items }
        for key in ["anyOf", "oneOf"] {
            if let first = resolved[key]?.items.first(where: { Self.componentName($0) != nil }) { return first }
        }
        return items
    }

    /// The list shape of an answer; nil when it holds no array of records.
    func listShape(_ schema: SpecNode?) -> ListShape? {
        guard let schema else { return nil }
        let resolved = resolve(schema)
        if resolved["type"]?.string == "array" { return ListShape(property: nil, items: recordItems(resolved["items"])) }
        let arrays = (resolved["properties"]?.members ?? []).filter { resolve($0.value)["type"]?.string == "array" }
        guard !arrays.isEmpty else { return nil }
        if let named = Self.listProperties.lazy.compactMap({ name in arrays.first { $0.key == name } }).first {
            return ListShape(property: named.key, items: recordItems(resolve(named.value)["items"]))
        }
        // Another name holds the records when nothing beside it is more than paging: a record
        // with an array among its fields (a dispute's `balance_transactions`) is no list.
        let others = (resolved["properties"]?.members ?? []).map(\.key).filter { $0 != arrays[0].key }
        guard arrays.count == 1, others.allSatisfy(Self.listMembers.contains) else { return nil }
        return ListShape(property: arrays[0].key, items: recordItems(resolve(arrays[0].value)["items"]))
    }

    /// A list answer's layout, when the registry can fill each of its members: the records, a
    /// constant (`object: list`), whether more follow (`has_more`), the total, the list's path
    /// (`url`), what to send for the next page (`next_page`). Nil for a bare array, and for an
    /// answer with anything else beside its records (`meta`, `links`). Its cursors are the pair
    /// of parameters the list takes.
    func listLayout(_ schema: SpecNode?, _ shape: ListShape, path: String, queryNames: [String]) -> ListLayout? {
        guard let schema, let property = shape.property else { return nil }
        var members: [ListLayout.Member] = []
        for member in resolve(schema)["properties"]?.members ?? [] {
            let node = resolve(member.value)
            if member.key == property {
                members.append(ListLayout.Member(member.key, .records))
            } else if let value = layoutValue(member.key, node, nested: false, path: path) {
                members.append(ListLayout.Member(member.key, value))
            } else if SchemaReading.types(node).types.first == "object" || node["properties"] != nil {
                // An object of paging members (`meta: {total, per_page}`, `links: {next}`), one deep.
                let inner = node["properties"]?.members ?? []
                guard !inner.isEmpty else { return nil }
                for item in inner {
                    guard let value = layoutValue(item.key, resolve(item.value), nested: true, path: path) else { return nil }
                    members.append(ListLayout.Member(path: [member.key, item.key], value))
                }
            } else {
                return nil
            }
        }
        // The cursors the list declares; one it leaves out is named as its pair's style would. A
        // lone forward cursor (`cursor`, `page_token`) takes the value the answer's `next` gives.
        let after = ["starting_after", "after"].first(where: queryNames.contains)
        let before = ["ending_before", "before"].first(where: queryNames.contains)
        if after == nil, before == nil, let forward = ["cursor", "page_token", "pageToken"].first(where: queryNames.contains),
            members.contains(where: { $0.value == .next })
        {
            return ListLayout(members: members, after: forward, before: nil)
        }
        let stripeStyle = after == "starting_after" || before == "ending_before"
        return ListLayout(
            members: members, after: after ?? (stripeStyle ? "starting_after" : "after"),
            before: before ?? (stripeStyle ? "ending_before" : "before"))
    }

    /// What a member of a list answer holds, by its name and type; nil for one the registry
    /// cannot fill. `count` beside the records is the total (`{count, next, results}`); inside
    /// an object of paging members, the page's count. A link is a query string, so one whose
    /// format asks for an absolute URL is not filled.
    func layoutValue(_ key: String, _ node: SpecNode, nested: Bool, path: String) -> ListLayout.Value? {
        let type = SchemaReading.types(node).types.first
        let format = node["format"]?.string
        if let constant = node["const"] ?? node["enum"]?.items.first, node["enum"]?.items.count ?? 1 == 1 {
            return .constant(constant.json)
        }
        switch type {
        case "boolean" where ["has_more", "hasMore", "has_next", "hasNext"].contains(key): return .hasMore
        case "integer":
            if ["total_count", "totalCount", "total", "total_items", "totalItems", "total_results"].contains(key) { return .total }
            if key == "count" { return nested ? .count : .total }
            if ["per_page", "perPage", "limit", "page_size", "pageSize"].contains(key) { return .limit }
            if ["page", "current_page", "currentPage", "page_number"].contains(key) { return .page }
            if ["total_pages", "totalPages", "pages", "page_count", "pageCount"].contains(key) { return .pages }
            return nil
        case "string":
            if !nested, format == nil, ["url", "path", "href"].contains(key) {
                // A pattern the list's own path does not match pins the value to another path
                // (Stripe's `/v1/balance/history` answers `url: /v1/balance_transactions`).
                let concrete = path.replacing(/\{[^}]+\}/, with: "a")
                if let pattern = node["pattern"]?.string, let regex = try? Regex(pattern), let pinned = Samples.matching(pattern),
                    (try? regex.firstMatch(in: concrete)) == nil
                {
                    return .constant(.string(pinned))
                }
                return .path
            }
            if ["next_page", "next_cursor", "nextPageToken", "next_page_token"].contains(key) { return .next }
            guard format == nil || format == "uri-reference" else { return nil }
            if key == "next" { return .nextLink }
            if ["previous", "prev"].contains(key) { return .previousLink }
            if ["self", "current"].contains(key) { return .currentLink }
            return nil
        default: return nil
        }
    }

    /// The record schema an item answer holds: the schema itself, or its `data` when it wraps one;
    /// of a choice between records (`anyOf: [order, deleted_order]`), the first.
    func recordSchema(_ schema: SpecNode?) -> SpecNode? {
        guard let schema else { return nil }
        if let data = envelopeData(schema) { return data }
        let resolved = resolve(schema)
        if resolved["properties"] == nil, resolved["allOf"] == nil,
            let first = (resolved["anyOf"]?.items ?? resolved["oneOf"]?.items)?.first(where: { resolve($0)["properties"] != nil })
        {
            return first
        }
        return schema
    }

    /// The record in an envelope: `data` holding one object, beside nothing but `meta` or `links`.
    func envelopeData(_ schema: SpecNode) -> SpecNode? {
        let resolved = resolve(schema)
        let keys = Set((resolved["properties"]?.members ?? []).map(\.key))
        guard let data = resolved["properties"]?["data"], resolve(data)["type"]?.string != "array",
            Self.componentName(schema) == nil || keys.isSubset(of: ["data", "meta", "links"])
        else { return nil }
        return data
    }

    /// The member of a list answer's `meta` that gives a cursor page's edges (`cursor_pagination`
    /// with `start_cursor` and `end_cursor`); nil when the answer has none.
    func edgeCursorMember(_ answer: SpecNode?) -> String? {
        guard let answer, let meta = resolve(answer)["properties"]?["meta"] else { return nil }
        return (resolve(meta)["properties"]?.members ?? []).first { member in
            let names = properties(member.value)
            return names.contains("end_cursor") || names.contains("start_cursor")
        }?.key
    }

    func properties(_ schema: SpecNode?) -> [String] {
        guard let schema else { return [] }
        let resolved = resolve(schema)
        var names = (resolved["properties"]?.members ?? []).map(\.key)
        for part in resolved["allOf"]?.items ?? [] { names += properties(part) }
        return names
    }

    // MARK: - The API

    func api() -> ImportPlan.API {
        let info = document.root["info"]
        let schemes = document.root["components"]?["securitySchemes"]?.members ?? []
        // The schemes in force: the document's own requirement, else the first operation's, else any declared.
        let required =
            (document.root["security"]?.items ?? document.operations.lazy.compactMap { $0.node["security"]?.items }.first ?? [])
            .flatMap { $0.members.map(\.key) }
        let scheme = (required.first.flatMap { name in schemes.first { $0.key == name } } ?? schemes.first).map { resolve($0.value) }
        let authentication: String? = scheme.map { scheme in
            switch scheme["type"]?.string {
            case "http":
                return scheme["scheme"]?.string?.lowercased() == "bearer" ? "bearer tokens" : "HTTP \(scheme["scheme"]?.string ?? "")"
            case "apiKey": return "an API key in the \(scheme["name"]?.string ?? "?") \(scheme["in"]?.string ?? "header")"
            case let other: return other ?? "an undeclared scheme"
            }
        }
        // The first 4xx answer with a body says how errors look; a `default` answer (Stripe's way) if none does.
        func errorFormat(_ matches: (String) -> Bool) -> String? {
            for operation in document.operations {
                for response in operation.node["responses"]?.members ?? [] where matches(response.key) {
                    guard let media = (resolve(response.value)["content"]?.members ?? []).first else { continue }
                    return media.key + (Self.componentName(media.value["schema"]).map { " (\($0))" } ?? "")
                }
            }
            return nil
        }
        let errors = errorFormat { $0.hasPrefix("4") } ?? errorFormat { $0 == "default" }
        return ImportPlan.API(
            title: info?["title"]?.string ?? "Untitled", version: info?["version"]?.string ?? "?",
            serverURL: document.root["servers"]?.items.first?["url"]?.string, authentication: authentication, errors: errors)
    }

    // MARK: - Inference

    mutating func infer() {
        var collections: [String: (item: String?, parameter: String?)] = [:]
        var collectionOrder: [String] = []
        func addCollection(_ path: String, item: String?, parameter: String?) {
            if collections[path] == nil { collectionOrder.append(path) }
            let known = collections[path]
            collections[path] = (known?.item ?? item, known?.parameter ?? parameter)
        }
        // Item paths make their collection a resource; lists and creates make one too.
        for (path, methods) in paths {
            let segments = Self.segments(path)
            guard let last = segments.last else { continue }
            if Self.isParameter(last), segments.count >= 2, !Self.isParameter(segments[segments.count - 2]), !isKeyedObject(path, methods) {
                addCollection(Self.join(segments.dropLast()), item: path, parameter: Self.parameterName(last))
            } else if !Self.isParameter(last), isCollection(path, methods) {
                addCollection(path, item: nil, parameter: nil)
            }
        }
        // An action: a POST-only path right under an item path (`/orders/{orderId}/cancel`) or under
        // a collection (`/orders/search`) that is no resource of its own.
        var actions: [String: (collection: String, name: String)] = [:]
        for (path, methods) in paths where collections[path] == nil && Set(methods.keys) == ["post"] {
            let segments = Self.segments(path)
            guard let last = segments.last, !Self.isParameter(last), segments.count >= 2 else { continue }
            let base = Self.join(segments.dropLast())
            if let owner = collections.first(where: { $0.value.item == base })?.key ?? (collections[base] != nil ? base : nil) {
                actions[path] = (owner, last)
            }
        }
        // Records read by two item paths (`/payment_methods/{id}` and one under an account) are
        // two resources: the registry serves a resource's records at one item path.
        // Under a parent: right under an item path of another collection (or under a collection
        // the document reads only in batches).
        let scoped = Set(
            collectionOrder.filter { path in
                let segments = Self.segments(path)
                guard segments.count >= 3, Self.isParameter(segments[segments.count - 2]) else { return false }
                let parentItem = Self.join(segments.dropLast())
                return collections.contains { $0.value.item == parentItem } || collections[Self.join(segments.dropLast(2))] != nil
            })
        var names = Self.names(collectionOrder, scoped: scoped) { first, second in
            guard collections[first]?.item == nil || collections[second]?.item == nil else { return false }
            let records = [first, second].map { record(at: $0, item: collections[$0]?.item) }
            return sameRecords(records[0], records[1])
        }
        // A name an operation of the collection or its item path gives with `x-specsmith-resource`.
        for path in collectionOrder {
            let item = collections[path]?.item
            var given: String?
            for at in [path, item].compactMap({ $0 }) {
                for method in SpecDocument.methods where given == nil {
                    given = setting("x-specsmith-resource", method, at)?.stringValue
                }
            }
            if let given, !given.isEmpty { names[path] = given }
        }
        for path in collectionOrder {
            guard let (item, parameter) = collections[path] else { continue }
            resources.append(resource(at: path, item: item, parameter: parameter, collections: collections, names: names))
        }
        for (path, methods) in paths {
            for method in SpecDocument.methods where methods[method] != nil {
                if setting("x-specsmith-example-only", method, path)?.boolValue == true {
                    entries.append(ImportPlan.Entry(method: method, path: path, role: .exampleOnly, reason: "x-specsmith-example-only"))
                } else {
                    entries.append(entry(method, path, methods: methods, collections: collections, names: names, actions: actions))
                }
            }
        }
        // A resource whose every operation is answered from the document is no resource.
        resources.removeAll { resource in !entries.contains { $0.role.owner == resource.name } }
    }

    /// A resource name per collection path, from its last segment, each naming one resource: a
    /// collection and one under a parent record share theirs (`/notes`, `/orders/{orderId}/notes`:
    /// one resource, scoped); another of the same name is named after its parent's records
    /// (`transfer_reversals`) or the segment above it (`issuing_disputes`).
    static func names(_ collections: [String], scoped underParent: Set<String>, holdSameRecords: (String, String) -> Bool)
        -> [String: String]
    {
        var names: [String: String] = [:]
        var taken: Set<String> = []
        // The first collection of each name: a collection and one under a parent share a name
        // only when they hold the same records.
        var firsts: [String: String] = [:]
        for path in collections {
            let segments = Self.segments(path)
            let scoped = underParent.contains(path)
            let last = segments.last ?? path
            let above = segments.dropLast().filter { !isParameter($0) }.reversed()
            var candidates = [last]
            if let word = above.first { candidates.append((scoped ? RegistryBuilder.singular(word) : word) + "_" + last) }
            candidates.append(above.reversed().joined(separator: "_") + "_" + last)
            func free(_ name: String) -> Bool {
                !taken.contains(key(name, scoped)) && (firsts[name].map { holdSameRecords($0, path) } ?? true)
            }
            let name = candidates.first(where: free) ?? (2...).lazy.map { "\(last)_\($0)" }.first(where: free) ?? last
            taken.insert(key(name, scoped))
            if firsts[name] == nil { firsts[name] = path }
            names[path] = name
        }
        return names
    }

    private static func key(_ name: String, _ scoped: Bool) -> String { (scoped ? "scoped " : "") + name }

    /// GET, and PUT or PATCH of one object: no POST, no DELETE, no array body.
    func isObject(_ methods: [String: SpecDocument.Operation]) -> Bool {
        guard methods["get"] != nil, methods["post"] == nil, methods["delete"] == nil, let write = methods["put"] ?? methods["patch"] else {
            return false
        }
        return requestSchema(write).map { resolve($0)["type"]?.string != "array" } ?? true
    }

    /// An object per key rather than a record (`/settings/channels/{channel_id}`): GET and PUT
    /// or PATCH on an item path, no DELETE, and nothing served at the path above it.
    func isKeyedObject(_ path: String, _ methods: [String: SpecDocument.Operation]) -> Bool {
        let above = Self.join(Self.segments(path).dropLast())
        return isObject(methods) && self.methods(at: above).isEmpty
    }

    /// A path that lists (its GET answers an array of records) or creates (POST with a body) and
    /// is not an object of its own (GET and PUT, no POST).
    func isCollection(_ path: String, _ methods: [String: SpecDocument.Operation]) -> Bool {
        // GET and PUT with no POST or DELETE is an object of its own, even when it holds an
        // array, unless the PUT writes a batch.
        if isObject(methods), !paths.contains(where: { $0.path.hasPrefix(path + "/{") }) { return false }
        if let get = methods["get"], listShape(responseSchema(get)) != nil { return true }
        if methods["post"].map({ requestSchema($0) != nil }) == true, methods["put"] == nil || methods["get"] != nil {
            // A GET answering one object beside the POST is an object the POST changes (Stripe's
            // `/v1/charges/{charge}/dispute`), unless items lie below.
            let readsOne = methods["get"].flatMap(responseSchema) != nil
            return (methods["get"] != nil && !readsOne) || paths.contains { $0.path.hasPrefix(path + "/{") }
        }
        return false
    }

    func resource(
        at path: String, item: String?, parameter: String?, collections: [String: (item: String?, parameter: String?)],
        names: [String: String]
    ) -> ImportPlan.Resource {
        let atPath = methods(at: path)
        let list = atPath["get"].flatMap { listShape(responseSchema($0)) }
        let record = record(at: path, item: item)
        let fields = properties(record)
        // The field `x-specsmith-identifier` names, else the item path's parameter, the field it
        // names after the record's noun (`issue_number` → `number`, `team_slug` → `slug`), `id`,
        // or the parameter in snake case.
        let given = givenIdentifier(at: path, item: item)
        let named = parameter.map(Self.snakeCase).flatMap { snake in
            snake.firstIndex(of: "_").map { String(snake[snake.index(after: $0)...]) }
        }
        let identifier = ([given, parameter, named, "id", parameter.map(Self.snakeCase)].compactMap { $0 }).first { fields.contains($0) }
        let segments = Self.segments(path)
        var parent: (resource: String, parameter: String)?
        if segments.count >= 3, Self.isParameter(segments[segments.count - 2]) {
            let parentItem = Self.join(segments.dropLast())
            let parentCollection = Self.join(segments.dropLast(2))
            // The parent is the resource whose item path this lies under, or whose collection it
            // lies under when the document reads that resource only in batches.
            if let owner = collections.first(where: { $0.value.item == parentItem })?.key
                ?? (collections[parentCollection] != nil ? parentCollection : nil)
            {
                parent = (names[owner] ?? owner, Self.parameterName(segments[segments.count - 2]))
            }
        }
        let query = atPath["get"].map { document.effectiveParameters(of: $0).map { document.resolved($0.node) ?? $0.node } } ?? []
        let queryNames = query.filter { $0["in"]?.string == "query" }.compactMap { $0["name"]?.string }
        let paging: ImportPlan.Paging? =
            queryNames.contains(where: Self.cursors.contains)
            ? (queryNames.contains("page") ? .pageAndCursor : .cursor)
            : queryNames.contains("offset") ? .offset : queryNames.contains("page") ? .page : nil
        let filters = queryNames.filter { name in fields.contains(Self.fieldName(of: name)) }
        let layout = list.flatMap { shape in
            atPath["get"].flatMap { listLayout(responseSchema($0), shape, path: path, queryNames: queryNames) }
        }
        let sizeParameter = query.first { $0["in"]?.string == "query" && Self.pageSizes.contains($0["name"]?.string ?? "") }
        let size = sizeParameter.flatMap { $0["schema"].map(resolve) }
        let limit = (sizeParameter?["name"]?.string, size?["default"]?.json.intValue, size?["maximum"]?.json.intValue)
        return ImportPlan.Resource(
            name: names[path] ?? path, path: path, itemPath: item, itemParameter: parameter, parent: parent,
            schema: Self.componentName(record), identifier: identifier, listProperty: list?.property, listLayout: layout, paging: paging,
            filters: filters, limit: limit)
    }

    /// Whether two record schemas are one: the same component, or most of their fields in
    /// common (a document that names its scoped and store-wide records apart).
    func sameRecords(_ first: SpecNode?, _ second: SpecNode?) -> Bool {
        guard let first, let second else { return true }
        if let name = Self.componentName(first), name == Self.componentName(second) { return true }
        let fields = [first, second].map { Set(properties($0)) }
        let union = fields[0].union(fields[1])
        guard !union.isEmpty else { return true }
        return Double(fields[0].intersection(fields[1]).count) / Double(union.count) >= 0.6
    }

    /// The record schema of a collection: its item's answer, its list's items, its create's
    /// answer or body.
    func record(at path: String, item: String?) -> SpecNode? {
        let atPath = methods(at: path)
        let atItem = item.map(methods(at:)) ?? [:]
        return atItem["get"].flatMap { recordSchema(responseSchema($0)) }
            ?? atPath["get"].flatMap { listShape(responseSchema($0))?.items }
            ?? atPath["post"].flatMap { recordSchema(responseSchema($0)) }.flatMap { resolve($0)["properties"] != nil ? $0 : nil }
            ?? atPath["post"].flatMap { requestSchema($0) }.flatMap { resolve($0)["type"]?.string == "array" ? resolve($0)["items"] : $0 }
    }

    /// The field a filter parameter names in its common spellings: `email`, `email:in`,
    /// `email[in]`, `email__in`.
    static func fieldName(of parameter: String) -> String {
        var name = parameter
        for separator in [":", "[", "__"] {
            if let range = name.range(of: separator) { name = String(name[..<range.lowerBound]) }
        }
        return name
    }

    /// `bookId` → `book_id`.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase, !result.isEmpty { result.append("_") }
            result.append(character.lowercased())
        }
    }

    func entry(
        _ method: String, _ path: String, methods: [String: SpecDocument.Operation],
        collections: [String: (item: String?, parameter: String?)], names: [String: String],
        actions: [String: (collection: String, name: String)]
    ) -> ImportPlan.Entry {
        func make(_ role: ImportPlan.Role, _ reason: String) -> ImportPlan.Entry {
            ImportPlan.Entry(method: method, path: path, role: role, reason: reason)
        }
        if collections[path] != nil {
            let name = names[path] ?? path
            switch method {
            case "get": return make(.list(resource: name), "the collection path; its answer holds an array of records")
            case "post":
                let batch = methods["post"].flatMap(requestSchema).map { resolve($0)["type"]?.string == "array" } ?? false
                return make(
                    .create(resource: name, batch: batch), batch ? "POST on the collection with an array body" : "POST on the collection")
            case "put", "patch":
                return make(.replace(resource: name), "\(method.uppercased()) on the collection path: a batch write")
            case "delete": return make(.delete(resource: name), "DELETE on the collection path: deletes what its query selects")
            default: break
            }
        }
        if let owner = collections.first(where: { $0.value.item == path }) {
            let name = names[owner.key] ?? owner.key
            let reason = "the item path under \(owner.key), by {\(owner.value.parameter ?? "")}"
            switch method {
            case "get": return make(.read(resource: name), reason)
            case "put": return make(.replace(resource: name), reason)
            case "patch": return make(.patch(resource: name), reason)
            // Some APIs (Stripe's) change a record with a POST on its path.
            case "post": return make(.patch(resource: name), reason + "; a POST there changes the record")
            case "delete": return make(.delete(resource: name), reason)
            default: break
            }
        }
        if let action = actions[path] {
            return make(
                .action(resource: names[action.collection] ?? action.collection, name: action.name), "a POST-only path under the resource")
        }
        let last = Self.segments(path).last ?? ""
        if !Self.isParameter(last) || isKeyedObject(path, methods), isObject(methods) {
            let reason =
                Self.isParameter(last)
                ? "GET and \(methods["put"] != nil ? "PUT" : "PATCH") by {\(Self.parameterName(last))}, with nothing served above it: an object per key"
                : "GET and \(methods["put"] != nil ? "PUT" : "PATCH") at a path of its own, with no collection below it"
            if method == "get" { return make(.singletonRead(path: path), reason) }
            if method == "put" || method == "patch" { return make(.singletonWrite(path: path), reason) }
        }
        return make(.exampleOnly, Self.exampleReason(method, path, methods))
    }

    static func exampleReason(_ method: String, _ path: String, _ methods: [String: SpecDocument.Operation]) -> String {
        if methods.count == 1, method == "get" { return "a GET with no collection, item path or PUT beside it" }
        if method == "post" { return "a POST that is not under a collection or an item path" }
        return "no collection, item path or object shape fits \(path)"
    }
}
