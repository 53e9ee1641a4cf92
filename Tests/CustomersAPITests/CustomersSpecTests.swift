import APIRegistry
import CustomersAPI
import Foundation
import JSONModel
import OpenAPIEmitter
import OpenAPIKit
import SchemaValidation
import Testing

/// The project root, found from this file: Tests/CustomersAPITests/ is two levels down.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func generated() throws -> GeneratedSpec { try GeneratedSpec(registry: CustomersV3.registry) }

@Suite struct GoldenFileTests {
    /// The committed spec/ is the reference output; `RECORD=1 swift test` rewrites it.
    @Test func committedSpecIsCurrent() throws {
        let spec = try generated()
        let url = root.appendingPathComponent("spec/\(spec.fileName)")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try Data(spec.yaml.utf8).write(to: url, options: .atomic)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(try committed == spec.yaml, "spec/ is stale: run `swift run specsmith generate` (or RECORD=1 swift test)")
    }

    @Test func generatingTwiceGivesTheSameBytes() throws {
        #expect(try generated().yaml == generated().yaml)
    }

    @Test func openAPIKitAcceptsTheYAML() throws {
        #expect(GeneratedSpec.validatorFindings(yaml: try generated().yaml) == [])
    }

    @Test func validatorFindingsNameTheProblem() {
        #expect(GeneratedSpec.validatorFindings(yaml: "openapi: 3.1.0\ninfo: {}\npaths: {}\n").first?.contains("title") == true)
    }
}

/// The properties the foundation issue promises of the Customers spec.
@Suite struct CustomersSpecTests {
    let document: OpenAPI.Document

    init() throws {
        document = try generated().document
    }

    func schema(_ name: String) throws -> JSONSchema {
        try #require(document.components.schemas[.init(stringLiteral: name)])
    }

    var operations: [(path: String, method: String, operation: OpenAPI.Operation)] {
        document.paths.flatMap { path, item in
            (item.b?.endpoints ?? []).map { (path.rawValue, $0.method.rawValue, $0.operation) }
        }
    }

