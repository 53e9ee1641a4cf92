import APIRegistry
import Foundation
import JSONModel
import OpenAPIKit
import SchemaValidation

/// Turns a registry into an OpenAPI 3.1 document. Every example in the result has been
/// checked by the validation engine: an invalid one stops generation with its location.
public struct DocumentEmitter: Sendable {
    public let registry: Registry
    let decoded: DecodedOperations

    /// An emitter of `registry`'s document; `decoded` keeps the operations kept as written once
    /// read, for a caller that emits several registries holding the same ones.
    public init(registry: Registry, decoded: DecodedOperations = DecodedOperations()) {
        self.registry = registry
        self.decoded = decoded
    }

    /// Operations kept as written, as OpenAPIKit reads them, by their JSON. Reading a large one
    /// costs more than emitting the rest of a document: an importer that emits its registry
    /// again after leaving out what the last try refused reads each only once.
    public final class DecodedOperations: @unchecked Sendable {
        // Guards `operations`.
        private let lock = NSLock()
        private var operations: [JSONValue: OpenAPI.Operation] = [:]
        /// Reading started in the background, which every lookup waits for.
        private let started = DispatchGroup()

        public init() {}

        /// Starts reading `documented` on other threads, so that a caller with other work
        /// meanwhile finds them read when it emits.
        public func start(reading documented: [DocumentedOperation]) {
            DispatchQueue.global().async(group: started) { self.readNow(documented) }
        }

        func operation(_ documented: DocumentedOperation) throws(Failure) -> OpenAPI.Operation {
            started.wait()
            if let known = lock.withLock({ operations[documented.operation] }) { return known }
            let operation = try DocumentEmitter.operation(documented)
            lock.withLock { operations[documented.operation] = operation }
            return operation
        }

        /// Reads those of `documented` not read yet, on every core; one that cannot be read is
        /// left for `operation(_:)` to report.
        func read(_ documented: [DocumentedOperation]) {
            started.wait()
            readNow(documented)
        }

        private func readNow(_ documented: [DocumentedOperation]) {
            let unread = lock.withLock { documented.filter { operations[$0.operation] == nil } }
            let read = unread.concurrentMap { try? DocumentEmitter.operation($0) }
            lock.withLock {
                for (documented, operation) in zip(unread, read) { operations[documented.operation] = operation }
            }
        }
    }

    /// Why a document could not be produced.
    public enum Failure: Error, CustomStringConvertible {
        /// Examples that do not satisfy their schemas, with where they are in the document and
        /// the Swift declaration that wrote them.
        case invalidExamples([(problem: ExampleProblem, declaredAt: SourceLocation?)])
        /// A registry declaration that cannot be emitted.
        case registry(String)

        public var description: String {
            switch self {
            case .invalidExamples(let problems):
                "\(problems.count) invalid example\(problems.count == 1 ? "" : "s"):\n"
                    + problems.map { "  " + ($0.declaredAt.map { "\($0): " } ?? "") + "\($0.problem)" }.joined(separator: "\n")
            case .registry(let message): message
            }
        }
    }

