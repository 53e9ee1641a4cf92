import APIRegistry
import JSONModel

/// A registry written out as the Swift a person would declare it with: one `static let` per
/// model, then `registry`, with the DSL's names and no argument that only repeats a default.
/// `specsmith import --name` writes it as the new package's registry.
public struct RegistrySource: Sendable {
    /// The enum that holds the registry (`Orders`).
    public let name: String
    public let registry: Registry
    /// A line for the enum's documentation: where the registry came from.
    public let origin: String

    public init(name: String, registry: Registry, origin: String) {
        self.name = name
        self.registry = registry
        self.origin = origin
    }

    /// The file's text.
    public var text: String {
        var writer = Writer()
        let models = self.models()
        let variables = Self.variables(for: models.map(\.name))
        writer.line("import APIRegistry")
        writer.line("import JSONModel")
        writer.line("")
        writer.line("/// The \(registry.info.title) API, read from \(origin). Every fact its spec, guides and mock state")
        writer.line("/// comes from here: change it, then run `generate`.")
        writer.line("public enum \(name) {")
        for model in models {
            writer.line(
                Layout.format("static let \(variables[model.name] ?? "model") = " + self.model(model, variables: variables), indent: 1))
            writer.line("")
        }
        // A resource each, so that no one expression holds the whole API.
        let resources = Self.variables(for: registry.resources.map { $0.name + "Resource" }, taking: Set(variables.values))
        for resource in registry.resources {
            writer.line(
                Layout.format(
                    "static let \(resources[resource.name + "Resource"] ?? "resource"): Resource = "
                        + self.resource(resource, variables: variables), indent: 1))
            writer.line("")
        }
        // Operations, and webhooks, served or listed as the document describes them.
        for (name, list, what) in [
            ("documented", registry.documented, "Operations served"),
            ("documentedWebhooks", registry.documentedWebhooks, "Webhooks listed"),
        ] where !list.isEmpty {
            writer.line("    /// \(what) as the document describes them, each as its OpenAPI object's JSON.")
            writer.line("    static let \(name): [DocumentedOperation] = [")
            for documented in list {
                writer.line("        DocumentedOperation(")
                writer.line("            method: \(Self.string(documented.method)), path: \(Self.string(documented.path)),")
                writer.line("            json: \(Self.rawString(JSONWriter(pretty: false).string(documented.operation)))),")
            }
            writer.line("    ]")
            writer.line("")
        }
        if !registry.documentedSchemas.isEmpty {
            writer.line("    /// Component schemas the documented operations refer to, each as its JSON.")
            writer.line("    static let documentedSchemas: [DocumentedSchema] = [")
            for schema in registry.documentedSchemas {
                writer.line(
                    "        DocumentedSchema(name: \(Self.string(schema.name)), json: \(Self.rawString(JSONWriter(pretty: false).string(schema.schema)))),"
                )
            }
            writer.line("    ]")
            writer.line("")
        }
        let names = registry.resources.map { resources[$0.name + "Resource"] ?? "resource" }
        writer.line(Layout.format("public static let registry = " + registryExpression(resources: names, variables: variables), indent: 1))
        writer.line("}")
        return writer.text
    }

    // MARK: - Models

    /// Every model, each once, those a model uses before it.
    func models() -> [Model] {
        var ordered: [Model] = []
        var seen: Set<String> = []
        func visit(_ model: Model) {
            guard seen.insert(model.name).inserted else { return }
            for field in model.fields { visit(type: field.type) }
            ordered.append(model)
        }
        func visit(type: FieldType) {
            switch type {
            case .model(let model): visit(model)
            case .array(let element, _, _), .set(let element): visit(type: element)
            case .oneOf(let types): types.forEach(visit(type:))
            case .text, .integer, .number, .boolean, .dateTime, .date, .enumeration, .stringMap, .reference: break
            }
        }
        for resource in registry.resources {
            visit(resource.model)
            for action in resource.actions {
                visit(action.request)
                if case .model(let model, _) = action.response { visit(model) }
            }
        }
        for singleton in registry.singletons { visit(singleton.model) }
        return ordered
    }

