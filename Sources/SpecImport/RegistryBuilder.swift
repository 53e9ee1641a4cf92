import APIRegistry
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SpecReader

/// Turns an `ImportPlan` into a registry value: the models its record schemas describe, the
/// operations its paths serve, the filters, paging, security and error format it declares.
/// What the registry cannot say goes into the report.
struct RegistryBuilder {
    let document: SpecDocument
    let plan: ImportPlan
    let fileName: String
    var reading: SchemaReading
    /// Examples of the schemas carried for documented operations that their own schema refuses,
    /// by schema name and the steps to them: left out.
    var refusedExamples: [String: Set<[String]>] = [:]
    let inference: Inference

    /// The document the registry generated when the builder last checked it: the same one
    /// `GeneratedSpec` would make again, kept so that it is made once.
    private(set) var emitted: OpenAPI.Document?

    init(inference: Inference, plan: ImportPlan, fileName: String) {
        self.document = inference.document
        self.plan = plan
        self.fileName = fileName
        self.reading = SchemaReading(document: inference.document)
        self.inference = inference
    }

    var samples: Samples { Samples(reading: reading) }

    func operation(_ method: String, _ path: String) -> SpecDocument.Operation? {
        inference.methods(at: path)[method]
    }

    static func pointer(_ method: String, _ path: String) -> String {
        SpecDocument.pointer(["paths", path, method])
    }

    /// The operation's description without the sentence on scopes a generated spec adds.
    static func prose(_ operation: SpecDocument.Operation?, generated: Set<String> = []) -> (summary: String, description: String) {
        let summary = operation?.node["summary"]?.string ?? ""
        var description = operation?.node["description"]?.string ?? summary
        if let range = description.range(of: "\n\nRequires the `") { description = String(description[..<range.lowerBound]) }
        if !generated.isEmpty {
            description = description.components(separatedBy: "\n\n").filter { !generated.contains($0) }.joined(separator: "\n\n")
        }
        return (summary, description)
    }

    /// The example of an answer or a body: its `example`, or the first of its `examples`.
    func example(in content: SpecNode?) -> JSONValue? {
        guard let content else { return nil }
        let media = content.members.first { $0.key.contains("json") } ?? content.members.first
        if let example = media?.value["example"] { return example.json }
        if let first = media?.value["examples"]?.members.first {
            return (document.resolved(first.value) ?? first.value)["value"]?.json
        }
        return nil
    }

    func responseExample(_ operation: SpecDocument.Operation?) -> JSONValue? {
        guard let responses = operation?.node["responses"] else { return nil }
        for member in responses.members where member.key.hasPrefix("2") {
            if let example = example(in: (document.resolved(member.value) ?? member.value)["content"]) { return example }
        }
        return nil
    }

    func requestExample(_ operation: SpecDocument.Operation?) -> JSONValue? {
        guard let body = operation?.node["requestBody"] else { return nil }
        return example(in: (document.resolved(body) ?? body)["content"])
    }

    func successStatus(_ operation: SpecDocument.Operation?) -> Int? {
        operation?.node["responses"]?.members.lazy.compactMap { Int($0.key) }.first { (200..<300).contains($0) }
    }

    // MARK: - The registry

