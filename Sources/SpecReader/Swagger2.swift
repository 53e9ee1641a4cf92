/// A Swagger 2.0 document said as OpenAPI 3.0, node by node, each node keeping where it is
/// written, so every command reads 2.0 and names lines of the file as written: `definitions`
/// become `components/schemas`, a `body` parameter a request body, `formData` parameters a form
/// body, `produces` the media types of each response, `host`, `basePath` and `schemes` the
/// servers, and `$ref`s follow.
enum Swagger2 {
    static func convert(_ root: SpecNode) -> SpecNode {
        let converter = Converter(root: root)
        return converter.document()
    }

    struct Converter {
        let root: SpecNode

        /// The body and form parameters declared once under `parameters`, which 3.0 keeps as
        /// request bodies.
        var bodyParameters: Set<String> {
            Set((root["parameters"]?.members ?? []).filter { ["body", "formData"].contains($0.value["in"]?.string) }.map(\.key))
        }

        func document() -> SpecNode {
            var members: [(String, SpecNode)] = []
            let at = root.location
            for member in root.members {
                switch member.key {
                case "swagger": members.append(("openapi", text("3.0.3", at: member.value.location)))
                case "host", "basePath", "schemes", "consumes", "produces", "definitions", "parameters", "responses",
                    "securityDefinitions":
                    continue
                case "paths": members.append(("paths", paths(member.value)))
                default: members.append((member.key, refs(member.value)))
                }
                if member.key == "info", let servers = servers() { members.append(("servers", servers)) }
            }
            var components: [(String, SpecNode)] = []
            if let definitions = root["definitions"] {
                components.append(("schemas", map(definitions.members.map { ($0.key, schema($0.value)) }, at: definitions.location)))
            }
            if let parameters = root["parameters"] {
                let plain = parameters.members.filter { !bodyParameters.contains($0.key) }
                if !plain.isEmpty {
                    components.append(("parameters", map(plain.map { ($0.key, parameter($0.value)) }, at: parameters.location)))
                }
                let bodies = parameters.members.filter { bodyParameters.contains($0.key) }
                if !bodies.isEmpty {
                    let converted = bodies.compactMap { member in
                        requestBody([member.value], consumes: types(root["consumes"]) ?? ["application/json"], at: member.value.location)
                            .map { (member.key, $0) }
                    }
                    components.append(("requestBodies", map(converted, at: parameters.location)))
                }
            }
            if let responses = root["responses"] {
                let produces = types(root["produces"]) ?? ["application/json"]
                components.append(
                    ("responses", map(responses.members.map { ($0.key, response($0.value, produces: produces)) }, at: responses.location)))
            }
            if let schemes = root["securityDefinitions"] {
                components.append(
                    ("securitySchemes", map(schemes.members.map { ($0.key, securityScheme($0.value)) }, at: schemes.location)))
            }
            if !components.isEmpty { members.append(("components", map(components, at: at))) }
            return map(members, at: at)
        }

        /// `https://api.example.com/v1` from `schemes`, `host` and `basePath`, one server per scheme.
        func servers() -> SpecNode? {
            guard root["host"] != nil || root["basePath"] != nil else { return nil }
            let host = root["host"]?.string ?? ""
            let base = root["basePath"]?.string ?? ""
            let at = (root["host"] ?? root["basePath"])?.location ?? root.location
            let schemes = root["schemes"]?.items.compactMap(\.string) ?? []
            let urls = host.isEmpty ? [base.isEmpty ? "/" : base] : (schemes.isEmpty ? ["https"] : schemes).map { "\($0)://\(host)\(base)" }
            return SpecNode(kind: .sequence(urls.map { map([("url", text($0, at: at))], at: at) }), location: at)
        }

        func paths(_ node: SpecNode) -> SpecNode {
            map(node.members.map { member in (member.key, pathItem(member.value)) }, at: node.location)
        }

        static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch"]

