import APIRegistry
import Foundation
import JSONModel
import MockServer
import Mustache
import OpenAPIEmitter
import OpenAPIKit

/// Renders `site/` from the registry and the Mustache templates in `templates/`, and
/// refuses to when a template or page holds an example the spec rejects, a misspelling,
/// or a literal number the registry knows.
///
/// Every `*.md.mustache` file becomes the page at the same path under `site/`, except
/// `reference/resource.md.mustache`, which becomes one page per resource, and
/// `reference/singleton.md.mustache`, one per singleton.
public struct Guides: Sendable {
    public let spec: GeneratedSpec
    public var registry: Registry { spec.registry }
    public var contract: SpecContract { spec.contract }
    /// How problems in rendered pages name their folder; the pages' own paths are relative.
    public let pagesFolder: String
    /// The templates folder; problems name files relative to its parent.
    public let templates: URL

    static let resourceTemplate = "reference/resource.md.mustache"
    static let singletonTemplate = "reference/singleton.md.mustache"
    static let misspellingsFile = "misspellings.txt"

    /// The store every page's requests run on, as `specsmith mock` starts it by default.
    public let seeding: Seeding

    /// The clock of the store the pages run on, so server-set times come out the same on every run.
    public static let documentedNow = Date(timeIntervalSince1970: 1_748_858_400)  // 2025-06-02T10:00:00Z

    /// - Parameters:
    ///   - spec: the registry and the spec generated from it, which every example is checked against.
    ///   - pagesFolder: how problems found in a rendered page name its folder (`site`).
    public init(spec: GeneratedSpec, templates: URL, seeding: Seeding = .seeded(1), pagesFolder: String = "site") {
        self.spec = spec
        self.templates = templates
        self.seeding = seeding
        self.pagesFolder = pagesFolder
    }

    /// Every problem found, each with its file and line.
    public struct Failure: Error, CustomStringConvertible {
        public let problems: [GuideProblem]

        public var description: String {
            "\(problems.count) problem\(problems.count == 1 ? "" : "s") in the guides:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    /// The pages, checked, with paths relative to the site folder (`guides/querying.md`).
    public func render() throws -> [GeneratedFile] {
        let sources = try templateSources()
        let misspellings = try misspellingList()
        let checker = ExampleChecker(registry: registry, contract: contract)
        let prose = ProseChecker(registry: registry, misspellings: misspellings)
        var problems: [GuideProblem] = []
        var failedTemplates: Set<String> = []
        for (path, text) in sources {
            let file = "templates/\(path)"
            let found =
                checker.problems(in: text, file: file, skipGenerated: true) + prose.problems(in: text, file: file, checkNumbers: true)
            if !found.isEmpty { failedTemplates.insert(path) }
            problems += found
        }
        let context = GuideContext(registry: registry, contract: contract, specLines: SpecLines.operations(in: try spec.yaml)).values()
        var pages: [(template: String, file: GeneratedFile)] = []
        for (path, text) in sources {
            let template: MustacheTemplate
            do {
                // On a line of its own the pragma leaves no trace in the output.
                template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n" + text)
            } catch {
                problems.append(GuideProblem(file: "templates/\(path)", line: 1, message: "is not a valid Mustache template: \(error)"))
                continue
            }
            if path == Self.resourceTemplate || path == Self.singletonTemplate {
                let key = path == Self.resourceTemplate ? "resources" : "singletons"
                for resource in (context[key] as? [[String: Any]]) ?? [] {
                    var local = context
                    local["current"] = resource
                    pages.append(
                        (
                            path,
                            GeneratedFile(path: "reference/\(resource["name"] ?? "resource").md", contents: template.render(local))
                        ))
                }
            } else {
                pages.append(
                    (path, GeneratedFile(path: String(path.dropLast(".mustache".count)), contents: template.render(context))))
            }
        }
        let api = try MockAPI(spec: spec, now: { Self.documentedNow })
        let script = GuideScript(registry: registry, api: api, seeding: seeding)
        let templateTexts = Dictionary(sources, uniquingKeysWith: { first, _ in first })
        var finished: [GeneratedFile] = []
        // A page whose template already failed would only repeat its problems.
        for (template, page) in pages where !failedTemplates.contains(template) {
            let file = "\(pagesFolder)/\(page.path)"
            let rendered = Self.tidy(page.contents)
            let outcome = script.run(rendered)
            let located = TemplateLocator(page: rendered, template: templateTexts[template] ?? "")
            for found in outcome.problems {
                if let line = located.templateLine(for: found.line) {
                    problems.append(GuideProblem(file: "templates/\(template)", line: line, message: found.message))
                } else {
                    problems.append(
                        GuideProblem(file: file, line: found.line, message: "\(found.message) (rendered from templates/\(template))"))
                }
            }
            let contents = Self.tidy(outcome.page)
            problems += checker.problems(in: contents, file: file)
            problems += prose.problems(in: contents, file: file, checkNumbers: false)
            problems += prose.emptyValueProblems(in: contents, file: file)
            finished.append(GeneratedFile(path: page.path, contents: contents))
        }
        guard problems.isEmpty else {
            throw Failure(problems: problems.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
        }
        return finished.sorted { $0.path < $1.path }
    }

    /// The guides of `templates` for `registry` as the static HTML site the mock serves at `/docs`.
    public static func htmlSite(spec: GeneratedSpec, templates: URL) throws -> [GeneratedFile] {
        let pages = try Guides(spec: spec, templates: templates).render()
        return HTMLSite(pages: pages, spec: try spec.yaml).files()
    }

    /// Sections that render nothing leave blank lines behind; one is enough.
    static func tidy(_ page: String) -> String {
        var lines: [Substring] = []
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Template path (relative to `templates/`) → text, in path order.
    func templateSources() throws -> [(String, String)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: templates.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(problems: [GuideProblem(file: templates.path, line: 0, message: "there is no templates folder here")])
        }
        guard let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: nil) else {
            throw Failure(problems: [GuideProblem(file: templates.path, line: 0, message: "cannot read the templates folder")])
        }
        var sources: [(String, String)] = []
        let base = templates.standardizedFileURL.path
        for case let url as URL in enumerator where url.lastPathComponent.hasSuffix(".md.mustache") {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            do {
                sources.append((path, try String(contentsOf: url, encoding: .utf8)))
            } catch {
                // A link whose target is gone is the likeliest cause: say which file, not a Foundation error.
                let reason =
                    (try? url.checkResourceIsReachable()) == true
                    ? "cannot be read as UTF-8 text" : "cannot be read: the file (or what it links to) is missing"
                throw Failure(problems: [GuideProblem(file: "templates/\(path)", line: 0, message: reason)])
            }
        }
        return sources.sorted { $0.0 < $1.0 }
    }

    func misspellingList() throws -> [String: String] {
        let url = templates.appendingPathComponent(Self.misspellingsFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        return ProseChecker.parseMisspellings(try String(contentsOf: url, encoding: .utf8))
    }
}