    mutating func registry() -> Registry {
        // Operations that fit no resource are kept as written. OpenAPIKit reads them (slowly, a
        // large document's schemas being inlined in them) on the other cores meanwhile.
        let decoded = DocumentEmitter.DecodedOperations()
        let exampleOnly = plan.entries.filter { $0.role == .exampleOnly }
        var documented = exampleOnly.compactMap { entry in operation(entry.method, entry.path).map { self.documented($0) } }
        // The document's webhooks are listed as written: nothing says which change sends each.
        let webhooks = document.webhookOperations.map { self.documented($0) }
        decoded.start(reading: documented + webhooks)
        let pagination = self.pagination()
        // A collection and one under a parent record with the same name are one resource
        // (`/notes` and `/orders/{orderId}/notes`).
        var groups: [[ImportPlan.Resource]] = []
        for planned in plan.resources {
            if let index = groups.firstIndex(where: { $0[0].name == planned.name && ($0[0].parent == nil) != (planned.parent == nil) }) {
                groups[index].append(planned)
            } else {
                groups.append([planned])
            }
        }
        for planned in plan.resources { reading.resourcesBySingular[Self.singular(planned.name)] = planned.name }
        for group in groups {
            guard let schemas = modelSchemas(group) else { continue }
            reading.resourceRecords[group[0].name] = schemas.record
            // Two resources of one record schema (a search beside the list) read it as the first
            // that knows its identifier does.
            if reading.resourceSchemas[schemas.name]?.identifier == nil { reading.resourceSchemas[schemas.name] = schemas }
        }
        let read = groups.compactMap { group in resource(group, named: group[0].name, pagination: pagination).map { (group, $0) } }
        var singletons = self.singletons()
        // The spec states each rule in the operation's description; where the document's
        // descriptions already hold those sentences, a second reading leaves them out.
        let draft = Registry(info: info(), pagination: pagination, resources: read.map(\.1), singletons: singletons)
        var resources = read.map { group, resource in
            let sentences = Set(OperationKind.allCases.flatMap { draft.ruleSentences(for: resource, $0) })
            let repeats = resource.operations.contains { operation in
                operation.description.components(separatedBy: "\n\n").contains(where: sentences.contains)
            }
            return repeats ? self.resource(group, named: resource.name, pagination: pagination, generated: sentences) ?? resource : resource
        }
        // Single records come bare or in a `data` envelope, as the first read of one shows.
        let reads = plan.entries.compactMap { entry -> SpecDocument.Operation? in
            switch entry.role {
            case .read, .singletonRead: operation(entry.method, entry.path)
            default: nil
            }
        }
        let inference = self.inference
        let bareRecords =
            reads.lazy.compactMap { read -> Bool? in
                guard let answer = inference.responseSchema(read) else { return nil }
                return inference.envelopeData(answer) == nil
            }.first ?? true
        for entry in exampleOnly {
            reading.note(Self.pointer(entry.method, entry.path), "example-only: \(entry.reason); answered from its examples")
        }
        // What the registry refuses to declare, or whose examples its schemas refuse, is served
        // from the document's examples instead: the resource or singleton a problem names is left
        // out, with the reason in the report, and its operations are kept as the document says them.
        var leftOut: Set<String> = []
        while true {
            // The projections worked out for the schemas the kept operations need are the
            // emitter's too: `documenting` keeps them.
            let models = Registry(
                info: info(), pagination: pagination, resources: resources, singletons: singletons,
                recordEnvelope: bareRecords ? .bare : .data)
            let registry = models.documenting(
                documented, schemas: documentedSchemas(documented + webhooks, besides: models), webhooks: webhooks)
            var reasons: [(name: String, reason: String)] = []
            var dropped = false
            if let problem = registry.declarationProblems().first {
                let quoted = problem.message.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                let name = quoted.count > 2 ? String(quoted[1]) : ""
                guard problem.message.hasPrefix("resource '") || problem.message.hasPrefix("singleton '") else {
                    reading.note("#", "the registry cannot say this: \(problem.message)")
                    return registry
                }
                reasons = [(name, problem.message)]
            } else if case let unserved = plan.entries.filter({ entry in
                entry.role != .exampleOnly && !registry.serves(method: entry.method, path: Self.concrete(entry.path))
            }), !unserved.isEmpty {
                // An operation the plan gives a resource that the registry cannot route there (an
                // action on a record under a parent, an item path whose collection is spelt with
                // another parameter name) is answered from the document.
                for entry in unserved {
                    reading.note(
                        Self.pointer(entry.method, entry.path),
                        "the registry does not serve it where the plan puts it (\(entry.reason)); answered from the document")
                    if let source = operation(entry.method, entry.path) { documented.append(self.documented(source)) }
                }
                // A resource none of whose operations is served is the document's altogether.
                resources.removeAll { resource in
                    let own = plan.entries.filter { $0.role.owner == resource.name }
                    return !own.isEmpty
                        && own.allSatisfy { entry in unserved.contains { $0.method == entry.method && $0.path == entry.path } }
                }
                continue
            } else {
                do throws(DocumentEmitter.Failure) {
                    emitted = try DocumentEmitter(registry: registry, decoded: decoded).document()
                    return registry
                } catch {
                    // An operation the generator cannot say is named first in its message (`PUT /tags: …`).
                    if case .registry(let message) = error {
                        let words = message.split(separator: " ", maxSplits: 2)
                        guard words.count > 1, SpecDocument.methods.contains(words[0].lowercased()), words[1].hasSuffix(":"),
                            let owner = Self.owner(of: SpecDocument.pointer(["paths", String(words[1].dropLast())]), in: registry)
                        else { return registry }
                        reasons = [(owner.name, (owner.singleton ? "singleton '\(owner.name)': " : "") + message)]
                    }
                    if case .invalidExamples(let problems) = error {
                        for problem in problems.map(\.problem) {
                            // The document's own example that its schema refuses is left out.
                            if let index = Self.documentedIndex(of: problem.location, in: documented) {
                                let steps = Self.steps(of: problem.location).dropFirst(3)
                                let kept = Self.removing(Array(steps), from: documented[index].operation)
                                guard kept != documented[index].operation else { continue }
                                documented[index] = DocumentedOperation(
                                    method: documented[index].method, path: documented[index].path, operation: kept)
                                reading.note(
                                    problem.location, "the document's example is refused by its own schema (\(problem.issue)); left out")
                                dropped = true
                                continue
                            }
                            // One in a schema the spec carries for them is left out of it likewise.
                            let steps = Self.steps(of: problem.location)
                            if steps.count > 3, steps[0] == "components", steps[1] == "schemas",
                                registry.documentedSchemas.contains(where: { $0.name == steps[2] }),
                                refusedExamples[steps[2], default: []].insert(Array(steps.dropFirst(3))).inserted
                            {
                                reading.note(
                                    problem.location, "the document's example is refused by its own schema (\(problem.issue)); left out")
                                dropped = true
                                continue
                            }
                            guard let owner = Self.owner(of: problem.location, in: registry) else { continue }
                            let reason = (owner.singleton ? "singleton '\(owner.name)': " : "") + "its example \(problem)"
                            if !reasons.contains(where: { $0.name == owner.name && $0.reason.hasPrefix("singleton '") == owner.singleton })
                            {
                                reasons.append((owner.name, reason))
                            }
                        }
                    }
                    // A problem no resource owns is the generator's to report.
                    if reasons.isEmpty && !dropped { return registry }
                }
            }
            // Each pass leaves something out, or the generator is left to report what remains.
            guard
                dropped
                    || reasons.contains(where: { !leftOut.contains(($0.reason.hasPrefix("singleton '") ? "singleton " : "") + $0.name) })
            else { return registry }
            for (name, reason) in reasons where leftOut.insert((reason.hasPrefix("singleton '") ? "singleton " : "") + name).inserted {
                let path: String
                let aboutSingleton = reason.hasPrefix("singleton '")
                if !aboutSingleton, let index = resources.firstIndex(where: { $0.name == name }) {
                    path = plan.resources.first { $0.name == name }?.path ?? resources[index].path
                    resources.remove(at: index)
                } else if let index = singletons.firstIndex(where: { $0.name == name }) {
                    path = singletons[index].path
                    singletons.remove(at: index)
                } else {
                    continue
                }
                reading.note(SpecDocument.pointer(["paths", path]), "left out of the registry and answered from the document: \(reason)")
                for entry in plan.entries where entry.role.owner == name || entry.role.owner == path {
                    if let source = operation(entry.method, entry.path) { documented.append(self.documented(source)) }
                }
            }
        }
    }

    /// A path with each parameter given a value: `/orders/{orderId}` → `/orders/1`.
    static func concrete(_ path: String) -> String {
        Inference.segments(path).map { Inference.isParameter($0) ? "1" : $0 }.reduce("") { $0 + "/" + $1 }
    }

