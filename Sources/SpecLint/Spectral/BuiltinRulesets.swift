import Foundation
import JSONModel
import SpecReader

/// The rulesets `extends` can name without a file: `spectral:oas`, Spectral's OpenAPI rules under
/// their Spectral names and meanings, and `specsmith`, Specsmith's own catalog.
///
/// `spectral:oas` is written in the ruleset language itself and read by the same loader as a
/// team's `.spectral.yaml`; the rules Spectral implements with functions of its own call the
/// functions below, which only this ruleset may name.
enum BuiltinRulesets {
    static func named(_ name: String) throws(Ruleset.LoadError) -> Ruleset.Collected? {
        switch name {
        case "spectral:oas": return try oas.get()
        case "specsmith", "specsmith:recommended":
            var collected = Ruleset.Collected()
            for rule in Linter.catalog {
                collected.define(rule, recommended: true)
                collected.settings[rule.id] = Linter.defaultSettings[rule.id]
            }
            return collected
        default: return nil
        }
    }

    static let oas: Result<Ruleset.Collected, Ruleset.LoadError> = {
        do {
            guard let root = try SpecNode.load(try oasText) else {
                return .failure(Ruleset.LoadError(file: "spectral:oas", location: nil, message: "empty"))
            }
            var loader = Ruleset.Loader()
            return .success(try loader.read(root, file: "spectral:oas", chain: [], builtin: true))
        } catch let error as Ruleset.LoadError {
            return .failure(error)
        } catch {
            return .failure(Ruleset.LoadError(file: "spectral:oas", location: nil, message: "\(error)"))
        }
    }()

