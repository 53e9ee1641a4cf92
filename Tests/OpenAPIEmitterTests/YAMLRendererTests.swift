import Testing
import Yams

@testable import OpenAPIEmitter

@Suite struct YAMLRendererTests {
    @Test(arguments: [(0.5, "0.5"), (2.0, "2.0"), (1.25, "1.25"), (1e20, "1.0e+20"), (-1e-05, "-1.0e-05")])
    func doublesAlwaysHaveADot(number: Double, text: String) {
        #expect(YAMLRenderer.decimal(number) == text)
    }

    @Test func numericKeysAreQuotedAndFloatsRewritten() throws {
        let node = try #require(try Yams.compose(yaml: "200:\n  minimum: 5e-1\n  name: '7'\n"))
        let text = try Yams.serialize(node: YAMLRenderer.normalized(node))
        #expect(text == "'200':\n  minimum: 0.5\n  name: '7'\n")
    }
}
