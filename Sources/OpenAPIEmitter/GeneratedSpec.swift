import APIRegistry
import Foundation
import OpenAPIKit
import Yams

/// A registry's spec, generated once: the registry, its OpenAPI document, the YAML written to
/// disk and served, and the contract that requests are judged by. The mock and the guides take
/// this one value, so they cannot disagree about what the spec says.
public struct GeneratedSpec: Sendable {
    public let registry: Registry
    public let document: OpenAPI.Document
    /// The document's body and parameter schemas, with the checks on them.
    public let contract: SpecContract
    private let rendering = Rendering()

    /// Generates the document; fails when an example is invalid.
    public init(registry: Registry) throws {
        try self.init(registry: registry, document: DocumentEmitter(registry: registry).document())
    }

    /// The spec of a document already generated from `registry` (and its examples checked).
    public init(registry: Registry, document: OpenAPI.Document) {
        self.registry = registry
        self.document = document
        self.contract = SpecContract(document: document)
    }

    /// The document as YAML, rendered on first use and kept: a large document takes seconds,
    /// which a mock need not spend before it answers its first request.
    public var yaml: String {
        get throws { try rendering.yaml(of: document) }
    }

    /// The YAML once rendered, shared by every copy of the spec.
    private final class Rendering: @unchecked Sendable {
        // Guards `rendered`; a second caller waits for the first one's YAML rather than render it again.
        private let lock = NSLock()
        private var rendered: Result<String, any Error>?

        func yaml(of document: OpenAPI.Document) throws -> String {
            lock.lock()
            defer { lock.unlock() }
            if let rendered { return try rendered.get() }
            let result = Result { try YAMLRenderer.render(document) }
            rendered = result
            return try result.get()
        }
    }

    /// The spec's file name (`orders.yaml`); where it goes is the API definition's to say.
    public var fileName: String { registry.info.specFileName }

    /// What OpenAPIKit's validator says about the YAML, decoded back as any reader would:
    /// one line per problem, empty when valid.
    public static func validatorFindings(yaml: String) -> [String] {
        let document: OpenAPI.Document
        do {
            document = try YAMLDecoder().decode(OpenAPI.Document.self, from: yaml)
        } catch {
            return ["the YAML does not decode as an OpenAPI document: \(OpenAPI.Error(from: error).localizedDescription)"]
        }
        do {
            _ = try document.validate(strict: true)
            return []
        } catch let errors as ValidationErrorCollection {
            return errors.values.map { "\($0.codingPathString): \($0.reason)" }
        } catch {
            return ["\(error)"]
        }
    }
}
