import Foundation
import GuideRenderer
import OpenAPIEmitter
import TestRegistries

/// Rendering helpers for the Notes registry (Tests/TestRegistries): the guide runner on an API that is not Customers.
extension Notes {
    static func render(_ files: [String: String]) throws -> [GeneratedFile] {
        try renderTemplates(files, registry: registry)
    }

    /// The problems rendering `text` as `guide.md.mustache` reports, as `file:line: message`; empty when it renders.
    static func problems(_ text: String) -> [String] {
        problemsOf { try render(["guide.md.mustache": text]) }
    }

    /// The rendered `guide.md.mustache`.
    static func page(_ text: String) throws -> String {
        try render(["guide.md.mustache": text]).first { $0.path == "guide.md" }?.contents ?? ""
    }
}
