import APIRegistry
import Foundation
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation

extension MockAPI {
    /// Whether `value` meets `schema` (a JSON Schema value, its `$ref`s naming the spec's components).
    func accepts(_ value: JSONValue, _ schema: JSONValue) -> Bool {
        guard let decoded = componentSchemas.decoded(schema) else { return false }
        return contract.validator.isValid(value, against: decoded, context: .response)
    }

    /// FNV-1a of `text`: the same on every run, where Swift's `Hasher` is seeded per process.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The answer of an operation served as its document describes it: the response a
    /// `Prefer: code=…, example=…` header picks (as Prism reads it), or the first success; its
    /// body is the named example, else the first one, else a value made from its schema.
    func answer(_ documented: DocumentedOperation, to request: MockRequest) -> MockResponse {
        if let refusal = refusal(of: request, by: documented) { return declared(refusal, by: documented) }
        return answer(documented, prefer: request.prefer)
    }

    /// A refusal in the error format the operation declares for its status (that status, its
    /// `4XX`, or `default`): the declared schema's required members, with those named like a
    /// message carrying the refusal's sentence and one naming a parameter the first field at
    /// fault (Stripe's `{"error": {"message": …, "param": …}}`). The mock's own format where the
    /// operation declares none.
    func declared(_ refusal: APIError, by documented: DocumentedOperation) -> MockResponse {
        guard let (_, response) = documented.response(code: refusal.status), case .object(let content)? = response["content"],
            let media = content.keys.first(where: { $0.contains("json") }), let schema = content[media]?["schema"]
        else { return failure(refusal) }
        let sample = SchemaSample(resolve: componentSchemas.schema, requiredOnly: true)
        let field = refusal.errors.keys.first { $0 != "(root)" }
        func filled(_ value: JSONValue, _ schema: JSONValue, depth: Int) -> JSONValue {
            let schema = sample.resolved(schema)
            guard depth < 8, case .object(var object) = value, let properties = schema["properties"]?.objectValue else { return value }
            for (key, property) in properties {
                let type = sample.resolved(property)["type"]?.stringValue
                if type == "string", ErrorShape.messageMembers.contains(key) {
                    object[key] = .string(refusal.sentence)
                } else if type == "string", ErrorShape.fieldMembers.contains(key), let field {
                    object[key] = .string(field)
                } else if let member = object[key] {
                    object[key] = filled(member, property, depth: depth + 1)
                }
            }
            return .object(object)
        }
        return MockResponse(
            status: refusal.status, headers: [(name: "Content-Type", value: media)],
            body: filled(sample.value(of: schema), schema, depth: 0))
    }