    /// `Price` → `price`, `URLInfo` → `urlInfo`; names Swift reserves get a `Model` suffix.
    static func variables(for names: [String], taking used: Set<String> = []) -> [String: String] {
        var taken: Set<String> = used.union(["registry", "documented", "documentedSchemas", "documentedWebhooks"])
        var result: [String: String] = [:]
        for name in names {
            let letters = name.filter { $0.isLetter || $0.isNumber || $0 == "_" }
            let leadingCapitals = letters.prefix { $0.isUppercase }.count
            let lowered = leadingCapitals > 1 && leadingCapitals < letters.count ? leadingCapitals - 1 : max(leadingCapitals, 1)
            var variable = letters.prefix(lowered).lowercased() + letters.dropFirst(lowered)
            if variable.first?.isNumber ?? true { variable = "model" + variable }
            if reserved.contains(variable) { variable += "Model" }
            var unique = variable
            var counter = 2
            while !taken.insert(unique).inserted {
                unique = variable + String(counter)
                counter += 1
            }
            result[name] = unique
        }
        return result
    }

    static let reserved: Set<String> = [
        "class", "struct", "enum", "protocol", "extension", "func", "var", "let", "static", "public", "private", "internal", "import",
        "return", "if", "else", "for", "while", "repeat", "switch", "case", "default", "break", "continue", "in", "is", "as", "self",
        "Self", "super", "init", "deinit", "subscript", "operator", "where", "true", "false", "nil", "throw", "throws", "try", "catch",
        "defer", "guard", "do", "fallthrough", "inout", "typealias", "associatedtype", "some", "any", "await", "async",
    ]

    func model(_ model: Model, variables: [String: String]) -> String {
        var arguments = [Self.string(model.name), "description: " + Self.string(model.description)]
        if let identifier = model.identifier { arguments.append("identifier: " + Self.string(identifier)) }
        arguments.append("fields: " + Self.list(model.fields.map { field($0, variables: variables) }))
        if !model.examples.isEmpty { arguments.append("examples: " + Self.list(model.examples.map(Self.literal))) }
        return "Model(" + arguments.joined(separator: ", ") + ")"
    }

    func field(_ field: Field, variables: [String: String]) -> String {
        var arguments = [Self.string(field.name), type(field.type, variables: variables), Self.string(field.description)]
        if field.visibility != [.read, .create, .update] { arguments.append("visibility: " + Self.visibilities(field.visibility)) }
        if !field.requiredIn.isEmpty { arguments.append("requiredIn: " + Self.visibilities(field.requiredIn)) }
        if let example = field.example { arguments.append("example: " + Self.literal(example)) }
        if let derived = field.derived, let text = Self.derivation(derived) { arguments.append("derived: " + text) }
        if !field.samples.isEmpty { arguments.append("samples: " + Self.list(field.samples.map(Self.literal))) }
        if let value = field.defaultValue { arguments.append("defaultValue: " + Self.literal(value)) }
        if let embedded = field.embeddedName { arguments.append("embeddedName: " + Self.string(embedded)) }
        if let include = field.includedAs { arguments.append("includedAs: " + Self.string(include)) }
        if field.secret { arguments.append("secret: true") }
        if field.nullable { arguments.append("nullable: true") }
        return "Field(" + arguments.joined(separator: ", ") + ")"
    }

    static func visibilities(_ set: Set<Visibility>) -> String {
        "[" + Visibility.allCases.filter(set.contains).map { "." + $0.rawValue }.joined(separator: ", ") + "]"
    }

    static func derivation(_ derivation: Derivation) -> String? {
        switch derivation {
        case .createdAt: ".createdAt"
        case .modifiedAt: ".modifiedAt"
        case .count(let resource): ".count(of: \(string(resource)))"
        case .related(let via, let field): ".related(via: \(string(via)), field: \(string(field)))"
        // A function of the registry's own cannot be written out; imports make none.
        case .computed: nil
        }
    }

