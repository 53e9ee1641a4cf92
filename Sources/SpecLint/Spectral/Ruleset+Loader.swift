import Foundation
import JSONModel
import SpecReader

extension Ruleset {
    /// Reads ruleset files: `extends` chains, `rules`, `overrides` and `aliases`, each mistake at
    /// its file, line and rule.
    struct Loader {
        mutating func load(_ path: String, chain: [String]) throws(LoadError) -> Collected {
            if chain.contains(path) {
                throw LoadError(
                    file: chain.last ?? path, location: nil,
                    message: "extends \(path), which extends it back: \((chain + [path]).joined(separator: " → "))")
            }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw LoadError(file: path, location: nil, message: "cannot read the ruleset: \(error.localizedDescription)")
            }
            let root: SpecNode
            do {
                guard let loaded = try SpecNode.load(text), loaded.isMapping else {
                    throw LoadError(file: path, location: nil, message: "a ruleset is a mapping with `rules` and/or `extends`")
                }
                root = loaded
            } catch let error as LoadError {
                throw error
            } catch {
                throw LoadError(file: path, location: nil, message: "not YAML or JSON: \(error)")
            }
            return try read(root, file: path, chain: chain + [path])
        }

        mutating func read(_ root: SpecNode, file: String, chain: [String], builtin: Bool = false) throws(LoadError) -> Collected {
            func fail(_ message: String, _ node: SpecNode?) -> LoadError {
                LoadError(file: file, location: node?.location, message: message)
            }
            let known = ["extends", "rules", "formats", "overrides", "aliases", "documentationUrl", "description", "parserOptions"]
            for member in root.members where !known.contains(member.key) {
                if member.key == "functions" || member.key == "functionsDir" {
                    throw fail(
                        "`\(member.key)`: custom JavaScript functions cannot run here; use the core functions (\(RuleFunction.core.keys.sorted().joined(separator: ", ")))",
                        member.value)
                }
                let hint = Spelling.closest(to: member.key, in: known).map { "; did you mean `\($0)`?" } ?? ""
                throw LoadError(file: file, location: member.keyLocation, message: "unknown ruleset field `\(member.key)`\(hint)")
            }
            var collected = Collected()
            for (name, mode, node) in try extends(root["extends"], fail) {
                let other: Collected
                if let named = try BuiltinRulesets.named(name) {
                    other = named
                } else if name.hasPrefix("spectral:") || name.hasPrefix("@") || name.hasPrefix("http") {
                    throw fail("extends \(name): only spectral:oas, specsmith and rulesets by relative path can be read here", node)
                } else {
                    let base = (file as NSString).deletingLastPathComponent
                    other = try load(FilePattern.absolute((base as NSString).appendingPathComponent(name)), chain: chain)
                }
                collected.inherit(other, mode: mode)
            }
            let formats = try Self.formats(root["formats"], fail)
            let aliases = try Self.aliases(root["aliases"], fail)
            let documentationURL = root["documentationUrl"]?.string
            if let rules = root["rules"] {
                guard rules.isMapping else { throw fail("`rules` must be a mapping of rule names", rules) }
                try apply(
                    rules, to: &collected, file: file, formats: formats, aliases: aliases, documentationURL: documentationURL,
                    builtin: builtin)
            }
            for (index, override) in (root["overrides"]?.items ?? []).enumerated() {
                guard let patterns = override["files"]?.items.compactMap(\.string), !patterns.isEmpty else {
                    throw fail("overrides[\(index)] needs `files`: a list of file patterns", override)
                }
                if let pointer = patterns.first(where: { $0.contains("#") }) {
                    throw fail(
                        "overrides[\(index)]: '\(pointer)' names part of a file; overrides here apply to whole files, so drop the #fragment",
                        override["files"])
                }
                var local = collected
                local.settings = [:]
                var defined: [String] = []
                if let rules = override["rules"] {
                    defined = try apply(
                        rules, to: &local, file: file, formats: formats, aliases: aliases, documentationURL: documentationURL,
                        builtin: builtin)
                }
                let base = (file as NSString).deletingLastPathComponent
                collected.overrides.append(
                    Override(
                        patterns: patterns.map { FilePattern($0, relativeTo: base) }, settings: local.settings,
                        rules: defined.compactMap { local.rules[$0] }))
            }
            return collected
        }

        /// `extends` as (name, mode, node): a name, a list of names, or `[name, mode]` pairs.
        func extends(_ node: SpecNode?, _ fail: (String, SpecNode?) -> LoadError) throws(LoadError) -> [(String, String, SpecNode)] {
            guard let node else { return [] }
            if let name = node.string { return [(name, "recommended", node)] }
            if node.isMapping { throw fail("`extends` is a ruleset name or a list of them", node) }
            var found: [(String, String, SpecNode)] = []
            for item in node.items {
                if let name = item.string {
                    found.append((name, "recommended", item))
                } else if item.items.count == 2, let name = item.items[0].string, let mode = item.items[1].string {
                    guard ["all", "recommended", "off"].contains(mode) else {
                        throw fail("extends [\(name), \(mode)]: the mode is all, recommended or off", item.items[1])
                    }
                    found.append((name, mode, item))
                } else {
                    throw fail("each `extends` entry is a ruleset name or [name, all|recommended|off]", item)
                }
            }
            return found
        }