    /// Why the operation refuses `request`, as it declares: a required parameter missing, a path
    /// or query value its schema refuses (`422`), a JSON body that is not JSON or that its
    /// schema refuses, a form its form schema refuses once typed by it. A body of another media
    /// type is not judged.
    func refusal(of request: MockRequest, by documented: DocumentedOperation) -> APIError? {
        let values = PathTemplate.match(documented.path, request.path) ?? [:]
        var query: [String: [String]] = [:]
        for item in request.query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            query[ListQuery.percentDecoded(parts[0]), default: []].append(parts.count > 1 ? ListQuery.percentDecoded(parts[1]) : "")
        }
        var problems: [QueryProblem] = []
        for case .object(let parameter) in documented.operation["parameters"]?.arrayValue ?? [] {
            guard let name = parameter["name"]?.stringValue else { continue }
            let texts: [String]
            switch parameter["in"]?.stringValue {
            case "path": texts = values[name].map { [$0] } ?? []
            case "query": texts = query[name] ?? []
            default: continue
            }
            guard !texts.isEmpty else {
                if parameter["required"]?.boolValue == true { problems.append(QueryProblem(parameter: name, message: "is required")) }
                continue
            }
            let schema = SchemaSample(resolve: componentSchemas.schema).resolved(parameter["schema"] ?? [:])
            let value = Self.parameterValue(texts, schema: schema)
            problems += contract.parameterProblems(name, value, method: documented.method, path: documented.path)
        }
        if !problems.isEmpty { return .invalidQuery(problems) }
        let formSchema = Self.isForm(request.contentType) ? contract.formBodySchema(method: documented.method, path: documented.path) : nil
        guard let schema = formSchema ?? contract.bodySchema(method: documented.method, path: documented.path) else { return nil }
        if request.body.isEmpty {
            let required = documented.operation["requestBody"]?["required"]?.boolValue == true
            return required ? .invalidBody([("(root)", "is required: send the body as JSON")]) : nil
        }
        if let formSchema {
            switch FormBody.decode(request.body) {
            case .failure(let error): return error
            case .success(let form):
                let issues = contract.validator.validate(
                    contract.validator.typed(form, against: formSchema), against: formSchema, context: .request)
                return issues.isEmpty ? nil : .invalidBody(issues.map(\.apiProblem))
            }
        }
        // A body of a media type the operation declares besides JSON is taken as it comes.
        if !Self.isJSON(request.contentType),
            documented.operation["requestBody"]?["content"]?.objectValue?.keys.contains(where: { !$0.contains("json") }) == true
        {
            return nil
        }
        switch parsedBody(request, schema: schema) {
        case .failure(let error): return error
        case .success(let body):
            let issues = contract.validator.validate(body, against: schema, context: .request)
            return issues.isEmpty ? nil : .invalidBody(issues.map(\.apiProblem))
        }
    }

    /// A parameter's text as its schema types it: a number, a boolean, or an array of the
    /// values given (repeated, or separated by commas); text that is not of the type stays text,
    /// for the schema to refuse by name.
    static func parameterValue(_ texts: [String], schema: JSONValue) -> JSONValue {
        func typed(_ text: String, _ type: String?) -> JSONValue {
            switch type {
            case "integer": Int(text).map(JSONValue.integer) ?? .string(text)
            case "number": Double(text).map(JSONValue.number) ?? .string(text)
            case "boolean": text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            default: .string(text)
            }
        }
        let type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first { $0 != "null" }?.stringValue
        guard type == "array" else { return typed(texts[texts.count - 1], type) }
        let items = schema["items"]?["type"]?.stringValue
        let values = texts.count == 1 ? texts[0].split(separator: ",").map(String.init) : texts
        return .array(values.map { typed($0, items) })
    }

    /// The `Prefer` header's `code` and `example`, as Prism reads them: `code=404, example=missing`.
    static func preference(_ prefer: String?) -> Result<(code: Int?, example: String?), APIError> {
        var code: Int?
        var example: String?
        for part in (prefer ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            switch pair[0].lowercased() {
            case "code":
                guard let number = Int(value), (100...599).contains(number) else {
                    return .failure(.unmetPreference("code must be an HTTP status such as 404, got '\(value)'"))
                }
                code = number
            case "example": example = value
            default: break
            }
        }
        return .success((code, example))
    }

    /// `Prefer: code=404` on an operation served from records: the response the spec declares
    /// for that status, with its example (or the one `example=` names), and nothing read or
    /// written. A success code, or none, is the operation itself.
    func preferred(_ prefer: String?, method: String, path: String) -> MockResponse? {
        guard prefer != nil else { return nil }
        let code: Int
        let exampleName: String?
        switch Self.preference(prefer) {
        case .failure(let error): return failure(error)
        case .success(let preference):
            guard let wanted = preference.code, !(200..<300).contains(wanted) else { return nil }
            (code, exampleName) = (wanted, preference.example)
        }
        let responses = contract.operation(method: method, path: path)?.responses ?? [:]
        guard let status = DocumentedOperation.declaredStatus(code, among: responses.keys.map(\.rawValue)) else {
            let declared = responses.keys.map(\.rawValue).joined(separator: ", ")
            return failure(.unmetPreference("\(method) \(path) declares no response \(code) (declared: \(declared))"))
        }
        let content = responses[OpenAPI.Response.StatusCode(rawValue: status) ?? .default]
            .flatMap { contract.document.components[$0] }.flatMap { SpecContract.jsonContent($0.content) }
            .flatMap { contract.document.components[$0] }
        var body = contract.example(method: method, path: path, status: status)
        if let exampleName {
            guard let named = content?.examples?[exampleName].flatMap({ contract.document.components[$0]?.dataOrLegacyValue }) else {
                let names = content?.examples?.keys.joined(separator: ", ") ?? "none"
                return failure(.unmetPreference("the \(code) response has no example '\(exampleName)' (its examples: \(names))"))
            }
            body = JSONValue(named)
        }
        return MockResponse(status: code, body: body)
    }

    func answer(_ documented: DocumentedOperation, prefer: String?) -> MockResponse {
        let code: Int?
        let exampleName: String?
        switch Self.preference(prefer) {
        case .failure(let error): return failure(error)
        case .success(let preference): (code, exampleName) = preference
        }
        guard let (status, response) = documented.response(code: code) else {
            let declared = documented.operation["responses"]?.objectValue?.keys.joined(separator: ", ") ?? "none"
            return failure(
                .unmetPreference(
                    "\(documented.method) \(documented.path) declares no response \(code.map(String.init) ?? "") (declared: \(declared))"
                ))
        }
        guard case .object(let content)? = response["content"], !content.isEmpty else { return MockResponse(status: status) }
        let media = content.keys.first { $0.contains("json") } ?? content.keys[0]
        let body = content[media] ?? .null
        var value: JSONValue?
        if let exampleName {
            guard let named = body["examples"]?[exampleName]?["value"] else {
                let names = body["examples"]?.objectValue?.keys.joined(separator: ", ") ?? "none"
                return failure(
                    .unmetPreference("the \(status) response has no example '\(exampleName)' (its examples: \(names))"))
            }
            value = named
        }
        value = value ?? body["example"] ?? body["examples"]?.objectValue?.first(where: { _ in true })?.value["value"]
        value =
            value
            ?? body["schema"].map { schema in
                // Each operation and status draws from its own sequence, so one answer does not
                // change when another operation is asked for first.
                var random = sampleSeed.map { SplitMix64(seed: $0 ^ Self.stableHash("\(documented.method) \(documented.path) \(status)")) }
                return SchemaSample(resolve: componentSchemas.schema, accepts: accepts).value(of: schema, random: &random)
            }
        guard media.contains("json") else { return MockResponse(status: status, headers: [(name: "Content-Type", value: media)]) }
        return MockResponse(status: status, body: value)
    }
}