    /// A client must know that any operation can be rate limited or fail on the server's side,
    /// and what a 429 tells it: the registry's rate-limit headers.
    @Test func everyOperationDeclaresTooManyRequestsAndServerErrors() throws {
        #expect(operations.count == 34)
        for (path, method, operation) in operations {
            #expect(operation.responses[429]?.reference?.name == "TooManyRequests", "\(method) \(path)")
            #expect(operation.responses[.range(.serverError)]?.reference?.name == "ServerError", "\(method) \(path)")
        }
        let tooMany = try #require(document.components.responses["TooManyRequests"]?.b)
        #expect(
            tooMany.headers?.keys.map { $0 } == [
                "X-Rate-Limit-Requests-Quota", "X-Rate-Limit-Requests-Left", "X-Rate-Limit-Time-Window-Ms", "X-Rate-Limit-Time-Reset-Ms",
            ])
        #expect(document.components.headers.count == 4)
    }

    /// Batch writes take arrays of at most ten; single-object writes (one metafield, a singleton,
    /// an action) take an object.
    @Test func everyBatchBodyIsAnArrayOfAtMostTen() throws {
        var objects: [String] = []
        var batches = 0
        for (path, method, operation) in operations {
            guard let body = operation.requestBody?.b?.content[.json]?.b?.schema else { continue }
            if case .array(_, let array) = body.value {
                batches += 1
                #expect(array.maxItems == 10, "\(method) \(path)")
                #expect(!path.contains("{"), "\(method) \(path)")
            } else {
                objects.append("\(method) \(path)")
            }
        }
        #expect(batches == 10)
        #expect(
            objects.sorted() == [
                "POST /customers/validate-credentials", "POST /customers/{customerId}/metafields", "PUT /customers/settings",
                "PUT /customers/settings/channels/{channel_id}", "PUT /customers/{customerId}/consent",
                "PUT /customers/{customerId}/metafields/{metafieldId}",
            ])
    }

    @Test func everyUpdateSchemaRequiresExactlyId() throws {
        let updates = document.components.schemas.filter { $0.key.rawValue.hasSuffix("Update") }
        #expect(updates.count == 4)
        for (_, schema) in updates {
            #expect(schema.objectContext?.requiredProperties == ["id"])
        }
    }

    @Test func noCreateSchemaMentionsServerFields() throws {
        let creates = document.components.schemas.filter { ["Create", "Upsert", "Input"].contains(where: $0.key.rawValue.hasSuffix) }
        #expect(creates.count == 17)
        for (name, schema) in creates {
            let properties = Array(schema.objectContext?.properties.keys ?? [])
            #expect(!properties.contains("id"), "\(name.rawValue)")
            #expect(!properties.contains("date_created"), "\(name.rawValue)")
            #expect(!properties.contains("date_modified"), "\(name.rawValue)")
        }
    }

    @Test func addressesCanBeFilteredByCustomer() throws {
        let list = try #require(operations.first { $0.path == "/customers/addresses" && $0.method == "GET" })
        #expect(list.operation.parameters.compactMap(\.b).map(\.name).contains("customer_id:in"))
    }

    @Test func everyDeleteRequiresIdIn() throws {
        let deletes = operations.filter { $0.method == "DELETE" && !$0.path.contains("{") }
        #expect(deletes.count == 5)
        for delete in deletes {
            let ids = try #require(delete.operation.parameters.compactMap(\.b).first { $0.name == "id:in" })
            #expect(ids.required)
        }
    }

    @Test func errorsAreADocumentedMapOfMessages() throws {
        let errors = try #require(try schema("ErrorResponse").objectContext?.properties["errors"])
        #expect(errors.reference?.name == "ErrorDetails")
        let details = try schema("ErrorDetails")
        #expect(details.description?.contains("[0].email") == true)
        guard case .b(let messages) = details.objectContext?.additionalProperties else {
            Issue.record("ErrorDetails must map locations to messages")
            return
        }
        #expect(messages.jsonType == .string)
    }

    @Test func everyBodyAndSuccessResponseHasAnExample() throws {
        for (path, method, operation) in operations {
            if let body = operation.requestBody?.b {
                #expect(body.content[.json]?.b?.example != nil, "\(method) \(path) request")
            }
            for (status, response) in operation.responses where status.rawValue.hasPrefix("2") {
                let content = try #require(response.b).content
                #expect(status.rawValue == "204" || content[.json]?.b?.example != nil, "\(method) \(path) \(status.rawValue)")
            }
        }
    }

    /// The published operationIds, where the published reference has the operation; the
    /// registry's own pattern (`getCustomerAddresses`) for the operations it had first.
    @Test func operationIdsAreStable() {
        #expect(
            operations.compactMap(\.operation.operationId).sorted() == [
                "createCustomerAddresses", "createCustomerAttributes", "createCustomerMetafields", "createCustomers",
                "createCustomersMetafields", "deleteCustomerAddresses", "deleteCustomerAttributeValues", "deleteCustomerAttributes",
                "deleteCustomerMetafieldsId", "deleteCustomers", "deleteCustomersMetafields", "getAllCustomersMetafields",
                "getCustomerAddresses", "getCustomerAttributeValues", "getCustomerAttributes", "getCustomerConsent",
                "getCustomerStoredInstruments", "getCustomers", "getCustomersFormFieldValues", "getCustomersMetafields",
                "getCustomersSettings", "getCustomersSettingsChannel", "getMetafieldsCustomerId", "updateCustomerAddresses",
                "updateCustomerAttributes", "updateCustomerConsent", "updateCustomerFormFieldValues", "updateCustomerMetafield",
                "updateCustomers",
                "updateCustomersMetafields", "updateCustomersSettings", "updateCustomersSettingsChannel",
                "upsertCustomerAttributeValues", "validateCustomerCredentials",
            ])
    }

    @Test func theEngineRejectsAnObjectFormBody() throws {
        let create = try #require(operations.first { $0.path == "/customers" && $0.method == "POST" })
        let body = try #require(create.operation.requestBody?.b?.content[.json]?.b?.schema)
        let issues = SchemaValidator(document: document).validate(
            ["email": "jane@example.com", "first_name": "Jane", "last_name": "Doe"], against: body, context: .request)
        #expect(issues.map(\.description) == ["(root): must be an array, got an object"])
    }
}