    func type(_ type: FieldType, variables: [String: String]) -> String {
        switch type {
        case .text(let format, let minLength, let maxLength, let pattern):
            let arguments = [
                format.map { "format: .\($0.rawValue)" }, minLength.map { "minLength: \($0)" }, maxLength.map { "maxLength: \($0)" },
                pattern.map { "pattern: " + Self.string($0) },
            ].compactMap { $0 }
            return arguments.isEmpty ? ".string()" : ".string(" + arguments.joined(separator: ", ") + ")"
        case .integer(nil, nil): return ".integer"
        case .integer(let minimum, let maximum): return ".integer(minimum: \(Self.optional(minimum)), maximum: \(Self.optional(maximum)))"
        case .number(let minimum, let maximum):
            return ".number(minimum: \(minimum.map(Self.double) ?? "nil"), maximum: \(maximum.map(Self.double) ?? "nil"))"
        case .boolean: return ".boolean"
        case .dateTime: return ".dateTime"
        case .date: return ".date"
        case .enumeration(let choices): return ".enumeration(" + Self.list(choices.map(Self.string)) + ")"
        case .array(let element, let minItems, let maxItems):
            let bounds = [minItems.map { "minItems: \($0)" }, maxItems.map { "maxItems: \($0)" }].compactMap { $0 }
            return ".array(of: " + ([self.type(element, variables: variables)] + bounds).joined(separator: ", ") + ")"
        case .model(let model): return ".model(\(variables[model.name] ?? model.name))"
        case .stringMap: return ".stringMap"
        case .reference(let name): return ".reference(\(Self.string(name)))"
        case .oneOf(let types): return ".oneOf(" + Self.list(types.map { self.type($0, variables: variables) }) + ")"
        case .set(let element): return ".set(" + self.type(element, variables: variables) + ")"
        }
    }

    // MARK: - The registry

    func registryExpression(resources: [String], variables: [String: String]) -> String {
        var arguments = [
            "info: " + info(registry.info), "pagination: " + pagination(registry.pagination), "resources: " + Self.list(resources),
        ]
        if !registry.singletons.isEmpty {
            arguments.append("singletons: " + Self.list(registry.singletons.map { singleton($0, variables: variables) }))
        }
        if registry.recordEnvelope != .data { arguments.append("recordEnvelope: .\(registry.recordEnvelope.rawValue)") }
        if !registry.documented.isEmpty { arguments.append("documented: documented") }
        if !registry.documentedSchemas.isEmpty { arguments.append("documentedSchemas: documentedSchemas") }
        if !registry.documentedWebhooks.isEmpty { arguments.append("documentedWebhooks: documentedWebhooks") }
        return "Registry(" + arguments.joined(separator: ", ") + ")"
    }

    func info(_ info: APIInfo) -> String {
        let variables = info.serverVariables.map {
            "(name: \(Self.string($0.name)), defaultValue: \(Self.string($0.defaultValue)), description: \(Self.string($0.description)))"
        }
        let authentication =
            switch info.authentication {
            case .apiKey(let header): ".apiKey(header: \(Self.string(header)))"
            case .bearer(let format): ".bearer(format: \(format.map(Self.string) ?? "nil"))"
            }
        var arguments = [
            "title: " + Self.string(info.title), "version: " + Self.string(info.version), "description: " + Self.string(info.description),
            "serverURL: " + Self.string(info.serverURL), "serverVariables: " + Self.list(variables), "authentication: " + authentication,
            "authDescription: " + Self.string(info.authDescription),
            "scopes: "
                + Self.list(
                    info.scopes.map {
                        "Scope(\(Self.string($0.name)), access: .\($0.access.rawValue), description: \(Self.string($0.description)))"
                    }
                ),
            "errorTypeURL: " + Self.string(info.errorTypeURL), "specFileName: " + Self.string(info.specFileName),
        ]
        if let rateLimit = info.rateLimit {
            let headers = rateLimit.headers.map {
                "RateLimit.Header(\(Self.string($0.name)), .\($0.meaning.rawValue), \(Self.string($0.description)))"
            }
            arguments.append("rateLimit: RateLimit(description: \(Self.string(rateLimit.description)), headers: \(Self.list(headers)))")
        }
        switch info.errorFormat {
        case .statusTitleType: break
        case .problemDetails: arguments.append("errorFormat: .problemDetails")
        case .shaped(let shape):
            var shapeArguments = [
                "mediaType: " + Self.string(shape.mediaType), "body: " + Self.literal(shape.body),
                "message: " + Self.list(shape.message.map(Self.string)),
            ]
            if let field = shape.field { shapeArguments.append("field: " + Self.list(field.map(Self.string))) }
            if let status = shape.status { shapeArguments.append("status: " + Self.list(status.map(Self.string))) }
            shapeArguments.append("schema: " + Self.literal(shape.schema))
            arguments.append("errorFormat: .shaped(ErrorShape(" + shapeArguments.joined(separator: ", ") + "))")
        }
        if info.tenants != "tenants" { arguments.append("tenants: " + Self.string(info.tenants)) }
        if info.formBodies { arguments.append("formBodies: true") }
        return "APIInfo(" + arguments.joined(separator: ", ") + ")"
    }

