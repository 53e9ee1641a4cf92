import APIRegistry
import JSONModel
import SpecReader

/// Reads JSON schemas of a document as the registry's field kinds and models. Object schemas
/// become models, named after their component (`Price`) or after where they sit
/// (`BookDimensions`); what a field kind cannot say goes into the report.
struct SchemaReading {
    let document: SpecDocument
    /// What the registry cannot say, by JSON pointer.
    var report: [ImportReport.Item] = []
    /// Models read so far, by name, so that a component read twice is one model.
    var models: [String: Model] = [:]
    /// The schemas of each resource's model, by its name: a record embedded in another
    /// (an order's lines) is the resource's own model, read from the resource's schemas
    /// and not from the embedding one's.
    var resourceSchemas: [String: RegistryBuilder.ModelSchemas] = [:]
    /// The resources' names by their records' singular (`address` → `addresses`), for counts of
    /// related records (`address_count`).
    var resourcesBySingular: [String: String] = [:]
    /// Each resource's record schema, by the resource's name.
    var resourceRecords: [String: SpecNode] = [:]
    /// Models being read, outermost first: a schema that contains itself is cut where it recurs.
    var reading: [String] = []
    /// Where each model's schema is, so that two schemas given one name (two actions' `confirm`
    /// bodies) are two models.
    var sources: [String: Location] = [:]

    init(document: SpecDocument) { self.document = document }

    func resolve(_ schema: SpecNode) -> SpecNode { document.resolved(schema) ?? schema }

    /// The schema with `allOf` parts merged into one list of properties and one `required`.
    func merged(_ schema: SpecNode?) -> (properties: [SpecNode.Member], required: Set<String>, node: SpecNode?) {
        guard let schema else { return ([], [], nil) }
        let resolved = resolve(schema)
        var properties = resolved["properties"]?.members ?? []
        var required = Set((resolved["required"]?.items ?? []).compactMap(\.string))
        for part in resolved["allOf"]?.items ?? [] {
            let inner = merged(part)
            properties += inner.properties.filter { member in !properties.contains { $0.key == member.key } }
            required.formUnion(inner.required)
        }
        return (properties, required, resolved)
    }

    /// The types a schema allows besides `null`, and whether it allows `null` (3.0's `nullable`,
    /// 3.1's type lists).
    static func types(_ schema: SpecNode) -> (types: [String], nullable: Bool) {
        if let type = schema["type"]?.string { return ([type], schema["nullable"]?.json.boolValue == true) }
        let listed = (schema["type"]?.items ?? []).compactMap(\.string)
        return (listed.filter { $0 != "null" }, listed.contains("null") || schema["nullable"]?.json.boolValue == true)
    }

