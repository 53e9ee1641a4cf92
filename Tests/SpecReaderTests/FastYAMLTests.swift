import Foundation
import Testing
import Yams

@testable import SpecReader

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Where two trees differ: structure, scalar text and style, or location.
private func differences(_ a: SpecNode, _ b: SpecNode, _ path: String = "$") -> [String] {
    switch (a.kind, b.kind) {
    case (.scalar(let x, let xq), .scalar(let y, let yq)):
        if x != y || xq != yq { return ["\(path): \(x.debugDescription) (quoted \(xq)) vs \(y.debugDescription) (quoted \(yq))"] }
        if !x.isEmpty && a.location != b.location { return ["\(path): at \(a.location) vs \(b.location)"] }
        return []
    case (.sequence(let x), .sequence(let y)):
        guard x.count == y.count else { return ["\(path): \(x.count) items vs \(y.count)"] }
        let location = a.location == b.location ? [] : ["\(path): at \(a.location) vs \(b.location)"]
        return location + zip(x, y).enumerated().flatMap { differences($1.0, $1.1, "\(path)[\($0)]") }
    case (.mapping(let x), .mapping(let y)):
        guard x.map(\.key) == y.map(\.key) else { return ["\(path): keys \(x.map(\.key)) vs \(y.map(\.key))"] }
        let location = a.location == b.location ? [] : ["\(path): at \(a.location) vs \(b.location)"]
        let keys = zip(x, y).compactMap {
            $0.keyLocation == $1.keyLocation ? nil : "\(path).\($0.key): key at \($0.keyLocation) vs \($1.keyLocation)"
        }
        return location + keys + zip(x, y).flatMap { differences($0.value, $1.value, "\(path).\($0.key)") }
    default:
        return ["\(path): \(a.kind) vs \(b.kind)"]
    }
}

private func compare(_ text: String) throws -> [String]? {
    guard let fast = FastYAML.parse(text) else { return nil }
    let full = try #require(try SpecNode.loadWithYams(text))
    return differences(fast, full)
}

@Suite struct FastYAMLTests {
    /// Real inputs: both versions of Stripe's public spec (4 MB each, folded scalars with
    /// more-indented lines) are read whole by the fast reader, node for node as Yams reads them.
    @Test(arguments: ["stripe-spec3.2022-11-15.yaml", "stripe-spec3.2023-08-16.yaml"])
    func readsTheStripeCorpusExactlyAsYamsDoes(file: String) throws {
        let text = try String(contentsOf: root.appendingPathComponent("corpus/\(file)"), encoding: .utf8)
        if case .failure(let refused) = FastYAML.read(text) { Issue.record("the fast reader refused line \(refused.line)") }
        #expect(try compare(text).map { Array($0.prefix(5)) } == [])
    }

    /// Another generator's style: libyaml's emitter wraps long plain scalars over several lines
    /// and writes sequences unindented under their keys. Both specs, so written, read as Yams
    /// reads them.
    @Test(arguments: ["spec/customers.v3.yaml", "Examples/Bookshop/spec/bookshop.yaml"])
    func readsOtherWritersStylesExactlyAsYamsDoes(file: String) throws {
        let original = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let node = try #require(try Yams.compose(yaml: original))
        let text = try Yams.serialize(node: node, width: 40)
        #expect(text.contains("\n    ") && text != original)
        if case .failure(let refused) = FastYAML.read(text) { Issue.record("the fast reader refused line \(refused.line)") }
        #expect(try compare(text).map { Array($0.prefix(5)) } == [])
    }

