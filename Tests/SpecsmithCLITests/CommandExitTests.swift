import ArgumentParser
import Foundation
import Testing

@testable import SpecsmithCLI

/// A folder of its own for one test's files.
private struct Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("specsmith-cli-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A document with one finding of the default catalog: an object schema with nothing in it.
private func document(extra: String = "") -> String {
    """
    openapi: 3.1.0
    info: {title: T, version: '1', description: D}
    paths:
      /things:
        get:
          operationId: listThings
          summary: List things.
          responses:
            '200':
              description: OK
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Thing'}
    components:
      schemas:
        Thing: {type: object, properties: {id: {type: integer}}}
    \(extra)
    """
}

/// The exit status a command ends with: 0 when it returns, its `ExitCode` when it throws one.
private func status(_ run: () async throws -> Void) async -> Int32 {
    do {
        try await run()
        return 0
    } catch let code as ExitCode {
        return code.rawValue
    } catch {
        Issue.record("unexpected \(error)")
        return -1
    }
}

private func lint(_ arguments: [String]) async -> Int32 {
    await status {
        var command = try Specsmith.Lint.parse(arguments)
        try await command.run()
    }
}

private func diff(_ arguments: [String]) async -> Int32 {
    await status {
        var command = try Specsmith.Diff.parse(arguments)
        try await command.run()
    }
}

/// The exit codes CI relies on, run in-process as the executable runs them: 0 clean, 1 findings
/// at or above the threshold, 2 a bad input or option.
@Suite struct LintExitTests {
    @Test func cleanFindingsAndUnreadableFiles() async throws {
        let scratch = try Scratch()
        let clean = try scratch.write("clean.yaml", document())
        let empty = try scratch.write("empty.yaml", document(extra: "    Empty: {type: object}"))
        #expect(await lint([clean]) == 0)
        #expect(await lint([empty, "--fail-on", "error"]) == 0, "an empty object is a warning")
        #expect(await lint([empty, "--fail-on", "warn"]) == 1)
        #expect(await lint([scratch.path("missing.yaml")]) == 2)
    }

    /// A folder is walked for OpenAPI and Swagger documents at any depth, other files left out;
    /// a folder with none is exit 2, naming a glob to use.
    @Test func aFolderIsWalkedForDocuments() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("v3/deep"), withIntermediateDirectories: true)
        let top = try scratch.write("catalog.yaml", document())
        let deep = try scratch.write("v3/deep/orders.yaml", document(extra: "    Empty: {type: object}"))
        let json = try scratch.write("v3/stripe.json", #"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#)
        _ = try scratch.write("v3/config.yaml", "retries: 3\n")
        _ = try scratch.write("notes.txt", "openapi: not a document\n")
        #expect(Specsmith.Lint.documents(in: scratch.url.path).map { URL(fileURLWithPath: $0).path } == [top, deep, json].sorted())
        #expect(await lint([scratch.url.path, "--fail-on", "warn"]) == 1, "the deep document's empty object is found")
        let none = try Scratch()
        _ = try none.write("config.yaml", "retries: 3\n")
        #expect(await lint([none.url.path]) == 2)
    }

    @Test func aBrokenRulesetIsExit2() async throws {
        let scratch = try Scratch()
        let clean = try scratch.write("clean.yaml", document())
        let ruleset = try scratch.write("bad.spectral.yaml", "rules:\n  r:\n    given: $.info\n    then: {function: truthly}\n")
        #expect(await lint([clean, "--ruleset", ruleset]) == 2)
    }

    /// The first run writes the baseline and passes; later runs pass the old findings and fail on
    /// a new one; a baseline that is not one is exit 2, never "no findings".
    @Test func baselinesAreWrittenThenHoldTheLine() async throws {
        let scratch = try Scratch()
        let old = try scratch.write("api.yaml", document(extra: "    Empty: {type: object}"))
        let baseline = scratch.path("baseline.json")
        #expect(await lint([old, "--fail-on", "warn", "--baseline", baseline]) == 0)
        #expect(FileManager.default.fileExists(atPath: baseline))
        let written = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(written.contains("\"rule\": \"schema-empty-object\""))
        #expect(await lint([old, "--fail-on", "warn", "--baseline", baseline]) == 0)
        _ = try scratch.write("api.yaml", document(extra: "    Empty: {type: object}\n    Void: {type: object}"))
        #expect(await lint([old, "--fail-on", "warn", "--baseline", baseline]) == 1)
        #expect(await lint([old, "--fail-on", "warn", "--baseline", baseline, "--update-baseline"]) == 0)
        #expect(await lint([old, "--fail-on", "warn", "--baseline", baseline]) == 0)
        _ = try scratch.write("baseline.json", "{\"not\": \"a baseline\"}")
        #expect(await lint([old, "--baseline", baseline]) == 2)
    }

    @Test func badOptionsAreRefusedBeforeAnythingRuns() {
        #expect(throws: (any Error).self) { try Specsmith.Lint.parse(["a.yaml", "--rule", "no-such-rule=off"]).settings(known: []) }
        #expect(throws: (any Error).self) { try Specsmith.Lint.parse(["a.yaml", "--fail-on", "loud"]) }
        #expect(throws: (any Error).self) { try Specsmith.Lint.parse(["a.yaml", "--update-baseline"]) }
    }
}

