import APIRegistry
import OpenAPIEmitter
import OpenAPIKit
import SpecReader

/// An OpenAPI document read as a registry: the plan of how each operation was understood, the
/// registry value that says it, and the report of what the registry does not say as the
/// document does. `specsmith mock SPEC` serves the registry; `import` writes it out as Swift.
public struct ImportedAPI: Sendable {
    /// How each operation was understood, and why.
    public let plan: ImportPlan
    /// The registry inferred from the document.
    public let registry: Registry
    /// What the registry does not say as the document does, by pointer.
    public let report: ImportReport
    /// The OpenAPI document the registry generates, made while its examples were checked; nil
    /// when it cannot be generated (the reason comes from generating it).
    public let generated: OpenAPI.Document?

    /// Reads `document`, as `overrides` correct it; `fileName` is the generated spec's file name
    /// (`orders.yaml`).
    public init(document: SpecDocument, fileName: String, overrides: ImportOverrides = ImportOverrides()) {
        let inference = Inference(document: document, overrides: overrides.operations)
        plan = ImportPlan(inference)
        var builder = RegistryBuilder(inference: inference, plan: plan, fileName: fileName)
        registry = builder.registry()
        report = ImportReport(items: builder.reading.report)
        generated = builder.emitted
    }

    /// The spec the registry generates: the document already made, else made now, failing with
    /// the reason it cannot be.
    public func spec() throws -> GeneratedSpec {
        try generated.map { GeneratedSpec(registry: registry, document: $0) } ?? GeneratedSpec(registry: registry)
    }
}

extension ImportedAPI {
    /// The string the importer writes for a field with `pattern` when the document gives no
    /// example: the shortest it can read off the pattern, checked against it; nil when the
    /// pattern is beyond what it reads.
    public static func sample(matching pattern: String) -> String? { Samples.matching(pattern) }
}
