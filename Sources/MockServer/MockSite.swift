import OpenAPIEmitter

/// What the mock serves beside its API: the spec as YAML at `/openapi.yaml` and the HTML guides
/// under `/docs/`. For a large document they take seconds to make (Stripe's: the YAML about 5 s,
/// the guides 2 s more), so they are made while the API is already answering; a request for
/// them waits until they are ready.
struct MockSite: Sendable {
    struct Content: Sendable {
        /// The spec's YAML, or why it could not be written.
        let spec: Result<String, SiteProblem>
        /// The HTML guides by path under `/docs/`.
        let docs: [String: GeneratedFile]
    }

    struct SiteProblem: Error {
        let description: String
    }

    private let making: Task<Content, Never>

    /// Starts making `spec`'s YAML and the guides `docs` renders, at a lower priority than the
    /// requests the mock answers meanwhile.
    init(spec: GeneratedSpec, docs: @escaping @Sendable () -> [GeneratedFile]) {
        making = Task.detached(priority: .utility) {
            let yaml: Result<String, SiteProblem>
            do {
                yaml = .success(try spec.yaml)
            } catch {
                yaml = .failure(SiteProblem(description: "\(error)"))
            }
            let files = docs()
            return Content(spec: yaml, docs: Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last }))
        }
    }

    var content: Content {
        get async { await making.value }
    }
}
