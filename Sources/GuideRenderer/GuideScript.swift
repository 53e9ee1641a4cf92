import APIRegistry
import Foundation
import JSONModel
import MockServer
import OpenAPIEmitter

/// A rendered page run as a script: its requests are sent in order to one mock store, and
/// what the page shows after each request is compared with what the mock answers.
///
/// - A request is an ```` ```http ```` block that starts with a request line, a
///   ```` ```json request="METHOD /path" ```` block, or a `curl` command in a shell block.
///   Marked `fragment`, it is shown but not run.
/// - The response block that follows a request (before the next one) is its answer: a
///   ```` ```json response="METHOD /path STATUS" ```` body, or an ```` ```http ```` block that
///   starts with `HTTP/1.1 STATUS`. Its status, headers and body must be what the mock answers,
///   field by field; values the server sets (identifiers, creation and change times) match by
///   type and format.
/// - A response block with an empty body (```` ```json response ````, or `response="422"` to
///   expect an error) is filled in from the mock's answer.
/// - `"$name"` (in JSON) or `$name` (in a request line) is a placeholder: a response binds it
///   to the value it shows in that place (or `capture="name=data[0].id"` binds it), later
///   requests send that value, later responses must show it again, and the page shows it.
/// - A request whose answer the page does not show must succeed (2xx).
/// - An ```` ```http webhook="EVENT" secret="whsec_…" ```` block shows the delivery of the
///   first `EVENT` the requests before it raised (and no earlier block showed) as the mock sends
///   it, signed with `secret`: filled in when empty, its body compared when not.
struct GuideScript {
    let registry: Registry
    let api: MockAPI
    let seeding: Seeding

    /// A problem at a line of the page (1-based).
    struct Problem: Equatable {
        let line: Int
        let message: String
    }

    struct Outcome {
        /// The page with responses filled in and placeholders replaced by their values.
        let page: String
        let problems: [Problem]
    }

    /// One request of the script, as sent.
    struct Request {
        let line: Int
        let method: String
        let path: String
        let query: String
        let headers: [(name: String, value: String)]
        let body: String

        var display: String { "\(method) \(path)\(query.isEmpty ? "" : "?" + query)" }
    }

    /// Field names whose values the server chooses: identifiers and creation and change times.
    var serverSetFields: Set<String> {
        var names: Set<String> = []
        for resource in registry.resources {
            if let identifier = resource.model.identifier { names.insert(identifier) }
            for field in resource.model.fields where field.derived == .createdAt || field.derived == .modifiedAt {
                names.insert(field.name)
            }
        }
        for singleton in registry.singletons {
            for field in singleton.model.fields where field.derived == .createdAt || field.derived == .modifiedAt {
                names.insert(field.name)
            }
        }
        return names
    }

