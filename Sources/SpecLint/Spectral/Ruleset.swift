import Foundation
import JSONModel
import SpecReader

/// A Spectral ruleset (`.spectral.yaml`, `.spectral.yml` or `.spectral.json`) read unchanged:
/// `extends` (`spectral:oas` with `recommended`, `all` or `off`, Specsmith's own rules as
/// `specsmith`, and other rulesets by relative path), rule overrides, custom rules with
/// `given`/`then` and the core functions, `aliases`, `formats` and `overrides` by file pattern.
public struct Ruleset: Sendable {
    /// Every rule the ruleset knows, in the order findings are reported.
    public private(set) var rules: [LintRule]
    /// Each rule's setting: off, or the severity it reports at.
    public private(set) var settings: [String: Linter.Setting]
    /// Settings and rules that apply only to files matching patterns.
    var overrides: [Override]

    struct Override: Sendable {
        let patterns: [FilePattern]
        let settings: [String: Linter.Setting]
        let rules: [LintRule]
    }

    /// A ruleset that could not be read: where, and what is wrong.
    public struct LoadError: Error, CustomStringConvertible {
        /// The ruleset file at fault.
        public let file: String
        /// The line and column in it.
        public let location: Location?
        /// What is wrong, naming the rule.
        public let message: String

        /// The problem in the shape every command prints.
        public var diagnostic: Diagnostic {
            Diagnostic(message: message, file: file, line: location?.line, column: location?.column)
        }

        /// `file:line:column: message`, as the command line prints it.
        public var description: String { diagnostic.description }
    }

    /// The names Spectral looks for in the working folder when no ruleset is named.
    public static let discoveredNames = [".spectral.yaml", ".spectral.yml", ".spectral.json"]