/// A value a JSON schema accepts: with no generator, the same on every run (the first choice,
/// the least number allowed, a string of the format); with one, values drawn within the schema's
/// bounds, the same for one seed.
struct SchemaSample {
    /// The schema a `$ref` names, nil when none.
    let resolve: (String) -> JSONValue?
    /// Objects hold their required members only (an error body), not every member they list.
    var requiredOnly = false
    /// Whether a value meets a schema, where the caller can judge: a `oneOf` then gets a value
    /// only one of its choices takes.
    var accepts: ((JSONValue, JSONValue) -> Bool)? = nil

    /// The schema itself, or the one its `$ref` names (a few references deep).
    func resolved(_ schema: JSONValue) -> JSONValue {
        var schema = schema
        for _ in 0..<8 {
            guard case .string(let ref)? = schema["$ref"], let target = resolve(ref) else { break }
            schema = target
        }
        return schema
    }

    func value(of schema: JSONValue, depth: Int = 0) -> JSONValue {
        var random: SplitMix64?
        return value(of: schema, depth: depth, random: &random)
    }

    func value(of schema: JSONValue, depth: Int = 0, random: inout SplitMix64?) -> JSONValue {
        guard case .object(let object) = schema else { return .null }
        if case .string(let ref)? = object["$ref"] {
            guard depth < 20, let target = resolve(ref) else { return .null }
            return value(of: target, depth: depth + 1, random: &random)
        }
        if let example = object["example"] { return example }
        if let constant = object["const"] { return constant }
        if let choices = object["enum"]?.arrayValue, let first = choices.first {
            guard random != nil else { return first }
            return choices[random?.next(below: choices.count) ?? 0]
        }
        if let value = object["default"] { return value }
        // Ten levels down, an object holds only its required members and arrays are left empty,
        // so that a schema that contains itself ends; one that requires itself ends at twenty.
        let deep = depth >= 10
        guard depth < 20 else { return object["type"]?.stringValue == "array" ? [] : .object(JSONObject()) }
        for key in ["oneOf", "anyOf"] {
            guard let choices = object[key]?.arrayValue, let first = choices.first else { continue }
            // Deep down, a choice that is a plain value (an id beside the record it names) ends there.
            let plain = choices.first { choice in
                let type = resolved(choice)["type"]?.stringValue
                return type != nil && type != "object" && type != "array"
            }
            let preferred = deep ? plain ?? first : first
            // `oneOf` takes a value that exactly one choice accepts: the first choice whose value
            // the whole schema then accepts, where the caller can judge; none leaves a null out.
            guard key == "oneOf", choices.count > 1, let accepts else { return value(of: preferred, depth: depth + 1, random: &random) }
            for choice in [preferred] + choices {
                let candidate = value(of: choice, depth: depth + 1, random: &random)
                if accepts(candidate, schema) { return candidate }
            }
            return .null
        }
        if !deep, let parts = object["allOf"]?.arrayValue {
            var merged = JSONObject()
            for part in parts {
                if case .object(let members) = value(of: part, depth: depth + 1, random: &random) {
                    for (key, value) in members { merged[key] = value }
                }
            }
            return .object(merged)
        }
        let type = object["type"]?.stringValue ?? object["type"]?.arrayValue?.first { $0 != "null" }?.stringValue
        switch type ?? (object["properties"] != nil ? "object" : "") {
        case "object":
            // Too deep to finish, an optional member is left out and an array is left empty
            // rather than hold a `null` the schema refuses.
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var result = JSONObject()
            for (key, property) in object["properties"]?.objectValue ?? JSONObject() where !(deep || requiredOnly) || required.contains(key)
            {
                let member = value(of: property, depth: depth + 1, random: &random)
                if member == .null, !required.contains(key), !allowsNull(property) { continue }
                result[key] = member
            }
            return .object(result)
        case "array":
            let items = object["items"] ?? [:]
            let item = deep ? .null : value(of: items, depth: depth + 1, random: &random)
            if item == .null, !allowsNull(items), (object["minItems"]?.intValue ?? 0) == 0 { return .array([]) }
            let least = max(object["minItems"]?.intValue ?? 1, 1)
            guard random != nil, !deep, least < 3 else { return .array(Array(repeating: item, count: least)) }
            // A drawn array holds one to three items, each drawn anew, unless they must differ.
            let count = object["uniqueItems"]?.boolValue == true ? least : least + (random?.next(below: 3 - least + 1) ?? 0)
            var drawn = [item]
            while drawn.count < count { drawn.append(value(of: items, depth: depth + 1, random: &random)) }
            return .array(drawn)
        case "integer":
            let least = object["minimum"]?.intValue ?? (object["exclusiveMinimum"]?.intValue).map { $0 + 1 } ?? 1
            guard random != nil, object["multipleOf"] == nil else { return .integer(least) }
            let most = object["maximum"]?.intValue ?? (object["exclusiveMaximum"]?.intValue).map { $0 - 1 } ?? least + 999
            guard most > least else { return .integer(least) }
            return .integer(least + (random?.next(below: min(most - least, 1_000_000) + 1) ?? 0))
        case "number":
            let least = object["minimum"]?.doubleValue ?? 1
            guard random != nil, object["multipleOf"] == nil, object["exclusiveMinimum"] == nil, object["exclusiveMaximum"] == nil
            else { return .number(least) }
            let most = object["maximum"]?.doubleValue ?? least + 1000
            guard most > least else { return .number(least) }
            let step = Double(random?.next(below: 10_001) ?? 0) / 10_000
            return .number(((least + (most - least) * step) * 100).rounded(.down) / 100)
        case "boolean": return .bool(random == nil || random?.next(below: 2) == 1)
        case "string":
            let format = object["format"]?.stringValue
            guard random != nil, object["pattern"] == nil else { return fixedString(format, object) }
            let n = random?.next(below: 100_000) ?? 0
            switch format {
            case "date-time":
                return .string("20\(10 + n % 15)-\(pad(1 + n % 12))-\(pad(1 + n % 28))T\(pad(n % 24)):\(pad(n % 60)):\(pad(n / 60 % 60))Z")
            case "date": return .string("20\(10 + n % 15)-\(pad(1 + n % 12))-\(pad(1 + n % 28))")
            case "email": return .string("user\(n)@example.com")
            case "uri", "url": return .string("https://example.com/\(n)")
            case "uuid":
                let hex = String(format: "%08x", n)
                return .string("\(hex)-0000-4000-8000-\(String(repeating: "0", count: 4))\(hex)")
            case nil:
                let least = max(object["minLength"]?.intValue ?? 1, 1)
                let most = object["maxLength"]?.intValue ?? least + 11
                let letters = Array("abcdefghijklmnopqrstuvwxyz")
                let length = most > least ? least + (random?.next(below: min(most - least, 64) + 1) ?? 0) : least
                return .string(String((0..<length).map { _ in letters[random?.next(below: letters.count) ?? 0] }))
            default: return fixedString(format, object)
            }
        default: return .null
        }
    }

