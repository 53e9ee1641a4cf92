import Foundation
import JSONModel
import OpenAPIKit
import SchemaValidation
import SpecReader

/// Examples must satisfy their schemas, judged by the shared validation engine in the
/// context of their message: no read-only fields in a request, no write-only ones in a response.
enum ExampleRules {
    /// Schemas decoded on demand: the inline schemas that have examples, and the components
    /// their references reach, each once.
    final class Schemas: @unchecked Sendable {
        let document: SpecDocument
        /// Component schemas by name: all of them, decoded on both cores by `prepare`, after
        /// which they are only read; before, each when a reference first reaches it, inside
        /// `issues`, under its lock.
        private var componentSchemas: [String: JSONSchema?] = [:]
        private var prepared = false
        private let prepareLock = NSLock()
        lazy var validator = SchemaValidator { [unowned self] name in
            if let known = self.componentSchemas[name] { return known }
            guard !self.prepared else { return nil }
            let schema = self.document.root["components"]?["schemas"]?[name].flatMap { self.decode($0) }
            self.componentSchemas[name] = schema
            return schema
        }

        /// Decodes every component schema on all cores, once, so that examples can then be
        /// judged side by side: the validator reads the components and writes nothing.
        func prepare() {
            prepareLock.lock()
            defer { prepareLock.unlock() }
            guard !prepared else { return }
            let members = document.root["components"]?["schemas"]?.members ?? []
            let decoded = members.concurrentMap { member in
                (member.key, OpenAPIKitRule.schema(inlined(member.value, depth: 0), version: document.version))
            }
            lock.lock()
            for (name, schema) in decoded { componentSchemas[name] = schema }
            _ = validator
            prepared = true
            lock.unlock()
        }

        init(_ document: SpecDocument) {
            self.document = document
        }

        /// The document's one instance: the example and default rules, which may run side by
        /// side, share its decoded schemas and verdicts, taking turns through its lock.
        static func of(_ document: SpecDocument) -> Schemas {
            document.shared("example-schemas") { Schemas(document) }
        }

        private let lock = NSLock()

        /// Decoded schemas, each once: a schema node is known by where it is written, and then by
        /// its text as written, as large specs repeat the same inline schemas.
        private var decoded: [JSONSchema] = []
        private var byLocation: [Location: Int?] = [:]

        /// Verdicts by schema, context and example: specs repeat the same examples (every
        /// error response), and the same inputs always give the same issues.
        private struct Verdict: Hashable {
            let schema: Int
            let context: MessageContext
            let example: Written
        }
        private var verdicts: [Verdict: [ValidationIssue]] = [:]

        func decode(_ node: SpecNode) -> JSONSchema? {
            index(of: node).map { decoded[$0] }
        }

        /// Schemas by their text as written: a spec that repeats a schema (a copied operation, a
        /// shared error body written inline) pays for its JSON once.
        private var byWritten: [Written: Int?] = [:]

        private func index(of node: SpecNode) -> Int? {
            if let known = byLocation[node.location] { return known }
            let written = Written(node: node)
            if let known = byWritten[written] {
                byLocation[node.location] = known
                return known
            }
            let index = OpenAPIKitRule.schema(inlined(node, depth: 0), version: document.version).map { schema in
                decoded.append(schema)
                return decoded.count - 1
            }
            byLocation[node.location] = index
            byWritten[written] = index
            return index
        }

        /// The schema as JSON, with every `$ref` OpenAPIKit cannot follow replaced by what it names: a
        /// reference into `paths` or one with escapes (`…application~1xml;%20charset=utf-8/schema`).
        private func inlined(_ node: SpecNode, depth: Int) -> JSONValue {
            switch node.kind {
            case .scalar: return OpenAPIKitRule.clamp(node.json)
            case .sequence(let items): return .array(items.map { inlined($0, depth: depth) })
            case .mapping(let members):
                if let ref = node["$ref"]?.string, !Self.isPlainComponent(ref, document), depth < 16,
                    let path = SpecDocument.refPath(ref), let target = document.node(at: path)
                {
                    return inlined(target, depth: depth + 1)
                }
                return .object(JSONObject(members.map { ($0.key, inlined($0.value, depth: depth)) }))
            }
        }

        /// `#/components/schemas/Name` for a component that exists, with nothing to unescape.
        static func isPlainComponent(_ ref: String, _ document: SpecDocument) -> Bool {
            let prefix = "#/components/schemas/"
            guard ref.hasPrefix(prefix) else { return false }
            let name = ref.dropFirst(prefix.count)
            return !name.contains { $0 == "/" || $0 == "~" || $0 == "%" } && document.root["components"]?["schemas"]?[String(name)] != nil
        }

        func issues(_ example: SpecNode, against schemaNode: SpecNode, _ context: MessageContext) -> [ValidationIssue] {
            lock.lock()
            guard let index = index(of: schemaNode) else {
                lock.unlock()
                return []
            }
            let key = Verdict(schema: index, context: context, example: Written(node: example))
            if let known = verdicts[key] {
                lock.unlock()
                return known
            }
            let schema = decoded[index]
            let value = ExampleRules.value(of: example, in: document)
            // Once the components are decoded, validating reads only: it runs outside the lock.
            if prepared {
                lock.unlock()
                let found = validator.validate(value, against: schema, context: context)
                lock.lock()
                verdicts[key] = found
                lock.unlock()
                return found
            }
            defer { lock.unlock() }
            let found = validator.validate(value, against: schema, context: context)
            verdicts[key] = found
            return found
        }
    }

