import APIRegistry
import Foundation
import JSONModel
import OpenAPIKit

extension DocumentEmitter {
    /// The events of every resource, in declaration order.
    var events: [(resource: Resource, event: Event)] {
        registry.resources.flatMap { resource in resource.events.map { (resource, $0) } }
    }

    /// One schema per event payload, its `event` member an enumeration of the events that send it.
    func eventPayloadSchemas() -> [(String, JSONSchema)] {
        var order: [String] = []
        var found: [String: (payload: EventPayload, resource: Resource, names: [String])] = [:]
        for (resource, event) in events {
            if found[event.payload.name] == nil { order.append(event.payload.name) }
            found[event.payload.name, default: (event.payload, resource, [])].names.append(event.name)
        }
        return order.compactMap { name in
            found[name].map { (name, payloadSchema($0.payload, of: $0.resource, names: $0.names)) }
        }
    }

    func payloadSchema(_ payload: EventPayload, of resource: Resource, names: [String]) -> JSONSchema {
        // Members nest by path: build the tree of objects, then their schemas from the leaves up.
        func schema(_ value: EventPayload.Value, _ description: String) -> JSONSchema {
            let core = Core(description: description)
            switch value {
            case .event: return .string(Core(description: description, allowedValues: names.map(JSONValue.string)).context(), .init())
            case .eventID: return .string(core.context(), .init(minLength: 1))
            case .tenant, .text: return .string(core.context(), .init(minLength: 1))
            case .recordID:
                let identifier = resource.model.identifier.flatMap(resource.model.field(named:))
                return identifier.map { Self.schema(for: $0.type, core: core) } ?? .string(core.context(), .init())
            case .field(let name):
                let field = resource.model.field(named: name)
                return field.map { Self.schema(for: $0.type, core: core) } ?? .string(core.context(), .init())
            case .record: return Self.ref(resource.model.name, description: description)
            case .time: return .integer(core.context(), .init(minimum: (0, exclusive: false)))
            case .timestamp: return .string(core.context(.dateTime), .init())
            case .hash: return .string(core.context(), .init(pattern: "^[0-9a-f]{40}$"))
            case .constant(let constant):
                return .string(Core(description: description, allowedValues: [constant]).context(), .init())
            }
        }
        func object(_ members: [(path: ArraySlice<String>, member: EventPayload.Member)], description: String?) -> JSONSchema {
            var properties = OrderedDictionary<String, JSONSchema>()
            var groups: [String: [(path: ArraySlice<String>, member: EventPayload.Member)]] = [:]
            var order: [String] = []
            for entry in members {
                guard let head = entry.path.first else { continue }
                if groups[head] == nil { order.append(head) }
                groups[head, default: []].append((entry.path.dropFirst(), entry.member))
            }
            for name in order {
                let group = groups[name] ?? []
                if group.count == 1, let only = group.first, only.path.isEmpty {
                    properties[name] = schema(only.member.value, only.member.description)
                } else {
                    properties[name] = object(group, description: nil)
                }
            }
            return .object(.init(description: description), .init(properties: properties))
        }
        return object(payload.members.map { ($0.path[...], $0) }, description: payload.description)
    }

    /// The payload a subscriber receives for `event`, as its example: the resource's first
    /// example record, in the server's default store.
    func eventExample(_ event: Event, of resource: Resource) -> JSONValue {
        let read = readExample(resource)
        let identifier = resource.model.identifier ?? "id"
        let tenant = registry.info.serverVariables.map(\.defaultValue).joined(separator: ".")
        return EventBodies.payload(
            event, id: EventBodies.eventID(1), tenant: tenant.isEmpty ? "default" : tenant,
            time: Date(timeIntervalSince1970: 1_767_323_045),
            recordID: read[identifier] ?? .null, stored: read.objectValue ?? JSONObject(), read: read)
    }

    /// `webhooks:`: each event as the `POST` subscribers receive, signed as Standard Webhooks
    /// sign it.
    func webhooks() throws(Failure) -> OrderedDictionary<String, Either<OpenAPI.Reference<OpenAPI.PathItem>, OpenAPI.PathItem>> {
        var webhooks = OrderedDictionary<String, Either<OpenAPI.Reference<OpenAPI.PathItem>, OpenAPI.PathItem>>()
        let headers: [(String, String)] = [
            ("webhook-id", "The event's id, the same on every retry: handle each id once."),
            ("webhook-timestamp", "When this attempt was sent, in Unix seconds: refuse one far from your clock."),
            (
                "webhook-signature",
                "`v1,` and the Base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` under the subscription's secret."
            ),
        ]
        for (resource, event) in events {
            let words = event.name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            let operationID = words.enumerated().map { $0.offset == 0 ? $0.element.lowercased() : $0.element.capitalized }.joined()
            var responses = OpenAPI.Response.Map()
            responses[.range(.success)] = .b(
                OpenAPI.Response(description: "Acknowledged. Any other answer, or none within the timeout, is retried with backoff."))
            let operation = OpenAPI.Operation(
                tags: [resource.tag], summary: event.summary,
                description: "Sent to subscribers of `\(event.name)` after the change is committed, in commit order, at least once.",
                operationId: operationID,
                parameters: headers.map { name, description in
                    .parameter(
                        OpenAPI.Parameter(
                            name: name, context: .header(required: true, schema: .string(.init(), .init(minLength: 1))),
                            description: description))
                },
                requestBody: OpenAPI.Request(
                    description: event.payload.description,
                    content: [
                        .json: .b(
                            OpenAPI.Content(schema: Self.ref(event.payload.name), example: eventExample(event, of: resource).anyCodable))
                    ],
                    required: true),
                responses: responses, security: [])
            webhooks[event.name] = .b(OpenAPI.PathItem(post: operation))
        }
        decoded.read(registry.documentedWebhooks)
        for documented in registry.documentedWebhooks {
            var item = webhooks[documented.path]?.b ?? OpenAPI.PathItem()
            let method = OpenAPI.HttpMethod(rawValue: documented.method) ?? "POST"
            guard item.for(method) == nil else { continue }
            item.set(operation: try decoded.operation(documented), for: method)
            webhooks[documented.path] = .b(item)
        }
        return webhooks
    }
}