@Suite struct DiffExitTests {
    @Test func nothingBreakingIsZeroABreakIsOneBadInputIsTwo() async throws {
        let scratch = try Scratch()
        let base = try scratch.write("base.yaml", document())
        let same = try scratch.write("same.yaml", document())
        let head = try scratch.write(
            "head.yaml", document().replacingOccurrences(of: "properties: {id: {type: integer}}", with: "properties: {id: {type: string}}"))
        #expect(await diff([base, same, "--date", "2026-01-01"]) == 0)
        #expect(await diff([base, head, "--date", "2026-01-01"]) == 1)
        #expect(await diff([base, head, "--date", "2026-01-01", "--check", "type-changed=warning"]) == 0)
        #expect(await diff([base, head, "--date", "2026-01-01", "--check", "type-changed=warning", "--fail-on", "warning"]) == 1)
        #expect(await diff([base, scratch.path("missing.yaml")]) == 2)
        let notOpenAPI = try scratch.write("other.yaml", "name: not an API\n")
        #expect(await diff([base, notOpenAPI]) == 2)
        let ignore = try scratch.write("ignore.txt", "type-chnged *: renamed\n")
        #expect(await diff([base, head, "--ignore", ignore]) == 2, "a misspelt check in an ignore file is refused")
    }
}

/// `diff REF:PATH` reads a version from git, as CI compares a pull request with its base.
@Suite struct GitRevisionTests {
    @Test func aRevisionIsReadFromGit() async throws {
        let scratch = try Scratch()
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=Specsmith", "-c", "user.email=specsmith@example.com"] + arguments
            process.currentDirectoryURL = scratch.url
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
        }
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("spec"), withIntermediateDirectories: true)
        let first = document()
        _ = try scratch.write("spec/api.yaml", first)
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "v1")
        try git("tag", "v1")
        _ = try scratch.write("spec/api.yaml", document(extra: "x-changed: true"))
        #expect(try GitRevision(argument: "v1:spec/api.yaml")?.text(in: scratch.url) == first)
        // A path is read from the directory given, as a plain file argument is.
        #expect(try GitRevision(argument: "v1:api.yaml")?.text(in: scratch.url.appendingPathComponent("spec")) == first)
        #expect(throws: GitRevision.Failure.self) { try GitRevision(argument: "v2:spec/api.yaml")?.text(in: scratch.url) }
        #expect(GitRevision(argument: scratch.path("spec/api.yaml")) == nil, "an existing file is a file")
        #expect(GitRevision(argument: "https://example.com/api.yaml") == nil)
        // An unknown revision is an unreadable input: exit 2.
        #expect(await diff(["no-such-ref-\(UUID().uuidString):spec/api.yaml", scratch.path("spec/api.yaml")]) == 2)
    }
}