    /// SPECSMITH_CORPUS=folder: every YAML and JSON file below it is read as Yams reads it (CI
    /// passes the benchmark's corpus: Stripe as PyYAML writes it, split into a reference folder).
    @Test func readsACorpusFolderExactlyAsYamsDoes() throws {
        guard let folder = ProcessInfo.processInfo.environment["SPECSMITH_CORPUS"] else { return }
        let files =
            FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted() ?? []
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            guard let fast = try SpecNode.fastTree(text) else {
                Issue.record("\(file): the fast readers refused it")
                continue
            }
            let full = try #require(try SpecNode.loadWithYams(text))
            #expect(Array(differences(fast, full).prefix(5)) == [], "\(file)")
        }
    }

    @Test func readsTheGeneratedSpecExactlyAsYamsDoes() throws {
        let text = try String(contentsOf: root.appendingPathComponent("spec/customers.v3.yaml"), encoding: .utf8)
        if case .failure(let refused) = FastYAML.read(text) {
            Issue.record(
                "the fast reader refused line \(refused.line): \(text.split(separator: "\n", omittingEmptySubsequences: false)[refused.line - 1])"
            )
        }
        let result = try compare(text).map { Array($0.prefix(5)) }
        #expect(result == [])
    }

    @Test func readsTheFixturesExactlyAsYamsDoes() throws {
        let files = ["Tests/SpecLintTests/Fixtures", "Tests/SpecDiffTests/Fixtures"].flatMap { folder in
            FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" || $0.pathExtension == "json" } ?? []
        }
        #expect(files.count > 30)
        // SPECSMITH_EXTRA_YAML=path adds a file of your own, such as the benchmark's large spec.
        let extra = ProcessInfo.processInfo.environment["SPECSMITH_EXTRA_YAML"].map { [URL(fileURLWithPath: $0)] } ?? []
        for file in files + extra {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(try compare(text) ?? [] == [], "\(file.lastPathComponent)")
        }
    }

    @Test(arguments: [
        "a: 1\nb: [x, 'y z', {c: d}]\n",
        "key:\n- a\n- b: 1\n  c: 2\n",
        "list:\n  - name: x\n    in: query\n  -   spaced: 1\n",
        "text: |\n  line one\n\n  line three\nnext: 1\n",
        "strip: |-\n  a\n  b\nkeep: |+\n  a\n\nfolded: >\n  one\n  two\n\n  three\nafter: x\n",
        "q: \"tab\\tnew\\nline \\u00e9 \\\"quoted\\\"\"\ns: 'it''s'\n",
        "# comment\n---\na: 1 # trailing\n'200': ok\n\"x y\": z\nempty:\nnull_value: ~\n",
        "unicode: \"héllo\"\nafter: {é: 1, b: \"ü\"}\n",
        "url: https://example.com/a:b\ntime: 2018-11-14T18:58:08Z\n",
        "a:\n  b:\n    c: [1, 2]\n  d: []\ne: {}\n",
        "d: 'one\n  two\n\n  three'\ne: \"four \\\n  five\\n\n   six\"\nf: 1\n",
        "folded: >-\n  one\n  two\n    more\n    indented\n  back\n\n  after\n\n    spaced\nnext: x\n",
        "folded: >\n  a\n\n\n    b\n  c\nnext: x\n",
        "list:\n  - one\n  - >-\n    folded\n    item\n  - |\n    literal\n  - last\n",
        "a: multi\n  line plain\nb: x\n",
        "description: The Stripe REST API. Please see https://stripe.com/docs/api for more\n    details.\n\n  \n    And more after a blank line.\nnext: 1\n",
        "items:\n- wrapped over\n  two lines\n- - nested\n  - - deeper\n    - two\n  - back\n- last\n",
        "- - a\n  - b\n- - c\n",
        "k: v # comment\nnext:\n  inner: text\n    more text\n",
    ])
    func readsEachConstructAsYamsDoes(text: String) throws {
        let result = try compare(text)
        #expect(result == [])
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n", "a: !tag 1\n", "? complex\n: key\n", "a: [1,\n  2]\n",
        "a: 1\n---\nb: 2\n", "a:\n\t- tab\n", "a: \"open\n", "a: plain # comment\n  continued\n", "a: plain\n  b: c\n",
    ])
    func leavesOtherYAMLToYams(text: String) {
        #expect(FastYAML.parse(text) == nil)
    }
}