    /// The field kind of a property's schema; `name` names a nested model that has no component.
    mutating func fieldType(
        _ schema: SpecNode, name: String, create: SpecNode? = nil, update: SpecNode? = nil, pointer: String
    ) -> (type: FieldType, nullable: Bool) {
        let resolved = resolve(schema)
        let (types, nullable) = Self.types(resolved)
        if let choices = resolved["oneOf"]?.items ?? resolved["anyOf"]?.items {
            let options = choices.filter { Self.types(resolve($0)).types != ["null"] }
            let anyNull = choices.count != options.count
            if options.count == 1 {
                let single = fieldType(options[0], name: name, create: create, update: update, pointer: pointer)
                return (single.type, single.nullable || anyNull || nullable)
            }
            // Options that are no component are models of their own: `ShippingOption2` beside `Shipping`.
            var types: [FieldType] = []
            for (index, option) in options.enumerated() {
                let type = fieldType(option, name: index == 0 ? name : name + "Option\(index + 1)", pointer: pointer + "/oneOf/\(index)")
                    .type
                // The same component twice (Stripe's `anyOf` lists some twice) is one option.
                let name = Self.modelName(of: type)
                if name == nil || !types.contains(where: { Self.modelName(of: $0) == name }) { types.append(type) }
            }
            if types.count == 1 { return (types[0], anyNull || nullable) }
            return (.oneOf(types), anyNull || nullable)
        }
        if resolved["allOf"] != nil || resolved["properties"] != nil || types == ["object"] {
            if resolved["properties"] == nil, resolved["allOf"] == nil {
                let values = resolved["additionalProperties"].map(resolve)
                if values.map({ Self.types($0).types }) != ["string"] {
                    note(pointer, "a free-form object; the registry's closest kind is a map of strings")
                }
                return (.stringMap, nullable)
            }
            let modelName = Inference.componentName(schema) ?? name
            // A model that contains itself refers to itself by name, where it recurs.
            if reading.contains(modelName) { return (.reference(modelName), nullable) }
            if reading.count > 24 {
                note(pointer, "\(modelName) nests more than 24 models deep; it is read as a map of strings here")
                return (.stringMap, nullable)
            }
            // A component's problems are reported where the component is, once.
            let at = Inference.componentName(schema).map { SpecDocument.pointer(["components", "schemas", $0]) } ?? pointer
            return (.model(model(modelName, read: schema, create: create, update: update, pointer: at)), nullable)
        }
        switch types.first {
        case "integer":
            return (.integer(minimum: resolved["minimum"]?.json.intValue, maximum: resolved["maximum"]?.json.intValue), nullable)
        case "number":
            return (.number(minimum: resolved["minimum"]?.json.doubleValue, maximum: resolved["maximum"]?.json.doubleValue), nullable)
        case "boolean": return (.boolean, nullable)
        case "array":
            let items = resolved["items"] ?? resolved
            let element = fieldType(
                items, name: name.hasSuffix("s") ? String(name.dropLast()) : name, create: create.flatMap { resolve($0)["items"] },
                update: update.flatMap { resolve($0)["items"] }, pointer: pointer + "/items"
            ).type
            if resolved["uniqueItems"]?.json.boolValue == true { return (.set(element), nullable) }
            return (.array(element, minItems: resolved["minItems"]?.json.intValue, maxItems: resolved["maxItems"]?.json.intValue), nullable)
        default:
            if let constant = resolved["const"]?.string { return (.enumeration([constant]), nullable) }
            if let choices = resolved["enum"]?.items {
                return (.enumeration(choices.compactMap(\.string)), nullable || choices.contains { $0.json == .null })
            }
            switch resolved["format"]?.string {
            case "date-time": return (.dateTime, nullable)
            case "date": return (.date, nullable)
            default: break
            }
            let format: StringFormat? = resolved["format"]?.string.flatMap(StringFormat.init(rawValue:))
            if types.isEmpty { note(pointer, "a schema with no type; read as a string") }
            return (
                .text(
                    format: format, minLength: resolved["minLength"]?.json.intValue, maxLength: resolved["maxLength"]?.json.intValue,
                    pattern: resolved["pattern"]?.string), nullable
            )
        }
    }