    /// The ruleset Spectral would use in `folder`, if there is one.
    public static func discover(in folder: String) -> String? {
        discoveredNames.map { (folder as NSString).appendingPathComponent($0) }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Specsmith's own catalog at its defaults: what runs when there is no ruleset.
    public static var specsmith: Ruleset {
        Ruleset(rules: Linter.catalog, settings: Linter.defaultSettings, overrides: [])
    }

    /// The linter for one file: the ruleset's settings with the overrides whose patterns match it.
    public func linter(for file: String, overrides extra: [String: Linter.Setting] = [:]) -> Linter {
        var rules = self.rules
        var settings = self.settings
        let absolute = FilePattern.absolute(file)
        for override in overrides where override.patterns.contains(where: { $0.matches(absolute) }) {
            for rule in override.rules {
                if let index = rules.firstIndex(where: { $0.id == rule.id }) { rules[index] = rule } else { rules.append(rule) }
            }
            settings.merge(override.settings) { _, new in new }
        }
        settings.merge(extra) { _, new in new }
        return Linter(rules: rules, overrides: settings)
    }

    /// Reads the ruleset at `path` and every ruleset it extends.
    public static func load(_ path: String) throws(LoadError) -> Ruleset {
        var loader = Loader()
        let collected = try loader.load(FilePattern.absolute(path), chain: [])
        return Ruleset(
            rules: collected.order.compactMap { collected.rules[$0] }, settings: collected.settings, overrides: collected.overrides)
    }

    // MARK: - Loading

    /// The rules of a ruleset file with what it extends, before they become a Ruleset.
    struct Collected {
        var order: [String] = []
        /// Each rule, whose own severity is the one it reports at when switched on without one.
        var rules: [String: LintRule] = [:]
        var recommended: [String: Bool] = [:]
        var settings: [String: Linter.Setting] = [:]
        var overrides: [Override] = []

        mutating func define(_ rule: LintRule, recommended: Bool) {
            if rules[rule.id] == nil { order.append(rule.id) }
            rules[rule.id] = rule
            self.recommended[rule.id] = recommended
        }

        /// Another ruleset's rules, as `extends` brings them in with its mode.
        mutating func inherit(_ other: Collected, mode: String) {
            for id in other.order {
                guard let rule = other.rules[id] else { continue }
                define(rule, recommended: other.recommended[id] ?? true)
                switch mode {
                case "all": settings[id] = .severity(rule.severity)
                case "off": settings[id] = .off
                default: settings[id] = other.recommended[id] == false ? .off : other.settings[id] ?? .off
                }
            }
            overrides += other.overrides
        }
    }

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

extension Severity {
    /// A severity as Spectral writes it: a name, or 0 (error) to 3 (hint).
    public init?(spectral value: JSONValue) {
        switch value {
        case .string("error"), .integer(0): self = .error
        case .string("warn"), .string("warning"), .integer(1): self = .warning
        case .string("info"), .string("information"), .integer(2): self = .info
        case .string("hint"), .integer(3): self = .hint
        default: return nil
        }
    }
}

/// One rule a ruleset defines with `given` and `then`, checked when it loads.
struct RuleDefinition {
    let rule: LintRule
    let recommended: Bool

    struct Then {
        let field: String?
        let fieldPath: NodePath?
        let function: RuleFunction
        let options: JSONValue?
    }

    static let fields: Set<String> = [
        "description", "message", "given", "then", "severity", "recommended", "formats", "resolved", "documentationUrl", "type",
        "tags", "enabled", "extensions",
    ]

    init(
        name: String, node: SpecNode, file: String, formats inheritedFormats: Set<String>?, aliases: [String: [String]],
        documentationURL: String?, builtin: Bool, fail: (String, SpecNode?) -> Ruleset.LoadError
    ) throws(Ruleset.LoadError) {
        for member in node.members where !Self.fields.contains(member.key) {
            let hint = Spelling.closest(to: member.key, in: Self.fields.sorted()).map { "; did you mean `\($0)`?" } ?? ""
            throw fail("unknown field `\(member.key)`\(hint)", member.value)
        }
        guard let givenNode = node["given"] else { throw fail("a rule needs `given`: the JSONPath of the nodes it checks", node) }
        let givenTexts = givenNode.string.map { [$0] } ?? givenNode.items.compactMap(\.string)
        guard !givenTexts.isEmpty else { throw fail("`given` is a JSONPath or a list of them", givenNode) }
        var given: [NodePath] = []
        for text in givenTexts {
            for expanded in try Self.expand(text, aliases: aliases, fail: { fail($0, givenNode) }) {
                do {
                    given.append(try NodePath(expanded))
                } catch {
                    throw fail("`given` \(expanded) is not a JSONPath: \(error.description)", givenNode)
                }
            }
        }
        guard let thenNode = node["then"] else { throw fail("a rule needs `then`: the function to run on what `given` selects", node) }
        let thenNodes = thenNode.isMapping ? [thenNode] : thenNode.items
        guard !thenNodes.isEmpty else { throw fail("`then` is a mapping with `function`, or a list of them", thenNode) }
        var thens: [Then] = []
        for then in thenNodes {
            for member in then.members where !["field", "function", "functionOptions"].contains(member.key) {
                throw fail("`then` has no field `\(member.key)` (it takes field, function and functionOptions)", member.value)
            }
            guard let functionName = then["function"]?.string else { throw fail("`then` needs a `function`", then) }
            guard let function = RuleFunction.core[functionName] ?? (builtin ? BuiltinRulesets.functions[functionName] : nil) else {
                let hint = Spelling.closest(to: functionName, in: RuleFunction.core.keys.sorted()).map { "; did you mean \($0)?" } ?? ""
                throw fail(
                    "unknown function \(functionName)\(hint) (core functions: \(RuleFunction.core.keys.sorted().joined(separator: ", ")))",
                    then["function"])
            }
            let options = then["functionOptions"]?.json
            if let problem = function.checkOptions(options) {
                throw fail("function \(functionName) \(problem)", then["functionOptions"] ?? then)
            }
            let field = then["field"]?.string
            var fieldPath: NodePath?
            if let field, field.hasPrefix("$") {
                do {
                    fieldPath = try NodePath(field)
                } catch {
                    throw fail("`field` \(field) is not a JSONPath: \(error.description)", then["field"])
                }
            }
            thens.append(Then(field: field, fieldPath: fieldPath, function: function, options: options))
        }
        var severity = Severity.warning
        if let severityNode = node["severity"] {
            guard let chosen = Severity(spectral: severityNode.json) else {
                throw fail("the severity must be error, warn, info or hint, not \(severityNode.string ?? "this")", severityNode)
            }
            severity = chosen
        }
        recommended = node["recommended"]?.json != .bool(false)
        let formats = try Ruleset.Loader.formats(node["formats"], fail) ?? inheritedFormats
        let resolved = node["resolved"]?.json != .bool(false)
        let description = node["description"]?.string
        let message = node["message"]?.string
        let documentation = node["documentationUrl"]?.string ?? documentationURL.map { $0 + ($0.contains("#") ? "" : "#\(name)") }
        let compiled = DeclarativeRule(
            description: description, message: message, given: given, then: thens, formats: formats, resolved: resolved)
        rule = LintRule(
            name, severity, description ?? message ?? "Custom rule \(name) (\(file))", documentationURL: documentation,
            check: compiled.run)
    }

    /// `#Alias.rest` → each of the alias's paths followed by `.rest`.
    static func expand(_ given: String, aliases: [String: [String]], fail: (String) -> Ruleset.LoadError) throws(Ruleset.LoadError)
        -> [String]
    {
        guard given.hasPrefix("#") else { return [given] }
        let name = String(given.dropFirst().prefix { $0 != "." && $0 != "[" })
        guard let paths = aliases[name] else {
            throw fail("`given` \(given) names the alias #\(name), which the ruleset does not define in `aliases`")
        }
        let rest = given.dropFirst(name.count + 1)
        return paths.map { $0 + rest }
    }
}

/// A `given`/`then` rule compiled to run on a document.
struct DeclarativeRule: Sendable {
    let description: String?
    let message: String?
    let given: [NodePath]
    let then: [RuleDefinition.Then]
    let formats: Set<String>?
    let resolved: Bool

    func run(_ document: SpecDocument) -> [RuleHit] {
        if let formats, formats.isDisjoint(with: document.formats) { return [] }
        var hits: [RuleHit] = []
        var seen: Set<String> = []
        let context = FilterExpression.Context(document: document, resolved: resolved)
        for path in given {
            for match in path.evaluate(in: document, resolved: resolved) {
                for step in then {
                    for target in targets(of: match, step, context) {
                        for result in step.function.run(target, step.options, document) {
                            let resultPath = result.path ?? target.path
                            let text = render(result.message, target: target, path: resultPath)
                            guard seen.insert(SpecDocument.pointer(resultPath) + "\u{0}" + text).inserted else { continue }
                            let location =
                                result.location
                                ?? (result.path == nil || result.path == target.path
                                    ? (target.fallbackLocation ?? target.node?.location) : document.nearestLocation(of: resultPath))
                            hits.append(RuleHit(text, at: resultPath, location))
                        }
                    }
                }
            }
        }
        return hits
    }

    /// What `then.field` selects from a matched node: the node itself, its keys (`@key`), a
    /// JSONPath from it, or a dotted path, absent fields included (as `undefined`).
    func targets(of match: NodePath.Match, _ step: RuleDefinition.Then, _ context: FilterExpression.Context) -> [RuleTarget] {
        let document = context.document
        guard let field = step.field else {
            if match.isPropertyName, let key = match.path.last {
                return [
                    RuleTarget(node: nil, path: match.path, key: key, fallbackLocation: document.keyLocation(of: match.path))
                ]
            }
            return [RuleTarget(node: match.node, path: match.path, fallbackLocation: match.node.location)]
        }
        let (container, base) = context.follow(match.node, at: match.path)
        if field == "@key" {
            switch container.kind {
            case .mapping(let members):
                return members.map { RuleTarget(node: nil, path: base + [$0.key], key: $0.key, fallbackLocation: $0.keyLocation) }
            case .sequence(let items):
                return items.indices.map {
                    RuleTarget(node: nil, path: base + [String($0)], key: String($0), fallbackLocation: items[$0].location)
                }
            case .scalar:
                return []
            }
        }
        if let fieldPath = step.fieldPath {
            return fieldPath.evaluate(
                from: NodePath.Match(node: container, path: base, parent: nil, parentPath: nil), in: document,
                resolved: resolved
            ).map { RuleTarget(node: $0.node, path: $0.path, fallbackLocation: $0.node.location) }
        }
        var current: SpecNode? = container
        var path = base
        var location = container.location
        for component in Self.fieldComponents(field) {
            guard let here = current else {
                path.append(component)
                continue
            }
            if let found = here.child(component) {
                let followed = context.follow(found, at: path + [component])
                current = followed.node
                path = followed.path
                location = followed.node.location
            } else {
                current = nil
                path.append(component)
            }
        }
        return [RuleTarget(node: current, path: path, fallbackLocation: current?.location ?? location)]
    }

    /// `info.contact`, `['x-foo'].bar`, `tags[0]` as lodash's `toPath` splits them.
    static func fieldComponents(_ field: String) -> [String] {
        var components: [String] = []
        var current = ""
        var index = field.startIndex
        while index < field.endIndex {
            let character = field[index]
            if character == "." {
                if !current.isEmpty { components.append(current) }
                current = ""
            } else if character == "[" {
                if !current.isEmpty { components.append(current) }
                current = ""
                guard let close = field[index...].firstIndex(of: "]") else {
                    current = String(field[index...])
                    break
                }
                var inner = String(field[field.index(after: index)..<close])
                if inner.count >= 2, let first = inner.first, first == "'" || first == "\"", inner.last == first {
                    inner = String(inner.dropFirst().dropLast())
                }
                components.append(inner)
                index = close
            } else {
                current.append(character)
            }
            index = field.index(after: index)
        }
        if !current.isEmpty { components.append(current) }
        return components
    }

    /// The rule's `message` with its placeholders filled, or its description, or the function's words.
    func render(_ error: String, target: RuleTarget, path: [String]) -> String {
        guard let message else { return (description ?? error).trimmingCharacters(in: .whitespaces) }
        var text = message
        let value = RuleFunction.printed(target.value)
        let replacements = [
            ("error", error), ("description", description ?? ""), ("path", path.joined(separator: ".")),
            ("property", path.last ?? ""), ("value", value),
        ]
        for (name, replacement) in replacements {
            text = text.replacingOccurrences(of: "{{\(name)}}", with: replacement)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

extension SpecDocument {
    /// Spectral's names for what this document is, which a rule's `formats` are matched against.
    public var formats: Set<String> {
        let declared = root["openapi"]?.string ?? ""
        if declared.hasPrefix("3.0") { return ["oas3", "oas3_0"] }
        if declared.hasPrefix("3.2") { return ["oas3", "oas3_1", "oas3_2"] }
        return ["oas3", "oas3_1"]
    }

    /// The location of the node at `path`, or of the nearest node above it that exists.
    public func nearestLocation(of path: [String]) -> Location? {
        var known = path
        while !known.isEmpty {
            if let node = node(at: known) { return node.location }
            known.removeLast()
        }
        return root.location
    }

    /// Where the key of the member at `path` is written.
    public func keyLocation(of path: [String]) -> Location? {
        guard let last = path.last, let parent = node(at: Array(path.dropLast())) else { return nearestLocation(of: path) }
        if let member = parent.members.first(where: { $0.key == last }) { return member.keyLocation }
        return node(at: path)?.location
    }
}
