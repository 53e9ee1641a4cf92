import Foundation
import JSONModel
import OpenAPIKit
import SchemaValidation
import SpecReader

/// Examples must satisfy their schemas, judged by the shared validation engine in the
/// context of their message: no read-only fields in a request, no write-only ones in a response.
enum ExampleRules {
    /// Schemas compiled on demand: the inline schemas that have examples, and the components
    /// their references reach, each once.
    final class Schemas: @unchecked Sendable {
        let document: SpecDocument
        private let compiler: SchemaCompiler
        /// Component schemas by name: all of them, compiled on both cores by `prepare`, after
        /// which they are only read; before, each when a reference first reaches it, inside
        /// `issues`, under its lock.
        private var componentSchemas: [String: CompiledSchema?] = [:]
        private var prepared = false
        private let prepareLock = NSLock()
        lazy var validator = SchemaValidator { [unowned self] name in
            if let known = self.componentSchemas[name] { return known }
            guard !self.prepared else { return nil }
            let schema = self.document.root["components"]?["schemas"]?[name].flatMap { self.compiler.compile($0) }
            self.componentSchemas[name] = schema
            return schema
        }

        /// Compiles every component schema on all cores, once, so that examples can then be
        /// judged side by side: the validator reads the components and writes nothing.
        func prepare() {
            prepareLock.lock()
            defer { prepareLock.unlock() }
            guard !prepared else { return }
            let members = document.root["components"]?["schemas"]?.members ?? []
            let compiled = members.concurrentMap { [compiler] member in (member.key, compiler.compileRecording(member.value)) }
            lock.lock()
            for (name, made) in compiled {
                componentSchemas[name] = made.schema
                keep(made.inside)
            }
            _ = validator
            prepared = true
            lock.unlock()
        }

        init(_ document: SpecDocument) {
            self.document = document
            compiler = SchemaCompiler(document)
        }

        /// The document's one instance: the example and default rules, which may run side by
        /// side, share its compiled schemas and verdicts, taking turns through its lock.
        static func of(_ document: SpecDocument) -> Schemas {
            document.shared("example-schemas") { Schemas(document) }
        }

        private let lock = NSLock()

        /// Compiled schemas by where they are written: those inside components, kept as the
        /// components were compiled, and each other one the first time it is asked for.
        private var byLocation: [Location: CompiledSchema?] = [:]

        /// Verdicts by schema, context and example: specs reach the same example from many
        /// operations (a shared error body), and the same inputs always give the same issues.
        private struct Verdict: Hashable {
            let schema: ObjectIdentifier
            let context: MessageContext
            let example: Location
        }
        private var verdicts: [Verdict: [ValidationIssue]] = [:]

        /// The schema `node` is, compiled once; the compiling happens outside the lock.
        private func compiled(_ node: SpecNode) -> CompiledSchema? {
            lock.lock()
            if let known = byLocation[node.location] {
                lock.unlock()
                return known
            }
            lock.unlock()
            // What is inside is kept too: a body's inline schema holds properties with examples.
            let (schema, inside) = compiler.compileRecording(node)
            lock.lock()
            keep(inside)
            byLocation[node.location] = schema
            lock.unlock()
            return schema
        }

        /// Keeps what a compile found inside the schema it compiled; under the lock.
        private func keep(_ inside: [Location: CompiledSchema]) {
            byLocation.merge(inside.mapValues { Optional($0) }) { known, _ in known }
        }

