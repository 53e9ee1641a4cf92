import JSONModel
import SpecReader
import Testing

@testable import SpecLint

/// `spectral:oas` is read without checking its functions' options on every run: they are
/// checked here instead, as a team's ruleset has them checked when it loads.
@Suite struct BuiltinRulesetTests {
    @Test func everyOptionOfSpectralOasIsOneItsFunctionTakes() throws {
        let root = try #require(try SpecNode.load(try BuiltinRulesets.oasText))
        let rules = try #require(root["rules"]?.members)
        var checked = 0
        for rule in rules {
            let thens = rule.value["then"].map { $0.isMapping ? [$0] : $0.items } ?? []
            #expect(!thens.isEmpty, "\(rule.key) has no then")
            for then in thens {
                let name = try #require(then["function"]?.string, "\(rule.key)")
                let function = try #require(RuleFunction.core[name] ?? BuiltinRulesets.functions[name], "\(rule.key): \(name)")
                #expect(function.checkOptions(then["functionOptions"]?.json) == nil, "\(rule.key): \(name)")
                checked += 1
            }
        }
        #expect(checked > 50)
        // The check would see a bad one.
        #expect(RuleFunction.pattern.checkOptions(.object(JSONObject([("match", .string("("))]))) != nil)
    }
}