    func pagination(_ pagination: Pagination) -> String {
        var arguments = ["defaultLimit: \(pagination.defaultLimit)", "maxLimit: \(pagination.maxLimit)"]
        if pagination.maxFilterValues != 1000 { arguments.append("maxFilterValues: \(pagination.maxFilterValues)") }
        if pagination.style != .page { arguments.append("style: .\(pagination.style.rawValue)") }
        if let layout = pagination.layout { arguments.append("layout: " + Self.layout(layout)) }
        if pagination.limitParameter != "limit" { arguments.append("limitParameter: \(Self.string(pagination.limitParameter))") }
        if pagination.cursorMeta != .neighbours {
            arguments.append(
                "cursorMeta: "
                    + (pagination.cursorMeta.shape == .edges
                        ? ".edges(\(Self.string(pagination.cursorMeta.name)))"
                        : ".init(name: \(Self.string(pagination.cursorMeta.name)), shape: .neighbours)"))
        }
        return "Pagination(" + arguments.joined(separator: ", ") + ")"
    }

    /// `ListLayout(members: [.init("object", .constant("list")), .init("data", .records)], after: "starting_after", …)`.
    static func layout(_ layout: ListLayout) -> String {
        let members = layout.members.map { member in
            let value =
                switch member.value {
                case .records: ".records"
                case .hasMore: ".hasMore"
                case .total: ".total"
                case .path: ".path"
                case .next: ".next"
                case .count: ".count"
                case .limit: ".limit"
                case .page: ".page"
                case .pages: ".pages"
                case .currentLink: ".currentLink"
                case .nextLink: ".nextLink"
                case .previousLink: ".previousLink"
                case .constant(let value): ".constant(\(literal(value)))"
                }
            return member.path.count == 1
                ? "ListLayout.Member(\(string(member.name)), \(value))"
                : "ListLayout.Member(path: \(list(member.path.map(string))), \(value))"
        }
        var arguments = ["members: " + list(members)]
        if layout.after != "after" { arguments.append("after: " + string(layout.after)) }
        if layout.before != "before" { arguments.append("before: " + (layout.before.map(string) ?? "nil")) }
        return "ListLayout(" + arguments.joined(separator: ", ") + ")"
    }

    func resource(_ resource: Resource, variables: [String: String]) -> String {
        var arguments = [
            "name: " + Self.string(resource.name), "path: " + Self.string(resource.path), "tag: " + Self.string(resource.tag),
            "operationNoun: " + Self.string(resource.operationNoun), "description: " + Self.string(resource.description),
            "model: " + (variables[resource.model.name] ?? resource.model.name),
            "operations: " + Self.list(resource.operations.map { operation($0, of: resource) }),
        ]
        if !resource.filters.isEmpty { arguments.append("filters: " + Self.list(resource.filters.map(Self.filter))) }
        if !resource.sortKeys.isEmpty { arguments.append("sortKeys: " + Self.list(resource.sortKeys.map(Self.string))) }
        if !resource.includes.isEmpty { arguments.append("includes: " + Self.list(resource.includes.map(Self.string))) }
        if !resource.relations.isEmpty {
            arguments.append(
                "relations: "
                    + Self.list(
                        resource.relations.map {
                            "Relation(\(Self.string($0.field)), references: \(Self.string($0.resource)), onDelete: .\($0.onDelete.rawValue))"
                        }))
        }
        let rules = resource.rules.compactMap(Self.rule)
        if !rules.isEmpty { arguments.append("rules: " + Self.list(rules)) }
        if resource.seedRecords != 0 { arguments.append("seedRecords: \(resource.seedRecords)") }
        if resource.itemParameter != "id" { arguments.append("itemParameter: " + Self.string(resource.itemParameter)) }
        if !resource.actions.isEmpty {
            arguments.append("actions: " + Self.list(resource.actions.map { action($0, of: resource, variables: variables) }))
        }
        if let parent = resource.parent {
            arguments.append(
                "parent: ParentScope(\(Self.string(parent.resource)), path: \(Self.string(parent.path)), field: \(parent.field.map(Self.string) ?? "nil"))"
            )
        }
        if resource.listEnvelope != .data { arguments.append("listEnvelope: .\(resource.listEnvelope.rawValue)") }
        if let paging = resource.paging { arguments.append("paging: [" + paging.map { ".\($0.rawValue)" }.joined(separator: ", ") + "]") }
        if let layout = resource.listLayout { arguments.append("listLayout: " + Self.layout(layout)) }
        // In the order `Resource.init` takes them.
        if !resource.otherParameters.isEmpty {
            let others = resource.otherParameters.map { other in
                "QueryParameter(\(Self.string(other.name)), \(type(other.type, variables: variables))"
                    + (other.description.isEmpty ? "" : ", \(Self.string(other.description))") + ")"
            }
            arguments.append("otherParameters: " + Self.list(others))
        }
        if !resource.partitionTypes.isEmpty {
            let types = resource.partitionTypes.sorted { $0.key < $1.key }.map {
                "\(Self.string($0.key)): \(type($0.value, variables: variables))"
            }
            arguments.append("partitionTypes: [" + types.joined(separator: ", ") + "]")
        }
        if resource.shaping != ListShaping() {
            let parts = [
                resource.shaping.fields.map { "fields: \(Self.string($0))" },
                resource.shaping.direction.map { "direction: \(Self.string($0))" },
            ]
            arguments.append("shaping: ListShaping(" + parts.compactMap { $0 }.joined(separator: ", ") + ")")
        }
        return "Resource(" + arguments.joined(separator: ", ") + ")"
    }

