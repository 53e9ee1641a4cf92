import Foundation
import JSONModel
import SpecReader
import Testing

@testable import SpecLint

/// JSONPath-plus as Spectral evaluates `given`, on the line-aware tree.
@Suite struct NodePathTests {
    let document: SpecDocument

    init() throws {
        document = try SpecDocument(
            text: """
                openapi: 3.1.0
                info: {title: T, version: '1'}
                tags: [{name: b}, {name: a}, {name: c}]
                paths:
                  /a:
                    parameters: [{name: p, in: query}]
                    get: {summary: A, parameters: [{name: q, in: query}]}
                    post: {summary: B}
                  /b:
                    links: {parameters: {x: y}}
                components:
                  schemas:
                    S: {type: object, properties: {e: {type: string, enum: [x, y]}}}
                """)
    }

    func pointers(_ path: String, resolved: Bool = true) throws -> [String] {
        try NodePath(path).evaluate(in: document, resolved: resolved).map { SpecDocument.pointer($0.path) }
    }

    /// The linter walks once for several paths; each path finds what it finds walked alone, in
    /// the same order, on GitHub's description, resolved and as written.
    @Test func jointWalksFindWhatSeparateWalksFind() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus/github-api.1.1.4.yaml")
        let github = try SpecDocument(text: String(contentsOf: url, encoding: .utf8))
        let paths = try [
            "$..[?(@property === 'description' || @property === 'title')]", "$..[?(@ && @.enum && @.type)]", "$..enum",
            "$.paths[*][*]..content[*].examples[*]", "$.paths[*][*]..parameters[*].schema", "$.paths[*][*]..headers[*]",
            "$..parameters[?(@.in)]", "$.info", "$..[?(@parentProperty !== 'links' && @.parameters)]['parameters'].[?(@.in)]",
        ].map { try NodePath($0) }
        for resolved in [true, false] {
            let together = NodePath.evaluateTogether(paths, in: github, resolved: resolved)
            for (index, path) in paths.enumerated() {
                let alone = path.evaluate(in: github, resolved: resolved)
                #expect(!alone.isEmpty, "\(path)")
                #expect(together[index].map(\.path) == alone.map(\.path), "\(path) resolved: \(resolved)")
            }
        }
    }

    @Test func namesWildcardsAndIndexes() throws {
        #expect(try pointers("$.paths[*][*].summary") == ["#/paths/~1a/get/summary", "#/paths/~1a/post/summary"])
        #expect(try pointers("$.tags[1].name") == ["#/tags/1/name"])
        #expect(try pointers("$.tags[-1]") == ["#/tags/2"])
        #expect(try pointers("$.tags[0:2]") == ["#/tags/0", "#/tags/1"])
        #expect(try pointers("$['paths']['/a'].get") == ["#/paths/~1a/get"])
        #expect(try pointers("$.paths['/a'][get,post]") == ["#/paths/~1a/get", "#/paths/~1a/post"])
    }

    @Test func descendantsAndFilters() throws {
        #expect(try pointers("$..enum") == ["#/components/schemas/S/properties/e/enum"])
        #expect(try pointers("$..[?(@ && @.type == 'object')]") == ["#/components/schemas/S"])
        #expect(try pointers("$.paths[*][?(@property === 'get' || @property === 'post')]") == ["#/paths/~1a/get", "#/paths/~1a/post"])
        #expect(
            try pointers("$..[?(@parentProperty !== 'links' && @.parameters)]['parameters'].[?(@.in)]") == [
                "#/paths/~1a/parameters/0", "#/paths/~1a/get/parameters/0",
            ])
        #expect(try pointers("$.tags[?(@.name.match(/^[ab]$/))]") == ["#/tags/0", "#/tags/1"])
        #expect(try pointers("$.tags[?(typeof @.name === 'string' && @.name.startsWith('c'))]") == ["#/tags/2"])
        #expect(try pointers("$.paths[?(@property.includes('b'))]") == ["#/paths/~1b"])
        #expect(try pointers("$.tags[?(@property > 1)]") == ["#/tags/2"])
    }

    @Test func parentAndPropertyName() throws {
        #expect(try pointers("$.paths['/a'].get.summary^") == ["#/paths/~1a/get"])
        let names = try NodePath("$.paths.*~").evaluate(in: document, resolved: true)
        #expect(names.map(\.isPropertyName) == [true, true])
    }

    @Test(arguments: ["paths", "$.[", "$.paths[?(@.x ==)]", "$.paths[(@.length-1)]", "$.a[?(@.x.foo())]", "$.a[?(@weird)]"])
    func badPathsAreRefused(path: String) {
        #expect(throws: NodePath.ParseError.self) { try NodePath(path) }
    }
}