        func pathItem(_ item: SpecNode) -> SpecNode {
            let shared = item["parameters"]?.items ?? []
            var members: [(String, SpecNode)] = []
            for member in item.members {
                if Self.methods.contains(member.key) {
                    members.append((member.key, operation(member.value, shared: shared)))
                } else if member.key == "parameters" {
                    // Body and form parameters shared by a path's operations go to each operation's body.
                    let plain = member.value.items.filter { !isBody($0) }
                    if !plain.isEmpty {
                        members.append(("parameters", SpecNode(kind: .sequence(plain.map(parameter)), location: member.value.location)))
                    }
                } else {
                    members.append((member.key, refs(member.value)))
                }
            }
            return map(members, at: item.location)
        }

        /// Whether a parameter (or the one its `$ref` names) is a `body` or `formData` one.
        func isBody(_ parameter: SpecNode) -> Bool {
            let resolved = resolve(parameter)
            return ["body", "formData"].contains(resolved["in"]?.string)
        }

        func resolve(_ node: SpecNode) -> SpecNode {
            guard let ref = node["$ref"]?.string, ref.hasPrefix("#/parameters/") else { return node }
            return root["parameters"]?[String(ref.dropFirst("#/parameters/".count))] ?? node
        }

        func operation(_ node: SpecNode, shared: [SpecNode]) -> SpecNode {
            let consumes = types(node["consumes"]) ?? types(root["consumes"]) ?? ["application/json"]
            let produces = types(node["produces"]) ?? types(root["produces"]) ?? ["application/json"]
            let own = node["parameters"]?.items ?? []
            // The operation's parameters override the path's of the same name and place.
            let names = Set(own.map { "\(resolve($0)["in"]?.string ?? "") \(resolve($0)["name"]?.string ?? "")" })
            let all = shared.filter { !names.contains("\(resolve($0)["in"]?.string ?? "") \(resolve($0)["name"]?.string ?? "")") } + own
            var members: [(String, SpecNode)] = []
            for member in node.members {
                switch member.key {
                case "consumes", "produces", "schemes": continue
                case "parameters":
                    let plain = member.value.items.filter { !isBody($0) }
                    if !plain.isEmpty {
                        members.append(("parameters", SpecNode(kind: .sequence(plain.map(parameter)), location: member.value.location)))
                    }
                    if let body = bodyReference(all)
                        ?? requestBody(all.filter(isBody).map(resolve), consumes: consumes, at: member.value.location)
                    {
                        members.append(("requestBody", body))
                    }
                case "responses":
                    members.append(
                        (
                            "responses",
                            map(member.value.members.map { ($0.key, response($0.value, produces: produces)) }, at: member.value.location)
                        ))
                default: members.append((member.key, refs(member.value)))
                }
            }
            if node["parameters"] == nil, let body = requestBody(shared.filter(isBody).map(resolve), consumes: consumes, at: node.location)
            {
                members.append(("requestBody", body))
            }
            return map(members, at: node.location)
        }

        /// A body parameter named by `$ref`: the request body declared for it under components.
        func bodyReference(_ parameters: [SpecNode]) -> SpecNode? {
            guard let referenced = parameters.first(where: { $0["$ref"] != nil && resolve($0)["in"]?.string == "body" }),
                let ref = referenced["$ref"], let target = ref.string
            else { return nil }
            let name = String(target.dropFirst("#/parameters/".count))
            return map([("$ref", text("#/components/requestBodies/\(name)", at: ref.location))], at: ref.location)
        }