    func operation(_ operation: Operation, of resource: Resource) -> String {
        var arguments = [
            ".\(operation.kind.rawValue)", "summary: " + Self.string(operation.summary),
            "description: " + Self.string(operation.description),
        ]
        if let limit = operation.batchLimit { arguments.append("batchLimit: \(limit)") }
        if let example = operation.requestExample { arguments.append("requestExample: " + Self.literal(example)) }
        if let invalid = operation.invalidExample { arguments.append("invalidExample: " + Self.literal(invalid)) }
        if operation.deprecated { arguments.append("deprecated: true") }
        if operation.scoped { arguments.append("scoped: true") }
        if let id = operation.operationID, id != resource.defaultOperationID(operation.kind) {
            arguments.append("operationID: " + Self.string(id))
        }
        if let status = operation.status { arguments.append("status: \(status)") }
        if operation.method != operation.kind.method { arguments.append("method: \(Self.literal(.string(operation.method)))") }
        return "Operation(" + arguments.joined(separator: ", ") + ")"
    }

    static func filter(_ filter: Filter) -> String {
        var arguments = [string(filter.name), "[" + filter.operators.map { op in "." + operatorName(op) }.joined(separator: ", ") + "]"]
        arguments.append(string(filter.description))
        if filter.fields != [filter.name] { arguments.append("fields: " + list(filter.fields.map(string))) }
        if filter.spelling != .colon {
            // Operators in their declaration order, so the text is the same on every run.
            let words = filter.operators.compactMap { op in filter.spelling.words[op].map { ".\(operatorName(op)): \(string($0))" } }
            arguments.append(
                "spelling: FilterSpelling(.\(filter.spelling.form.rawValue)"
                    + (words.isEmpty ? "" : ", words: [" + words.joined(separator: ", ") + "]")
                    + ")")
        }
        return "Filter(" + arguments.joined(separator: ", ") + ")"
    }

    static func operatorName(_ op: FilterOperator) -> String {
        switch op {
        case .eq: "eq"
        case .in: "in"
        case .notIn: "notIn"
        case .like: "like"
        case .min: "min"
        case .max: "max"
        }
    }

    /// A rule in Swift; nil for a rule that holds a function or a type table, which an import
    /// never makes.
    static func rule(_ rule: Rule) -> String? {
        switch rule {
        case .unique(let field): ".unique(field: \(string(field)))"
        case .immutable(let field): ".immutable(field: \(string(field)))"
        case .maxRecords(let count): ".maxRecords(\(count))"
        case .uniqueTogether(let fields): ".uniqueTogether(\(list(fields.map(string))))"
        case .ignoresDuplicates(let fields): ".ignoresDuplicates(\(list(fields.map(string))))"
        case .upsertKey(let fields): ".upsertKey(\(list(fields.map(string))))"
        case .exactlyOne(let fields): ".exactlyOne(\(list(fields.map(string))))"
        case .valueMatchesType, .custom: nil
        }
    }