    /// Spectral's OpenAPI 3 rules, from the package's `spectral-oas.yaml`; `recommended: false`
    /// ones run with `[spectral:oas, all]`.
    static var oasText: String {
        get throws(Ruleset.LoadError) {
            guard let url = Bundle.module.url(forResource: "spectral-oas", withExtension: "yaml"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else {
                throw Ruleset.LoadError(
                    file: "spectral:oas", location: nil,
                    message: "the ruleset file spectral-oas.yaml is missing beside the executable; reinstall Specsmith")
            }
            return text
        }
    }

    /// A function over the whole document from one of Specsmith's rules: its hits, as results.
    /// It runs for `given: $` only; on every node of a wider `given` it would walk the document
    /// once per node.
    static func whole(_ name: String, _ check: @escaping @Sendable (SpecDocument) -> [RuleHit]) -> RuleFunction {
        RuleFunction(name: name, checkOptions: RuleFunction.noOptions) { target, _, document in
            guard target.path.isEmpty else { return [] }
            return check(document).map { FunctionResult($0.message, path: $0.path, location: $0.location) }
        }
    }

    /// A check of Specsmith's model of a 2.0 file, its findings moved to the nodes where the file
    /// has them: the reader keeps every node's line and column, so a finding's node is found in
    /// the file as written by where it is.
    static func asWritten(_ name: String, _ check: @escaping @Sendable (SpecDocument) -> [RuleHit]) -> RuleFunction {
        var function = whole(name) { model in
            let hits = check(model)
            guard !hits.isEmpty, let written = model.asWritten else { return hits }
            let paths = model.shared("written-paths") { WrittenPaths(written.root) }.byLocation
            return hits.map { hit in
                guard let location = hit.location, let path = paths[location] else { return hit }
                return RuleHit(hit.message, at: path, location, severity: hit.severity)
            }
        }
        function.readsModel = true
        return function
    }

    /// Every member written beside a `$ref`, as the document's walk for references found them.
    static func refSiblings(_ document: SpecDocument) -> [RuleHit] {
        document.references.flatMap { reference in
            let holder = reference.path.dropLast()
            return reference.siblings.map {
                RuleHit("$ref must not be placed next to any other properties", at: holder + [$0.key], $0.keyLocation)
            }
        }
    }

    /// A function that reads shared work (the examples' judgments, the document's references),
    /// which the linter does before the rules that read it.
    static func reading(_ preparation: LintRule.Preparation, _ function: RuleFunction) -> RuleFunction {
        var function = function
        function.preparation = preparation
        return function
    }

    /// Each node of a 2.0 file as written by its line and column, found once per document for
    /// every rule that moves findings there.
    final class WrittenPaths: Sendable {
        let byLocation: [Location: [String]]

        init(_ root: SpecNode) {
            var paths: [Location: [String]] = [:]
            func visit(_ node: SpecNode, _ path: [String]) {
                if paths[node.location] == nil { paths[node.location] = path }
                switch node.kind {
                case .scalar: break
                case .sequence(let items): for (index, item) in items.enumerated() { visit(item, path + [String(index)]) }
                case .mapping(let members): for member in members { visit(member.value, path + [member.key]) }
                }
            }
            visit(root, [])
            byLocation = paths
        }
    }

    static let functions: [String: RuleFunction] = Dictionary(
        uniqueKeysWithValues: [
            RuleFunction(name: "oasOpSuccessResponse", checkOptions: RuleFunction.noOptions) { target, _, _ in
                guard let responses = target.node, responses.isMapping else { return [] }
                let success = responses.members.contains { $0.key.hasPrefix("2") || $0.key.hasPrefix("3") }
                return success ? [] : [FunctionResult("Operation must have at least one \"2xx\" or \"3xx\" response.")]
            },
            whole("oasOpIdUnique", OperationRules.uniqueOperationID.check),
            RuleFunction(name: "oasOpParams", checkOptions: RuleFunction.noOptions) { target, _, document in
                var seen: Set<String> = []
                return (target.node?.items ?? []).enumerated().compactMap { index, item in
                    let parameter = document.resolved(item) ?? item
                    guard let name = parameter["name"]?.string, let place = parameter["in"]?.string else { return nil }
                    if seen.insert(place + " " + name).inserted { return nil }
                    return FunctionResult(
                        "A parameter in this operation already exposes the same combination of \"name\" and \"in\" values.",
                        path: target.path + [String(index)], location: item.location)
                }
            },
            RuleFunction(name: "oasTagDefined", checkOptions: RuleFunction.noOptions) { _, _, document in
                // Spectral's rule fires even when no tags are declared at all, unlike Specsmith's.
                OperationRules.undeclaredTags(document).map {
                    FunctionResult("Operation tags must be defined in global tags.", path: $0.path, location: $0.location)
                }
            },
            whole("oasPathParam") { document in
                (ParameterRules.pathParamsDeclared.check(document) + ParameterRules.pathParamsUsed.check(document)
                    + ParameterRules.equivalentPaths.check(document) + ParameterRules.repeatedTemplate.check(document))
            },
            whole("oasEnumUnique", SchemaRules.enumDuplicates.check),
            reading(DocumentRules.referencesWalk, whole("refSiblings", refSiblings)),
            whole("oasOpSecurityDefined", DocumentRules.securityDefined.check),
            reading(ExampleRules.preparation, whole("oasMediaExamples", ExampleRules.mediaExamples)),
            reading(
                ExampleRules.preparation, whole("oasSchemaExamples") { ExampleRules.schemaExamples($0) + ExampleRules.defaults.check($0) }),
            whole("oasDocumentSchema", StructureRules.structure.check),
            reading(DocumentRules.referencesWalk, whole("oasUnusedComponent", DocumentRules.unusedComponents.check)),
            // The oas2 functions read the 2.0 file as written, as every oas2 rule does.
            RuleFunction(name: "oas2Discriminator", checkOptions: RuleFunction.noOptions) { target, _, document in
                guard let schema = document.node(at: Array(target.path.dropLast())), let name = target.node?.string else {
                    return target.node == nil ? [] : [FunctionResult("The discriminator property name must be a string.")]
                }
                guard schema["properties"]?[name] != nil else {
                    return [FunctionResult("The discriminator property must be defined in this schema.")]
                }
                guard schema["required"]?.items.contains(where: { $0.string == name }) == true else {
                    return [FunctionResult("The discriminator property must be in the required property list.")]
                }
                return []
            },
            RuleFunction(name: "oas2OpFormDataConsumeCheck", checkOptions: RuleFunction.noOptions) { target, _, _ in
                // Spectral reads the operation's own `consumes`, not the document's.
                guard let operation = target.node,
                    operation["parameters"]?.items.contains(where: { $0["in"]?.string == "formData" }) == true
                else { return [] }
                let consumes = (operation["consumes"]?.items ?? []).compactMap(\.string)
                let accepted = consumes.contains {
                    $0.contains("application/x-www-form-urlencoded") || $0.contains("multipart/form-data")
                }
                return accepted
                    ? []
                    : [
                        FunctionResult(
                            "Consumes must include urlencoded, multipart, or wildcard media types when using formData parameter.")
                    ]
            },
            reading(ExampleRules.preparation, asWritten("oas2MediaExamples", ExampleRules.mediaExamples)),
            reading(
                ExampleRules.preparation,
                asWritten("oas2SchemaExamples") { ExampleRules.schemaExamples($0) + ExampleRules.defaults.check($0) }),
            whole("oas2Schema") { Swagger2Schema.check($0.root) },
            whole("oas2OpSecurityDefined") { document in
                DocumentRules.undefinedSchemes(
                    document, Set(document.root["securityDefinitions"]?.members.map(\.key) ?? []), "securityDefinitions")
            },
        ].map { ($0.name, $0) })
}
