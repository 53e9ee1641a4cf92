import APIRegistry
import Foundation
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation

extension MockAPI {
    /// `POST` and `PUT`: a JSON array validated item by item against the spec's schema,
    /// then against the registry's rules, then written all or nothing.
    func write(_ operation: APIRegistry.Operation, of resource: Resource, request: MockRequest, state: inout StoreState) -> MockResponse {
        guard let schema = contract.bodySchema(method: operation.method, path: resource.path) else {
            return failure(.missingSchema(operation.method, resource.path))
        }
        let body: JSONValue
        switch parsedBody(request, schema: schema, batch: true) {
        case .failure(let error): return failure(error)
        case .success(let parsed): body = parsed
        }
        let limit = operation.batchLimit ?? .max
        if case .array(let items) = body, items.count > limit {
            return failure(.batchTooLarge(received: items.count, limit: limit))
        }
        let issues = contract.validator.validate(body, against: schema, context: .request)
        guard issues.isEmpty else {
            return failure(.invalidBody(issues.map { explain($0, operation.kind, resource) }))
        }
        let items = (body.arrayValue ?? []).compactMap(\.objectValue)
        let problems = ruleProblems(items, operation.kind, resource, state: state)
        guard problems.isEmpty else { return failure(.ruleViolations(problems)) }
        let skipped = duplicates(items, operation.kind, resource, state: state)
        let written = items.enumerated().filter { !skipped.contains($0.offset) }.map { _, item in
            (id: apply(item, to: resource, operation.kind, parent: nil, partition: request.partition, state: &state), item: item)
        }
        let data = written.compactMap { entry -> JSONValue? in
            guard let record = state[resource.name][entry.id] else { return nil }
            let sent = Set(
                resource.model.fields.filter { childResource(of: $0, in: resource) != nil && entry.item[$0.name] != nil }.map(\.includeName)
            )
            return present(record, of: resource, including: sent, state: state)
        }
        return MockResponse(status: 200, body: ["data": .array(data), "meta": [:]])
    }

    /// The body as JSON: parsed (a 400 for malformed JSON), or, where the API takes forms and the
    /// body is one, read from the form and typed by `schema`, the operation's body schema; a 415
    /// for another media type. A batch (an array) is JSON only.
    func parsedBody(_ request: MockRequest, schema: JSONSchema?, batch: Bool = false) -> Result<JSONValue, APIError> {
        let forms = registry.info.formBodies && !batch
        if forms, Self.isForm(request.contentType) {
            return FormBody.decode(request.body).map { form in schema.map { contract.validator.typed(form, against: $0) } ?? form }
        }
        guard Self.isJSON(request.contentType) else { return .failure(.unsupportedMediaType(request.contentType, formsToo: forms)) }
        do {
            return .success(try Self.bodyParser.parse(request.body))
        } catch {
            return .failure(.malformedJSON(error.description))
        }
    }

    /// Request bodies are a batch of records a few levels deep with short strings: bounds
    /// far above that keep hostile input (deep nesting, huge strings) cheap to refuse.
    static let bodyParser = JSONParser(maxDepth: 32, maxStringLength: 64 * 1024)

