import Foundation
import Testing

@testable import SpecReader

/// The pieces the linter and the differ share: references and pointers, the `ID=LEVEL` setting
/// parser, GitHub's annotations, and load errors that name their place.
@Suite struct SpecReaderPiecesTests {
    @Test func referencesAndPointersRoundTrip() throws {
        #expect(SpecDocument.refPath("#/components/schemas/Order") == ["components", "schemas", "Order"])
        #expect(SpecDocument.refPath("#/paths/~1orders~1{id}/get") == ["paths", "/orders/{id}", "get"])
        #expect(SpecDocument.refPath("other.yaml#/Order") == nil, "another file's reference is not local")
        #expect(SpecDocument.pointer(["paths", "/orders/{id}", "get"]) == "#/paths/~1orders~1{id}/get")
        #expect(SpecDocument.pointer(["x-a~b/c", "é~"]) == "#/x-a~0b~1c/é~0")
        #expect(SpecDocument.pointer([]) == "#")
        let document = try SpecDocument(
            text:
                "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {type: string}\n"
        )
        let a = try #require(document.node(at: ["components", "schemas", "A"]))
        let followed = document.follow(a, at: ["components", "schemas", "A"])
        #expect(followed.path == ["components", "schemas", "B"] && followed.node["type"]?.string == "string")
    }

    @Test func aSettingIsAKnownIdAndAKnownLevel() throws {
        let ids = ["example-valid", "enum-duplicates"]
        let levels = ["error", "warn"]
        func parse(_ text: String) throws(LevelSetting.Problem) -> LevelSetting {
            try LevelSetting.parse(text, option: "--rule", kind: "rule", ids: ids, levels: levels, list: "--list-rules")
        }
        #expect(try parse("example-valid=warn") == LevelSetting(id: "example-valid", level: "warn"))
        #expect(try parse("enum-duplicates=off") == LevelSetting(id: "enum-duplicates", level: nil))
        #expect(throws: LevelSetting.Problem.self) { try parse("example-valid") }
        do {
            _ = try parse("exmaple-valid=warn")
            Issue.record("a misspelt id was taken")
        } catch {
            #expect(
                error.description
                    == "--rule exmaple-valid=warn: no rule is called 'exmaple-valid'; did you mean example-valid? (see --list-rules)")
        }
        do {
            _ = try parse("example-valid=loud")
            Issue.record("an unknown level was taken")
        } catch {
            #expect(error.description == "--rule example-valid=loud: the level must be error, warn or off")
        }
    }

    @Test func annotationsEscapeWhatGitHubReads() {
        let line = GitHubAnnotation.line(
            level: "error", file: "a,b:c.yaml", location: Location(line: 3, column: 7), title: "rule", message: "50% off\nnext line")
        #expect(line == "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=rule::50%25 off%0Anext line\n")
        #expect(
            GitHubAnnotation.line(level: "notice", file: "x.yaml", location: nil, title: "t", message: "m")
                == "::notice file=x.yaml,title=t::m\n")
    }

    @Test(arguments: [
        ("a: [1,\n", true, false), ("name: not an API\n", false, true), ("swagger: '1.2'\n", true, true),
        ("openapi: 4.0.0\n", false, true),
    ])
    func whatCannotBeReadSaysWhy(text: String, hasLine: Bool, isOtherFormat: Bool) {
        do {
            _ = try SpecDocument(text: text)
            Issue.record("\(text) was read")
        } catch {
            #expect((error.location != nil) == hasLine, "\(error.description)")
            #expect(error.isOtherFormat == isOtherFormat)
            #expect(error.diagnostic(file: "x.yaml").description.hasPrefix("x.yaml"))
        }
    }
}