        static let knownFormats: Set<String> = [
            "oas2", "oas3", "oas3.0", "oas3_0", "oas3.1", "oas3_1", "oas3_2", "json-schema", "json-schema-loose",
            "json-schema-draft4", "json-schema-draft6", "json-schema-draft7", "json-schema-2019-09", "json-schema-2020-12",
            "json-schema-draft-2019-09", "json-schema-draft-2020-12", "asyncapi2", "asyncapi3", "arazzo1_0",
        ]

        static func formats(_ node: SpecNode?, _ fail: (String, SpecNode?) -> LoadError) throws(LoadError) -> Set<String>? {
            guard let node else { return nil }
            var found: Set<String> = []
            for item in node.items {
                guard let name = item.string, knownFormats.contains(name) else {
                    throw fail("unknown format \(item.string ?? "value"); known: \(knownFormats.sorted().joined(separator: ", "))", item)
                }
                found.insert(name.replacingOccurrences(of: ".", with: "_"))
            }
            return found
        }

        static func aliases(_ node: SpecNode?, _ fail: (String, SpecNode?) -> LoadError) throws(LoadError) -> [String: [String]] {
            var aliases: [String: [String]] = [:]
            for member in node?.members ?? [] {
                if let path = member.value.string {
                    aliases[member.key] = [path]
                } else if !member.value.items.isEmpty {
                    aliases[member.key] = member.value.items.compactMap(\.string)
                } else if let given = member.value["targets"]?.items.first?["given"] {
                    aliases[member.key] = given.string.map { [$0] } ?? given.items.compactMap(\.string)
                } else {
                    throw fail("alias \(member.key) must be a path or a list of paths", member.value)
                }
            }
            return aliases
        }

        /// The `rules` mapping: settings for inherited rules, and definitions of new ones.
        @discardableResult
        mutating func apply(
            _ rules: SpecNode, to collected: inout Collected, file: String, formats: Set<String>?, aliases: [String: [String]],
            documentationURL: String?, builtin: Bool
        ) throws(LoadError) -> [String] {
            var defined: [String] = []
            for member in rules.members {
                let name = member.key
                let value = member.value
                func fail(_ message: String, _ node: SpecNode? = nil) -> LoadError {
                    LoadError(file: file, location: (node ?? value).location, message: "rule \(name): \(message)")
                }
                if value.isMapping, value["given"] != nil || value["then"] != nil {
                    let definition = try RuleDefinition(
                        name: name, node: value, file: file, formats: formats, aliases: aliases, documentationURL: documentationURL,
                        builtin: builtin, fail: fail)
                    collected.define(definition.rule, recommended: definition.recommended)
                    collected.settings[name] = .severity(definition.rule.severity)
                    defined.append(name)
                    continue
                }
                guard let inherited = collected.rules[name] ?? Linter.catalog.first(where: { $0.id == name }) else {
                    let names = collected.order + Linter.catalog.map(\.id)
                    let hint = Spelling.closest(to: name, in: names).map { "; did you mean \($0)?" } ?? ""
                    throw LoadError(
                        file: file, location: member.keyLocation,
                        message: "rule \(name): no rule of that name is defined or inherited\(hint); a new rule needs `given` and `then`")
                }
                if collected.rules[name] == nil { collected.define(inherited, recommended: true) }
                let defaultSeverity = inherited.severity
                if value.isMapping {
                    // A partial override: an inherited rule given a severity of its own; other fields are not read.
                    guard let severityNode = value["severity"] else {
                        throw fail("to change an inherited rule give it a `severity`; to replace it give `given` and `then`")
                    }
                    collected.settings[name] = try Self.setting(severityNode, default: defaultSeverity, fail)
                } else {
                    collected.settings[name] = try Self.setting(value, default: defaultSeverity, fail)
                }
            }
            return defined
        }

        /// `off`, `error`/`warn`/`info`/`hint`, `0`…`3` and `-1`, or `true`/`false`.
        static func setting(_ node: SpecNode, default severity: Severity, _ fail: (String, SpecNode?) -> LoadError) throws(LoadError)
            -> Linter.Setting
        {
            switch node.json {
            case .bool(let on): return on ? .severity(severity) : .off
            case .string("off"): return .off
            case .integer(-1): return .off
            default: break
            }
            guard let chosen = Severity(spectral: node.json) else {
                throw fail("the severity must be error, warn, info, hint or off (or true/false), not \(node.string ?? "this")", node)
            }
            return .severity(chosen)
        }
    }
}
