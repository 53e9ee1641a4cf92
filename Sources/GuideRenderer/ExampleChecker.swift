import APIRegistry
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation

/// A problem in a template or a generated page, at a file and line.
public struct GuideProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    /// The problem in the shape every command prints.
    public var diagnostic: Diagnostic { Diagnostic(message: message, file: file, line: line > 0 ? line : nil) }

    public var description: String { diagnostic.description }
}

/// Checks every example a page shows against the spec: request and response bodies
/// against their schemas, request lines against the registry's operations, query strings
/// against the declared filters and their value syntax.
struct ExampleChecker {
    let registry: Registry
    let contract: SpecContract
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    /// Every problem in `text`. With `skipGenerated`, blocks filled in by template tags are
    /// left for the check of the rendered page.
    func problems(in text: String, file: String, skipGenerated: Bool = false) -> [GuideProblem] {
        let scan = MarkdownScan(text)
        var problems: [GuideProblem] = []
        func add(_ line: Int, _ message: String) { problems.append(GuideProblem(file: file, line: line, message: message)) }
        for (index, block) in scan.blocks.enumerated() {
            let bodyText = block.body.joined(separator: "\n")
            // A request shown with the error it gets is wrong on purpose; running the page checks the error.
            if index + 1 < scan.blocks.count, Self.showsError(scan.blocks[index + 1]), Self.isRequest(block) { continue }
            // Placeholders get their values, and empty response blocks their bodies, when the page runs;
            // one left in a page had no value, which running the page reports.
            if skipGenerated && (block.info.contains("{{") || bodyText.contains("{{")) { continue }
            if !GuideScript.placeholders(in: block.info + bodyText).isEmpty { continue }
            if block.attributes["response"] != nil && bodyText.trimmingSpaces().isEmpty { continue }
            switch block.language {
            case "json":
                if let target = block.attributes["request"] {
                    for (offset, message) in checkRequest(target, body: bodyText) { add(block.line + offset, message) }
                } else if let target = block.attributes["response"] {
                    for (offset, message) in checkResponse(target, body: bodyText) { add(block.line + offset, message) }
                } else if let name = block.attributes["schema"] {
                    for (offset, message) in checkSchema(name, body: bodyText) { add(block.line + offset, message) }
                } else if block.attributes["foreign"] != nil {
                    // Another API's body, shown for comparison and marked as such.
                } else {
                    add(
                        block.line,
                        "a JSON example must say what it is: request=\"METHOD /path\", response=\"METHOD /path STATUS\", schema=\"Name\" or foreign=\"Other API\""
                    )
                }
            case "http" where block.attributes["webhook"] != nil:
                // A delivery: its event must be the API's, and its body that event's payload.
                let name = block.attributes["webhook"] ?? ""
                guard let event = registry.resources.lazy.flatMap(\.events).first(where: { $0.name == name }) else {
                    let known = registry.resources.flatMap { $0.events.map(\.name) }
                    let near = Spelling.closest(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
                    add(block.line, "webhook=\"\(name)\" names no event of this API\(near)")
                    continue
                }
                let lines = Array(block.body)
                guard let blank = lines.firstIndex(where: { $0.trimmingSpaces().isEmpty }) else { continue }
                let body = lines[(blank + 1)...].joined(separator: "\n")
                for (offset, message) in checkSchema(event.payload.name, body: body) { add(block.line + blank + 1 + offset, message) }
            case "http":
                // A response (`HTTP/1.1 200 OK`) is compared with the mock's answer when the page runs.
                if block.body.first(where: { !$0.trimmingSpaces().isEmpty })?.trimmingSpaces().hasPrefix("HTTP/") == true { continue }
                for (offset, message) in checkHTTP(block.body) { add(block.line + offset, message) }
            default:
                let first = block.body.first { !$0.trimmingSpaces().isEmpty }?.trimmingSpaces() ?? ""
                if block.language.isEmpty && (first.hasPrefix("{") || first.hasPrefix("[")) {
                    add(
                        block.line,
                        "an unmarked JSON example: fence it as ```json request=\"METHOD /path\"``` (or response=\"METHOD /path STATUS\")")
                } else if block.language.isEmpty, let method = first.split(separator: " ").first, Self.methods.contains(String(method)) {
                    add(block.line, "an unmarked request: fence it as ```http so it is checked")
                }
                for (offset, line) in block.body.enumerated() {
                    for message in checkQueryReferences(in: line) { add(block.line + 1 + offset, message) }
                }
            }
        }
        for span in scan.inlineCode {
            for message in checkQueryReferences(in: span.text) { add(span.line, message) }
        }
        return problems
    }

    /// A path for examples in messages: the registry's first resource.
    var examplePath: String { registry.resources.first?.path ?? "/path" }

    /// A request block: an http request line or a json body marked with its operation.
    static func isRequest(_ block: MarkdownScan.Block) -> Bool {
        if block.language == "json" { return block.attributes["request"] != nil }
        guard block.language == "http", let first = block.body.first(where: { !$0.trimmingSpaces().isEmpty }) else { return false }
        return first.trimmingSpaces().split(separator: " ").first.map { methods.contains(String($0)) } ?? false
    }

    /// A response block whose status is a 4xx: `response="422"`, `response="PUT /x 422"` or `HTTP/1.1 422`.
    static func showsError(_ block: MarkdownScan.Block) -> Bool {
        let status: Substring?
        if let marker = block.attributes["response"] {
            status = marker.split(separator: " ").last
        } else if block.language == "http", let first = block.body.first(where: { !$0.trimmingSpaces().isEmpty }),
            first.trimmingSpaces().hasPrefix("HTTP/")
        {
            status = first.trimmingSpaces().split(separator: " ").dropFirst().first
        } else {
            status = nil
        }
        return status?.hasPrefix("4") ?? false
    }

    /// The resource at a path written relative to the server (`/orders`) or in full, under
    /// the server's path (`https://api.example.com/shops/abc/v2/orders`).
    func resource(at rawPath: String) -> (resource: Resource?, path: String) {
        let (target, path) = locate(rawPath)
        return (target?.item == nil && target?.action == nil ? target?.resource : nil, path)
    }

    /// Where a path leads (`/books/3`, or `/books/{bookId}` as the spec writes it), and the path
    /// as written under the server.
    func locate(_ rawPath: String) -> (target: PathTarget?, path: String) {
        var path = rawPath
        if let scheme = path.range(of: "://") {
            path = String(path[scheme.upperBound...].drop { $0 != "/" })
            if let split = registry.info.splitServerPath(path) { path = split.rest }
        }
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return (registry.locate(path), path)
    }

    /// The methods a path answers.
    func methods(_ target: PathTarget) -> [String] {
        target.action != nil ? ["POST"] : target.resource.methods(item: target.item != nil, scoped: target.parent != nil)
    }

    /// The API's paths, for messages about a path that is none of them.
    var knownPaths: String {
        registry.servedPaths.joined(separator: ", ")
    }

    /// A request body example for `METHOD /path`; offsets are lines after the fence.
    func checkRequest(_ target: String, body: String) -> [(Int, String)] {
        let parts = target.split(separator: " ").map(String.init)
        guard parts.count == 2, Self.methods.contains(parts[0]) else {
            return [(0, "request=\"\(target)\" must be \"METHOD /path\", e.g. request=\"POST \(examplePath)\"")]
        }
        let (method, path) = (parts[0], parts[1])
        guard let operation = operation(method, path) else { return [(0, unknownOperation(method, path))] }
        guard let schema = contract.bodySchema(method: method, path: operation.path) else {
            return [(0, "\(method) \(operation.path) takes no request body")]
        }
        return checkBody(body, against: schema, .request, label: "\(method) \(operation.path) example")
    }

    func checkResponse(_ target: String, body: String) -> [(Int, String)] {
        let parts = target.split(separator: " ").map(String.init)
        guard parts.count == 3, Self.methods.contains(parts[0]) else {
            return [(0, "response=\"\(target)\" must be \"METHOD /path STATUS\", e.g. response=\"GET \(examplePath) 200\"")]
        }
        guard let operation = operation(parts[0], parts[1]) else { return [(0, unknownOperation(parts[0], parts[1]))] }
        guard let schema = contract.responseSchema(method: parts[0], path: operation.path, status: parts[2]) else {
            return [(0, "\(parts[0]) \(operation.path) documents no JSON response \(parts[2])")]
        }
        return checkBody(body, against: schema, .response, label: "\(target) example")
    }

    /// A body checked against a component schema of the spec, as a response.
    func checkSchema(_ name: String, body: String) -> [(Int, String)] {
        guard let schema = contract.document.components.schemas[.init(stringLiteral: name)] else {
            return [(0, "schema=\"\(name)\" names no schema of the spec")]
        }
        return checkBody(body, against: schema, .response, label: "\(name) example")
    }

    /// `body` parsed and validated against `schema`, each problem labelled; offsets are lines of the body.
    func checkBody(_ body: String, against schema: JSONSchema, _ context: MessageContext, label: String) -> [(Int, String)] {
        let value: JSONValue
        do {
            value = try JSONParser().parse(body)
        } catch {
            return [(error.line, "\(label) is not valid JSON: \(error.message) (column \(error.column))")]
        }
        return contract.validator.validate(value, against: schema, context: context).map { (0, "\(label): \($0)") }
    }

    /// An ```http block: request line, headers, blank line, body.
    func checkHTTP(_ lines: [String]) -> [(Int, String)] {
        guard let start = lines.firstIndex(where: { !$0.trimmingSpaces().isEmpty }) else { return [(0, "an empty http example")] }
        let requestLine = lines[start].trimmingSpaces().split(separator: " ").map(String.init)
        guard requestLine.count >= 2, Self.methods.contains(requestLine[0]) else {
            return [(start + 1, "an http example starts with a request line, e.g. GET \(examplePath)")]
        }
        let method = requestLine[0]
        let target = requestLine[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let operation = operation(method, target[0]) else { return [(start + 1, unknownOperation(method, target[0]))] }
        var problems: [(Int, String)] = []
        let query = target.count > 1 ? target[1] : ""
        if let resource = operation.resource, operation.collection {
            problems += queryProblems(method, query, resource, path: operation.path).map { (start + 1, $0) }
        } else if !query.isEmpty {
            problems.append((start + 1, "\(method) \(operation.path) takes no query parameters"))
        }
        let blank = lines[(start + 1)...].firstIndex { $0.trimmingSpaces().isEmpty }
        let body = blank.map { Array(lines[($0 + 1)...]) } ?? []
        if !body.allSatisfy({ $0.trimmingSpaces().isEmpty }) {
            problems += checkRequest("\(method) \(operation.path)", body: body.joined(separator: "\n")).map { offset, message in
                (offset == 0 ? start + 1 : (blank ?? start) + 1 + offset, message)
            }
        } else if contract.bodySchema(method: method, path: operation.path) != nil {
            problems.append((start + 1, "\(method) \(operation.path) needs a JSON body after the headers and a blank line"))
        }
        return problems
    }

    /// Query strings written after a resource path anywhere in code: `/orders/lines?order_id:in=1,2,3`.
    func checkQueryReferences(in text: String) -> [String] {
        var messages: [String] = []
        var previous = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "\"" }) {
            defer { previous = String(word) }
            guard let question = word.firstIndex(of: "?"), word.contains("/") else { continue }
            let pathPart = String(word[..<question])
            guard pathPart.hasPrefix("/") || pathPart.contains("://") else { continue }
            let query = String(word[word.index(after: question)...])
            let (resource, path) = resource(at: pathPart)
            guard let resource else {
                if registry.locateSingleton(path) == nil
                    && registry.resources.contains(where: { path.hasPrefix($0.path) || $0.path.hasPrefix(path) })
                {
                    messages.append("\(path): no such resource; resources are \(knownPaths)")
                }
                continue
            }
            let method = Self.methods.contains(previous) ? previous : "GET"
            messages += queryProblems(method, query, resource, path: locate(pathPart).target?.template ?? resource.path)
        }
        return messages
    }