    /// A JSON pointer's steps, unescaped.
    static func steps(of pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The documented operation a pointer (`#/paths/~1tags/put/…`) lies in.
    static func documentedIndex(of pointer: String, in documented: [DocumentedOperation]) -> Int? {
        let steps = steps(of: pointer)
        guard steps.count > 3, steps[0] == "paths" else { return nil }
        return documented.firstIndex { $0.path == steps[1] && $0.method == steps[2].uppercased() }
    }

    /// `value` without what `steps` lead to.
    static func removing(_ steps: [String], from value: JSONValue) -> JSONValue {
        guard let step = steps.first else { return value }
        switch value {
        case .object(var object):
            guard let member = object[step] else { return value }
            object[step] = steps.count == 1 ? JSONValue?.none : removing(Array(steps.dropFirst()), from: member)
            return .object(object)
        case .array(var items):
            guard let index = Int(step), items.indices.contains(index) else { return value }
            if steps.count == 1 { items.remove(at: index) } else { items[index] = removing(Array(steps.dropFirst()), from: items[index]) }
            return .array(items)
        default: return value
        }
    }

    /// The resource or singleton whose operation or model an example problem's pointer names.
    static func owner(of pointer: String, in registry: Registry) -> (name: String, singleton: Bool)? {
        let steps = steps(of: pointer)
        guard steps.count >= 2 else { return nil }
        if steps[0] == "paths" {
            let path = steps[1]
            if let resource = registry.resources.first(where: { resource in
                // `/issue_comments`, the path a resource under a parent is named by, among them.
                resource.servedPaths.contains(path) || resource.path == path || resource.itemPath == path
                    || resource.parent.map { path.hasPrefix($0.path + "/") } == true
                    || resource.actions.contains { resource.path(of: $0) == path }
            }) {
                return (resource.name, false)
            }
            return registry.singletons.first { $0.path == path }.map { ($0.name, true) }
        }
        if steps[0] == "components", steps.count >= 3 {
            return registry.resources.first { steps[2].hasPrefix($0.model.name) }.map { ($0.name, false) }
                ?? registry.singletons.first { steps[2].hasPrefix($0.model.name) }.map { ($0.name, true) }
        }
        return nil
    }

    /// An operation kept as the document says it: its path's parameters with its own, its `$ref`s
    /// to component schemas kept (the registry's models, or schemas the spec carries as the
    /// document has them: `documentedSchemas`), and every other `$ref` replaced by what it names.
    func documented(_ source: SpecDocument.Operation) -> DocumentedOperation {
        var object = kept(source.node).objectValue ?? JSONObject()
        let parameters = document.effectiveParameters(of: source).map { kept($0.node) }
        if !parameters.isEmpty { object["parameters"] = .array(parameters) }
        return DocumentedOperation(method: source.method, path: source.path, operation: .object(object))
    }

    /// The component schema a `$ref` names (`#/components/schemas/order`), nil for any other.
    static func schemaName(_ ref: String) -> String? {
        let prefix = "#/components/schemas/"
        guard ref.hasPrefix(prefix), !ref.dropFirst(prefix.count).contains("/") else { return nil }
        return String(ref.dropFirst(prefix.count))
    }

    /// A node as JSON in OpenAPI 3.1's words, `$ref`s to component schemas kept and others
    /// replaced by what they name (parameters, responses, bodies: a few levels at most).
    func kept(_ node: SpecNode, depth: Int = 0) -> JSONValue {
        if let ref = node["$ref"]?.string {
            if Self.schemaName(ref) != nil { return .object(JSONObject([("$ref", .string(ref))])) }
            guard depth < 8, let target = document.resolved(node) else { return .object(JSONObject()) }
            return kept(target, depth: depth + 1)
        }
        if node.isMapping { return .object(Self.openAPI31(JSONObject(node.members.map { ($0.key, kept($0.value, depth: depth)) }))) }
        if case .sequence(let items) = node.kind { return .array(items.map { kept($0, depth: depth) }) }
        return node.json
    }

    /// The component schemas `documented` operations refer to, directly or through each other,
    /// that `registry` does not generate itself, in the document's order.
    func documentedSchemas(_ documented: [DocumentedOperation], besides registry: Registry) -> [DocumentedSchema] {
        let generated = Set(registry.allProjections().map(\.schemaName))
        let components = document.root["components"]?["schemas"]
        var found: [String: JSONValue] = [:]
        var pending = documented.map(\.operation)
        func visit(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if case .string(let ref)? = object["$ref"], let name = Self.schemaName(ref), !generated.contains(name), found[name] == nil,
                    let node = components?[name]
                {
                    // A schema's `examples/0` is its 3.0 `example` as OpenAPIKit reads it.
                    let schema = refusedExamples[name, default: []].reduce(kept(node)) { schema, steps in
                        let singular = steps.suffix(2).first == "examples" ? steps.dropLast(2) + ["example"] : steps
                        return Self.removing(Array(singular), from: Self.removing(steps, from: schema))
                    }
                    found[name] = schema
                    pending.append(schema)
                }
                for (_, member) in object { visit(member) }
            case .array(let items): items.forEach(visit)
            default: break
            }
        }
        while let next = pending.popLast() { visit(next) }
        return (components?.members ?? []).compactMap { member in
            found[member.key].map { DocumentedSchema(name: member.key, schema: $0) }
        }
    }

