import Foundation
import OpenAPIEmitter

/// What the mock serves beside its API: the spec as YAML at `/openapi.yaml` and the HTML guides
/// under `/docs/`. For a large document they take seconds to make (Stripe's: the YAML about 5 s,
/// the guides 2 s more), so they are made once the mock listens, while the API already answers;
/// a request for them waits until they are ready.
final class MockSite: @unchecked Sendable {
    struct Content: Sendable {
        /// The spec's YAML, or why it could not be written.
        let spec: Result<String, SiteProblem>
        /// The HTML guides by path under `/docs/`.
        let docs: [String: GeneratedFile]
    }

    struct SiteProblem: Error {
        let description: String
    }

    private let make: @Sendable () -> Content
    // Guards `making`.
    private let lock = NSLock()
    private var making: Task<Content, Never>?

    /// The site of `spec`'s YAML and the guides `docs` renders, made when first started.
    init(spec: GeneratedSpec, docs: @escaping @Sendable () -> [GeneratedFile]) {
        make = {
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

    /// Starts making the site, once, on a thread of its own at a lower priority than the requests
    /// answered meanwhile: seconds of work on one of the few threads Swift's tasks share would
    /// hold up the requests. The mock starts it when it listens: started earlier, it slows the
    /// start-up it waits for.
    @discardableResult
    func start() -> Task<Content, Never> {
        lock.withLock {
            if let making { return making }
            let make = self.make
            let task = Task {
                await withCheckedContinuation { continuation in
                    DispatchQueue.global(qos: .utility).async { continuation.resume(returning: make()) }
                }
            }
            making = task
            return task
        }
    }

    var content: Content {
        get async { await start().value }
    }
}
