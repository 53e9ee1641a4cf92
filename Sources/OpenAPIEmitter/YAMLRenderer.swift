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
            node: normalized(node), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
    }

    /// Fixes two spellings of Yams that other YAML readers misread:
    /// - mapping keys are written plain, so the response code "200" comes out as `200:`,
    ///   which loads as an integer; OpenAPI requires such keys quoted;
    /// - doubles are written like `5e-1`, which YAML 1.1 readers (PyYAML) load as a
    ///   string because a float needs a dot; they become `0.5`.
    static func normalized(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            var pairs = mapping.map { key, value -> (Node, Node) in
                guard case .scalar(let scalar) = key, isPlain(scalar), Resolver.default.resolveTag(of: key) != .str
                else { return (key, normalized(value)) }
                return (.scalar(.init(scalar.string, Tag(.str), .singleQuoted)), normalized(value))
            }
            // OpenAPIKit keeps `x-` extensions in a dictionary, whose order changes from run to
            // run: they are written last, by name, so generating twice gives the same bytes.
            let isExtension = { (pair: (Node, Node)) in pair.0.string?.hasPrefix("x-") == true }
            let extensions = pairs.filter(isExtension).sorted { ($0.0.string ?? "") < ($1.0.string ?? "") }.map { ($0.0, sorted($0.1)) }
            if !extensions.isEmpty { pairs = pairs.filter { !isExtension($0) } + extensions }
            return .mapping(.init(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence):
            return .sequence(.init(sequence.map(normalized), sequence.tag, sequence.style))
        case .scalar(let scalar) where isPlain(scalar) && Resolver.default.resolveTag(of: node) == .float:
            guard let number = Double(scalar.string), number.isFinite else { return node }
            return .scalar(.init(decimal(number), scalar.tag, scalar.style))
        default:
            return node
        }
    }

    /// An extension's value with every mapping's keys in order: it is kept as a dictionary too.
    static func sorted(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { ($0.key, sorted($0.value)) }.sorted { ($0.0.string ?? "") < ($1.0.string ?? "") }
            return .mapping(.init(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence): return .sequence(.init(sequence.map(sorted), sequence.tag, sequence.style))
        default: return node
        }
    }

    static func isPlain(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain || scalar.style == .any
    }

    /// The shortest text that reads back as `number`, always with a dot before any exponent.
    static func decimal(_ number: Double) -> String {
        var text = "\(number)"
        if !text.contains(".") {
            if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                text.insert(contentsOf: ".0", at: exponent)
            } else {
                text += ".0"
            }
        }
        return text
    }
}
