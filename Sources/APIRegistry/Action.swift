import JSONModel

/// An operation beyond reading and writing records, such as `POST /books/{bookId}/lend` or
/// `POST /accounts/validate-credentials`: its body is a model of its own, and what it does is
/// a function the mock runs (the spec and guides describe it from the declaration).
public struct Action: Sendable {
    /// The path segment after the collection or item path: `lend`.
    public let name: String
    /// On one record (`/books/{bookId}/lend`) or on the collection (`/books/search`).
    public let onItem: Bool
    /// A short phrase for the spec and the guides (`Lend a book`).
    public let summary: String
    /// What the action does, for the spec and the guides.
    public let description: String
    /// The body: a value model, all of whose fields are request fields.
    public let request: Model
    /// What a success answers: the resource's record as it is afterwards, or a model of its own.
    public let response: Response
    /// The body the spec and guides show; by default the request model's first example.
    public let requestExample: JSONValue?
    /// A body that must be refused with 422, for the spec's error example.
    public let invalidExample: JSONValue?
    /// A body that passes the schema but that `perform` refuses on the sample store, for the
    /// spec's example of a refusal; nil when there is none to show.
    public let refusalExample: JSONValue?
    /// Needs only the read scope: the action changes nothing.
    public let readOnly: Bool
    /// The spec's operationId; by default the name in camel case and the model's name (`lendBook`).
    public let operationID: String?
    /// The tag grouping the action in the spec and guides; by default its resource's.
    public let tag: String?
    /// What the action does, given the request and the store; run by the mock.
    public let perform: @Sendable (ActionContext) -> ActionOutcome

    /// What a successful action answers.
    public enum Response: Sendable {
        case record
        case model(Model, example: JSONValue)
    }

    /// Declares an action; see the properties for what each argument means.
    public init(
        _ name: String, onItem: Bool, summary: String, description: String, request: Model, response: Response = .record,
        requestExample: JSONValue? = nil, invalidExample: JSONValue? = nil, refusalExample: JSONValue? = nil, readOnly: Bool = false,
        operationID: String? = nil, tag: String? = nil, perform: @escaping @Sendable (ActionContext) -> ActionOutcome
    ) {
        self.name = name
        self.onItem = onItem
        self.summary = summary
        self.description = description
        self.request = request
        self.response = response
        self.requestExample = requestExample
        self.invalidExample = invalidExample
        self.refusalExample = refusalExample
        self.readOnly = readOnly
        self.operationID = operationID
        self.tag = tag
        self.perform = perform
    }
}

/// What an action is given: its body, the record it names (item actions), the time, and a way
/// to look at the store.
public struct ActionContext: Sendable {
    /// The request body, as validated against the action's request model.
    public let body: JSONObject
    /// The record the item path names, as stored; nil for a collection action.
    public let record: JSONObject?
    /// The server's clock, as an RFC 3339 date-time.
    public let now: String
    /// The stored records of a resource (by name) whose `field` equals `value` (emails in any case).
    public let find: @Sendable (_ resource: String, _ field: String, _ value: JSONValue) -> [JSONObject]
    /// Whether `candidate` is the secret a stored record holds at a field path
    /// (`authentication.new_password`); false when it holds none.
    public let matchesSecret: @Sendable (_ record: JSONObject, _ path: String, _ candidate: String) -> Bool
    /// A singleton's object as a `GET` shows it (by name, and key when it has one); nil when the
    /// key names none.
    public let singleton: @Sendable (_ name: String, _ key: Int?) -> JSONObject?

    /// What the mock hands an action.
    public init(
        body: JSONObject, record: JSONObject?, now: String,
        find: @escaping @Sendable (_ resource: String, _ field: String, _ value: JSONValue) -> [JSONObject],
        matchesSecret: @escaping @Sendable (_ record: JSONObject, _ path: String, _ candidate: String) -> Bool = { _, _, _ in false },
        singleton: @escaping @Sendable (_ name: String, _ key: Int?) -> JSONObject? = { _, _ in nil }
    ) {
        self.body = body
        self.record = record
        self.now = now
        self.find = find
        self.matchesSecret = matchesSecret
        self.singleton = singleton
    }
}

/// What an action did.
public enum ActionOutcome: Sendable {
    /// Change these fields of the named record (item actions) and answer with the record.
    case update(JSONObject)
    /// Answer with this body (for a `.model` response), changing nothing.
    case answer(JSONValue)
    /// Refuse with 422: each problem at a field path of the body (or `(root)`), nothing changed.
    case refuse([(path: String, message: String)])
}