    /// A node as written, wherever it is: equal to another when their texts are, so a memo
    /// keyed by it needs no JSON value built for examples already judged.
    struct Written: Hashable {
        let node: SpecNode

        static func == (a: Written, b: Written) -> Bool { same(a.node, b.node) }

        private static func same(_ a: SpecNode, _ b: SpecNode) -> Bool {
            switch (a.kind, b.kind) {
            case (.scalar(let x, let p), .scalar(let y, let q)): return x == y && p == q
            case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
            case (.mapping(let x), .mapping(let y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
            default: return false
            }
        }

        func hash(into hasher: inout Hasher) { Self.feed(node, &hasher) }

        private static func feed(_ node: SpecNode, _ hasher: inout Hasher) {
            switch node.kind {
            case .scalar(let text, let quoted):
                hasher.combine(text)
                hasher.combine(quoted)
            case .sequence(let items):
                hasher.combine(items.count)
                for item in items { feed(item, &hasher) }
            case .mapping(let members):
                hasher.combine(-members.count)
                for member in members {
                    hasher.combine(member.key)
                    feed(member.value, &hasher)
                }
            }
        }
    }

    /// The value an example stands for. Examples may reuse others' values with
    /// `{$ref: '#/components/examples/Name/value'}`; Spectral resolves such references before
    /// judging, and so does this. References to other files, and `$ref` members that are data
    /// (SCIM's are URLs), stay as written.
    static func value(of example: SpecNode, in document: SpecDocument) -> JSONValue {
        guard refers(example) else { return example.json }
        return resolved(example, in: document, depth: 0)
    }

    /// Whether a node holds a `$ref` into its own document anywhere.
    static func refers(_ node: SpecNode) -> Bool {
        switch node.kind {
        case .scalar: return false
        case .sequence(let items): return items.contains(where: refers)
        case .mapping(let members):
            return members.contains { ($0.key == "$ref" && $0.value.string?.hasPrefix("#/") == true) || refers($0.value) }
        }
    }

    /// The node a local reference names, following chains, with the last reference followed.
    static func target(of node: SpecNode, in document: SpecDocument) -> (node: SpecNode, path: [String], ref: String)? {
        var current: (node: SpecNode, path: [String], ref: String)?
        var next = node
        for _ in 0..<16 {
            guard let ref = next["$ref"]?.string, ref.hasPrefix("#/"), let path = SpecDocument.refPath(ref),
                let found = document.node(at: path)
            else { break }
            current = (found, path, ref)
            next = found
        }
        return current
    }

    private static func resolved(_ node: SpecNode, in document: SpecDocument, depth: Int) -> JSONValue {
        // A reference that reaches itself, or goes very deep, is left as written.
        guard depth < 32 else { return node.json }
        if let target = target(of: node, in: document) { return resolved(target.node, in: document, depth: depth + 1) }
        switch node.kind {
        case .scalar: return node.json
        case .sequence(let items): return .array(items.map { resolved($0, in: document, depth: depth + 1) })
        case .mapping(let members):
            return .object(JSONObject(members.map { ($0.key, resolved($0.value, in: document, depth: depth + 1)) }))
        }
    }

    /// Findings for each issue of `example` against `schemaNode`, each at the failing value's own
    /// line and pointer rather than the example's first line. A value reached through a `$ref` is
    /// reported where it is written, and the message says which reference led there.
    static func hits(
        _ example: SpecNode, _ schemaNode: SpecNode, _ context: MessageContext, _ path: [String], _ schemas: Schemas,
        noun: String = "example"
    ) -> [Judged] {
        let document = schemas.document
        return schemas.issues(example, against: schemaNode, context).map { issue in
            var node = example
            var at = path
            var through: String?
            func follow() {
                guard let target = target(of: node, in: document) else { return }
                (node, at, through) = (target.node, target.path, target.ref)
            }
            follow()
            for component in issue.path.components {
                guard let child = node.child(component.text) else { break }
                node = child
                at.append(component.text)
                follow()
            }
            let message = issue.path.components.isEmpty ? "\(noun): \(issue.message)" : "\(noun) \(issue)"
            return Judged(
                hit: RuleHit(message + (through.map { " (reached through $ref '\($0)')" } ?? ""), at: at, node.location),
                direction: issue.code == .readOnly || issue.code == .writeOnly)
        }
    }

    /// A finding, and whether it is about the message's direction: a `readOnly` field sent in a
    /// request or a `writeOnly` one in a response. Spectral does not judge those; Specsmith's own
    /// rule `example-read-write-only` does, and a team can turn it off.
    struct Judged: Sendable {
        let hit: RuleHit
        let direction: Bool
    }

    /// The media examples' findings, judged once per document for both rules that read them:
    /// whichever rule comes first judges, under this lock, while the other waits.
    final class MediaFindings: @unchecked Sendable {
        private let document: SpecDocument
        private let lock = NSLock()
        private var judged: [Judged]?
        init(_ document: SpecDocument) { self.document = document }

        var all: [Judged] {
            lock.lock()
            defer { lock.unlock() }
            if let judged { return judged }
            let found = judgeMediaExamples(document)
            judged = found
            return found
        }
    }

    /// Examples of request and response bodies and of parameters, judged as the message they are in.
    /// One example to judge: the value, its schema, the message it is in, where it is.
    struct Work: Sendable {
        let example: SpecNode
        let schema: SpecNode
        let context: MessageContext
        let path: [String]
        var noun = "example"
    }

    /// The findings of every piece of work, judged on all cores once every component is decoded,
    /// in the work's order. The example and default rules share the decoding: whichever comes
    /// first does it on both cores while the other waits.
    static func judge(_ work: [Work], _ schemas: Schemas) -> [Judged] {
        // A handful of examples is judged where it is, without decoding every component first.
        guard work.count > 64 else {
            return once(work.flatMap { hits($0.example, $0.schema, $0.context, $0.path, schemas, noun: $0.noun) })
        }
        schemas.prepare()
        return once(work.concurrentMap { hits($0.example, $0.schema, $0.context, $0.path, schemas, noun: $0.noun) }.flatMap { $0 })
    }

    /// One finding per node and message: a shared example value that many operations reach
    /// through a reference is wrong once, where it is written.
    static func once(_ hits: [Judged]) -> [Judged] {
        var seen: Set<[String]> = []
        return hits.filter { seen.insert($0.hit.path + ["\u{0}" + $0.hit.message]).inserted }
    }

    /// Findings on the examples of request and response bodies and of parameters, as Spectral's
    /// `oas3-valid-media-example` judges them: what the schema says, leaving out the message's
    /// direction.
    static func mediaExamples(_ document: SpecDocument) -> [RuleHit] {
        judgedMediaExamples(document).filter { !$0.direction }.map(\.hit)
    }

    static func judgedMediaExamples(_ document: SpecDocument) -> [Judged] {
        document.shared("media-example-findings") { MediaFindings(document) }.all
    }

    fileprivate static func judgeMediaExamples(_ document: SpecDocument) -> [Judged] {
        var work: [Work] = []
        func media(_ content: SpecNode, _ context: MessageContext, _ path: [String]) {
            for member in content.members {
                guard let schema = member.value["schema"] else { continue }
                if let example = member.value["example"] {
                    work.append(Work(example: example, schema: schema, context: context, path: path + [member.key, "example"]))
                }
                for named in member.value["examples"]?.members ?? [] {
                    let resolved = document.resolved(named.value) ?? named.value
                    if let value = resolved["value"] {
                        work.append(
                            Work(
                                example: value, schema: schema, context: context, path: path + [member.key, "examples", named.key, "value"])
                        )
                    }
                }
            }
        }
        for operation in document.operations {
            for (path, content) in document.contents(of: operation) {
                media(content, path.contains("requestBody") ? .request : .response, path)
            }
            for parameter in document.parameters(of: operation) {
                if let example = parameter.node["example"], let schema = parameter.node["schema"] {
                    work.append(Work(example: example, schema: schema, context: .request, path: parameter.path + ["example"]))
                }
            }
        }
        return judge(work, Schemas.of(document))
    }

    /// The `example` and `examples` written on schemas themselves, nested ones included.
    static func schemaExamples(_ document: SpecDocument) -> [RuleHit] {
        let work = document.schemas.flatMap { schema -> [Work] in
            var work: [Work] = []
            if let example = schema.node["example"] {
                work.append(Work(example: example, schema: schema.node, context: .plain, path: schema.path + ["example"]))
            }
            if case .sequence(let items) = schema.node["examples"]?.kind {
                for (index, example) in items.enumerated() {
                    work.append(
                        Work(example: example, schema: schema.node, context: .plain, path: schema.path + ["examples", String(index)]))
                }
            }
            return work
        }
        return judge(work, Schemas.of(document)).map(\.hit)
    }

    static let valid = LintRule(
        "example-valid", .error,
        "Every example satisfies its schema: bodies', parameters' and schemas' own (a required read-only field may be left out of a request)."
    ) { document in
        mediaExamples(document) + schemaExamples(document)
    }

    static let direction = LintRule(
        "example-read-write-only", .error,
        "A request example sends no `readOnly` field and a response example returns no `writeOnly` one (Spectral does not check this)."
    ) { document in
        judgedMediaExamples(document).filter(\.direction).map(\.hit)
    }

    static let defaults = LintRule("schema-default-valid", .error, "A schema's `default` satisfies the schema.") { document in
        let work = document.schemas.compactMap { schema -> Work? in
            schema.node["default"].map {
                Work(example: $0, schema: schema.node, context: .plain, path: schema.path + ["default"], noun: "default")
            }
        }
        return judge(work, Schemas.of(document)).map(\.hit)
    }

    static let all = [valid, direction, defaults]
}
