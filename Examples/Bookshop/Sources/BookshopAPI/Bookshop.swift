import APIRegistry
import JSONModel

/// The Bookshop API: a small shop's catalogue in the style of many modern JSON APIs, unlike
/// Customers V3 on every axis: one record per request on item paths (`/books/{bookId}`),
/// partial updates with PATCH, cursor pages, bearer tokens, RFC 9457 problem details, and an
/// action (`POST /books/{bookId}/reserve`).
public enum Bookshop {
    static let price = Model(
        "Price", description: "What a copy costs.",
        fields: [
            Field("amount", .number(minimum: 0, maximum: 10_000), "The amount, in the currency's main unit.", requiredIn: [.create]),
            Field("currency", .enumeration(["EUR", "GBP", "USD"]), "ISO 4217 currency code.", requiredIn: [.create]),
        ])

    static let author = Model(
        "Author", description: "A writer whose books the shop sells.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Assigned by the server.", visibility: [.read], requiredIn: [.read]),
            Field("name", .string(minLength: 1, maxLength: 100), "Full name.", requiredIn: [.read, .create]),
            Field("born", .date, "Date of birth."),
            Field(
                "created_at", .dateTime, "When the author was added (RFC 3339, UTC).", visibility: [.read], requiredIn: [.read],
                derived: .createdAt),
        ],
        examples: [
            ["id": 1, "name": "Ursula K. Le Guin", "born": "1929-10-21", "created_at": "2024-03-01T09:00:00Z"],
            ["id": 2, "name": "Octavia E. Butler", "born": "1947-06-22", "created_at": "2024-03-01T09:00:00Z"],
        ])

    static let book = Model(
        "Book", description: "A title in the catalogue, with its price and stock.", identifier: "id",
        fields: [
            Field("id", .integer(minimum: 1, maximum: nil), "Assigned by the server.", visibility: [.read], requiredIn: [.read]),
            Field("title", .string(minLength: 1, maxLength: 200), "The title.", requiredIn: [.read, .create]),
            Field("author_id", .integer(minimum: 1, maximum: nil), "The author.", requiredIn: [.read, .create]),
            Field(
                "isbn", .string(pattern: "^97[89][0-9]{10}$"), "ISBN-13, digits only; unique in the catalogue.",
                requiredIn: [.read, .create]),
            Field("format", .enumeration(["hardcover", "paperback", "ebook"]), "How the book is made.", requiredIn: [.read, .create]),
            Field("price", .model(price), "What a copy costs.", requiredIn: [.read, .create]),
            Field("stock", .integer(minimum: 0, maximum: 100_000), "Copies on hand.", requiredIn: [.read], defaultValue: 0),
            Field(
                "created_at", .dateTime, "When the book was added (RFC 3339, UTC).", visibility: [.read], requiredIn: [.read],
                derived: .createdAt),
            Field(
                "updated_at", .dateTime, "When the book last changed (RFC 3339, UTC).", visibility: [.read], requiredIn: [.read],
                derived: .modifiedAt),
        ],
        examples: [
            [
                "id": 1, "title": "The Dispossessed", "author_id": 1, "isbn": "9780061054884", "format": "paperback",
                "price": ["amount": 11.99, "currency": "EUR"], "stock": 4, "created_at": "2024-03-01T09:00:00Z",
                "updated_at": "2024-03-01T09:00:00Z",
            ],
            [
                "id": 2, "title": "The Left Hand of Darkness", "author_id": 1, "isbn": "9780441004782", "format": "hardcover",
                "price": ["amount": 24.5, "currency": "EUR"], "stock": 0, "created_at": "2024-03-01T09:00:00Z",
                "updated_at": "2024-03-01T09:00:00Z",
            ],
            [
                "id": 3, "title": "Kindred", "author_id": 2, "isbn": "9780553380163", "format": "ebook",
                "price": ["amount": 7.99, "currency": "USD"], "stock": 100, "created_at": "2024-03-01T09:00:00Z",
                "updated_at": "2024-03-01T09:00:00Z",
            ],
        ])

    static let reservationRequest = Model(
        "ReservationRequest", description: "Who reserves copies of the book, and how many.",
        fields: [
            Field(
                "email", .string(format: .email, maxLength: 200), "Where the shop writes when the copies are ready.", requiredIn: [.create]),
            Field("quantity", .integer(minimum: 1, maximum: 5), "Copies to set aside.", requiredIn: [.create]),
        ],
        examples: [["email": "ada@example.com", "quantity": 2]])

    /// Sets copies aside: the stock goes down, or the reservation is refused when there are too few.
    static let reserve = Action(
        "reserve", onItem: true, summary: "Reserve copies",
        description:
            "Sets copies of the book aside for a reader; the stock goes down by the quantity. Fewer copies in stock than asked for is a 422, and nothing changes.",
        request: reservationRequest, invalidExample: ["email": "ada@example.com", "quantity": 9]
    ) { context in
        let stock = context.record?["stock"]?.intValue ?? 0
        let wanted = context.body["quantity"]?.intValue ?? 0
        guard wanted <= stock else {
            return .refuse([("quantity", "is \(wanted), but only \(stock) \(stock == 1 ? "copy is" : "copies are") in stock")])
        }
        return .update(JSONObject([("stock", .integer(stock - wanted))]))
    }

    /// What a subscriber receives, in this API's own style: the event with the whole book as it
    /// is after the change.
    static let bookEvent = EventPayload(
        "BookEvent", description: "Something happened to a book; `data.object` is the book afterwards.",
        members: [
            .init("id", .eventID, "The event's id: handle each one once."),
            .init("type", .event, "What happened."),
            .init("created_at", .timestamp, "When it happened (RFC 3339, UTC)."),
            .init(path: ["data", "object"], .record, "The book after the change."),
        ])
    static let bookEvents = [
        Event("book.created", on: .created, summary: "A book was added to the catalogue.", payload: bookEvent),
        Event("book.reserved", on: .action("reserve"), summary: "Copies of a book were reserved; its stock went down.", payload: bookEvent),
    ]
    /// ISBN-13's check digit, a rule the DSL has no case for.
    static let isbnChecksum = CustomRule("isbn-checksum", sentence: "`isbn` must be an ISBN-13 whose check digit is right.") {
        proposed, _ in
        guard let isbn = proposed["isbn"]?.stringValue, isbn.count == 13, isbn.allSatisfy(\.isNumber) else { return [] }
        let digits = isbn.compactMap { $0.wholeNumberValue }
        let sum = digits.prefix(12).enumerated().reduce(0) { $0 + $1.element * ($1.offset.isMultiple(of: 2) ? 1 : 3) }
        let check = (10 - sum % 10) % 10
        return check == digits[12] ? [] : [("isbn", "has the check digit \(digits[12]); an ISBN-13 starting so ends in \(check)")]
    }

    public static let registry = Registry(
        info: APIInfo(
            title: "Bookshop", version: "1.0.0",
            description: """
                The catalogue of a small bookshop: authors, books with their prices and stock, and \
                reservations. One record per request, partial updates with PATCH, cursor pages, and \
                RFC 9457 problem details for every error.
                """,
            serverURL: "https://api.bookshop.example/v1", serverVariables: [],
            authentication: .bearer(format: "opaque"),
            authDescription: "A bearer token in the `Authorization` header: `Authorization: Bearer <token>`.",
            scopes: [
                Scope("catalogue:read", access: .read, description: "Read authors and books."),
                Scope("catalogue:write", access: .modify, description: "Read and change authors and books, and reserve copies."),
            ],
            errorTypeURL: "https://api.bookshop.example/problems", specFileName: "bookshop.yaml", errorFormat: .problemDetails),
        pagination: Pagination(defaultLimit: 20, maxLimit: 100, style: .cursor),
        resources: [
            Resource(
                name: "authors", path: "/authors", tag: "Authors", operationNoun: "Authors",
                description: "Writers whose books the shop sells.",
                model: author,
                operations: [
                    Operation(.list, summary: "List authors", description: "Returns a page of authors, oldest first."),
                    Operation(
                        .createOne, summary: "Add an author", description: "Adds an author.",
                        requestExample: ["name": "N. K. Jemisin", "born": "1972-09-19"], invalidExample: ["name": ""]),
                    Operation(.read, summary: "Get an author", description: "Returns one author."),
                    Operation(
                        .deleteOne, summary: "Remove an author",
                        description: "Removes an author. An author with books in the catalogue cannot be removed."),
                ],
                filters: [Filter("name", [.eq, .like], "Full name.")], itemParameter: "authorId"),
            Resource(
                name: "books", path: "/books", tag: "Books", operationNoun: "Books", description: "Books in the catalogue.", model: book,
                operations: [
                    Operation(.list, summary: "List books", description: "Returns a page of books, oldest first."),
                    Operation(
                        .createOne, summary: "Add a book", description: "Adds a book to the catalogue.",
                        requestExample: [
                            "title": "The Fifth Season", "author_id": 2, "isbn": "9780143039433", "format": "paperback",
                            "price": ["amount": 12.5, "currency": "GBP"],
                        ],
                        invalidExample: [
                            "title": "", "author_id": 1, "isbn": "123", "format": "scroll", "price": ["amount": -1, "currency": "EUR"],
                        ]
                    ),
                    Operation(.read, summary: "Get a book", description: "Returns one book."),
                    Operation(
                        .patch, summary: "Change a book", description: "Changes the fields sent; the others stay as they are.",
                        requestExample: ["price": ["amount": 9.99, "currency": "EUR"], "stock": 12], invalidExample: ["stock": -3]),
                    Operation(.deleteOne, summary: "Remove a book", description: "Removes a book from the catalogue."),
                ],
                filters: [
                    Filter("author_id", [.eq, .in], "The author."), Filter("format", [.eq, .in], "How the book is made."),
                    Filter("title", [.like], "Words of the title."),
                ],
                relations: [Relation("author_id", references: "authors", onDelete: .restrict)],
                rules: [.unique(field: "isbn"), .custom(isbnChecksum)], itemParameter: "bookId", actions: [reserve], events: bookEvents),
        ],
        recordEnvelope: .bare)
}