        /// The request body of a `body` parameter (its schema in every type the operation
        /// consumes), or of `formData` parameters (an object of them, as a form or multipart).
        func requestBody(_ parameters: [SpecNode], consumes: [String], at location: Location) -> SpecNode? {
            if let body = parameters.first(where: { $0["in"]?.string == "body" }) {
                var members: [(String, SpecNode)] = []
                if let description = body["description"] { members.append(("description", description)) }
                let schema = body["schema"].map(schema) ?? map([], at: body.location)
                members.append(("content", map(consumes.map { ($0, map([("schema", schema)], at: body.location)) }, at: body.location)))
                if let required = body["required"] { members.append(("required", required)) }
                return map(members, at: body.location)
            }
            let fields = parameters.filter { $0["in"]?.string == "formData" }
            guard !fields.isEmpty else { return nil }
            let multipart = fields.contains { $0["type"]?.string == "file" } || consumes.contains("multipart/form-data")
            let properties = fields.map { field in (field["name"]?.string ?? "", valueSchema(field)) }
            let required = fields.filter { $0["required"]?.json == .bool(true) }.compactMap { $0["name"]?.string }
            var object: [(String, SpecNode)] = [("type", text("object", at: location)), ("properties", map(properties, at: location))]
            if !required.isEmpty {
                object.append(("required", SpecNode(kind: .sequence(required.map { text($0, at: location) }), location: location)))
            }
            let type = multipart ? "multipart/form-data" : "application/x-www-form-urlencoded"
            return map([("content", map([(type, map([("schema", map(object, at: location))], at: location))], at: location))], at: location)
        }

        /// A query, header or path parameter: its type and constraints go into `schema`, and its
        /// `collectionFormat` becomes a style.
        func parameter(_ node: SpecNode) -> SpecNode {
            if node["$ref"] != nil { return refs(node) }
            var members: [(String, SpecNode)] = []
            let place = node["in"]?.string ?? "query"
            for key in ["name", "in", "description", "required", "deprecated", "allowEmptyValue"] {
                if let value = node[key] { members.append((key, value)) }
            }
            for member in node.members where member.key.hasPrefix("x-") { members.append((member.key, member.value)) }
            switch node["collectionFormat"]?.string {
            case "multi"?:
                members += [("style", text("form", at: node.location)), ("explode", plain("true", at: node.location))]
            case "ssv"?: members += [("style", text("spaceDelimited", at: node.location)), ("explode", plain("false", at: node.location))]
            case "pipes"?: members += [("style", text("pipeDelimited", at: node.location)), ("explode", plain("false", at: node.location))]
            case "csv"?, "tsv"?, nil:
                if node["type"]?.string == "array" {
                    members += [
                        ("style", text(place == "query" ? "form" : "simple", at: node.location)),
                        ("explode", plain("false", at: node.location)),
                    ]
                }
            default: break
            }
            members.append(("schema", valueSchema(node)))
            return map(members, at: node.location)
        }

        /// A parameter's or header's value schema: the schema words written on it.
        func valueSchema(_ node: SpecNode) -> SpecNode {
            let words: Set<String> = [
                "type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf",
            ]
            let kept = node.members.filter { words.contains($0.key) }.map { member -> (String, SpecNode) in
                member.key == "items" ? ("items", valueSchema(member.value)) : (member.key, member.value)
            }
            return schema(map(kept, at: node.location))
        }

        func response(_ node: SpecNode, produces: [String]) -> SpecNode {
            if node["$ref"] != nil { return refs(node) }
            var members: [(String, SpecNode)] = []
            for member in node.members {
                switch member.key {
                case "schema", "examples": continue
                case "headers":
                    members.append(
                        ("headers", map(member.value.members.map { ($0.key, header($0.value)) }, at: member.value.location)))
                default: members.append((member.key, refs(member.value)))
                }
            }
            if let body = node["schema"] {
                let converted = schema(body)
                let content = produces.map { type -> (String, SpecNode) in
                    var media: [(String, SpecNode)] = [("schema", converted)]
                    if let example = node["examples"]?[type] { media.append(("example", example)) }
                    return (type, map(media, at: body.location))
                }
                members.append(("content", map(content, at: body.location)))
            }
            return map(members, at: node.location)
        }

        func header(_ node: SpecNode) -> SpecNode {
            var members: [(String, SpecNode)] = []
            if let description = node["description"] { members.append(("description", description)) }
            members.append(("schema", valueSchema(node)))
            return map(members, at: node.location)
        }

