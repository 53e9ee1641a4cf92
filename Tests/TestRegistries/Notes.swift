import APIRegistry
import JSONModel

/// A registry that is not Customers, so the guide runner is shown to work for any API:
/// notes in a workspace, served under a server path with a variable of its own.
public enum Notes {
    public static let model = Model(
        "Note", description: "A note.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
            Field("title", .string(minLength: 1, maxLength: 40), "Title.", requiredIn: [.read, .create]),
            Field("stars", .integer(minimum: 0, maximum: 5), "Stars."),
            Field("date_created", .dateTime, "Created.", visibility: [.read], requiredIn: [.read], derived: .createdAt),
            Field("date_modified", .dateTime, "Changed.", visibility: [.read], requiredIn: [.read], derived: .modifiedAt),
        ],
        examples: [
            ["id": 1, "title": "Groceries", "stars": 2, "date_created": "2020-01-01T00:00:00Z", "date_modified": "2020-01-01T00:00:00Z"]
        ])

    public static let registry = Registry(
        info: APIInfo(
            title: "Notes", version: "1.0.0", description: "Notes in a workspace.",
            serverURL: "https://notes.example.com/api/{workspace}/v1",
            serverVariables: [(name: "workspace", defaultValue: "home", description: "The workspace.")],
            authHeader: "X-Key", authDescription: "A key.",
            scopes: [Scope("notes_read", access: .read, description: "Read."), Scope("notes", access: .modify, description: "Write.")],
            errorTypeURL: "https://notes.example.com/errors", specFileName: "notes.yaml"),
        pagination: Pagination(defaultLimit: 10, maxLimit: 50),
        resources: [
            Resource(
                name: "notes", path: "/notes", tag: "Notes", operationNoun: "Notes", description: "Notes.", model: model,
                operations: [
                    Operation(.list, summary: "List notes", description: "Lists notes."),
                    Operation(
                        .create, summary: "Create notes", description: "Creates notes.", batchLimit: 5, invalidExample: [["stars": 1]]),
                    Operation(
                        .update, summary: "Update notes", description: "Updates notes.", batchLimit: 5, invalidExample: [["title": "x"]]),
                    Operation(.delete, summary: "Delete notes", description: "Deletes notes."),
                ],
                filters: [Filter("id", [.in], "Id."), Filter("title", [.eq, .like], "Title.")])
        ])
}