    func run(_ page: String) -> Outcome {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let scan = MarkdownScan(page)
        let serverSet = serverSetFields
        var session = MockSession(api: api, seeding: seeding)
        let tenant = registry.info.serverVariables.map(\.defaultValue).joined(separator: ".")
        session.tenant = tenant.isEmpty ? "default" : tenant
        /// How many of the session's events a webhook block has shown, or passed over.
        var eventsShown = 0
        var bindings: [String: JSONValue] = [:]
        var boundAt: [String: Int] = [:]
        var problems: [Problem] = []
        var replacements: [(first: Int, last: Int, lines: [String])] = []
        var pending: (request: Request, answer: MockResponse, shown: Bool)?
        /// Placeholders already reported as having no value.
        var reported: Set<String> = []

        func problem(_ line: Int, _ message: String) { problems.append(Problem(line: line, message: message)) }

        /// A request whose answer was not shown must have succeeded.
        func settle() {
            defer { pending = nil }
            guard let open = pending, !open.shown, !(200..<300).contains(open.answer.status) else { return }
            problem(
                open.request.line,
                "\(open.request.display): the mock answers \(Self.summary(open.answer)); fix the request, or show the answer in a response block"
            )
        }

        func bind(_ captures: String?, from answer: MockResponse, line: Int) {
            guard let captures else { return }
            for capture in captures.split(separator: ",").map({ $0.trimmingSpaces() }) where !capture.isEmpty {
                let parts = capture.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
                guard parts.count == 2, Self.isPlaceholderName(parts[0]) else {
                    problem(line, "capture=\"\(capture)\" must be name=path, e.g. capture=\"jane=data[0].id\"")
                    continue
                }
                guard let value = answer.body.flatMap({ Self.value(at: parts[1], in: $0) }) else {
                    problem(line, "capture \(parts[0]): the answer has nothing at \(parts[1])")
                    continue
                }
                if let earlier = bindings[parts[0]], !earlier.isJSONEqual(to: value) {
                    problem(line, "$\(parts[0]) was \(Self.show(earlier)) (line \(boundAt[parts[0]] ?? 0)); here it is \(Self.show(value))")
                }
                bindings[parts[0]] = value
                boundAt[parts[0]] = line
            }
        }

        for block in scan.blocks {
            let closed = block.line + block.body.count < lines.count
            let kind = Self.kind(of: block)
            if block.attributes["fragment"] != nil {
                if case .request = kind { settle() }
                continue
            }
            switch kind {
            case .other:
                continue
            case .webhook(let name, let shown):
                let events = session.events
                guard let index = events.indices.dropFirst(eventsShown).first(where: { events[$0].name == name }) else {
                    let raised = events.dropFirst(eventsShown).map(\.name)
                    problem(
                        block.line,
                        "no \(name) event was raised by the requests before this block"
                            + (raised.isEmpty ? "" : "; they raised \(raised.joined(separator: ", "))"))
                    continue
                }
                eventsShown = index + 1
                let event = events[index]
                if let shown {
                    do {
                        let value = try JSONParser().parse(shown)
                        var comparison = Comparison(serverSet: serverSet, bindings: bindings, boundAt: boundAt, line: block.line)
                        if let mismatch = comparison.first(value, event.payload, .root) {
                            problem(block.line, "the \(name) event: \(mismatch)")
                        }
                    } catch {
                        problem(block.line, "the event's body shown is not JSON: \(error.message)")
                    }
                } else if closed {
                    replacements.append(
                        (
                            block.line - 1, block.line + block.body.count,
                            Self.delivery(
                                event, secret: block.attributes["secret"] ?? "",
                                url: block.attributes["url"] ?? "http://127.0.0.1:9000/hooks",
                                time: Int(api.now().timeIntervalSince1970))
                        ))
                }
            case .request:
                let requests: [Request]
                switch Self.requests(in: block, info: registry.info) {
                case .failure(let failure):
                    problem(failure.line, failure.message)
                    settle()
                    continue
                case .success(let parsed): requests = parsed
                }
                for request in requests {
                    settle()
                    let unbound = Self.placeholders(in: request.display + "\n" + request.body).filter { bindings[$0] == nil }
                    if !unbound.isEmpty {
                        reported.formUnion(unbound)
                        problem(
                            request.line,
                            "\(request.display): \(unbound.map { "$" + $0 }.joined(separator: ", ")) is used before a response shows its value"
                        )
                        continue
                    }
                    let sent = Self.substitute(request, bindings)
                    let answer = session.send(
                        MockRequest(
                            method: sent.method, path: sent.path, query: sent.query,
                            contentType: sent.body.isEmpty ? nil : (sent.header("Content-Type") ?? "application/json"),
                            body: Array(sent.body.utf8)))
                    pending = (sent, answer, false)
                }
            case .generated(let expected):
                guard let open = pending, !open.shown else {
                    problem(block.line, "a response to fill in must follow the request it answers")
                    continue
                }
                pending?.shown = true
                let status = open.answer.status
                if let expected, expected != status {
                    problem(
                        block.line,
                        "\(open.request.display): the page expects status \(expected); the mock answers \(Self.summary(open.answer))")
                } else if expected == nil && !(200..<300).contains(status) {
                    problem(
                        block.line,
                        "\(open.request.display): the mock answers \(Self.summary(open.answer)); fix the request, or write response=\"\(status)\" to show this error"
                    )
                }
                bind(block.attributes["capture"], from: open.answer, line: block.line)
                if closed {
                    replacements.append(
                        (block.line - 1, block.line + block.body.count, Self.rendered(open.answer, of: open.request, as: block.language)))
                }
            case .typed(let marker, let status, let headers, let body):
                guard let open = pending, !open.shown else { continue }  // an example on its own: only its schema is checked
                pending?.shown = true
                let label = "\(open.request.display) (line \(open.request.line))"
                if let marker, marker.method != open.request.method || marker.path != open.request.path {
                    problem(
                        block.line,
                        "response=\"\(marker.method) \(marker.path) …\" follows \(open.request.method) \(open.request.path); it must name the request it answers"
                    )
                    continue
                }
                if status != open.answer.status {
                    problem(block.line, "\(label): the page shows status \(status); the mock answers \(Self.summary(open.answer))")
                    continue
                }
                var mismatch: String?
                for header in headers where mismatch == nil {
                    let actual = open.answer.headers.first { $0.name.lowercased() == header.name.lowercased() }?.value
                    if actual != header.value {
                        mismatch =
                            "header \(header.name): the page shows '\(header.value)', the mock answers \(actual.map { "'\($0)'" } ?? "no such header")"
                    }
                }
                if mismatch == nil {
                    switch (body, open.answer.body) {
                    case (nil, nil): break
                    case (nil, let actual?): mismatch = "the page shows no body; the mock answers \(Self.show(actual))"
                    case (.some, nil): mismatch = "the page shows a body; the mock answers none"
                    case (let text?, let actual?):
                        do {
                            let shown = try JSONParser().parse(text)
                            var comparison = Comparison(serverSet: serverSet, bindings: bindings, boundAt: boundAt, line: block.line)
                            mismatch = comparison.first(shown, actual, .root)
                            bindings = comparison.bindings
                            boundAt = comparison.boundAt
                        } catch {
                            mismatch = "the body shown is not JSON: \(error.message) (line \(block.line + error.line))"
                        }
                    }
                }
                if let mismatch { problem(block.line, "\(label): \(mismatch)") }
                bind(block.attributes["capture"], from: open.answer, line: block.line)
            }
        }
        settle()

        var output = lines
        for replacement in replacements.reversed() {
            output.replaceSubrange(replacement.first...replacement.last, with: replacement.lines)
        }
        // Placeholders become the values the run gave them, so a reader copies real requests.
        let final = MarkdownScan(output.joined(separator: "\n"))
        var text = output
        for block in final.blocks where block.attributes["fragment"] == nil {
            for offset in block.body.indices {
                let index = block.line + offset
                guard index < text.count, text[index].contains("$") else { continue }
                for name in Self.placeholders(in: text[index]) where bindings[name] == nil && reported.insert(name).inserted {
                    problem(block.line, "$\(name) is never given a value by a response on this page")
                }
                text[index] = Self.substitute(text[index], bindings)
            }
        }
        return Outcome(page: text.joined(separator: "\n"), problems: problems)
    }