    /// A 3.0 schema's keywords as 3.1 says them: `exclusiveMaximum: true` beside `maximum` is
    /// the bound itself, and `nullable: true` is `null` among the types.
    static func openAPI31(_ object: JSONObject) -> JSONObject {
        var object = object
        for (exclusive, bound) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")] {
            guard let flag = object[exclusive]?.boolValue else { continue }
            object[exclusive] = flag ? object[bound] : JSONValue?.none
            if flag { object[bound] = JSONValue?.none }
        }
        if let nullable = object["nullable"]?.boolValue {
            object["nullable"] = JSONValue?.none
            if nullable, let type = object["type"]?.stringValue { object["type"] = [.string(type), "null"] }
        }
        return object
    }

    func pagination() -> Pagination {
        let paged = plan.resources.first { $0.paging != nil }
        let style: Pagination.Style =
            switch paged?.paging {
            case .cursor?: .cursor
            case .offset?: .offset
            case .page?, .pageAndCursor?, nil: .page
            }
        // Cursor pages whose meta gives the page's edges (`cursor_pagination.end_cursor`) are answered so.
        let edges = plan.resources.lazy.filter { $0.paging == .cursor || $0.paging == .pageAndCursor }.compactMap { planned in
            self.operation("get", planned.path).flatMap { self.inference.edgeCursorMember(self.inference.responseSchema($0)) }
        }.first
        let maxFilterValues =
            plan.resources.lazy.compactMap { planned -> Int? in
                guard let list = operation("get", planned.path) else { return nil }
                return document.effectiveParameters(of: list).lazy.compactMap { parameter -> Int? in
                    let node = document.resolved(parameter.node) ?? parameter.node
                    guard node["name"]?.string?.hasSuffix(":in") == true else { return nil }
                    return node["schema"].map(reading.resolve)?["maxItems"]?.json.intValue
                }.first
            }.first ?? 1000
        // The layout most lists share is the registry's, when every list has one; each list laid
        // out otherwise says its own.
        let layouts = plan.resources.filter { $0.listProperty != nil }.map(\.listLayout)
        let shared =
            layouts.contains(nil)
            ? nil
            : layouts.compactMap { $0 }.max { a, b in
                layouts.filter { $0 == a }.count < layouts.filter { $0 == b }.count
            }
        // The page size's name most paged lists share; a list that names it otherwise is reported.
        let sizes = plan.resources.filter { $0.paging != nil }.compactMap(\.limit.name)
        let sizeName = Set(sizes).sorted().max { a, b in sizes.filter { $0 == a }.count < sizes.filter { $0 == b }.count } ?? "limit"
        return Pagination(
            defaultLimit: paged?.limit.default ?? 50, maxLimit: paged?.limit.maximum ?? 250, maxFilterValues: maxFilterValues, style: style,
            layout: shared, limitParameter: sizeName, cursorMeta: edges.map(CursorMeta.edges) ?? .neighbours)
    }

    func info() -> APIInfo {
        let root = document.root
        let server = root["servers"]?.items.first
        let variables = (server?["variables"]?.members ?? []).map { member in
            (
                name: member.key, defaultValue: member.value["default"]?.string ?? "",
                description: member.value["description"]?.string ?? ""
            )
        }
        let schemes = root["components"]?["securitySchemes"]?.members ?? []
        let scheme = schemes.first.map { document.resolved($0.value) ?? $0.value }
        var authentication = Authentication.bearer(format: nil)
        if let scheme {
            switch scheme["type"]?.string {
            case "apiKey" where scheme["in"]?.string == "header": authentication = .apiKey(header: scheme["name"]?.string ?? "X-Api-Key")
            case "http" where scheme["scheme"]?.string?.lowercased() == "bearer":
                authentication = .bearer(format: scheme["bearerFormat"]?.string)
            default: break
            }
        }
        let title = root["info"]?["title"]?.string ?? "API"
        return APIInfo(
            title: title, version: root["info"]?["version"]?.string ?? "1.0.0", description: root["info"]?["description"]?.string ?? "",
            serverURL: server?["url"]?.string ?? "https://api.example.com", serverVariables: variables, authentication: authentication,
            authDescription: scheme?["description"]?.string.map(Self.withoutScopeList)
                ?? "Send the token as `\(authentication.example("<token>"))`.",
            scopes: scopes(), errorTypeURL: errorTypeURL(), specFileName: fileName, errorFormat: errorFormat(),
            tenants: variables.first.map { Self.tenants(of: $0.name) } ?? "tenants", formBodies: takesForms())
    }

    /// Whether the document's operations take bodies as forms (`application/x-www-form-urlencoded`).
    func takesForms() -> Bool {
        document.operations.contains { operation in
            let body = operation.node["requestBody"].map { document.resolved($0) ?? $0 }
            return body?["content"]?.members.contains { $0.key.lowercased().hasPrefix("application/x-www-form-urlencoded") } == true
        }
    }

    /// A scheme's description without the list of scopes a generated spec appends to it.
    static func withoutScopeList(_ description: String) -> String {
        guard let range = description.range(of: " The token's scopes decide what it may do:") else { return description }
        return String(description[..<range.lowerBound])
    }

    /// `shop_id` → `shops`; `workspace` → `workspaces`.
    static func tenants(of variable: String) -> String {
        let word = variable.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map(String.init) ?? variable
        return word.hasSuffix("s") ? word : word + "s"
    }

    /// The scopes operations require: those any write requires modify, the others read.
    func scopes() -> [Scope] {
        var order: [String] = []
        var writes: Set<String> = []
        for operation in document.operations {
            let requirements = operation.node["security"]?.items ?? document.root["security"]?.items ?? []
            let names = requirements.flatMap { $0.members.flatMap { $0.value.items.compactMap(\.string) } }
            for name in names where !order.contains(name) { order.append(name) }
            // A read that also takes a write scope lists it as an alternative: only writes decide.
            if operation.method != "get" { writes.formUnion(names) }
        }
        let declared = (document.root["components"]?["securitySchemes"]?.members ?? []).flatMap { scheme in
            (scheme.value["flows"]?.members ?? []).flatMap { $0.value["scopes"]?.members ?? [] }
        }
        // A generated spec lists them in the scheme's description: "- `orders:read`: Read orders."
        let listed = (document.root["components"]?["securitySchemes"]?.members ?? []).flatMap { scheme in
            (scheme.value["description"]?.string ?? "").split(separator: "\n").compactMap { line -> (String, String)? in
                guard line.hasPrefix("- `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
                let name = String(line[line.index(line.startIndex, offsetBy: 3)..<end])
                return (name, String(line[end...].dropFirst().drop { $0 == ":" || $0 == " " }))
            }
        }
        return order.map { name in
            let description = declared.first { $0.key == name }?.value.string ?? listed.first { $0.0 == name }?.1 ?? ""
            return Scope(name, access: writes.contains(name) ? .modify : .read, description: description)
        }
    }

    func errorFormat() -> ErrorFormat { ErrorShapes(reading: reading).format() }

    /// What error examples' `type` URLs start with (`https://api.example.com/problems`).
    func errorTypeURL() -> String {
        for operation in document.operations {
            for response in operation.node["responses"]?.members ?? [] where response.key.hasPrefix("4") {
                let resolved = document.resolved(response.value) ?? response.value
                if let type = example(in: resolved["content"])?["type"]?.stringValue, let slash = type.lastIndex(of: "/"),
                    type.contains("://")
                {
                    return String(type[..<slash])
                }
            }
        }
        return "about:blank"
    }

    // MARK: - Resources

    /// The schemas a resource's model is read from: its records', its create body's items, its
    /// update body's (an item `PATCH` or `PUT`, else the collection's batch `PUT`).
    struct ModelSchemas {
        let name: String
        let record: SpecNode
        let create: SpecNode?
        let update: SpecNode?
        let identifier: String?
        /// The records the document shows: in the record schema, the list's answer, the read's.
        let examples: [JSONValue]
        /// The list's `include` choices.
        let includes: [String]
    }

    func modelSchemas(_ group: [ImportPlan.Resource]) -> ModelSchemas? {
        let planned = group.first { $0.parent == nil } ?? group[0]
        let paths = group.map(\.path)
        func first(_ method: String) -> SpecDocument.Operation? { paths.lazy.compactMap { operation(method, $0) }.first }
        let item = planned.itemPath ?? group.lazy.compactMap(\.itemPath).first
        let list = first("get").flatMap { inference.listShape(inference.responseSchema($0)) }
        let create = first("post")
        guard
            let record = item.flatMap({ operation("get", $0) }).flatMap({ inference.recordSchema(inference.responseSchema($0)) })
                ?? list?.items ?? create.flatMap({ inference.recordSchema(inference.responseSchema($0)) })
        else { return nil }
        func element(_ body: SpecNode?) -> SpecNode? {
            body.map { body in
                let resolved = reading.resolve(body)
                return resolved["type"]?.string == "array" ? resolved["items"] ?? body : body
            }
        }
        let change = item.flatMap { operation("patch", $0) ?? operation("post", $0) ?? operation("put", $0) } ?? first("put")
        var createBody = element(create.flatMap { inference.requestSchema($0) })
        var updateBody = element(change.flatMap { inference.requestSchema($0) })
        // A batch PUT whose items carry no identifier writes new records too: its body is a create's.
        let identifier = planned.identifier ?? group.lazy.compactMap(\.identifier).first ?? "id"
        if createBody == nil, item == nil, let body = updateBody, !inference.properties(body).contains(identifier) {
            createBody = body
            updateBody = nil
        }
        var examples: [JSONValue] = []
        func collect(_ value: JSONValue?) {
            guard let value else { return }
            let records: [JSONValue]
            if let array = value.arrayValue {
                records = array
            } else if let property = list?.property, let array = value[property]?.arrayValue {
                records = array
            } else if list?.property == nil, let data = value["data"], data.objectValue != nil {
                records = [data]
            } else if let data = value["data"], data.objectValue != nil, inference.envelopeData(record) == nil {
                records = [data]
            } else {
                records = [value]
            }
            for record in records where record.objectValue != nil && !examples.contains(record) { examples.append(record) }
        }
        collect(reading.resolve(record)["example"]?.json)
        collect(first("get").flatMap(responseExample))
        collect(item.flatMap { operation("get", $0) }.flatMap(responseExample))
        if examples.isEmpty { examples = [samples.valid(record)] }
        return ModelSchemas(
            name: Inference.componentName(record) ?? SchemaReading.typeName(Self.singular(planned.name)), record: record,
            create: createBody, update: updateBody, identifier: planned.identifier ?? group.lazy.compactMap(\.identifier).first,
            examples: examples, includes: first("get").map(includeChoices) ?? [])
    }

    /// The resource of a collection, or of a collection and the same records under a parent.
    mutating func resource(
        _ group: [ImportPlan.Resource], named name: String, pagination: Pagination, generated: Set<String> = []
    ) -> Resource? {
        let planned = group.first { $0.parent == nil } ?? group[0]
        let scoped = group.first { $0.parent != nil }
        let collections = Set(group.map(\.path))
        let list = operation("get", planned.path) ?? scoped.flatMap { operation("get", $0.path) }
        let create = operation("post", planned.path) ?? scoped.flatMap { operation("post", $0.path) }
        let item = planned.itemPath ?? scoped?.itemPath
        let read = item.flatMap { operation("get", $0) }
        guard let schemas = modelSchemas(group) else {
            reading.note(SpecDocument.pointer(["paths", planned.path]), "no record schema in any answer; the resource is example-only")
            return nil
        }
        let recordSchema = schemas.record
        let modelName = schemas.name
        let pointer = SpecDocument.pointer(["paths", planned.path])
        let model = reading.model(
            modelName, read: recordSchema, create: schemas.create, update: schemas.update, identifier: schemas.identifier,
            examples: schemas.examples, includes: schemas.includes, pointer: pointer)

        var operations: [Operation] = []
        for entry in plan.entries {
            guard collections.contains(entry.path) || entry.path == item,
                var kind = Self.kind(entry.role, resource: planned.name, collection: collections.contains(entry.path))
            else { continue }
            // A batch PUT whose items carry no identifier cannot name the records it replaces: it
            // writes by other fields, an upsert.
            if kind == .update,
                let items = operation(entry.method, entry.path).flatMap(inference.requestSchema).map(reading.resolve)?["items"],
                !inference.properties(items).contains(model.identifier ?? "id")
            {
                kind = .upsert
            }
            guard let source = operation(entry.method, entry.path) else { continue }
            let (summary, description) = Self.prose(source, generated: generated)
            let body = inference.requestSchema(source)
            var batchLimit: Int?
            var invalid: JSONValue?
            var requestExample = self.requestExample(source)
            if kind.requestProjection != nil {
                let valid = requestExample ?? samples.valid(body)
                if kind.isBatch {
                    batchLimit = body.flatMap { reading.resolve($0)["maxItems"]?.json.intValue } ?? 10
                    if body.flatMap({ reading.resolve($0)["maxItems"] }) == nil {
                        reading.note(Self.pointer(entry.method, entry.path), "the batch declares no maxItems; the registry takes 10")
                    }
                }
                // An update's items need only name their records; a patch needs nothing.
                let projection = kind.requestProjection
                invalid = samples.invalid(
                    body, valid: valid, model: model, partial: projection == .patch || projection == .update,
                    identifier: projection == .update ? model.identifier : nil)
                if requestExample == nil { requestExample = nil }
            }
            let status = successStatus(source)
            let defaultStatus = kind == .createOne ? 201 : kind == .deleteOne || kind == .delete ? 204 : 200
            operations.append(
                Operation(
                    kind, summary: summary, description: description, batchLimit: batchLimit, requestExample: requestExample,
                    invalidExample: invalid, deprecated: source.node["deprecated"]?.json.boolValue == true,
                    scoped: entry.path == scoped?.path, operationID: source.node["operationId"]?.string,
                    status: status == defaultStatus ? nil : status,
                    method: entry.method.uppercased() == kind.method ? nil : entry.method.uppercased()))
        }
        let (filters, sortKeys, includes, otherParameters, shaping) = listQuery(list, model: model, pointer: pointer)
        // The types of path parameters that are not text, as the document declares them: those
        // that name no record partition the records, and the spec says them with these types.
        var partitionTypes: [String: FieldType] = [:]
        for entry in plan.entries where collections.contains(entry.path) || entry.path == item {
            guard let source = operation(entry.method, entry.path) else { continue }
            for parameter in document.effectiveParameters(of: source) {
                let node = document.resolved(parameter.node) ?? parameter.node
                guard node["in"]?.string == "path", let name = node["name"]?.string, partitionTypes[name] == nil,
                    let schema = node["schema"].map(reading.resolve),
                    let type = SchemaReading.types(schema).types.first, ["integer", "number", "boolean"].contains(type)
                else { continue }
                partitionTypes[name] = reading.fieldType(schema, name: name, pointer: pointer).type
            }
        }
        let parentScope = scoped.flatMap { scoped in
            scoped.parent.map { parent in
                // A field named after the parameter keeps the parent's id, unless it can only
                // hold the parent's record itself (Stripe's mandate notification `source`).
                let field =
                    [parent.parameter, Inference.snakeCase(parent.parameter)].first { name in
                        model.field(named: name).map { Self.holdsID($0.type) } ?? false
                    }
                    ?? parentField(unscoped: create.flatMap { inference.requestSchema($0) }, scoped: operation("post", scoped.path))
                return ParentScope(parent.resource, path: scoped.path, field: field)
            }
        }
        var relations = self.relations(of: planned, model: model)
        // The field holding the parent's id names the parent's records, whatever it is called.
        if let parentScope, let field = parentScope.field, !relations.contains(where: { $0.field == field }) {
            relations.append(Relation(field, references: parentScope.resource, onDelete: .cascade))
        }
        var rules: [Rule] = []
        if operations.contains(where: { $0.kind == .upsert }) {
            // The document says which fields match an existing record only in prose, if at all:
            // the fields naming other records, and a name, are the likely key.
            let key = model.fields.filter { $0.isVisible(in: .create) && ($0.name.hasSuffix("_id") || $0.name == "name") }.map(\.name)
            rules.append(.upsertKey(key))
            reading.note(
                pointer + "/put", "an upsert; the fields that match an existing record are guessed: \(key.joined(separator: ", "))")
        }
        let tag = (list ?? read ?? create)?.node["tags"]?.items.first?.string ?? SchemaReading.typeName(planned.name)
        let tagDescription = document.root["tags"]?.items.first { $0["name"]?.string == tag }?["description"]?.string
        let noun = list?.node["operationId"]?.string.flatMap { $0.hasPrefix("get") ? String($0.dropFirst(3)) : nil }
        var paging: [Pagination.Style]?
        let bare = list != nil && planned.listProperty == nil
        switch planned.paging {
        case .cursor where bare:
            reading.note(pointer + "/get", "a bare-array list paged by cursor; the mock answers every record at once")
        case .cursor: paging = pagination.style == .cursor ? nil : [.cursor]
        case .pageAndCursor where bare: paging = [.page]
        case .pageAndCursor: paging = [.page, .cursor]
        // A bare-array list pages only when it says so, its neighbours in the `Link` header.
        case .page: paging = pagination.style == .page && !bare ? nil : [.page]
        case .offset: paging = pagination.style == .offset && !bare ? nil : [.offset]
        case nil: break
        }
        if let given = inference.givenIdentifier(at: planned.path, item: planned.itemPath), given != planned.identifier {
            reading.note(
                pointer,
                "x-specsmith-identifier names '\(given)', which its records do not have; identified by \(planned.identifier ?? "none")")
        }
        if planned.paging != nil, let size = planned.limit.name, size != pagination.limitParameter {
            reading.note(
                pointer + "/get",
                "the page size is '\(size)'; the registry's lists take '\(pagination.limitParameter)', as most of its lists do")
        }
        if let property = planned.listProperty, property != "data", planned.listLayout == nil {
            reading.note(pointer + "/get", "lists hold records in `\(property)`; the registry's lists hold them in `data`")
        }
        return Resource(
            name: name, path: planned.parent == nil ? planned.path : "/" + name, tag: tag,
            operationNoun: noun ?? SchemaReading.typeName(planned.name), description: tagDescription ?? model.description,
            model: model, operations: operations, filters: filters, sortKeys: sortKeys, includes: includes,
            relations: relations, rules: rules, itemParameter: planned.itemParameter ?? scoped?.itemParameter ?? "id",
            actions: actions(of: planned, itemPath: item, model: model, recordSchema: recordSchema, tag: tag),
            parent: parentScope,
            listEnvelope: bare ? .bare : .data, paging: paging,
            listLayout: planned.listLayout == pagination.layout ? nil : planned.listLayout, otherParameters: otherParameters,
            partitionTypes: partitionTypes.filter { name, _ in
                name != (planned.itemParameter ?? scoped?.itemParameter) && name != scoped?.parent?.parameter
            }, shaping: shaping)
    }

    /// Whether a field of `type` can hold a record's id: text, a number, or a choice of one of
    /// them and the record itself (an expandable reference).
    static func holdsID(_ type: FieldType) -> Bool {
        switch type {
        case .text, .integer: true
        case .oneOf(let options): options.contains(where: holdsID)
        default: false
        }
    }

    /// The field the records keep their parent's id in, when it is not named after the path
    /// parameter: the one a store-wide create requires and a create under the parent leaves out
    /// (`resource_id`).
    func parentField(unscoped: SpecNode?, scoped: SpecDocument.Operation?) -> String? {
        guard let unscoped, let scoped, let scopedBody = inference.requestSchema(scoped) else { return nil }
        let items = reading.resolve(unscoped)["items"] ?? unscoped
        let required = reading.merged(items).required
        let sent = Set(inference.properties(scopedBody))
        return inference.properties(items).first { required.contains($0) && !sent.contains($0) }
    }

    /// Fields naming another resource's records by its singular (`author_id`, `authorId` →
    /// authors). Deleting a record they name is refused when that resource's delete declares a
    /// 409 or 422 answer, and takes the naming records with it otherwise.
    func relations(of planned: ImportPlan.Resource, model: Model) -> [Relation] {
        model.fields.compactMap { field -> Relation? in
            let name = field.name
            let stem = name.hasSuffix("_id") ? String(name.dropLast(3)) : name.hasSuffix("Id") ? String(name.dropLast(2)) : nil
            guard let stem, !stem.isEmpty,
                let target = plan.resources.first(where: { Self.singular($0.name) == stem || Self.singular($0.name) == Self.snake(stem) }),
                target.name != planned.name, target.identifier != nil
            else { return nil }
            let delete = target.itemPath.flatMap { operation("delete", $0) }
            let refuses = delete?.node["responses"]?.members.contains { $0.key == "409" || $0.key == "422" } ?? false
            return Relation(name, references: target.name, onDelete: refuses ? .restrict : .cascade)
        }
    }

    static func snake(_ name: String) -> String { Inference.snakeCase(name) }

    static func singular(_ name: String) -> String {
        if name.hasSuffix("ies") { return String(name.dropLast(3)) + "y" }
        for ending in ["sses", "xes", "ches", "shes"] where name.hasSuffix(ending) { return String(name.dropLast(2)) }
        if name.hasSuffix("s") && !name.hasSuffix("ss") { return String(name.dropLast()) }
        return name
    }

    static func kind(_ role: ImportPlan.Role, resource: String, collection: Bool) -> OperationKind? {
        switch role {
        case .list(let name) where name == resource: .list
        case .create(let name, let batch) where name == resource: batch ? .create : .createOne
        case .read(let name) where name == resource: .read
        case .replace(let name) where name == resource: collection ? .update : .updateOne
        case .patch(let name) where name == resource: .patch
        case .delete(let name) where name == resource: collection ? .delete : .deleteOne
        default: nil
        }
    }

    /// The choices of a list's `include` parameter.
    func includeChoices(_ list: SpecDocument.Operation) -> [String] {
        let parameter = document.effectiveParameters(of: list).lazy.map { self.document.resolved($0.node) ?? $0.node }
            .first { $0["in"]?.string == "query" && $0["name"]?.string == "include" }
        let schema = parameter?["schema"].map(reading.resolve)
        return (schema?["enum"]?.items ?? schema?["items"].map(reading.resolve)?["enum"]?.items ?? []).compactMap(\.string)
    }

    /// Filters from query parameters that name fields (`name`, `name:like`, `author_id:in`),
    /// sort keys from a `sort` parameter's choices, includes from an `include` parameter's, and
    /// every other parameter the list declares, to be checked and taken.
    mutating func listQuery(
        _ list: SpecDocument.Operation?, model: Model, pointer: String
    ) -> (filters: [Filter], sortKeys: [String], includes: [String], others: [QueryParameter], shaping: ListShaping) {
        guard let list else { return ([], [], [], [], ListShaping()) }
        let readable = Set(model.fields.filter { $0.isVisible(in: .read) }.map(\.name))
        var (fieldsParameter, directionParameter): (String?, String?) = (nil, nil)
        // Beside `sort`, `asc` or `desc` is the sort's direction (GitHub's `sort=updated&direction=desc`).
        let sorts = document.effectiveParameters(of: list).contains { (document.resolved($0.node) ?? $0.node)["name"]?.string == "sort" }
        var others: [QueryParameter] = []
        // A parameter the registry cannot act on is still the document's: taken, checked by its type.
        // An object (`deepObject`) or a choice of shapes is sent otherwise (`metadata[plan]=pro`),
        // and the registry's parameters are values or lists of values: nil for those.
        func other(_ name: String, _ node: SpecNode, index: Int) -> QueryParameter? {
            let at = pointer + "/get/parameters/\(index)"
            guard let schema = node["schema"].map(reading.resolve) else {
                return QueryParameter(name, .string(), node["description"]?.string ?? "")
            }
            let items = schema["items"].map(reading.resolve)
            let scalars: Set<String> = ["string", "integer", "number", "boolean"]
            guard let type = SchemaReading.types(schema).types.first,
                scalars.contains(type)
                    || (type == "array" && items.flatMap { SchemaReading.types($0).types.first }.map(scalars.contains) == true),
                schema["oneOf"] == nil, schema["anyOf"] == nil
            else { return nil }
            return QueryParameter(
                name, reading.fieldType(schema, name: SchemaReading.typeName(name), pointer: at + "/schema").type,
                node["description"]?.string ?? "")
        }
        var filters:
            [(name: String, operators: [FilterOperator], description: String, form: FilterSpelling.Form?, words: [FilterOperator: String])] =
                []
        var sortKeys: [String] = []
        var includes: [String] = []
        for (index, parameter) in document.effectiveParameters(of: list).enumerated() {
            let node = document.resolved(parameter.node) ?? parameter.node
            guard node["in"]?.string == "query", let name = node["name"]?.string else { continue }
            let schema = node["schema"].map(reading.resolve)
            let choices = (schema?["enum"]?.items ?? schema?["items"].map(reading.resolve)?["enum"]?.items ?? []).compactMap(\.string)
            switch name {
            case "sort":
                var unknown: [String] = []
                for choice in choices {
                    let key = choice.split(separator: ":").first.map(String.init) ?? choice
                    let plain = key.hasPrefix("-") ? String(key.dropFirst()) : key
                    guard model.field(named: plain)?.isVisible(in: .read) == true else {
                        if !unknown.contains(plain) { unknown.append(plain) }
                        continue
                    }
                    if !sortKeys.contains(plain) { sortKeys.append(plain) }
                }
                guard !unknown.isEmpty else { continue }
                if sortKeys.isEmpty, let taken = other(name, node, index: index) {
                    others.append(taken)
                    reading.note(
                        pointer + "/get/parameters/\(index)",
                        "no sort key names a field of \(model.name) (\(unknown.joined(separator: ", "))); the mock takes `sort` and keeps its order"
                    )
                } else {
                    reading.note(
                        pointer + "/get/parameters/\(index)",
                        "the sort keys \(unknown.joined(separator: ", ")) name no field of \(model.name); the list sorts by the others")
                }
                continue
            case "include":
                includes = choices
                continue
            // An array of the record's field names chooses the fields answered; `asc` or `desc`, the order.
            case _
            where model.field(named: name) == nil && schema?["type"]?.string == "array" && !choices.isEmpty
                && Set(choices).isSubset(of: readable):
                fieldsParameter = name
                continue
            case _ where model.field(named: name) == nil && Set(choices) == ["asc", "desc"] && !sorts:
                directionParameter = name
                continue
            default: break
            }
            let field = Inference.fieldName(of: name)
            guard model.field(named: field) != nil else {
                if !Inference.pageSizes.contains(name), !Inference.cursors.contains(name), !["page", "offset"].contains(name) {
                    let taken = other(name, node, index: index)
                    if let taken { others.append(taken) }
                    reading.note(
                        pointer + "/get/parameters/\(index)",
                        "the query parameter '\(name)' names no field of \(model.name)"
                            + (taken == nil
                                ? " and takes an object the registry's parameters cannot say; the mock refuses it"
                                : "; the mock checks it and otherwise ignores it"))
                }
                continue
            }
            // `:in`, `[in]`, `__in` → `in`.
            var suffix = Substring(name.dropFirst(field.count))
            for separator in [":", "[", "__"] where suffix.hasPrefix(separator) { suffix = suffix.dropFirst(separator.count) }
            if suffix.hasSuffix("]") { suffix = suffix.dropLast() }
            let spelled = String(suffix)
            guard let op = spelled.isEmpty ? FilterOperator.eq : FilterOperator(rawValue: spelled) ?? Self.operatorSpellings[spelled] else {
                reading.note(
                    pointer + "/get/parameters/\(index)", "the filter operator '\(spelled)' of '\(name)' is not one the registry has")
                continue
            }
            // The filter is spelt as the document spells it: `status[in]`, `id__in`, `total[gte]`.
            let form: FilterSpelling.Form =
                name.dropFirst(field.count).hasPrefix("[") ? .brackets : name.dropFirst(field.count).hasPrefix("__") ? .underscores : .colon
            var description = node["description"]?.string ?? ""
            if let range = description.range(of: " Matches records whose value") { description = String(description[..<range.lowerBound]) }
            let known = filters.firstIndex { $0.name == field } ?? filters.count
            if known == filters.count { filters.append((field, [], description, nil, [:])) }
            filters[known].operators.append(op)
            guard op != .eq else { continue }
            if spelled != op.rawValue { filters[known].words[op] = spelled }
            // The first operator's spelling is the filter's; another spelt otherwise is written like it.
            if let first = filters[known].form, first != form {
                let written = FilterSpelling(first, words: filters[known].words).parameter(field, op)
                reading.note(
                    pointer + "/get/parameters/\(index)",
                    "'\(name)' is spelt otherwise than the filter's other operators; written `\(written)`")
            }
            filters[known].form = filters[known].form ?? form
        }
        let declared = filters.map { filter in
            Filter(filter.name, filter.operators, filter.description, spelling: FilterSpelling(filter.form ?? .colon, words: filter.words))
        }
        return (declared, sortKeys, includes, others, ListShaping(fields: fieldsParameter, direction: directionParameter))
    }

    static let operatorSpellings: [String: FilterOperator] = ["gte": .min, "lte": .max, "nin": .notIn, "contains": .like]

    mutating func actions(of planned: ImportPlan.Resource, itemPath: String?, model: Model, recordSchema: SpecNode, tag: String) -> [Action]
    {
        var actions: [Action] = []
        for entry in plan.entries {
            guard case .action(let resource, let name) = entry.role, resource == planned.name,
                let source = operation(entry.method, entry.path)
            else { continue }
            let onItem = itemPath.map { entry.path.hasPrefix($0 + "/") } ?? false
            let (summary, description) = Self.prose(source)
            let body = inference.requestSchema(source)
            let requestName = Inference.componentName(body) ?? SchemaReading.typeName(name) + "Request"
            let pointer = Self.pointer(entry.method, entry.path)
            let request = reading.model(
                requestName, read: nil, create: body ?? nil, update: nil,
                examples: [requestExample(source) ?? samples.valid(body)], pointer: pointer + "/requestBody")
            let answer = inference.responseSchema(source)
            let response: Action.Response
            let outcome: ActionOutcome
            if onItem, let answer, Inference.componentName(inference.recordSchema(answer)) == Inference.componentName(recordSchema),
                Inference.componentName(recordSchema) != nil
            {
                response = .record
                outcome = .update(JSONObject())
                reading.note(pointer, "what the action changes is not in the document: the mock answers the record unchanged")
            } else {
                let responseName = Inference.componentName(answer) ?? SchemaReading.typeName(name) + "Response"
                let model = reading.model(responseName, read: answer, create: nil, update: nil, pointer: pointer + "/responses")
                let example = Samples.conform(responseExample(source) ?? samples.valid(answer), to: .model(model))
                response = .model(model, example: example)
                outcome = .answer(example)
                reading.note(pointer, "what the action does is not in the document: the mock answers its example")
            }
            let valid = requestExample(source) ?? samples.valid(body)
            actions.append(
                Action(
                    name, onItem: onItem, summary: summary, description: description, request: request, response: response,
                    requestExample: requestExample(source), invalidExample: samples.invalid(body, valid: valid, model: request),
                    readOnly: false, operationID: source.node["operationId"]?.string,
                    tag: source.node["tags"]?.items.first?.string.flatMap { $0 == tag ? nil : $0 }
                ) { _ in outcome })
        }
        return actions
    }

    // MARK: - Singletons

    mutating func singletons() -> [Singleton] {
        var singletons: [Singleton] = []
        var seen: Set<String> = []
        for entry in plan.entries {
            guard case .singletonRead(let path) = entry.role, seen.insert(path).inserted, let read = operation("get", path) else {
                continue
            }
            let write = operation("put", path) ?? operation("patch", path)
            guard let schema = inference.recordSchema(inference.responseSchema(read)) else { continue }
            let name = Inference.segments(path).filter { !Inference.isParameter($0) }.joined(separator: "-")
            let pointer = SpecDocument.pointer(["paths", path])
            let modelName = Inference.componentName(schema) ?? SchemaReading.typeName(name)
            let body = write.flatMap { inference.requestSchema($0) }
            let model = reading.model(
                modelName, read: schema, create: nil, update: body, examples: responseExample(read).map { [$0] } ?? [], pointer: pointer)
            let parameters = PathTemplate.parameters(path)
            var scope = Singleton.Scope.store
            if let parameter = parameters.last {
                let owner = plan.resources.first { $0.itemPath.map { path.hasPrefix($0 + "/") } ?? false }
                if let owner {
                    scope = .record(of: owner.name)
                } else {
                    let document = self.document
                    let node = document.effectiveParameters(of: read).map { document.resolved($0.node) ?? $0.node }
                        .first { $0["in"]?.string == "path" && $0["name"]?.string == parameter }
                    let schema = node?["schema"].map { document.resolved($0) ?? $0 }
                    let minimum = schema?["minimum"]?.json.intValue
                    let maximum = schema?["maximum"]?.json.intValue
                    if minimum == nil || maximum == nil {
                        reading.note(pointer, "{\(parameter)} has no minimum and maximum; every whole number from 0 names an object")
                    }
                    scope = .key(minimum: minimum ?? 0, maximum: maximum ?? Int(Int32.max))
                }
            }
            let (summary, description) = Self.prose(read)
            let update = write.map { source -> SingletonOperation in
                let prose = Self.prose(source)
                let valid = requestExample(source) ?? samples.valid(body)
                return SingletonOperation(
                    summary: prose.summary, description: prose.description, operationID: source.node["operationId"]?.string,
                    requestExample: requestExample(source), invalidExample: samples.invalid(body, valid: valid, model: model, partial: true)
                )
            }
            singletons.append(
                Singleton(
                    name: name, path: path, scope: scope, tag: read.node["tags"]?.items.first?.string ?? SchemaReading.typeName(name),
                    description: model.description, model: model,
                    read: SingletonOperation(summary: summary, description: description, operationID: read.node["operationId"]?.string),
                    update: update,
                    envelope: inference.responseSchema(read).map { inference.envelopeData($0) == nil } == true ? .bare : .data)
            )
        }
        return singletons
    }
}
