import APIRegistry
import JSONModel

/// A registry of another style than Customers, for the mock's tests: one record per request,
/// item paths, PATCH, cursor pages (and a list that also takes `page`), a bearer token, RFC 9457
/// problems, bare records, an enum, a nested object, a server path with a variable of its own,
/// reviews under each book's path, and the library's settings.
public enum Library {
    public static let edition = Model(
        "Edition", description: "How the book is made.",
        fields: [
            Field("pages", .integer(minimum: 1, maximum: 10_000), "Number of pages.", requiredIn: [.create]),
            Field("language", .string(minLength: 2, maxLength: 2), "ISO 639-1 language code.", requiredIn: [.create]),
        ])

    public static let author = Model(
        "Author", description: "A writer.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
            Field("name", .string(minLength: 1, maxLength: 80), "Full name.", requiredIn: [.read, .create]),
        ],
        examples: [["id": 1, "name": "Ursula K. Le Guin"]])

    public static let book = Model(
        "Book", description: "A book on the shelves.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
            Field("title", .string(minLength: 1, maxLength: 120), "Title.", requiredIn: [.read, .create]),
            Field("author_id", .integer(minimum: 1, maximum: nil), "The author.", requiredIn: [.read, .create]),
            Field(
                "status", .enumeration(["available", "lent", "lost"]), "Where the book is.", requiredIn: [.read],
                defaultValue: "available"),
            Field("edition", .model(edition), "How the book is made."),
            Field("borrower", .string(minLength: 1, maxLength: 80), "Who has the book, while it is lent.", visibility: [.read]),
            Field("date_created", .dateTime, "Created.", visibility: [.read], requiredIn: [.read], derived: .createdAt),
            Field("date_modified", .dateTime, "Changed.", visibility: [.read], requiredIn: [.read], derived: .modifiedAt),
        ],
        examples: [
            [
                "id": 1, "title": "The Dispossessed", "author_id": 1, "status": "available",
                "edition": ["pages": 387, "language": "en"], "date_created": "2024-01-01T00:00:00Z",
                "date_modified": "2024-01-01T00:00:00Z",
            ],
            [
                "id": 2, "title": "The Left Hand of Darkness", "author_id": 1, "status": "lent",
                "date_created": "2024-01-02T00:00:00Z", "date_modified": "2024-01-02T00:00:00Z",
            ],
            [
                "id": 3, "title": "A Wizard of Earthsea", "author_id": 1, "status": "available",
                "date_created": "2024-01-03T00:00:00Z", "date_modified": "2024-01-03T00:00:00Z",
            ],
        ])

    public static let review = Model(
        "Review", description: "A reader's review of a book.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Id.", visibility: [.read], requiredIn: [.read]),
            Field("book_id", .integer(minimum: 1, maximum: nil), "The book.", visibility: [.read], requiredIn: [.read]),
            Field("stars", .integer(minimum: 1, maximum: 5), "One to five.", requiredIn: [.read, .create]),
            Field("text", .string(maxLength: 500), "What the reader thought.", defaultValue: ""),
        ],
        examples: [["id": 1, "book_id": 1, "stars": 5, "text": "Anarchy, lovingly argued."]])

    public static let settings = Model(
        "LibrarySettings", description: "How the library lends.",
        fields: [
            Field("loan_days", .integer(minimum: 1, maximum: 60), "Days a loan lasts unless the loan says otherwise.", defaultValue: 14),
            Field("late_fee", .model(fee), "What a late day costs."),
        ])

    public static let fee = Model(
        "Fee", description: "An amount per day.",
        fields: [
            Field("amount", .number(minimum: 0, maximum: nil), "Per day.", defaultValue: 0.5),
            Field("currency", .enumeration(["EUR", "USD"]), "Currency.", defaultValue: "EUR"),
        ])

    public static let loan = Model(
        "Loan", description: "Who borrows the book, and for how long.",
        fields: [
            Field("borrower", .string(minLength: 1, maxLength: 80), "Who borrows it.", requiredIn: [.create]),
            Field("days", .integer(minimum: 1, maximum: 60), "For how many days.", requiredIn: [.create]),
        ],
        examples: [["borrower": "Ada", "days": 14]])

    public static let titleQuery = Model(
        "TitleQuery", description: "A title to look for.",
        fields: [Field("title", .string(minLength: 1, maxLength: 120), "The exact title.", requiredIn: [.create])],
        examples: [["title": "The Dispossessed"]])

    public static let availability = Model(
        "Availability", description: "Whether a copy of the title can be lent now.",
        fields: [
            Field("title", .string(), "The title asked about.", requiredIn: [.create]),
            Field("available", .integer(minimum: 0, maximum: nil), "Copies on the shelf.", requiredIn: [.create]),
        ])

    /// Lends an available book; a lent or lost one is refused.
    public static let lend = Action(
        "lend", onItem: true, summary: "Lend a book", description: "Lends an available book to a borrower.", request: loan,
        invalidExample: ["borrower": "Ada", "days": 0]
    ) { context in
        guard context.record?["status"]?.stringValue == "available" else {
            return .refuse([
                ("(root)", "the book is \(context.record?["status"]?.stringValue ?? "gone"); only an available book can be lent")
            ])
        }
        return .update(JSONObject([("status", "lent"), ("borrower", context.body["borrower"] ?? .null)]))
    }

    /// What a subscriber of the library's events receives: the event, the library, the book as it is now.
    public static let bookEvent = EventPayload(
        "LibraryBookEvent", description: "Something happened to a book.",
        members: [
            .init("type", .event, "What happened."), .init("library", .tenant, "The library."),
            .init("at", .timestamp, "When."), .init("book", .record, "The book afterwards."),
        ])

    /// Counts the available copies of a title; changes nothing.
    public static let available = Action(
        "availability", onItem: false, summary: "Check availability", description: "Counts the available copies of a title.",
        request: titleQuery, response: .model(availability, example: ["title": "The Dispossessed", "available": 1]),
        invalidExample: ["title": ""], readOnly: true
    ) { context in
        let title = context.body["title"] ?? .null
        let copies = context.find("books", "title", title).filter { $0["status"] == "available" }
        return .answer(["title": title, "available": .integer(copies.count)])
    }

    /// A rule the DSL has no case for: a registry's own.
    public static let noShouting = CustomRule("title-not-shouting", sentence: "`title` may not be written in capitals only.") {
        proposed, _ in
        guard let title = proposed["title"]?.stringValue, title.count > 3, title == title.uppercased(), title != title.lowercased() else {
            return []
        }
        return [("title", "may not be written in capitals only")]
    }

    public static let registry = Registry(
        info: APIInfo(
            title: "Library", version: "2.0.0", description: "Books and their authors.",
            serverURL: "https://api.library.example/{tenant}/v2",
            serverVariables: [(name: "tenant", defaultValue: "main", description: "The library.")],
            authentication: .bearer(format: nil), authDescription: "A bearer token.",
            scopes: [
                Scope("library.read", access: .read, description: "Read."), Scope("library.write", access: .modify, description: "Write."),
            ],
            errorTypeURL: "https://api.library.example/problems", specFileName: "library.yaml", errorFormat: .problemDetails),
        pagination: Pagination(defaultLimit: 2, maxLimit: 20, style: .cursor),
        resources: [
            Resource(
                name: "authors", path: "/authors", tag: "Authors", operationNoun: "Authors", description: "Authors.", model: author,
                operations: [
                    Operation(.list, summary: "List authors", description: "Lists authors."),
                    Operation(.createOne, summary: "Add an author", description: "Adds an author.", invalidExample: ["name": ""]),
                    Operation(.read, summary: "Get an author", description: "One author."),
                    Operation(.deleteOne, summary: "Remove an author", description: "Removes an author without books."),
                ],
                filters: [Filter("name", [.like], "Name.")], itemParameter: "authorId", paging: [.cursor, .page]),
            Resource(
                name: "books", path: "/books", tag: "Books", operationNoun: "Books", description: "Books.", model: book,
                operations: [
                    Operation(.list, summary: "List books", description: "Lists books."),
                    Operation(
                        .createOne, summary: "Add a book", description: "Adds a book.",
                        requestExample: ["title": "The Lathe of Heaven", "author_id": 1, "edition": ["pages": 184, "language": "en"]],
                        invalidExample: ["title": "", "author_id": 1]),
                    Operation(.read, summary: "Get a book", description: "One book."),
                    Operation(
                        .patch, summary: "Change a book", description: "Changes the fields sent.", requestExample: ["status": "lent"],
                        invalidExample: ["status": "burnt"]),
                    Operation(.deleteOne, summary: "Remove a book", description: "Removes a book."),
                ],
                filters: [Filter("status", [.eq, .in], "Status."), Filter("author_id", [.in], "Author.")],
                relations: [Relation("author_id", references: "authors", onDelete: .restrict)], rules: [.custom(noShouting)],
                itemParameter: "bookId", actions: [lend, available],
                events: [Event("book.lent", on: .action("lend"), summary: "A book was lent.", payload: bookEvent)]),
            Resource(
                name: "reviews", path: "/reviews", tag: "Reviews", operationNoun: "Reviews", description: "Reviews of books.",
                model: review,
                operations: [
                    Operation(.list, summary: "List a book's reviews", description: "The book's reviews.", scoped: true),
                    Operation(
                        .createOne, summary: "Review a book", description: "Adds a review.", invalidExample: ["stars": 6], scoped: true),
                    Operation(.read, summary: "Get a review", description: "One review."),
                    Operation(.deleteOne, summary: "Remove a review", description: "Removes a review."),
                ],
                filters: [Filter("stars", [.min], "Stars.")],
                relations: [Relation("book_id", references: "books", onDelete: .cascade)], itemParameter: "reviewId",
                parent: ParentScope("books", path: "/books/{bookId}/reviews", field: "book_id")),
        ],
        singletons: [
            Singleton(
                name: "library-settings", path: "/settings", scope: .store, tag: "Settings", description: "The library's settings.",
                model: settings, read: SingletonOperation(summary: "Get the settings", description: "The settings."),
                update: SingletonOperation(
                    summary: "Change the settings", description: "Changes the settings.", invalidExample: ["loan_days": 0]))
        ],
        recordEnvelope: .bare)
}
