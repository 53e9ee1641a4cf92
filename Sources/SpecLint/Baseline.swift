import Foundation
import JSONModel

/// Findings a team has accepted for now: `--baseline FILE` writes them once, and later runs
/// fail only on findings that are not in it. A finding is known by its rule, file and pointer,
/// not its line, so edits above it do not make it new; each is counted, so a second finding of
/// the same kind at the same place is new.
public struct Baseline: Sendable {
    var counts: [Key: Int]

    struct Key: Hashable {
        let rule: String
        let file: String
        let pointer: String
    }

    /// Why a baseline file cannot be read or written, naming the file.
    public struct LoadError: Error, CustomStringConvertible {
        /// The file and what is wrong with it, with the fix.
        public let description: String
    }

    /// How many findings the baseline accepts.
    public var count: Int { counts.values.reduce(0, +) }

    /// Reads a baseline written by `encoded(_:)`.
    public init(text: String, file: String) throws(LoadError) {
        let value: JSONValue
        do {
            value = try JSONParser().parse(text)
        } catch {
            throw LoadError(description: "\(file): not a Specsmith baseline (\(error)); delete it to write a new one")
        }
        guard case .array(let entries) = value["findings"] ?? .null else {
            throw LoadError(description: "\(file): not a Specsmith baseline: it has no `findings` list; delete it to write a new one")
        }
        counts = [:]
        for (index, entry) in entries.enumerated() {
            guard let rule = entry["rule"]?.stringValue, let file = entry["file"]?.stringValue, let pointer = entry["pointer"]?.stringValue
            else {
                throw LoadError(description: "\(file): findings[\(index)] needs rule, file and pointer")
            }
            counts[Key(rule: rule, file: file, pointer: pointer), default: 0] += 1
        }
    }

    /// The findings not accounted for by the baseline, in their order.
    public func new(in findings: [Finding]) -> [Finding] {
        var remaining = counts
        return findings.filter { finding in
            let key = Key(rule: finding.rule, file: finding.file, pointer: finding.pointer)
            guard let left = remaining[key], left > 0 else { return true }
            remaining[key] = left - 1
            return false
        }
    }

    /// What `--baseline` did with a run's findings.
    public enum Outcome: Sendable, Equatable {
        /// There was no baseline (or it was to be updated): it now holds this many findings.
        case written(count: Int)
        /// The findings the baseline does not account for, and how many it did.
        case filtered(new: [Finding], accepted: Int)
    }

    /// The baseline policy: the first run (or `update`) writes the file and fails on nothing;
    /// later runs report only what the file does not account for.
    public static func apply(to findings: [Finding], file: String, update: Bool) throws(LoadError) -> Outcome {
        if update || !FileManager.default.fileExists(atPath: file) {
            do {
                try encoded(findings).write(toFile: file, atomically: true, encoding: .utf8)
            } catch {
                throw LoadError(description: "\(file): cannot write the baseline: \(error.localizedDescription)")
            }
            return .written(count: findings.count)
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw LoadError(description: "\(file): cannot read the baseline: \(error.localizedDescription)")
        }
        let new = try Baseline(text: text, file: file).new(in: findings)
        return .filtered(new: new, accepted: findings.count - new.count)
    }

    /// The baseline file: the findings with their messages, for people reading the diff of it.
    public static func encoded(_ findings: [Finding]) -> String {
        let entries: [JSONValue] = findings.map {
            ["rule": .string($0.rule), "file": .string($0.file), "pointer": .string($0.pointer), "message": .string($0.message)]
        }
        return JSONWriter().string(["version": 1, "findings": .array(entries)]) + "\n"
    }
}