    /// The media type of a `Content-Type` value, without its parameters, in lower case.
    static func mediaType(_ contentType: String?) -> String {
        contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    static func isForm(_ contentType: String?) -> Bool {
        mediaType(contentType) == "application/x-www-form-urlencoded"
    }

    static func isJSON(_ contentType: String?) -> Bool {
        let mediaType = mediaType(contentType)
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    /// Says why a field the schema does not list cannot be sent, when the registry knows:
    /// it is set by the server, fixed after create, or supplied by the enclosing record.
    func explain(_ issue: ValidationIssue, _ kind: OperationKind, _ resource: Resource) -> (path: String, message: String) {
        guard issue.code == .unknownField, case .key(let name)? = issue.path.components.last else {
            return issue.apiProblem
        }
        var owner = resource
        var enclosing: Resource?
        for component in issue.path.components.dropLast() {
            guard case .key(let key) = component else { continue }
            guard let field = owner.model.field(named: key), let child = childResource(of: field, in: owner) else {
                return issue.apiProblem
            }
            enclosing = owner
            owner = child
        }
        guard let field = owner.model.field(named: name) else { return issue.apiProblem }
        let path = issue.path.description
        if let enclosing, owner.relation(to: enclosing.name)?.field == name {
            return (path, "is set from the enclosing \(enclosing.model.name) and cannot be sent")
        }
        if field.isReadOnly || (field.name == owner.model.identifier && kind != .update) {
            return (path, "is read-only and cannot be sent")
        }
        if (kind == .update || kind == .patch) && enclosing == nil {
            if resource.rules.contains(where: { if case .immutable(name) = $0 { true } else { false } }) {
                return (path, "cannot be changed after create")
            }
            if field.isVisible(in: .create) && !field.isVisible(in: .update) { return (path, "can only be set on create") }
        }
        return issue.apiProblem
    }
}

// MARK: - Rules

extension MockAPI {
    /// Values seen earlier in the batch, for uniqueness and upsert keys: scope → value → where.
    typealias Seen = [String: [String: JSONPath]]

    /// Every rule the batch would break, checked before anything is written.
    func ruleProblems(_ items: [JSONObject], _ kind: OperationKind, _ resource: Resource, state: StoreState) -> [(
        path: String, message: String
    )] {
        var problems: [(path: String, message: String)] = []
        var seen = Seen()
        for (index, item) in items.enumerated() {
            check(
                item, of: resource, kind, at: JSONPath.root.appending(index: index), parent: nil, state: state, seen: &seen,
                problems: &problems)
        }
        for rule in resource.rules {
            guard case .maxRecords(let limit) = rule else { continue }
            let current = state[resource.name].count
            let adding = items.filter {
                kind == .create || (kind == .upsert && upsertMatch($0, in: resource, parent: nil, state: state) == nil)
            }.count
            if adding > 0 && current + adding > limit {
                problems.append(
                    (
                        "(root)",
                        "would make \(current + adding) \(resource.model.name) records; a store holds at most \(limit) and has \(current)"
                    ))
            }
        }
        return problems
    }

    /// The rules one item breaks: references to missing records, duplicates, values of the wrong type.
    func check(
        _ item: JSONObject, of resource: Resource, _ kind: OperationKind, at path: JSONPath,
        parent: (resource: Resource, id: Int?, path: JSONPath)?,
        state: StoreState, seen: inout Seen, problems: inout [(path: String, message: String)]
    ) {
        let model = resource.model
        let identifier = model.identifier ?? "id"
        var recordID: Int?
        if kind == .update, let id = item[identifier]?.recordID {
            guard state[resource.name][id] != nil else {
                problems.append((path.appending(key: identifier).description, "no \(model.name) has id \(id)"))
                return
            }
            recordID = id
        } else if kind == .upsert {
            recordID = upsertMatch(item, in: resource, parent: parent.map { ($0.resource, $0.id) }, state: state)
        }
        for relation in resource.relations {
            guard let key = item[relation.field]?.recordID, let target = registry.resource(named: relation.resource) else { continue }
            if state[target.name][key] == nil {
                problems.append((path.appending(key: relation.field).description, "no \(target.model.name) has id \(key)"))
            }
        }
        for rule in resource.rules {
            switch rule {
            case .unique(let field):
                guard let value = item[field], let normalized = Self.uniqueKey(value, model.field(named: field)?.type) else { continue }
                let holder = candidates(state[resource.name], field, [value]).first { record in
                    record[identifier]?.recordID != recordID
                        && record[field].flatMap { Self.uniqueKey($0, model.field(named: field)?.type) } == normalized
                }
                if let holder, let id = holder[identifier]?.recordID {
                    problems.append((path.appending(key: field).description, "is already used by \(model.name) \(id)"))
                } else if let earlier = seen["\(resource.name).\(field)"]?[normalized] {
                    problems.append((path.appending(key: field).description, "is also used by \(earlier) of this request"))
                } else {
                    seen["\(resource.name).\(field)", default: [:]][normalized] = path
                }
            case .valueMatchesType(let field, let via, let typeField, let types):
                guard let value = item[field]?.stringValue, let key = item[via]?.recordID,
                    let relation = resource.relations.first(where: { $0.field == via }),
                    let target = state[relation.resource][key], let type = target[typeField]?.stringValue, let fieldType = types[type]
                else { continue }
                if let problem = Self.textProblem(value, fieldType) {
                    let targetName = registry.resource(named: relation.resource)?.model.name ?? relation.resource
                    let label = target["name"]?.stringValue.map { " (\($0))" } ?? ""
                    problems.append((path.appending(key: field).description, "\(problem): \(targetName) \(key)\(label) has type \(type)"))
                }
            case .upsertKey(let fields):
                let parentKey = parent.flatMap { resource.relation(to: $0.resource.name)?.field }
                let values: [String] = fields.map { field in
                    if field == parentKey, let parent { return parent.id.map(String.init) ?? "new \(parent.path)" }
                    return item[field].map { JSONWriter(pretty: false).string($0) } ?? "-"
                }
                let key = values.joined(separator: "|")
                if let earlier = seen["\(resource.name) upsert"]?[key] {
                    let named = fields.filter { $0 != parentKey }.joined(separator: " and ")
                    problems.append((path.description, "repeats the \(named) of \(earlier); send each once"))
                } else {
                    seen["\(resource.name) upsert", default: [:]][key] = path
                }
            case .custom(let rule):
                let existing = recordID.flatMap { state[resource.name][$0] }
                var proposed = existing ?? JSONObject()
                for (key, value) in item where key != identifier { proposed[key] = value }
                for problem in rule.check(proposed, existing) {
                    problems.append(
                        (problem.field == "(root)" ? path.description : path.appending(key: problem.field).description, problem.message))
                }
            case .uniqueTogether(let fields):
                uniqueTogether(fields, item, of: resource, recordID: recordID, at: path, state: state, seen: &seen, problems: &problems)
            case .exactlyOne(let fields):
                let parentKey = parent.flatMap { resource.relation(to: $0.resource.name)?.field }
                let set = fields.filter { item[$0] != nil && item[$0] != .null || $0 == parentKey }
                guard set.count != 1, kind != .update else { continue }
                let named = fields.map { "`\($0)`" }.joined(separator: " or ")
                problems.append((path.description, set.isEmpty ? "must set \(named)" : "must set only one of \(named)"))
            case .immutable, .maxRecords, .ignoresDuplicates:
                break
            }
        }
        for field in model.fields {
            guard let child = childResource(of: field, in: resource), case .array(let entries)? = item[field.name] else { continue }
            let wire = registry.projection(of: child.model, .create, embeddedIn: model)
            for (index, entry) in entries.enumerated() {
                guard let object = entry.objectValue else { continue }
                let at = path.appending(key: field.name).appending(index: index)
                var found: [(path: String, message: String)] = []
                check(
                    wire.modelKeyed(object), of: child, child.nestedWriteKind, at: at, parent: (resource, recordID, path), state: state,
                    seen: &seen, problems: &found)
                problems += found.map { (Self.wirePath($0.path, under: at.description, wire), $0.message) }
            }
        }
    }

    /// No other record, stored or earlier in the batch, may hold the same values of `fields`.
    /// An update's unsent fields keep their stored values.
    func uniqueTogether(
        _ fields: [String], _ item: JSONObject, of resource: Resource, recordID: Int?, at path: JSONPath, state: StoreState,
        seen: inout Seen, problems: inout [(path: String, message: String)]
    ) {
        let stored = recordID.flatMap { state[resource.name][$0] }
        guard case let values = fields.map({ item[$0] ?? stored?[$0] }), values.allSatisfy({ $0 != nil && $0 != .null }) else { return }
        let wanted = values.compactMap { $0 }
        let identifier = resource.model.identifier ?? "id"
        let holder = candidates(state[resource.name], fields[0], [wanted[0]]).first { record in
            record[identifier]?.recordID != recordID && zip(fields, wanted).allSatisfy { record[$0.0]?.isJSONEqual(to: $0.1) == true }
        }
        let named = fields.map { "`\($0)`" }.joined(separator: ", ")
        let key = "\(resource.name) unique " + wanted.map { JSONWriter(pretty: false).string($0) }.joined(separator: "|")
        if let holder, let id = holder[identifier]?.recordID {
            problems.append((path.description, "has the same \(named) as \(resource.model.name) \(id)"))
        } else if let earlier = seen[key]?[""] {
            problems.append((path.description, "has the same \(named) as \(earlier) of this request"))
        } else {
            seen[key, default: [:]][""] = path
        }
    }

    /// The batch items an `ignoresDuplicates` rule leaves out: those that would equal, in the
    /// rule's fields, a stored record other than their own, or an item before them.
    func duplicates(_ items: [JSONObject], _ kind: OperationKind, _ resource: Resource, state: StoreState) -> Set<Int> {
        var skipped = Set<Int>()
        let identifier = resource.model.identifier ?? "id"
        for case .ignoresDuplicates(let fields) in resource.rules where kind == .create || kind == .update {
            var seen = Set<String>()
            for (index, item) in items.enumerated() {
                let own = kind == .update ? item[identifier]?.recordID : nil
                let stored = own.flatMap { state[resource.name][$0] }
                let values = fields.map { item[$0] ?? stored?[$0] ?? .null }
                let key = values.map { JSONWriter(pretty: false).string($0) }.joined(separator: "|")
                let existing = candidates(state[resource.name], fields[0], [values[0]]).contains { record in
                    record[identifier]?.recordID != own && zip(fields, values).allSatisfy { (record[$0.0] ?? .null).isJSONEqual(to: $0.1) }
                }
                if existing || !seen.insert(key).inserted { skipped.insert(index) }
            }
        }
        return skipped
    }

    /// What the store keeps of a value sent for `field`: a value object keeps only the members
    /// responses show (never a secret), merged over the stored one, so an update that sends one
    /// member keeps the others.
    static func storable(_ value: JSONValue, of field: Field, over stored: JSONValue?) -> JSONValue {
        storable(value, of: field.type, over: stored)
    }

    /// `value` of `type` as kept: an object's members over what was kept, at every depth, and
    /// a member every answer shows that neither gives takes its default (Stripe's
    /// `cash_balance: {}` is kept with its `object`, `livemode` and `settings`), or an id if it
    /// is the identifier; each object of an array of objects likewise.
    static func storable(_ value: JSONValue, of type: FieldType, over stored: JSONValue?) -> JSONValue {
        switch (type, value) {
        case (.model(let nested), .object(let sent)):
            var kept = stored?.objectValue ?? JSONObject()
            for (key, member) in sent {
                guard let inner = nested.field(named: key), inner.isVisible(in: .read), !inner.secret else { continue }
                kept[key] = storable(member, of: inner.type, over: kept[key])
            }
            for inner in nested.fields where kept[inner.name] == nil && inner.isRequired(in: .read) {
                if let value = inner.defaultValue {
                    kept[inner.name] = storable(value, of: inner.type, over: nil)
                } else if inner.name == nested.identifier {
                    // A record written inside another (an account's `individual`) is the first of its kind.
                    kept[inner.name] = reference(1, as: inner.type)
                }
            }
            return .object(kept)
        case (.array(let element, _, _), .array(let items)), (.set(let element), .array(let items)):
            guard case .model = element else { return value }
            return .array(items.map { storable($0, of: element, over: nil) })
        default:
            return value
        }
    }

    /// A problem's path inside an embedded record, with the member named as the client sent it.
    static func wirePath(_ path: String, under prefix: String, _ wire: ProjectedModel) -> String {
        guard wire.renames, path.hasPrefix(prefix + ".") else { return path }
        let rest = path.dropFirst(prefix.count + 1)
        let key = rest.prefix { $0 != "." && $0 != "[" }
        guard let renamed = wire.fields.first(where: { $0.field.name == key })?.name else { return path }
        return prefix + "." + renamed + rest.dropFirst(key.count)
    }

    /// The form two values of a unique field are compared in: emails ignore case.
    static func uniqueKey(_ value: JSONValue, _ type: FieldType?) -> String? {
        guard value != .null else { return nil }
        switch type {
        case .text(.email, _, _, _)?: return value.stringValue?.lowercased()
        case .text?, .integer?, .number?, .boolean?, .dateTime?, .date?, .enumeration?, .array?, .model?, .reference?, .stringMap?, .oneOf?,
            .set?,
            nil:
            return JSONWriter(pretty: false).string(value)
        }
    }

    /// Why a value sent as text does not parse as a value of `type`, if it does not. Text
    /// stands for itself; structured kinds are not written as one text, so nothing is said.
    static func textProblem(_ value: String, _ type: FieldType) -> String? {
        switch type {
        case .number:
            return Double(value).map { $0.isFinite } == true ? nil : "must be a number"
        case .integer:
            return Int(value) == nil ? "must be an integer" : nil
        case .boolean:
            return value == "true" || value == "false" ? nil : "must be true or false"
        case .date:
            return StringFormats.problem(with: value, format: "date")
        case .dateTime:
            return StringFormats.problem(with: value, format: "date-time")
        case .enumeration(let choices):
            return choices.contains(value) ? nil : "must be one of: \(choices.joined(separator: ", "))"
        case .text, .array, .model, .reference, .stringMap, .oneOf, .set:
            return nil
        }
    }

    /// The record an upsert item replaces: one whose upsert key fields all match.
    func upsertMatch(_ item: JSONObject, in resource: Resource, parent: (resource: Resource, id: Int?)?, state: StoreState) -> Int? {
        guard let fields = resource.upsertKey else { return nil }
        let parentKey = parent.flatMap { resource.relation(to: $0.resource.name)?.field }
        // A key field left out matches records that lack it too: with `exactlyOne`, a record
        // names one owner and leaves the other key fields out.
        var wanted: [String: JSONValue] = [:]
        for field in fields {
            if field == parentKey {
                guard let id = parent?.id else { return nil }
                wanted[field] = Self.reference(id, as: resource.model.field(named: field)?.type)
            } else {
                wanted[field] = item[field] ?? .null
            }
        }
        guard let (first, value) = fields.lazy.compactMap({ field in wanted[field].flatMap { $0 == .null ? nil : (field, $0) } }).first
        else { return nil }
        let identifier = resource.model.identifier ?? "id"
        return candidates(state[resource.name], first, [value]).first { record in
            wanted.allSatisfy { (record[$0.key] ?? .null).isJSONEqual(to: $0.value) }
        }?[identifier]?.recordID
    }
}

// MARK: - Applying a checked batch

extension MockAPI {
    /// Writes one checked item and the children it carries; returns the record's id. A record
    /// created under a partition's path keeps the partition.
    func apply(
        _ item: JSONObject, to resource: Resource, _ kind: OperationKind, parent: (resource: Resource, id: Int)?,
        partition: String? = nil, at time: JSONValue? = nil, state: inout StoreState
    ) -> Int {
        let model = resource.model
        let identifier = model.identifier ?? "id"
        let stamp = time ?? timestamp()
        var existing: Int?
        switch kind {
        case .update: existing = item[identifier]?.recordID
        case .upsert: existing = upsertMatch(item, in: resource, parent: parent.map { ($0.resource, $0.id) }, state: state)
        default: existing = nil
        }
        var record: JSONObject
        let id: Int
        if let existing, let stored = state[resource.name][existing] {
            id = existing
            record = stored
        } else {
            id = state[resource.name].reserveID()
            record = JSONObject([(identifier, Self.idValue(id, of: resource))])
            if let partition { record[Self.partitionKey] = .string(partition) }
            for field in model.fields where field.derived == .createdAt { record[field.name] = stamp }
            for field in model.fields where item[field.name] == nil {
                if let value = field.defaultValue { record[field.name] = value }
            }
        }
        for (key, value) in item {
            guard key != identifier, let field = model.field(named: key), field.isVisible(in: .read), field.derived == nil,
                childResource(of: field, in: resource) == nil
            else { continue }
            record[key] = Self.storable(value, of: field, over: record[key])
            // An empty object clears the field, unless every answer must show it.
            if record[key] == .object(JSONObject()), !field.isRequired(in: .read) { record[key] = nil }
        }
        for secret in Secrets.hashes(in: item, of: model) { record[secret.key] = .string(secret.hash) }
        if let parent, let relation = resource.relation(to: parent.resource.name) {
            record[relation.field] = Self.reference(parent.id, as: model.field(named: relation.field)?.type)
        }
        if let parent, let scope = resource.parent, scope.resource == parent.resource.name {
            record[scope.storageKey] = Self.reference(parent.id, as: model.field(named: scope.storageKey)?.type)
        }
        for field in model.fields where field.derived == .modifiedAt { record[field.name] = stamp }
        state[resource.name].put(record, id: id)
        for field in model.fields {
            guard let child = childResource(of: field, in: resource), case .array(let entries)? = item[field.name] else { continue }
            let wire = registry.projection(of: child.model, .create, embeddedIn: model)
            for case .object(let entry) in entries {
                _ = apply(wire.modelKeyed(entry), to: child, child.nestedWriteKind, parent: (resource, id), at: stamp, state: &state)
            }
        }
        return id
    }
}
