import Foundation
import Testing

/// Only the Customers registry, and its team's executable, know about customers: every other
/// target must serve any API, so none may name Customers' resources, host or conventions.
@Suite struct GenericTargetsTests {
    @Test func noGenericTargetNamesCustomersFacts() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let owners: Set<String> = ["CustomersAPI", "specsmith"]
        // Resources, host and header; the attribute types; the country-name derivation; and the
        // store with its hash, which only the Customers registry calls its tenants.
        let forbidden = [
            "customer", "bigcommerce", "store_hash", "compnay", "/v3", "x-auth-token", "hat size", "\"number\", \"integer\"",
            "forregioncode", "regionname", "_mock/stores", "store hash", "store: hash",
        ]
        var found: [String] = []
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !owners.contains($0) }
        #expect(targets.count >= 8)
        for target in targets {
            let folder = sources.appendingPathComponent(target)
            for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? .init()
            where file.pathExtension == "swift" {
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (number, line) in lines.enumerated() {
                    let lower = line.lowercased()
                    if let word = forbidden.first(where: { lower.contains($0) }) {
                        found.append("\(target)/\(file.lastPathComponent):\(number + 1) names '\(word)'")
                    }
                }
            }
        }
        #expect(found == [])
    }
}