        func issues(_ example: SpecNode, against schemaNode: SpecNode, _ context: MessageContext) -> [ValidationIssue] {
            guard let schema = compiled(schemaNode) else { return [] }
            let key = Verdict(schema: ObjectIdentifier(schema), context: context, example: example.location)
            lock.lock()
            if let known = verdicts[key] {
                lock.unlock()
                return known
            }
            // Once the components are compiled, validating reads only and runs outside the lock;
            // before, the validator compiles the components it reaches, under it.
            let ready = prepared
            if ready { lock.unlock() }
            let found = validator.validate(ExampleRules.value(of: example, in: document), against: schema, context: context)
            if ready { lock.lock() }
            verdicts[key] = found
            lock.unlock()
            return found
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
            guard let ref = next["$ref"]?.string, ref.hasPrefix("#/"), let found = document.target(of: ref) else { break }
            current = (found.node, found.path, ref)
            next = found.node
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

    /// One example to judge: the value, its schema, the message it is in, where it is.
    struct Work: Sendable {
        let example: SpecNode
        let schema: SpecNode
        let context: MessageContext
        let path: [String]
        var noun = "example"
    }

    /// Every example and default of a document judged once, for all three rules that read them:
    /// whichever asks first judges, on all cores, under this lock, while any other waits. The
    /// linter asks before it runs any rule (`preparation`), so that the judging has both cores.
    final class Judgments: @unchecked Sendable {
        struct Found: Sendable {
            /// Bodies' and parameters' examples, judged as the message they are in.
            let media: [Judged]
            /// The `example` and `examples` written on schemas.
            let schemaExamples: [Judged]
            let defaults: [Judged]
        }

        private let document: SpecDocument
        private let lock = NSLock()
        private var found: Found?
        init(_ document: SpecDocument) { self.document = document }

        var all: Found {
            lock.lock()
            defer { lock.unlock() }
            if let found { return found }
            // Finding the work walks the operations on one core and the schemas on the other.
            let document = document
            let parts = [mediaWork, schemaExampleWork, defaultWork].concurrentMap { $0(document) }
            let judged = judge(parts.flatMap { $0 }, Schemas.of(document))
            var rest = judged[...]
            let split = parts.map { part -> [Judged] in
                defer { rest = rest.dropFirst(part.count) }
                return once(rest.prefix(part.count).flatMap { $0 })
            }
            let made = Found(media: split[0], schemaExamples: split[1], defaults: split[2])
            found = made
            return made
        }
    }

    static func judgments(_ document: SpecDocument) -> Judgments.Found {
        document.shared("example-judgments") { Judgments(document) }.all
    }

    /// The judging the example rules share, done before the rules run.
    static let preparation = LintRule.Preparation("example-judgments", usesEveryCore: true) { _ = judgments($0) }

    /// The findings of each piece of work, judged on all cores once every component is compiled,
    /// in the work's order.
    static func judge(_ work: [Work], _ schemas: Schemas) -> [[Judged]] {
        // A handful of examples is judged where it is, without compiling every component first.
        guard work.count > 64 else {
            return work.map { hits($0.example, $0.schema, $0.context, $0.path, schemas, noun: $0.noun) }
        }
        schemas.prepare()
        return work.concurrentMap { hits($0.example, $0.schema, $0.context, $0.path, schemas, noun: $0.noun) }
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
        judgments(document).media.filter { !$0.direction }.map(\.hit)
    }

    /// Examples of request and response bodies and of parameters, each in its message.
    private static func mediaWork(_ document: SpecDocument) -> [Work] {
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
        return work
    }

    /// The `example` and `examples` written on schemas themselves, nested ones included.
    static func schemaExamples(_ document: SpecDocument) -> [RuleHit] {
        judgments(document).schemaExamples.map(\.hit)
    }

    private static func schemaExampleWork(_ document: SpecDocument) -> [Work] {
        document.schemas.flatMap { schema -> [Work] in
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
    }

    private static func defaultWork(_ document: SpecDocument) -> [Work] {
        document.schemas.compactMap { schema -> Work? in
            schema.node["default"].map {
                Work(example: $0, schema: schema.node, context: .plain, path: schema.path + ["default"], noun: "default")
            }
        }
    }

    static let valid = LintRule(
        "example-valid", .error,
        "Every example satisfies its schema: bodies', parameters' and schemas' own (a required read-only field may be left out of a request).",
        preparations: [preparation]
    ) { document in
        mediaExamples(document) + schemaExamples(document)
    }

    static let direction = LintRule(
        "example-read-write-only", .error,
        "A request example sends no `readOnly` field and a response example returns no `writeOnly` one (Spectral does not check this).",
        preparations: [preparation]
    ) { document in
        judgments(document).media.filter(\.direction).map(\.hit)
    }

    static let defaults = LintRule(
        "schema-default-valid", .error, "A schema's `default` satisfies the schema.", preparations: [preparation]
    ) { document in
        judgments(document).defaults.map(\.hit)
    }

    static let all = [valid, direction, defaults]
}
