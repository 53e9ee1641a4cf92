import APIRegistry
import JSONModel
import SpecReader

/// How an OpenAPI document's operations are understood as a registry: which paths make a
/// resource (a collection and its item path over one schema), which are records under another
/// record, objects of their own, actions, and which only answer from the document's examples,
/// each with the reason. It is the first stage of importing a document; `specsmith import SPEC
/// --plan` prints it.
public struct ImportPlan: Sendable {
    /// A resource inferred from path shapes.
    public struct Resource: Sendable {
        /// Its name: the collection path's last segment (`orders`, `lines`).
        public let name: String
        /// The collection path (`/orders`, `/orders/{orderId}/lines`).
        public let path: String
        /// The item path, when records are addressed one by one (`/orders/{orderId}`).
        public let itemPath: String?
        /// The item path's parameter (`orderId`).
        public let itemParameter: String?
        /// The resource whose records this one's live under, with the parameter naming the parent.
        public let parent: (resource: String, parameter: String)?
        /// The component schema records follow (`Order`), when one is named.
        public let schema: String?
        /// The record property that identifies it (`id`), from the parameter and the schema.
        public let identifier: String?
        /// Where a list answer holds its records: `nil` for a bare array, or the property
        /// (`data`, `items`).
        public let listProperty: String?
        /// How a list answer lays out its members beside the records, when the registry can fill
        /// each (`object: list`, `has_more`, `url`); nil for a bare array or `data` beside `meta`.
        public let listLayout: ListLayout?
        /// The list's paging, from the parameters it declares.
        public let paging: Paging?
        /// The list's query parameters that name fields of the records, and their spellings.
        public let filters: [String]
        /// The page size's parameter (`limit`, `per_page`), and its default and maximum from the
        /// parameter's schema.
        public let limit: (name: String?, default: Int?, maximum: Int?)
    }

    /// How a list pages.
    public enum Paging: String, Sendable {
        /// `page` and a page size (`limit`, `per_page`, `page_size`).
        case page
        /// `offset` and `limit`.
        case offset
        /// An opaque cursor: `after`/`before`, `starting_after`/`ending_before`, `cursor`.
        case cursor
        /// `page` by default, or a cursor.
        case pageAndCursor = "page or cursor"
    }

    /// What an operation is understood to be.
    public enum Role: Sendable, Equatable {
        case list(resource: String)
        case create(resource: String, batch: Bool)
        case read(resource: String)
        case replace(resource: String)
        case patch(resource: String)
        case delete(resource: String)
        case action(resource: String, name: String)
        case singletonRead(path: String)
        case singletonWrite(path: String)
        /// Served from the document's examples or from its response schema.
        case exampleOnly

        /// The resource the operation belongs to, or the singleton's path.
        var owner: String? {
            switch self {
            case .list(let name), .create(let name, _), .read(let name), .replace(let name), .patch(let name), .delete(let name),
                .action(let name, _):
                name
            case .singletonRead(let path), .singletonWrite(let path): path
            case .exampleOnly: nil
            }
        }
    }

    /// One operation and how it was understood.
    public struct Entry: Sendable, Equatable {
        public let method: String
        public let path: String
        public let role: Role
        /// Why, in words: what in the document led there.
        public let reason: String
    }

    /// Facts about the whole API, as a registry's `APIInfo` says them.
    public struct API: Sendable, Equatable {
        public let title: String
        public let version: String
        /// The first server's URL (`https://api.example.com/{tenant}/v1`), when one is declared.
        public let serverURL: String?
        /// How clients authenticate: `bearer`, `api key in X-Api-Key`, `oauth2`…; nil when the
        /// document declares no security.
        public let authentication: String?
        /// The media type of error answers (`application/problem+json`), with their schema's name.
        public let errors: String?

        /// The API's facts, as inferred.
        public init(title: String, version: String, serverURL: String?, authentication: String?, errors: String?) {
            self.title = title
            self.version = version
            self.serverURL = serverURL
            self.authentication = authentication
            self.errors = errors
        }
    }