    /// The string of a format every run makes, or `a` repeated to the least length.
    func fixedString(_ format: String?, _ object: JSONObject) -> JSONValue {
        switch format {
        case "date-time": "2024-01-01T00:00:00Z"
        case "date": "2024-01-01"
        case "email": "ada@example.com"
        case "uri", "url": "https://example.com/"
        case "uuid": "00000000-0000-4000-8000-000000000001"
        default: .string(String(repeating: "a", count: max(object["minLength"]?.intValue ?? 1, 1)))
        }
    }

    func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    /// Whether a schema takes `null`: one that says nothing, a `null` type, or a choice of one.
    func allowsNull(_ schema: JSONValue, depth: Int = 0) -> Bool {
        guard case .object(let object) = schema else { return true }
        if case .string(let ref)? = object["$ref"] { return depth < 20 && resolve(ref).map { allowsNull($0, depth: depth + 1) } == true }
        if object.isEmpty || object["nullable"]?.boolValue == true { return true }
        if object["type"]?.stringValue == "null" || object["type"]?.arrayValue?.contains("null") == true { return true }
        if object["enum"]?.arrayValue?.contains(.null) == true { return true }
        return ["oneOf", "anyOf"].contains { object[$0]?.arrayValue?.contains { allowsNull($0, depth: depth + 1) } == true }
    }
}