    /// An action, whose effect is what the document shows: the record unchanged, or the
    /// documented answer.
    func action(_ action: Action, of resource: Resource, variables: [String: String]) -> String {
        var arguments = [
            Self.string(action.name), "onItem: \(action.onItem)", "summary: " + Self.string(action.summary),
            "description: " + Self.string(action.description), "request: " + (variables[action.request.name] ?? action.request.name),
        ]
        let perform: String
        switch action.response {
        case .record: perform = "{ _ in .update(JSONObject()) }"
        case .model(let model, let example):
            arguments.append("response: .model(\(variables[model.name] ?? model.name), example: \(Self.literal(example)))")
            perform = "{ _ in .answer(\(Self.literal(example))) }"
        }
        if let example = action.requestExample { arguments.append("requestExample: " + Self.literal(example)) }
        if let invalid = action.invalidExample { arguments.append("invalidExample: " + Self.literal(invalid)) }
        if let refusal = action.refusalExample { arguments.append("refusalExample: " + Self.literal(refusal)) }
        if action.readOnly { arguments.append("readOnly: true") }
        if let id = action.operationID, id != resource.defaultOperationID(of: action) {
            arguments.append("operationID: " + Self.string(id))
        }
        if let tag = action.tag { arguments.append("tag: " + Self.string(tag)) }
        return "Action(" + arguments.joined(separator: ", ") + ") " + perform
    }

    func singleton(_ singleton: Singleton, variables: [String: String]) -> String {
        let scope =
            switch singleton.scope {
            case .store: ".store"
            case .record(let resource): ".record(of: \(Self.string(resource)))"
            case .key(let minimum, let maximum): ".key(minimum: \(minimum), maximum: \(maximum))"
            }
        var arguments = [
            "name: " + Self.string(singleton.name), "path: " + Self.string(singleton.path), "scope: " + scope,
            "tag: " + Self.string(singleton.tag), "description: " + Self.string(singleton.description),
            "model: " + (variables[singleton.model.name] ?? singleton.model.name),
            "read: " + singletonOperation(singleton.read, defaultID: "get" + singleton.model.name),
            "update: " + (singleton.update.map { singletonOperation($0, defaultID: "update" + singleton.model.name) } ?? "nil"),
        ]
        if let envelope = singleton.envelope { arguments.append("envelope: .\(envelope.rawValue)") }
        if let inherits = singleton.inherits { arguments.append("inherits: " + Self.string(inherits)) }
        let rules = singleton.rules.compactMap(Self.rule)
        if !rules.isEmpty { arguments.append("rules: " + Self.list(rules)) }
        return "Singleton(" + arguments.joined(separator: ", ") + ")"
    }

    func singletonOperation(_ operation: SingletonOperation, defaultID: String) -> String {
        var arguments = ["summary: " + Self.string(operation.summary), "description: " + Self.string(operation.description)]
        if let id = operation.operationID, id != defaultID { arguments.append("operationID: " + Self.string(id)) }
        if let example = operation.requestExample { arguments.append("requestExample: " + Self.literal(example)) }
        if let invalid = operation.invalidExample { arguments.append("invalidExample: " + Self.literal(invalid)) }
        return "SingletonOperation(" + arguments.joined(separator: ", ") + ")"
    }

    // MARK: - Literals

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    static func optional(_ value: Int?) -> String { value.map(String.init) ?? "nil" }

    /// A `Double` that reads back as one: `12.0`, not `12`.
    static func double(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)
    }

    /// A Swift string literal.
    /// `#"…"#` with as many `#` as the text needs: JSON text kept as written, escapes and all.
    static func rawString(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return hashes + "\"" + text + "\"" + hashes
    }

    public static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += "\\u{\(String(scalar.value, radix: 16))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// A JSON value as the literals `JSONValue` takes: `["id": 1, "tags": ["a"]]`.
    public static func literal(_ value: JSONValue) -> String {
        switch value {
        case .null: "nil"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): double(number)
        case .string(let text): string(text)
        case .array(let items): list(items.map(literal))
        case .object(let object):
            object.isEmpty ? "[:]" : "[" + object.map { string($0.key) + ": " + literal($0.value) }.joined(separator: ", ") + "]"
        }
    }
}