    // MARK: - Blocks

    enum Kind {
        case other
        case request
        /// An event's delivery to show: its name, and the body the page shows (nil to fill in).
        case webhook(String, body: String?)
        /// A response to fill in; the status expected, nil for any success.
        case generated(Int?)
        case typed(marker: (method: String, path: String)?, status: Int, headers: [(name: String, value: String)], body: String?)
    }

    static let shells: Set<String> = ["sh", "bash", "shell", "console", "zsh"]

    static func kind(of block: MarkdownScan.Block) -> Kind {
        let text = block.body.map { $0.trimmingSpaces() }
        let first = text.first { !$0.isEmpty } ?? ""
        let isEmpty = first.isEmpty
        if let event = block.attributes["webhook"] {
            if isEmpty { return .webhook(event, body: nil) }
            let body = headersAndBody(Array(block.body.drop { $0.trimmingSpaces().isEmpty }.dropFirst())).1
            return .webhook(event, body: body.isEmpty ? nil : body)
        }
        if let marker = block.attributes["response"] {
            if isEmpty { return .generated(Int(marker)) }
            let parts = marker.split(separator: " ").map(String.init)
            guard parts.count == 3, let status = Int(parts[2]) else { return .other }  // the example checker names the problem
            return .typed(marker: (parts[0], parts[1]), status: status, headers: [], body: block.body.joined(separator: "\n"))
        }
        switch block.language {
        case "http":
            if first.hasPrefix("HTTP/") {
                let status = first.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                let (headers, body) = headersAndBody(Array(block.body.drop { $0.trimmingSpaces().isEmpty }.dropFirst()))
                return .typed(marker: nil, status: status, headers: headers, body: body.isEmpty ? nil : body)
            }
            if let method = first.split(separator: " ").first, ExampleChecker.methods.contains(String(method)) { return .request }
            return .other
        case "json":
            return block.attributes["request"] != nil ? .request : .other
        case let language where shells.contains(language):
            return text.contains { $0.hasPrefix("curl ") || $0.hasPrefix("$ curl ") } ? .request : .other
        default:
            return .other
        }
    }

