import APIRegistry

/// Checks the words of templates and pages: known misspellings, and numbers the registry
/// knows written as literals (so a page cannot say 9 where the registry says 10).
struct ProseChecker {
    /// A number the registry knows, the tag that prints it, and words that mark a sentence about it.
    struct Fact {
        let tag: String
        let value: Int
        let keywords: [String]
    }

    /// Misspelt word → correction.
    let misspellings: [String: String]
    let facts: [Fact]

    init(registry: Registry, misspellings: [String: String]) {
        self.misspellings = misspellings
        var facts: [Fact] = []
        let limits = Set(registry.resources.flatMap { $0.operations.compactMap(\.batchLimit) })
        if let batch = limits.max() {
            facts.append(Fact(tag: "batchLimit", value: batch, keywords: ["batch", "batches", "items", "records"]))
        }
        facts.append(
            Fact(
                tag: "maxLimit", value: registry.pagination.maxLimit,
                keywords: ["limit", registry.pagination.limitParameter, "page", "pages"]))
        facts.append(
            Fact(
                tag: "defaultLimit", value: registry.pagination.defaultLimit,
                keywords: ["limit", registry.pagination.limitParameter, "page", "default"]))
        for resource in registry.resources {
            for case .maxRecords(let limit) in resource.rules {
                let noun = resource.model.name.lowercased()
                facts.append(Fact(tag: "resource.\(resource.name).maxRecords", value: limit, keywords: [noun, noun + "s"]))
            }
        }
        self.facts = facts
    }

    /// Parses `wrong -> right` lines; `#` starts a comment.
    static func parseMisspellings(_ text: String) -> [String: String] {
        var list: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = content.components(separatedBy: "->").map { $0.trimmingSpaces() }
            if parts.count == 2, !parts[0].isEmpty { list[parts[0].lowercased()] = parts[1] }
        }
        return list
    }

    func problems(in text: String, file: String, checkNumbers: Bool) -> [GuideProblem] {
        var problems: [GuideProblem] = []
        for span in MarkdownScan(text).prose {
            let words = Self.words(span.text)
            for word in words {
                if let right = misspellings[word.lowercased()] {
                    problems.append(GuideProblem(file: file, line: span.line, message: "'\(word)' is misspelt; write '\(right)'"))
                }
            }
            if checkNumbers { problems += numberProblems(span, file: file) }
        }
        return problems
    }

    /// Marks a tag that printed nothing leaves in a rendered line: a space before
    /// punctuation, an empty code span, empty parentheses.
    func emptyValueProblems(in text: String, file: String) -> [GuideProblem] {
        MarkdownScan(text).lines.compactMap { span in
            guard let mark = [" .", " ,", " ;", "``", "()"].first(where: { span.text.contains($0) }) else { return nil }
            return GuideProblem(file: file, line: span.line, message: "'\(mark)' looks like a value that rendered empty")
        }
    }

    /// A literal number next to a word about a fact the registry holds: the same value
    /// should be its tag, a different one contradicts the registry.
    func numberProblems(_ span: MarkdownScan.Span, file: String) -> [GuideProblem] {
        let words = Self.words(Self.withoutTags(span.text)).map { $0.lowercased() }
        var problems: [GuideProblem] = []
        for (index, word) in words.enumerated() {
            guard let number = Int(word) else { continue }
            let nearby = Set(words[max(0, index - 4)..<min(words.count, index + 5)])
            let about = facts.filter { fact in fact.keywords.contains { nearby.contains($0) } }
            guard !about.isEmpty else { continue }
            if let fact = about.first(where: { $0.value == number }) {
                problems.append(
                    GuideProblem(
                        file: file, line: span.line,
                        message: "the literal \(number) is a number the registry holds; write {{\(fact.tag)}} so the page follows it"))
            } else if about.count == 1, let fact = about.first, number < 400 {
                // Larger numbers next to these words are status codes and years, not counts.
                problems.append(
                    GuideProblem(
                        file: file, line: span.line,
                        message: "says \(number) where the registry's \(fact.tag) is \(fact.value); write {{\(fact.tag)}}"))
            }
        }
        return problems
    }

    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The text with `{{…}}` tags removed: numbers a tag prints are the registry's own.
    static func withoutTags(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