/// Lines of Swift.
private struct Writer {
    var text = ""

    mutating func line(_ line: String) { text += line + "\n" }
}

/// Lays a one-line Swift declaration out within a width: a bracketed list that does not fit
/// on its line gets one element per line, one level deeper, and so on inside it.
enum Layout {
    static let width = 132

    indirect enum Node {
        case text(String)
        /// `(…)`, `[…]` or `{…}`, its elements split at top-level commas.
        case group(open: Character, elements: [[Node]], close: Character)
    }

    static func format(_ line: String, indent: Int) -> String {
        var characters = Array(line)[...]
        let nodes = parse(&characters, until: nil)
        return String(repeating: "    ", count: indent) + render(nodes, indent: indent, column: indent * 4)
    }

    /// Nodes up to `close` (consumed) or the end; string literals are text.
    static func parse(_ characters: inout ArraySlice<Character>, until close: Character?) -> [Node] {
        var nodes: [Node] = []
        var text = ""
        while let character = characters.first {
            characters.removeFirst()
            switch character {
            case "\"":
                text.append(character)
                while let next = characters.first {
                    characters.removeFirst()
                    text.append(next)
                    if next == "\\", let escaped = characters.first {
                        characters.removeFirst()
                        text.append(escaped)
                    } else if next == "\"" {
                        break
                    }
                }
            case "(", "[", "{":
                if !text.isEmpty { nodes.append(.text(text)) }
                text = ""
                let closing: Character = character == "(" ? ")" : character == "[" ? "]" : "}"
                let inner = parse(&characters, until: closing)
                nodes.append(.group(open: character, elements: split(inner), close: closing))
            case _ where character == close:
                if !text.isEmpty { nodes.append(.text(text)) }
                return nodes
            default:
                text.append(character)
            }
        }
        if !text.isEmpty { nodes.append(.text(text)) }
        return nodes
    }

    /// Elements of a group: its nodes split at commas outside nested groups.
    static func split(_ nodes: [Node]) -> [[Node]] {
        var elements: [[Node]] = [[]]
        for node in nodes {
            guard case .text(let text) = node, text.contains(",") else {
                elements[elements.count - 1].append(node)
                continue
            }
            var parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // A comma inside a string literal is not a separator: join such parts back.
            var merged: [String] = []
            while !parts.isEmpty {
                var part = parts.removeFirst()
                while part.filter({ $0 == "\"" }).count % 2 == 1, !parts.isEmpty { part += "," + parts.removeFirst() }
                merged.append(part)
            }
            for (index, part) in merged.enumerated() {
                if index > 0 { elements.append([]) }
                let trimmed = index > 0 ? String(part.drop { $0 == " " }) : part
                if !trimmed.isEmpty { elements[elements.count - 1].append(.text(trimmed)) }
            }
        }
        if elements.count == 1 && elements[0].isEmpty { return [] }
        return elements
    }

    static func flat(_ nodes: [Node]) -> String {
        nodes.map { node in
            switch node {
            case .text(let text): text
            case .group(let open, let elements, let close):
                String(open) + elements.map(flat).joined(separator: ", ") + String(close)
            }
        }.joined()
    }

    /// The nodes from `column`: flat when they fit, else each group that does not fit broken.
    static func render(_ nodes: [Node], indent: Int, column: Int) -> String {
        let line = flat(nodes)
        if column + line.count <= width { return line }
        var output = ""
        var current = column
        for (index, node) in nodes.enumerated() {
            switch node {
            case .text(let text):
                output += text
                current += text.count
            case .group(let open, let elements, let close):
                let rest = flat(Array(nodes[(index + 1)...]))
                let whole = flat([node])
                // What must stay on the line after the group: up to the next comma.
                let tail = rest.prefix { $0 != "," }.count
                if open == "{" || elements.isEmpty || current + whole.count + tail <= width {
                    output += whole
                    current += whole.count
                    continue
                }
                let pad = String(repeating: "    ", count: indent + 1)
                let lines = elements.map { pad + render($0, indent: indent + 1, column: (indent + 1) * 4) }
                // Arrays keep a trailing comma, as swift-format writes them.
                output += String(open) + "\n" + lines.joined(separator: ",\n") + (open == "[" ? ",\n" : "\n")
                output += String(repeating: "    ", count: indent) + String(close)
                current = indent * 4 + 1
            }
        }
        return output
    }
}
