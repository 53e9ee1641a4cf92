import APIContract
import APIRegistry
import Foundation
import OpenAPIKit
import Yams

/// Produces `spec/` from a registry and checks the result the way a consumer would read it.
public struct SpecGenerator: Sendable {
    public let registry: Registry

    public init(registry: Registry) {
        self.registry = registry
    }

    public var specPath: String { "spec/\(registry.info.specFileName)" }

    /// The document and its YAML; fails when an example is invalid.
    public func generate() throws -> (document: OpenAPI.Document, file: GeneratedFile) {
        let document = try OpenAPIEmitter(registry: registry).document()
        let yaml = try YAMLRenderer.render(document)
        return (document, GeneratedFile(path: specPath, contents: yaml))
    }

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