    /// The OpenAPI document of the registry.
    public func document() throws(Failure) -> OpenAPI.Document {
        let declarationProblems = registry.declarationProblems()
        guard declarationProblems.isEmpty else { throw .registry(declarationProblems.map(\.description).joined(separator: "\n")) }
        let info = registry.info
        if case .shaped(let shape) = info.errorFormat {
            do {
                _ = try OrderedDecoder().decode(JSONSchema.self, from: shape.schema)
            } catch {
                throw .registry("APIInfo errorFormat: the error shape's schema is not a JSON Schema OpenAPI 3.1 can say: \(error)")
            }
        }
        var schemas = emitSchemas()
        for (name, schema) in eventPayloadSchemas() { schemas[.init(stringLiteral: name)] = schema }
        let carried = registry.documentedSchemas.filter { schemas[.init(stringLiteral: $0.name)] == nil }
        let carriedSchemas = carried.concurrentMap { carried in
            Result { try OrderedDecoder().decode(JSONSchema.self, from: carried.schema) }
        }
        for (carried, schema) in zip(carried, carriedSchemas) {
            switch schema {
            case .success(let schema): schemas[.init(stringLiteral: carried.name)] = schema
            case .failure(let error):
                throw .registry("documented schema '\(carried.name)': not a JSON Schema OpenAPI 3.1 can say: \(error)")
            }
        }
        let components = OpenAPI.Components(
            schemas: schemas,
            responses: sharedResponses(),
            headers: rateLimitHeaders(),
            securitySchemes: [OpenAPI.ComponentKey(stringLiteral: info.authentication.schemeName): .b(securityScheme())])
        let validator = SchemaValidator(components: components)
        var paths = OpenAPI.PathItem.Map()
        for resource in registry.resources {
            // The collection path, the parent's path (scoped operations), then the item path.
            let groups: [(path: String, operations: [APIRegistry.Operation])] = [
                (resource.path, resource.operations.filter { !$0.kind.isItem && !$0.scoped }),
                (resource.parent?.path ?? resource.path, resource.operations.filter { !$0.kind.isItem && $0.scoped }),
                (resource.itemPath, resource.operations.filter { $0.kind.isItem }),
            ]
            for group in groups where !group.operations.isEmpty {
                paths[OpenAPI.Path(rawValue: group.path)] = .b(
                    try pathItem(for: resource, group.operations, at: group.path, validator: validator))
            }
            for action in resource.actions {
                var item = OpenAPI.PathItem()
                item.post = try actionOperation(action, of: resource, validator: validator)
                item.parameters = partitionParameters(resource, in: resource.path(of: action))
                if action.onItem {
                    // An action on a record under a parent's path names the parent too.
                    item.parameters +=
                        (resource.parent == nil ? [] : [.parameter(parentParameter(resource))]) + [.parameter(itemParameter(resource))]
                }
                paths[OpenAPI.Path(rawValue: resource.path(of: action))] = .b(item)
            }
        }
        for singleton in registry.singletons {
            paths[OpenAPI.Path(rawValue: singleton.path)] = .b(try pathItem(for: singleton, validator: validator))
        }
        decoded.read(registry.documented)
        for documented in registry.documented {
            let key = OpenAPI.Path(rawValue: documented.path)
            var item = paths[key]?.b ?? OpenAPI.PathItem()
            let method = OpenAPI.HttpMethod(rawValue: documented.method) ?? "GET"
            // What a resource already says at this path and method stays its own.
            guard item.for(method) == nil else { continue }
            item.set(operation: try decoded.operation(documented), for: method)
            paths[key] = .b(item)
        }
        guard let serverURL = URLTemplate(rawValue: info.serverURL) else {
            throw .registry("the server URL '\(info.serverURL)' is not a valid URL template")
        }
        let document = OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: .init(title: info.title, description: info.description, version: info.version),
            servers: [
                .init(
                    urlTemplate: serverURL,
                    description: "Production",
                    variables: OrderedDictionary(
                        info.serverVariables.map {
                            ($0.name, OpenAPI.Server.Variable(default: $0.defaultValue, description: $0.description))
                        }, uniquingKeysWith: { first, _ in first }))
            ],
            paths: paths,
            webhooks: try webhooks(),
            components: components,
            security: [],
            tags: registry.resources.flatMap { resource in
                [OpenAPI.Tag(name: resource.tag, description: resource.description)]
                    + resource.actions.compactMap { action in action.tag.map { OpenAPI.Tag(name: $0, description: action.summary + ".") } }
            } + registry.singletons.map { OpenAPI.Tag(name: $0.tag, description: $0.description) }
        )
        let problems = DocumentExamples.check(document)
        guard problems.isEmpty else { throw .invalidExamples(problems.map { ($0, declaration(of: $0.location)) }) }
        return document
    }

    /// A documented operation as OpenAPIKit reads it.
    static func operation(_ documented: DocumentedOperation) throws(Failure) -> OpenAPI.Operation {
        do {
            // Read from the value itself, keys in the order written, so the properties come out
            // as the document lists them, the same on every run (Foundation's JSONDecoder hands
            // them out in hash order, and a round trip through YAML text costs several times more).
            return try OrderedDecoder().decode(OpenAPI.Operation.self, from: documented.operation)
        } catch {
            throw .registry("\(documented.method) \(documented.path): the operation is not one OpenAPI 3.1 can say: \(error)")
        }
    }

    /// The Swift declaration an example at `pointer` came from: the operation that declares its
    /// own request example, or else the model whose examples the operation's bodies show.
    func declaration(of pointer: String) -> SourceLocation? {
        let steps = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        if steps.count >= 3, steps[0] == "components", steps[1] == "schemas" {
            let models = registry.resources.map(\.model) + registry.singletons.map(\.model)
            return models.first { steps[2] == $0.name || steps[2].hasPrefix($0.name) }?.declaredAt
        }
        guard steps.count >= 3, steps[0] == "paths" else { return nil }
        for resource in registry.resources {
            for operation in resource.operations
            where resource.path(of: operation) == steps[1] && operation.method.lowercased() == steps[2] {
                let request = steps.count > 3 && steps[3] == "requestBody"
                return request && operation.requestExample != nil ? operation.declaredAt : resource.model.declaredAt
            }
            if resource.path == steps[1] || resource.itemPath == steps[1] { return resource.model.declaredAt }
        }
        return registry.singletons.first { $0.path == steps[1] }?.model.declaredAt
    }

    /// The scheme the registry chose: an API key in its header, or an HTTP bearer token.
    func securityScheme() -> OpenAPI.SecurityScheme {
        switch registry.info.authentication {
        case .apiKey(let header): .apiKey(name: header, location: .header, description: securityDescription())
        case .bearer(let format): .init(type: .http(scheme: "bearer", bearerFormat: format), description: securityDescription())
        }
    }

    func securityDescription() -> String {
        let scopes = registry.info.scopes.map { "- `\($0.name)`: \($0.description)" }.joined(separator: "\n")
        return "\(registry.info.authDescription) The token's scopes decide what it may do:\n\n\(scopes)"
    }
}
