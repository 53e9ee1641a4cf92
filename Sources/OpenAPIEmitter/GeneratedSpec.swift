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
    public let yaml: String
    /// The document's body and parameter schemas, with the checks on them.
    public let contract: SpecContract

    /// Generates the document and its YAML; fails when an example is invalid.
    public init(registry: Registry) throws {
        try self.init(registry: registry, document: DocumentEmitter(registry: registry).document())
    }

    /// The spec of a document already generated from `registry` (and its examples checked).
    public init(registry: Registry, document: OpenAPI.Document) throws {
        self.registry = registry
        self.document = document
        self.yaml = try YAMLRenderer.render(document)
        self.contract = SpecContract(document: document)
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