        func securityScheme(_ node: SpecNode) -> SpecNode {
            let at = node.location
            switch node["type"]?.string {
            case "basic"?:
                return map(
                    [("type", text("http", at: at)), ("scheme", text("basic", at: at))]
                        + (node["description"].map { [("description", $0)] } ?? []),
                    at: at)
            case "oauth2"?:
                let flow: String =
                    switch node["flow"]?.string {
                    case "password"?: "password"
                    case "application"?: "clientCredentials"
                    case "accessCode"?: "authorizationCode"
                    default: "implicit"
                    }
                var settings: [(String, SpecNode)] = []
                if let url = node["authorizationUrl"] { settings.append(("authorizationUrl", url)) }
                if let url = node["tokenUrl"] { settings.append(("tokenUrl", url)) }
                settings.append(("scopes", node["scopes"] ?? map([], at: at)))
                return map(
                    [("type", text("oauth2", at: at)), ("flows", map([(flow, map(settings, at: at))], at: at))]
                        + (node["description"].map { [("description", $0)] } ?? []), at: at)
            default: return refs(node)
            }
        }

        /// A 2.0 schema as 3.0 says it: `x-nullable` is `nullable`, `type: file` a binary string,
        /// a discriminator a property name, and `$ref`s follow.
        func schema(_ node: SpecNode) -> SpecNode {
            switch node.kind {
            case .scalar: return node
            case .sequence(let items): return SpecNode(kind: .sequence(items.map(schema)), location: node.location)
            case .mapping(let members):
                var converted: [(String, SpecNode)] = []
                for member in members {
                    switch member.key {
                    case "$ref": converted.append(("$ref", reference(member.value)))
                    case "x-nullable": converted.append(("nullable", member.value))
                    case "type" where member.value.string == "file":
                        converted += [
                            ("type", text("string", at: member.value.location)), ("format", text("binary", at: member.value.location)),
                        ]
                    case "discriminator" where member.value.isScalar:
                        converted.append(("discriminator", map([("propertyName", member.value)], at: member.value.location)))
                    case "example", "default", "enum", "x-example": converted.append((member.key, member.value))
                    case "properties", "definitions":
                        converted.append(
                            (member.key, map(member.value.members.map { ($0.key, schema($0.value)) }, at: member.value.location)))
                    default: converted.append((member.key, member.key.hasPrefix("x-") ? member.value : schema(member.value)))
                    }
                }
                return map(converted, at: node.location)
            }
        }

        /// A `$ref` pointing where 3.0 keeps what it names.
        func reference(_ node: SpecNode) -> SpecNode {
            guard let ref = node.string else { return node }
            for (old, new) in [("#/definitions/", "#/components/schemas/"), ("#/responses/", "#/components/responses/")]
            where ref.hasPrefix(old) {
                return text(new + ref.dropFirst(old.count), at: node.location)
            }
            if ref.hasPrefix("#/parameters/") {
                let name = String(ref.dropFirst("#/parameters/".count))
                let place = bodyParameters.contains(name) ? "requestBodies" : "parameters"
                return text("#/components/\(place)/\(name)", at: node.location)
            }
            return node
        }

        /// Any other node with its `$ref`s pointing where 3.0 keeps what they name.
        func refs(_ node: SpecNode) -> SpecNode {
            switch node.kind {
            case .scalar: return node
            case .sequence(let items): return SpecNode(kind: .sequence(items.map(refs)), location: node.location)
            case .mapping(let members):
                return map(members.map { ($0.key, $0.key == "$ref" ? reference($0.value) : refs($0.value)) }, at: node.location)
            }
        }

        func types(_ node: SpecNode?) -> [String]? {
            let found = node?.items.compactMap(\.string) ?? []
            return found.isEmpty ? nil : found
        }

        func map(_ members: [(String, SpecNode)], at location: Location) -> SpecNode {
            SpecNode(
                kind: .mapping(members.map { SpecNode.Member(key: $0.0, keyLocation: $0.1.location, value: $0.1) }), location: location)
        }

        func text(_ value: String, at location: Location) -> SpecNode {
            SpecNode(kind: .scalar(value, quoted: true), location: location)
        }

        func plain(_ value: String, at location: Location) -> SpecNode {
            SpecNode(kind: .scalar(value, quoted: false), location: location)
        }
    }
}