    func queryProblems(_ method: String, _ query: String, _ resource: Resource, path: String? = nil) -> [String] {
        let outcome: Result<Void, QueryProblems>
        switch method {
        case "GET": outcome = contract.listQuery(query, for: resource, pagination: registry.pagination, path: path).map { _ in () }
        case "DELETE": outcome = contract.deleteQuery(query, for: resource).map { _ in () }
        default:
            return query.isEmpty ? [] : ["\(method) \(resource.path) takes no query parameters"]
        }
        guard case .failure(let rejected) = outcome else { return [] }
        return rejected.problems.map { "\(method) \(resource.path)?\(query): \($0.parameter) \($0.fullMessage)" }
    }

    /// The operation a method and path name, with the path as the spec writes it (`/books/{bookId}`),
    /// its resource (nil for a singleton), and whether the path is a collection's (lists take queries).
    func operation(_ method: String, _ path: String) -> (resource: Resource?, path: String, collection: Bool)? {
        let (target, normalized) = locate(path)
        if let (singleton, _) = registry.locateSingleton(normalized) {
            return singleton.methods.contains(method) ? (nil, singleton.path, false) : nil
        }
        guard let target, methods(target).contains(method) else { return nil }
        return (target.resource, target.template, target.item == nil && target.action == nil)
    }

    func unknownOperation(_ method: String, _ path: String) -> String {
        let (target, normalized) = locate(path)
        if let (singleton, _) = registry.locateSingleton(normalized) {
            return "\(method) \(normalized) is not an operation; \(normalized) offers \(singleton.methods.joined(separator: ", "))"
        }
        if let target {
            return "\(method) \(normalized) is not an operation; \(normalized) offers \(methods(target).joined(separator: ", "))"
        }
        return "\(method) \(normalized): no such resource; resources are \(knownPaths)"
    }
}
