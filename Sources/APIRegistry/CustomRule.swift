import JSONModel

/// A rule a registry adds without a case of its own in `Rule`: an id, the sentence the spec and
/// guides state, and the check the mock runs on each record a write would store.
public struct CustomRule: Sendable {
    /// A stable name for the rule, used in messages and tests.
    public let id: String
    /// The rule in one sentence, which the spec and the guides print.
    public let sentence: String
    /// Problems with the record as it would be stored (`proposed`), given the stored one
    /// (`existing`, nil on create); each a field name (or `(root)`) and a message.
    public let check: @Sendable (_ proposed: JSONObject, _ existing: JSONObject?) -> [(field: String, message: String)]

    /// A rule called `id`, stated by `sentence`, checked by `check`.
    public init(
        _ id: String, sentence: String,
        check: @escaping @Sendable (_ proposed: JSONObject, _ existing: JSONObject?) -> [(field: String, message: String)]
    ) {
        self.id = id
        self.sentence = sentence
        self.check = check
    }
}
