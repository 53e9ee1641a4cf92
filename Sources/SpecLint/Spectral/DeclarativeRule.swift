import Foundation
import JSONModel
import SpecReader

/// One rule a ruleset defines with `given` and `then`, checked when it loads.
struct RuleDefinition {
    let rule: LintRule
    let recommended: Bool

    struct Then {
        let field: String?
        let fieldPath: NodePath?
        let function: RuleFunction
        let options: JSONValue?
        /// The function with its options read.
        let check: @Sendable (RuleTarget, SpecDocument) -> [FunctionResult]

        init(field: String?, fieldPath: NodePath?, function: RuleFunction, options: JSONValue?) {
            self.field = field
            self.fieldPath = fieldPath
            self.function = function
            self.options = options
            check = function.bound(options)
        }
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
            // The built-in rulesets' options are checked by their tests, not on every run.
            if !builtin, let problem = function.checkOptions(options) {
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
            preparations: thens.compactMap(\.function.preparation) + compiled.walks, check: compiled.run)
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

    /// The walks of the whole document its `given` paths make (those with a `..` step), as work
    /// the linter does for every rule side by side before the rules run.
    var walks: [LintRule.Preparation] {
        given.filter(\.descends).map { path in
            LintRule.Preparation(
                "\(resolved ? "resolved" : "written") \(path.description)",
                walk: .init(path: path, resolved: resolved, wanted: { [self] in applies(to: $0) })
            ) { [self] document in
                guard applies(to: document) else { return }
                _ = NodePath.Matches.of(document.asWritten ?? document).matches(of: path, resolved: resolved)
            }
        }
    }

    /// Whether the document is of one of the rule's formats, or the rule names none.
    func applies(to document: SpecDocument) -> Bool {
        formats.map { !$0.isDisjoint(with: document.formats) } ?? true
    }

    func run(_ document: SpecDocument) -> [RuleHit] {
        guard applies(to: document) else { return [] }
        // A Swagger 2.0 document is matched as written, as Spectral matches it.
        let model = document
        let document = document.asWritten ?? document
        var hits: [RuleHit] = []
        var seen: Set<String> = []
        let context = FilterExpression.Context(document: document, resolved: resolved)
        for path in given {
            for match in NodePath.Matches.of(document).matches(of: path, resolved: resolved) {
                for step in then {
                    for target in targets(of: match, step, context) {
                        for result in step.check(target, step.function.readsModel ? model : document) {
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

extension LintRule.Preparation {
    /// The walks among `preparations` joined: one walk for the paths that descend from the root
    /// (`$..enum`, every description) and one for those that descend from nodes a path names first
    /// (below each operation), each for resolved and for written paths. Two joint walks rather
    /// than one keep both cores busy; the rest of the work is left as it is.
    static func joiningWalks(_ preparations: [Self]) -> [Self] {
        let walks = preparations.compactMap(\.walk)
        guard walks.count > 1 else { return preparations }
        var groups: [String: [Walk]] = [:]
        for walk in walks {
            let kind = (walk.resolved ? "resolved" : "written") + (walk.path.steps.first?.descendant == true ? " from the root" : " below")
            groups[kind, default: []].append(walk)
        }
        let joined = groups.sorted { $0.key < $1.key }.map { kind, members in
            Self("walks \(kind): " + members.map(\.path.description).joined(separator: ", ")) { document in
                let wanted = members.filter { $0.wanted(document) }
                guard let first = wanted.first else { return }
                NodePath.Matches.of(document.asWritten ?? document).prepare(wanted.map(\.path), resolved: first.resolved)
            }
        }
        return preparations.filter { $0.walk == nil } + joined
    }
}
