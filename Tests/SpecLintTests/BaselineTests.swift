import Foundation
import SpecLint
import SpecReader
import Testing

/// The baseline policy: written when missing (or asked to update), then a filter, by rule, file
/// and pointer, counted.
@Suite struct BaselineTests {
    func finding(_ rule: String, _ pointer: String, line: Int) -> Finding {
        var finding = Finding(rule: rule, severity: .error, message: "m", pointer: pointer, location: Location(line: line, column: 1))
        finding.file = "api.yaml"
        return finding
    }

    @Test func writtenThenHeldThenUpdated() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let old = [finding("a", "#/x", line: 3), finding("a", "#/x", line: 9)]
        #expect(try Baseline.apply(to: old, file: file, update: false) == .written(count: 2))
        // The same findings on other lines are old; a third of the same kind at the same place is new.
        let moved = [finding("a", "#/x", line: 5), finding("a", "#/x", line: 12)]
        #expect(try Baseline.apply(to: moved, file: file, update: false) == .filtered(new: [], accepted: 2))
        let third = moved + [finding("a", "#/x", line: 20)]
        #expect(try Baseline.apply(to: third, file: file, update: false) == .filtered(new: [third[2]], accepted: 2))
        #expect(try Baseline.apply(to: third, file: file, update: true) == .written(count: 3))
        #expect(try Baseline.apply(to: third, file: file, update: false) == .filtered(new: [], accepted: 3))
    }

    @Test func aFileThatIsNoBaselineIsAnErrorNamingIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "[1, 2]".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: Baseline.LoadError.self) { try Baseline.apply(to: [], file: file, update: false) }
        do {
            _ = try Baseline.apply(to: [], file: file, update: false)
        } catch {
            #expect(error.description.hasPrefix(file) && error.description.contains("delete it to write a new one"))
        }
    }
}
