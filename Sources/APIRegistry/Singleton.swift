import JSONModel

/// One object at a path rather than a collection of records, read with `GET` and changed with
/// `PUT`: a shop's settings (`/shop/settings`), one per channel
/// (`/shop/settings/channels/{channel_id}`), or one per record of a resource
/// (`/orders/{orderId}/delivery`). A `PUT` changes the fields it sends, one value object
/// down; the others keep their values. Before any `PUT`, it holds its fields' default values.
public struct Singleton: Sendable {
    /// How many objects the path names.
    public enum Scope: Sendable, Equatable {
        /// One for the whole store.
        case store
        /// One per record of the named resource, whose id is the path's parameter; a record that
        /// does not exist is a 404 naming it, and deleting the record deletes its object.
        case record(of: String)
        /// One per whole number in this range, the path's parameter (a channel id): every key
        /// has an object, holding its defaults until written.
        case key(minimum: Int, maximum: Int)
    }

    /// Stable identifier, and the name of its table in a mock store (`shop-settings`).
    public let name: String
    /// Its path under the server URL.
    public let path: String
    /// How many objects the path names.
    public let scope: Scope
    /// Tag grouping its operations in the spec and the guides.
    public let tag: String
    /// What it holds, for the spec and the guides.
    public let description: String
    /// The object's fields: visible in `.read` to be returned, in `.update` to be set.
    public let model: Model
    /// `GET`.
    public let read: SingletonOperation
    /// `PUT`; nil when the object cannot be changed through the API.
    public let update: SingletonOperation?
    /// How an answer shows the object; nil for the registry's `recordEnvelope`.
    public let envelope: RecordEnvelope?
    /// The singleton whose values this one's `null` fields stand for: a channel's setting left
    /// `null` inherits the store's.
    public let inherits: String?
    /// Checks on the object as a `PUT` would leave it (`custom` rules).
    public let rules: [Rule]

    /// Declares a singleton.
    public init(
        name: String, path: String, scope: Scope, tag: String, description: String, model: Model, read: SingletonOperation,
        update: SingletonOperation?, envelope: RecordEnvelope? = nil, inherits: String? = nil, rules: [Rule] = []
    ) {
        self.name = name
        self.path = path
        self.scope = scope
        self.tag = tag
        self.description = description
        self.model = model
        self.read = read
        self.update = update
        self.envelope = envelope
        self.inherits = inherits
        self.rules = rules
    }

    /// The path parameter naming which object, when there is one.
    public var parameter: String? { scope == .store ? nil : PathTemplate.parameters(path).last }

    /// The operationIds: the operation's own, or `get`/`update` and the model's name.
    public var readOperationID: String { read.operationID ?? "get\(model.name)" }
    /// The `PUT` operation's id: its own, or `update` and the model's name.
    public var updateOperationID: String { update?.operationID ?? "update\(model.name)" }

    /// The HTTP methods the path answers.
    public var methods: [String] { update == nil ? ["GET"] : ["GET", "PUT"] }
}

/// The prose and examples of a singleton's `GET` or `PUT`.
public struct SingletonOperation: Sendable {
    /// A short phrase for the spec and the guides.
    public let summary: String
    /// What it does, for the spec and the guides.
    public let description: String
    /// The spec's operationId, when the default is not wanted.
    public let operationID: String?
    /// The body a `PUT` shows; by default the model's first example cut to what a `PUT` takes.
    public let requestExample: JSONValue?
    /// A body a `PUT` must refuse, for the spec's 422 example.
    public let invalidExample: JSONValue?

    /// Declares a singleton's `GET` or `PUT`.
    public init(
        summary: String, description: String, operationID: String? = nil, requestExample: JSONValue? = nil,
        invalidExample: JSONValue? = nil
    ) {
        self.summary = summary
        self.description = description
        self.operationID = operationID
        self.requestExample = requestExample
        self.invalidExample = invalidExample
    }
}

extension Model {
    /// A copy under another name whose every field also takes `null`, nested value objects
    /// included (named `prefix` + their name): for overrides, where `null` means "inherit".
    public func allowingNull(named name: String, nestedPrefix prefix: String) -> Model {
        func nullable(_ field: Field) -> Field {
            var type = field.type
            if case .model(let nested) = field.type {
                type = .model(nested.allowingNull(named: prefix + nested.name, nestedPrefix: prefix))
            }
            return Field(
                field.name, type, field.description, visibility: field.visibility, requiredIn: field.requiredIn, example: field.example,
                derived: field.derived, samples: field.samples, defaultValue: type.isModel ? field.defaultValue : .null,
                embeddedName: field.embeddedName, includedAs: field.includedAs, secret: field.secret, nullable: !type.isModel)
        }
        return Model(name, description: description, identifier: identifier, fields: fields.map(nullable), examples: examples)
    }

    /// The object a singleton holds before it is written: each field's default, nested value
    /// objects built the same way; fields without a default are left out.
    public var defaults: JSONObject {
        var object = JSONObject()
        for field in fields where field.isVisible(in: .read) && field.derived == nil {
            if case .model(let nested) = field.type {
                object[field.name] = .object(nested.defaults)
            } else if let value = field.defaultValue {
                object[field.name] = value
            }
        }
        return object
    }
}

extension FieldType {
    var isModel: Bool {
        if case .model = self { return true }
        return false
    }
}

extension Registry {
    /// The collection paths the API serves, then its singletons' paths: for messages about a
    /// path that is none of them.
    public var servedPaths: [String] {
        resources.flatMap(\.servedPaths) + singletons.map(\.path)
    }

    /// The singleton called `name`, if there is one.
    public func singleton(named name: String) -> Singleton? {
        singletons.first { $0.name == name }
    }

    /// The singleton a concrete path names, with the value of its parameter.
    public func locateSingleton(_ path: String) -> (singleton: Singleton, key: String?)? {
        for singleton in singletons {
            guard let values = PathTemplate.match(singleton.path, path) else { continue }
            return (singleton, singleton.parameter.flatMap { values[$0] })
        }
        return nil
    }
}