    /// Facts about the whole API.
    public let api: API
    /// The resources, in the order their collection paths first appear.
    public let resources: [Resource]
    /// Every operation, in document order.
    public let entries: [Entry]
    /// The names of the document's webhooks, kept as written.
    public let webhooks: [String]

    /// Infers the plan of `document`.
    public init(document: SpecDocument) {
        self.init(Inference(document: document))
    }

    /// The plan an inference worked out; the registry is built from the same inference.
    init(_ inference: Inference) {
        api = inference.api()
        resources = inference.resources
        entries = inference.entries
        webhooks = (inference.document.root["webhooks"]?.members ?? []).map(\.key)
    }

    /// The plan as `specsmith import --plan` prints it: the resources, then a line per operation
    /// in document order, and the count of example-only operations.
    public var text: String {
        var facts = ["\(api.title) \(api.version)"]
        if let server = api.serverURL { facts.append("served at \(server)") }
        facts.append(api.authentication.map { "authenticated by \($0)" } ?? "no security declared")
        if let errors = api.errors { facts.append("errors as \(errors)") }
        var lines = ["api: " + facts.joined(separator: "; ")]
        for resource in resources {
            var facts = ["collection \(resource.path)"]
            if let item = resource.itemPath { facts.append("item \(item)") }
            if let parent = resource.parent { facts.append("under \(parent.resource) by {\(parent.parameter)}") }
            if let schema = resource.schema { facts.append("records are \(schema)") }
            if let identifier = resource.identifier { facts.append("identified by \(identifier)") }
            facts.append(resource.listProperty.map { "lists hold records in `\($0)`" } ?? "lists are bare arrays")
            if let layout = resource.listLayout, layout.members.count > 1 {
                facts.append("beside " + layout.members.filter { $0.value != .records }.map(\.name).joined(separator: ", "))
            }
            if let paging = resource.paging {
                let limits = [resource.limit.default.map { "\($0) by default" }, resource.limit.maximum.map { "at most \($0)" }].compactMap
                { $0 }
                let size = resource.limit.name.map { "`\($0)`" + (limits.isEmpty ? "" : ": ") } ?? ""
                facts.append(
                    "pages by \(paging.rawValue)" + (size.isEmpty && limits.isEmpty ? "" : " (\(size)\(limits.joined(separator: ", ")))"))
            }
            if !resource.filters.isEmpty { facts.append("filters \(resource.filters.joined(separator: ", "))") }
            lines.append("resource \(resource.name): " + facts.joined(separator: "; "))
        }
        for entry in entries {
            lines.append("\(entry.method.uppercased()) \(entry.path): \(Self.describe(entry.role)) (\(entry.reason))")
        }
        let examples = entries.filter { $0.role == .exampleOnly }.count
        lines.append(
            "\(entries.count) operations: \(entries.count - examples) understood as records, \(examples) answered from examples only")
        if !webhooks.isEmpty {
            lines.append(
                "\(webhooks.count) webhook\(webhooks.count == 1 ? "" : "s") kept as written (\(webhooks.joined(separator: ", "))); the mock sends none of them, since nothing says which change raises each"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ role: Role) -> String {
        switch role {
        case .list(let resource): "lists \(resource)"
        case .create(let resource, let batch): batch ? "creates \(resource), a batch" : "creates one of \(resource)"
        case .read(let resource): "reads one of \(resource)"
        case .replace(let resource): "replaces one of \(resource)"
        case .patch(let resource): "changes one of \(resource)"
        case .delete(let resource): "deletes one of \(resource)"
        case .action(let resource, let name): "action \(name) on \(resource)"
        case .singletonRead(let path): "reads the object at \(path)"
        case .singletonWrite(let path): "writes the object at \(path)"
        case .exampleOnly: "example-only"
        }
    }
}
