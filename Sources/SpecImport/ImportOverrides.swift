import JSONModel
import SpecReader

/// Corrections of how a document is understood, kept outside it (`--overrides FILE`), for a
/// document a team does not edit: per operation, the `x-specsmith-*` keys the operation could
/// carry itself, which they stand before.
///
/// ```yaml
/// GET /reports/{reportId}/summary:
///   x-specsmith-example-only: true     # answered from the document, not kept as records
/// POST /orders:
///   x-specsmith-resource: purchases    # the resource's name
/// GET /products/{code}:
///   x-specsmith-identifier: sku        # the field that identifies a record
/// ```
public struct ImportOverrides: Sendable {
    /// The corrections, by operation (`GET /reports/{reportId}/summary`).
    public let operations: [String: JSONObject]

    /// Why an override file cannot be used, with its file and line.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// No corrections.
    public init() {
        operations = [:]
    }

    /// The corrections `text` (YAML or JSON) of `file` gives, each checked against `document`:
    /// an operation it does not have, a key that corrects nothing, or a value of the wrong kind
    /// is refused with its line.
    public init(text: String, file: String, for document: SpecDocument) throws(Failure) {
        let loaded: SpecNode?
        do {
            loaded = try SpecNode.load(text)
        } catch {
            throw Failure(description: "\(file): not YAML or JSON: \(error)")
        }
        guard let root = loaded, root.isMapping else {
            throw Failure(description: "\(file): must be a mapping of operations (`GET /orders: {…}`)")
        }
        let known = document.operations.map { "\($0.method.uppercased()) \($0.path)" }
        var operations: [String: JSONObject] = [:]
        for member in root.members {
            let here = "\(file):\(member.value.location.line)"
            let parts = member.key.split(separator: " ", maxSplits: 1)
            let key = parts.count == 2 ? "\(parts[0].uppercased()) \(parts[1])" : member.key
            guard known.contains(key) else {
                let hint = Spelling.closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? ""
                throw Failure(description: "\(here): '\(member.key)' names no operation of the document (write METHOD /path)\(hint)")
            }
            guard case .object(let settings) = member.value.json else {
                throw Failure(description: "\(here): '\(member.key)' must be a mapping of x-specsmith-* keys")
            }
            for (name, value) in settings {
                switch name {
                case "x-specsmith-example-only" where value.boolValue != nil: continue
                // A `where` binds to the last pattern only, so each name has its own case.
                case "x-specsmith-resource" where !(value.stringValue ?? "").isEmpty: continue
                case "x-specsmith-identifier" where !(value.stringValue ?? "").isEmpty: continue
                case "x-specsmith-example-only", "x-specsmith-resource", "x-specsmith-identifier":
                    let kind =
                        name == "x-specsmith-example-only"
                        ? "true or false" : name == "x-specsmith-resource" ? "a resource name" : "a field name"
                    throw Failure(description: "\(here): \(name) of '\(member.key)' must be \(kind)")
                default:
                    throw Failure(
                        description:
                            "\(here): '\(name)' corrects nothing; the keys are \(Inference.overrideKeys.joined(separator: ", "))")
                }
            }
            operations[key] = settings
        }
        self.operations = operations
    }
}
