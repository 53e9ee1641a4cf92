import APIRegistry
import Foundation
import GuideRenderer
import OpenAPIEmitter

/// Renders a temporary templates folder holding `files` (path → text), and copies of `copying`,
/// for `registry`.
func renderTemplates(_ files: [String: String], registry: Registry, copying: [URL] = []) throws -> [GeneratedFile] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    for source in copying {
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
    }
    return try Guides(spec: GeneratedSpec(registry: registry), templates: folder).render()
}

/// The problems a rendering reports, as `file:line: message`; empty when it renders.
func problemsOf(_ rendering: () throws -> [GeneratedFile]) -> [String] {
    do {
        _ = try rendering()
        return []
    } catch let failure as Guides.Failure {
        return failure.problems.map(\.description)
    } catch {
        return ["unexpected: \(error)"]
    }
}