    /// Header lines up to the first blank line, then the body.
    static func headersAndBody(_ lines: [String]) -> ([(name: String, value: String)], String) {
        var headers: [(name: String, value: String)] = []
        var index = 0
        while index < lines.count, !lines[index].trimmingSpaces().isEmpty {
            let line = lines[index]
            if let colon = line.firstIndex(of: ":") {
                headers.append((line[..<colon].trimmingSpaces(), line[line.index(after: colon)...].trimmingSpaces()))
            }
            index += 1
        }
        let body = lines.dropFirst(index).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (headers, body)
    }

    struct ParseFailure: Error {
        let line: Int
        let message: String
    }

    /// The requests a block sends, in order.
    static func requests(in block: MarkdownScan.Block, info: APIInfo) -> Result<[Request], ParseFailure> {
        switch block.language {
        case "http":
            guard let start = block.body.firstIndex(where: { !$0.trimmingSpaces().isEmpty }) else { return .success([]) }
            let line = block.line + 1 + start
            let words = block.body[start].trimmingSpaces().split(separator: " ").map(String.init)
            guard words.count >= 2 else { return .failure(ParseFailure(line: line, message: "a request line is METHOD /path")) }
            let (headers, body) = headersAndBody(Array(block.body[(start + 1)...]))
            return target(words[1], info: info, line: line).map { path, query in
                [Request(line: line, method: words[0], path: path, query: query, headers: headers, body: body)]
            }
        case "json":
            let parts = (block.attributes["request"] ?? "").split(separator: " ").map(String.init)
            guard parts.count == 2 else { return .success([]) }  // the example checker names the problem
            return target(parts[1], info: info, line: block.line).map { path, query in
                [
                    Request(
                        line: block.line, method: parts[0], path: path, query: query, headers: [],
                        body: block.body.joined(separator: "\n"))
                ]
            }
        default:
            return Curl.requests(in: block, info: info)
        }
    }