    /// The model of a record schema: the read schema's properties, and those only the create or
    /// update schema has, each visible where it appears and required where its schema says.
    mutating func model(
        _ name: String, read: SpecNode?, create: SpecNode?, update: SpecNode?, identifier: String? = nil, examples: [JSONValue] = [],
        includes: [String] = [], pointer: String
    ) -> Model {
        let source = (read ?? create ?? update).map { resolve($0).location }
        var name = name
        // A name another schema has is taken: the next free one (`ConfirmRequest2`) is this one's.
        for candidate in [name] + (2...99).map({ "\(name)\($0)" }) {
            guard models[candidate] != nil || reading.contains(candidate) else {
                name = candidate
                break
            }
            if source == nil || sources[candidate] == nil || sources[candidate] == source {
                if let known = models[candidate] { return known }
                name = candidate
                break
            }
        }
        if let source { sources[name] = source }
        reading.append(name)
        defer { reading.removeLast() }
        var (read, create, update, identifier, examples, includes) = (read, create, update, identifier, examples, includes)
        if let schemas = resourceSchemas.removeValue(forKey: name) {
            (read, create, update) = (schemas.record, schemas.create, schemas.update)
            (identifier, examples, includes) = (schemas.identifier, schemas.examples, schemas.includes)
        }
        let readShape = merged(read)
        let createShape = merged(create)
        let updateShape = merged(update)
        var order: [String] = []
        var nodes: [String: SpecNode] = [:]
        for member in readShape.properties + createShape.properties + updateShape.properties where nodes[member.key] == nil {
            order.append(member.key)
            nodes[member.key] = member.value
        }
        let hasRead = read != nil
        var fields: [Field] = []
        for key in order {
            guard let node = nodes[key] else { continue }
            let property = resolve(node)
            let inRead = readShape.properties.first { $0.key == key }
            let inCreate = createShape.properties.first { $0.key == key }
            let inUpdate = updateShape.properties.first { $0.key == key }
            var visibility: Set<Visibility> = []
            if inRead != nil || !hasRead { visibility.insert(.read) }
            if property["writeOnly"]?.json.boolValue == true { visibility.remove(.read) }
            if create == nil && update == nil {
                // No write schemas: what is not read-only may be written.
                if property["readOnly"]?.json.boolValue != true { visibility.formUnion([.create, .update]) }
            } else {
                if inCreate != nil { visibility.insert(.create) }
                if inUpdate != nil { visibility.insert(.update) }
            }
            // A field the records show as one JSON type and a write sends as another, with nothing
            // in common (a list object read, an array written), is one type in the registry: the records'.
            // Arrays count by their items: Stripe's invoice shows `default_tax_rates` as tax rate
            // objects and a create sends their ids.
            if let inRead {
                let read = shapes(resolve(inRead.value))
                for (view, written) in [(Visibility.create, inCreate), (.update, inUpdate)] {
                    guard let written, visibility.contains(view), case let sent = shapes(resolve(written.value)),
                        !sent.isEmpty, !read.isEmpty, !Self.overlap(sent, read)
                    else { continue }
                    visibility.remove(view)
                    note(
                        pointer + "/properties/" + key,
                        "records show it as \(read.sorted().joined(separator: " or ")) and a \(view.rawValue) sends \(sent.sorted().joined(separator: " or ")); the registry keeps the records' form, and it is not written"
                    )
                }
            }
            if visibility.isEmpty { visibility = [.read] }
            var required: Set<Visibility> = []
            if readShape.required.contains(key) && visibility.contains(.read) { required.insert(.read) }
            if createShape.required.contains(key) && visibility.contains(.create) { required.insert(.create) }
            if updateShape.required.contains(key) && visibility.contains(.update) { required.insert(.update) }
            if create == nil, update == nil, readShape.required.contains(key), visibility.contains(.create) { required.insert(.create) }
            let typeName = name + Self.typeName(key)
            let (type, nullable) = fieldType(
                node, name: typeName, create: inCreate?.value, update: inUpdate?.value, pointer: pointer + "/properties/" + key)
            var derived: Derivation? =
                visibility == [.read] && Self.isDateTime(type)
                ? (Self.createdNames.contains(key) ? .createdAt : Self.modifiedNames.contains(key) ? .modifiedAt : nil) : nil
            var defaultValue = (inCreate.map { resolve($0.value) } ?? property)["default"]?.json ?? property["const"]?.json
            // A field only the server sets, which every answer has: a count of related records
            // (`address_count`), or else a value the mock can always give.
            if visibility == [.read], required.contains(.read), derived == nil, defaultValue == nil, key != identifier {
                if key.hasSuffix("_count"), case .integer = type,
                    let counted = countedResource(String(key.dropLast("_count".count)), of: name)
                {
                    derived = .count(of: counted)
                } else if let related = relatedField(key, among: order) {
                    derived = related
                } else {
                    // Made from the document's schema, then fitted to the field's kind (a schema
                    // cut where it contains itself is a map of strings).
                    defaultValue = Samples.conform(Samples(reading: self).valid(node), to: type)
                    note(
                        pointer + "/properties/" + key,
                        "set by the server in a way the document does not say; the mock answers \(defaultValue.map { JSONWriter(pretty: false).string($0) } ?? "null")"
                    )
                }
            }
            // A field every answer has that a create may leave out (or, written only by updates,
            // cannot give): the mock stores a value its kind allows (`{}`, or `null` where it
            // takes one) when the create does.
            if required.contains(.read), visibility != [.read], !required.contains(.create), derived == nil,
                defaultValue == nil, key != identifier, let made = nullable ? .null : Samples.value(of: type)
            {
                defaultValue = made
                note(
                    pointer + "/properties/" + key,
                    "every answer has it and a create may leave it out; the mock stores \(JSONWriter(pretty: false).string(made)) then")
            }
            let description = Self.description(property) ?? ""
            // The `include=` value that asks for the field: its name, the one its description
            // names, or one spelling its words run together (`storecredit`).
            let include =
                includes.first { $0 == key } ?? includes.first { description.contains("`include=\($0)`") }
                ?? includes.first { key.filter { $0 != "_" }.hasPrefix($0) }
            fields.append(
                Field(
                    key, type, description, visibility: visibility, requiredIn: required,
                    example: property["example"]?.json, derived: derived,
                    defaultValue: defaultValue,
                    includedAs: include == key ? nil : include, nullable: nullable))
        }
        let description = read.flatMap { Self.description(resolve($0)) } ?? create.flatMap { Self.description(resolve($0)) } ?? ""
        let names = Set(order)
        var fitting = examples.filter { example in example.objectValue.map { $0.keys.allSatisfy(names.contains) } ?? false }
        // The mock keeps records by number: an example whose id is not one (`"cus_9s6XKzkNRiz8i3"`)
        // is numbered in order, as text where the identifier is a string.
        if let identifier, let field = fields.first(where: { $0.name == identifier }) {
            for index in fitting.indices
            where fitting[index][identifier].flatMap({ $0.intValue ?? $0.stringValue.flatMap { Int($0) } }) == nil {
                guard case .object(var object) = fitting[index] else { continue }
                if case .text = field.type {
                    object[identifier] = .string(String(index + 1))
                } else {
                    object[identifier] = .integer(index + 1)
                }
                fitting[index] = .object(object)
            }
        }
        var model = Model(name, description: description, identifier: identifier, fields: fields)
        model = Model(
            name, description: description, identifier: identifier, fields: fields,
            examples: fitting.map { Samples.conform($0, to: .model(model)) })
        models[name] = model
        return model
    }