/// The component schemas operations kept as written name, as JSON: the registry's documented
/// schemas as written, and a model's as the spec says it, encoded on first use.
final class ComponentSchemas: @unchecked Sendable {
    private let documented: [String: JSONValue]
    private let components: OpenAPI.ComponentDictionary<JSONSchema>
    private let lock = NSLock()
    private var encoded: [String: JSONValue] = [:]

    init(registry: Registry, components: OpenAPI.ComponentDictionary<JSONSchema>) {
        documented = Dictionary(registry.documentedSchemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        self.components = components
    }

    /// The schema `ref` (`#/components/schemas/order`) names; nil when it names none.
    func schema(_ ref: String) -> JSONValue? {
        let prefix = "#/components/schemas/"
        guard ref.hasPrefix(prefix) else { return nil }
        let name = String(ref.dropFirst(prefix.count))
        if let schema = documented[name] { return schema }
        lock.lock()
        defer { lock.unlock() }
        if let schema = encoded[name] { return schema }
        guard let schema = components[.init(stringLiteral: name)], let data = try? JSONEncoder().encode(schema),
            let value = try? JSONParser(maxDepth: 512, maxStringLength: .max).parse(Array(data))
        else { return nil }
        encoded[name] = value
        return value
    }

    private var decodedSchemas: [JSONValue: JSONSchema] = [:]

    /// A schema value as OpenAPIKit reads it, read once: a `oneOf` made on every request asks again.
    func decoded(_ schema: JSONValue) -> JSONSchema? {
        lock.lock()
        defer { lock.unlock() }
        if let known = decodedSchemas[schema] { return known }
        guard let decoded = try? OrderedDecoder().decode(JSONSchema.self, from: schema) else { return nil }
        decodedSchemas[schema] = decoded
        return decoded
    }
}
