/// Where each operation stands in a spec's YAML, for links that open the spec at it.
enum SpecLines {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// `GET /orders` → its line (1-based), for a YAML document laid out as the emitter writes
    /// it: `paths:` at the margin, paths indented two spaces, methods four.
    static func operations(in yaml: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var inPaths = false
        var path: String?
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  ") && !line.hasPrefix("   ") && line.hasSuffix(":") {
                var key = line.dropFirst(2).dropLast()
                if key.hasPrefix("'") && key.hasSuffix("'") { key = key.dropFirst().dropLast() }
                path = String(key)
            } else if let path, line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":") {
                let method = String(line.dropFirst(4).dropLast())
                if methods.contains(method) { lines["\(method.uppercased()) \(path)"] = index + 1 }
            }
        }
        return lines
    }
}