    /// The resource `line_count` counts on an `Order`: one named after `line` whose
    /// records name an order (`order_id`).
    func countedResource(_ stem: String, of model: String) -> String? {
        let link = Inference.snakeCase(model) + "_id"
        return resourcesBySingular.sorted { $0.key < $1.key }.first { singular, resource in
            (singular == stem || singular.hasPrefix(stem + "-") || singular.hasPrefix(stem + "_"))
                && resourceRecords[resource].map { merged($0).properties.contains { $0.key == link } } == true
        }?.value
    }

    /// `author_name` beside `author_id`, when authors have a `name`: the named record's field.
    func relatedField(_ key: String, among keys: [String]) -> Derivation? {
        for (index, character) in key.enumerated() where character == "_" {
            let stem = String(key.prefix(index))
            let field = String(key.dropFirst(index + 1))
            guard keys.contains(stem + "_id"), let resource = resourcesBySingular[stem], let record = resourceRecords[resource],
                merged(record).properties.contains(where: { $0.key == field })
            else { continue }
            return .related(via: stem + "_id", field: field)
        }
        return nil
    }

    static let createdNames: Set<String> = ["created_at", "createdAt", "created", "date_created", "creation_date", "created_on"]
    static let modifiedNames: Set<String> = [
        "updated_at", "updatedAt", "modified_at", "modifiedAt", "updated", "date_modified", "last_modified", "updated_on",
    ]

    /// The JSON types a schema allows, `null` aside; empty when it does not say (a `$ref`-less
    /// choice, no `type`).
    func jsonTypes(_ schema: SpecNode) -> Set<String> {
        if let choices = schema["anyOf"]?.items ?? schema["oneOf"]?.items {
            return choices.reduce(into: Set<String>()) { $0.formUnion(jsonTypes(resolve($1))) }
        }
        var types = Set(Self.types(schema).types)
        if types.isEmpty, schema["properties"] != nil { types = ["object"] }
        return types
    }

    /// The JSON types a schema allows, an array's as `array of` its items' (`array of string`;
    /// `array` when it does not say).
    func shapes(_ schema: SpecNode) -> Set<String> {
        if let choices = schema["anyOf"]?.items ?? schema["oneOf"]?.items {
            return choices.reduce(into: Set<String>()) { $0.formUnion(shapes(resolve($1))) }
        }
        var found = Set<String>()
        for type in jsonTypes(schema) {
            let items = type == "array" ? schema["items"].map { jsonTypes(resolve($0)) } ?? [] : []
            if items.isEmpty { found.insert(type) }
            for item in items { found.insert("array of \(item)") }
        }
        return found
    }

    /// Whether two sets of shapes share a value: a common one, or an array that does not say
    /// its items beside any array.
    static func overlap(_ one: Set<String>, _ other: Set<String>) -> Bool {
        !one.isDisjoint(with: other) || (one.contains("array") && other.contains { $0.hasPrefix("array") })
            || (other.contains("array") && one.contains { $0.hasPrefix("array") })
    }

    static func modelName(of type: FieldType) -> String? {
        if case .model(let model) = type { return model.name }
        return nil
    }

    static func isDateTime(_ type: FieldType) -> Bool {
        if case .dateTime = type { return true }
        return false
    }

    static func description(_ schema: SpecNode) -> String? {
        schema["description"]?.string ?? schema["title"]?.string
    }

    /// `price` → `Price`, `shipping_address` → `ShippingAddress`.
    static func typeName(_ key: String) -> String {
        key.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    mutating func note(_ pointer: String, _ reason: String) {
        report.append(ImportReport.Item(pointer: pointer, reason: reason))
    }
}