    /// `/orders?id:in=1` or a full URL under the server → (path under the server, query).
    static func target(_ raw: String, info: APIInfo, line: Int) -> Result<(String, String), ParseFailure> {
        var path = raw
        if let scheme = path.range(of: "://") {
            path = String(path[scheme.upperBound...].drop { $0 != "/" })
            let pathOnly = String(path.prefix { $0 != "?" })
            guard let split = info.splitServerPath(pathOnly) else {
                return .failure(
                    ParseFailure(
                        line: line,
                        message:
                            "\(raw) is not under the API's path \(info.serverPath); write the path relative to it, or mark the block fragment"
                    ))
            }
            path = split.rest + path.dropFirst(pathOnly.count)
        }
        let pieces = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        return .success((pieces[0], pieces.count > 1 ? pieces[1] : ""))
    }

    // MARK: - Placeholders

    static func isPlaceholderName(_ name: some StringProtocol) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The placeholder names in `text`, in order of first use.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            let name = rest[rest.index(after: dollar)...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if isPlaceholderName(name), !names.contains(String(name)) { names.append(String(name)) }
            rest = rest[rest.index(after: dollar)...]
        }
        return names
    }

    /// `"$name"` becomes the value as JSON; `$name` elsewhere becomes its plain text.
    static func substitute(_ text: String, _ bindings: [String: JSONValue]) -> String {
        guard text.contains("$") else { return text }
        var result = text
        // Longest names first, so `$jane` does not eat the start of `$jane_address`.
        for (name, value) in bindings.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: "\"$\(name)\"", with: JSONWriter(pretty: false).string(value))
            result = result.replacingOccurrences(of: "$\(name)", with: value.stringValue ?? JSONWriter(pretty: false).string(value))
        }
        return result
    }

    static func substitute(_ request: Request, _ bindings: [String: JSONValue]) -> Request {
        Request(
            line: request.line, method: request.method, path: substitute(request.path, bindings),
            query: substitute(request.query, bindings), headers: request.headers.map { ($0.name, substitute($0.value, bindings)) },
            body: substitute(request.body, bindings))
    }

    /// The value at `data[0].id` in `value`.
    static func value(at path: String, in value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        var name = ""
        var index: String?
        func step() {
            if !name.isEmpty { current = current?[name] }
            name = ""
        }
        for character in path {
            switch character {
            case ".": step()
            case "[":
                step()
                index = ""
            case "]":
                guard let position = index.flatMap({ Int($0) }), let items = current?.arrayValue, items.indices.contains(position) else {
                    return nil
                }
                current = items[position]
                index = nil
            default:
                if index != nil { index?.append(character) } else { name.append(character) }
            }
        }
        step()
        return current
    }

    // MARK: - Showing answers

    static let reasons: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
        404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 413: "Content Too Large",
        415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    /// An event's delivery as the mock sends it to `url`: the request line, the signature headers
    /// for `secret` at `time`, and the body as sent, on one line.
    static func delivery(_ event: RaisedEvent, secret: String, url: String, time: Int) -> [String] {
        let parsed = URL(string: url)
        let body = JSONWriter(pretty: false).bytes(event.payload)
        let target = (parsed?.path.isEmpty == false ? parsed?.path : "/") ?? "/"
        return [
            "```http webhook=\"\(event.name)\" secret=\"\(secret)\" url=\"\(url)\"",
            "POST \(target) HTTP/1.1",
            "Host: \(parsed?.host ?? "127.0.0.1")\(parsed?.port.map { ":\($0)" } ?? "")",
            "Content-Type: application/json",
            "webhook-id: \(event.id)",
            "webhook-timestamp: \(time)",
            "webhook-signature: \(WebhookSubscription.signature(secret: secret, id: event.id, timestamp: time, body: body))",
            "",
            String(decoding: body, as: UTF8.self),
            "```",
        ]
    }

    /// A response block showing `answer`: a JSON body marked with its operation, or an HTTP
    /// status line with headers when the block asks for `http` or there is no body.
    static func rendered(_ answer: MockResponse, of request: Request, as language: String) -> [String] {
        let pretty = JSONWriter(pretty: true)
        if language != "http", let body = answer.body {
            return ["```json response=\"\(request.method) \(request.path) \(answer.status)\""]
                + pretty.string(body).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + ["```"]
        }
        var lines = ["```http", "HTTP/1.1 \(answer.status) \(reasons[answer.status] ?? "")".trimmingSpaces()]
        lines += answer.headers.map { "\($0.name): \($0.value)" }
        if let body = answer.body {
            lines += ["Content-Type: application/json", ""]
            lines += pretty.string(body).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return lines + ["```"]
    }

    /// `422 (The request breaks 1 rule; nothing was written. [0].email: is already used by Account 1)`.
    static func summary(_ answer: MockResponse) -> String {
        var text = "\(answer.status)"
        if let title = answer.body?["title"]?.stringValue {
            var detail = title
            if case .object(let errors)? = answer.body?["errors"], !errors.isEmpty {
                detail += " " + errors.map { "\($0.key): \($0.value.stringValue ?? show($0.value))" }.joined(separator: "; ")
            }
            text += " (\(detail))"
        }
        return text
    }

    static func show(_ value: JSONValue) -> String {
        let text = JSONWriter(pretty: false).string(value)
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}

/// Compares what a page shows with what the mock answered, stopping at the first difference.
struct Comparison {
    let serverSet: Set<String>
    var bindings: [String: JSONValue]
    var boundAt: [String: Int]
    let line: Int

    mutating func first(_ shown: JSONValue, _ actual: JSONValue, _ path: JSONPath) -> String? {
        if case .string(let text) = shown, text.hasPrefix("$"), GuideScript.isPlaceholderName(text.dropFirst()) {
            let name = String(text.dropFirst())
            if let bound = bindings[name] {
                return bound.isJSONEqual(to: actual)
                    ? nil
                    : "\(path): \(text) is \(GuideScript.show(bound)) (line \(boundAt[name] ?? 0)); the mock answers \(GuideScript.show(actual))"
            }
            bindings[name] = actual
            boundAt[name] = line
            return nil
        }
        if case .key(let key) = path.components.last, serverSet.contains(key) {
            return sameKind(shown, actual)
                ? nil : "\(path): the page shows \(GuideScript.show(shown)), the mock answers \(GuideScript.show(actual))"
        }
        switch (shown, actual) {
        case (.object(let expected), .object(let answered)):
            for (key, value) in expected {
                guard let other = answered[key] else {
                    return "\(path.appending(key: key)): the page shows it; the mock's answer has no such field"
                }
                if let difference = first(value, other, path.appending(key: key)) { return difference }
            }
            if let extra = answered.keys.first(where: { expected[$0] == nil }) {
                return
                    "\(path.appending(key: extra)): the mock answers \(GuideScript.show(answered[extra] ?? .null)); the page does not show it"
            }
            return nil
        case (.array(let expected), .array(let answered)):
            for (index, (value, other)) in zip(expected, answered).enumerated() {
                if let difference = first(value, other, path.appending(index: index)) { return difference }
            }
            guard expected.count == answered.count else {
                return "\(path): the page shows \(expected.count) item\(expected.count == 1 ? "" : "s"), the mock answers \(answered.count)"
            }
            return nil
        default:
            return shown.isJSONEqual(to: actual)
                ? nil : "\(path): the page shows \(GuideScript.show(shown)), the mock answers \(GuideScript.show(actual))"
        }
    }

    /// A value the server chose matches by type, and a time by being a time.
    func sameKind(_ shown: JSONValue, _ actual: JSONValue) -> Bool {
        switch (shown, actual) {
        case (.integer, .integer), (.null, .null): return true
        case (.string(let a), .string(let b)): return ListQuery.isDateOrDateTime(a) == ListQuery.isDateOrDateTime(b)
        default: return shown.isJSONEqual(to: actual)
        }
    }
}

extension GuideScript.Request {
    fileprivate func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
