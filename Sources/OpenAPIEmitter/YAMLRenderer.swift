import OpenAPIKit
import Yams

/// Renders a document as YAML. Key order is encode order (OpenAPIKit's, then the
/// registry's), so the same document always gives the same bytes.
public enum YAMLRenderer {
    public static func render(_ document: OpenAPI.Document) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options = .init(indent: 2, width: -1, allowUnicode: true, sortKeys: false, newLineScalarStyle: .literal)
        let yaml = try encoder.encode(document)
        guard let node = try Yams.compose(yaml: yaml) else { return yaml }
        return try Yams.serialize(
            node: quotingAmbiguousKeys(node), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
    }

    /// Yams writes mapping keys plain, so the response code "200" comes out as `200:`,
    /// which YAML readers load as an integer; OpenAPI requires such keys quoted.
    static func quotingAmbiguousKeys(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { key, value -> (Node, Node) in
                guard case .scalar(let scalar) = key, scalar.style == .plain || scalar.style == .any,
                    Resolver.default.resolveTag(of: key) != .str
                else { return (key, quotingAmbiguousKeys(value)) }
                return (.scalar(.init(scalar.string, Tag(.str), .singleQuoted)), quotingAmbiguousKeys(value))
            }
            return .mapping(.init(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence):
            return .sequence(.init(sequence.map(quotingAmbiguousKeys), sequence.tag, sequence.style))
        default:
            return node
        }
    }
}
