import APIRegistry
import JSONModel

/// A one-resource registry for snippet tests: each test looks at one feature of the output.
enum Tiny {
    static func registry(
        example: JSONValue = ["id": 1, "name": "Widget", "size": 3, "date_created": "2020-01-01T00:00:00Z"],
        authentication: Authentication = .apiKey(header: "X-Key"), errorFormat: ErrorFormat = .statusTitleType
    ) -> Registry {
        let model = Model(
            "Thing", description: "A thing.", identifier: "id",
            fields: [
                Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
                Field("name", .string(minLength: 1, maxLength: 10), "Name.", requiredIn: [.read, .create]),
                Field("size", .integer(minimum: 0, maximum: 9), "Size."),
                Field("date_created", .dateTime, "Created.", visibility: [.read], requiredIn: [.read]),
            ],
            examples: [example])
        let things = Resource(
            name: "things", path: "/things", tag: "Things", operationNoun: "Things", description: "Things.", model: model,
            operations: [
                Operation(.list, summary: "List things", description: "Lists things."),
                Operation(.create, summary: "Create things", description: "Creates things.", batchLimit: 3, invalidExample: [["size": 1]]),
                Operation(
                    .update, summary: "Update things", description: "Updates things.", batchLimit: 3, invalidExample: [["name": "x"]]),
                Operation(.delete, summary: "Delete things", description: "Deletes things."),
            ],
            filters: [Filter("id", [.in]), Filter("name", [.eq, .like], "Name.")],
            sortKeys: ["name"])
        return Registry(
            info: APIInfo(
                title: "Tiny", version: "1.0.0", description: "A tiny API.", serverURL: "https://example.com/{tenant}",
                serverVariables: [(name: "tenant", defaultValue: "demo", description: "Tenant.")],
                authentication: authentication, authDescription: "A key.",
                scopes: [
                    Scope("things_read", access: .read, description: "Read."), Scope("things", access: .modify, description: "Write."),
                ],
                errorTypeURL: "https://example.com/errors", specFileName: "tiny.yaml", errorFormat: errorFormat),
            pagination: Pagination(defaultLimit: 20, maxLimit: 100),
            resources: [things])
    }
}

extension Filter {
    init(_ name: String, _ operators: [FilterOperator]) {
        self.init(name, operators, "\(name.capitalized).")
    }
}
