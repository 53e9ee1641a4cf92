import Foundation
import GuideRenderer
import TestRegistries
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The project's reference template, and a guide, run on an API of another style: item paths,
/// single objects, PATCH, cursor pages, actions, bearer tokens, problem details.
@Suite struct LibraryGuideTests {
    func render(_ guide: String) throws -> [String: String] {
        let reference = try String(contentsOf: root.appendingPathComponent("templates/reference/resource.md.mustache"), encoding: .utf8)
        let pages = try renderTemplates(
            ["reference/resource.md.mustache": reference, "guide.md.mustache": guide], registry: Library.registry)
        return Dictionary(pages.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func referencePagesRunEveryOperation() throws {
        let books = try #require(try render("# Guide\n")["reference/books.md"])
        #expect(books.contains("```http\nGET /books/1\n```\n\nResponse:\n\n```json response=\"GET /books/1 200\"\n{\n  \"id\": 1,\n"))
        #expect(books.contains("```http\nPOST /books\nContent-Type: application/json\n\n{\n  \"title\": \"The Lathe of Heaven\","))
        #expect(books.contains("```json response=\"POST /books 201\"\n{\n  \"id\": 4,"))
        #expect(books.contains("```http\nPATCH /books/1\nContent-Type: application/json\n\n{\n  \"status\": \"lent\"\n}\n```"))
        #expect(
            books.contains("```http\nDELETE /books/4\n```\n\nResponse:\n\n```http\nHTTP/1.1 204 No Content\n```"),
            "the book the page created")
        #expect(books.contains("## Fields of a partial update"))
        #expect(books.contains("\"cursor\": {"))
    }

    @Test func aGuideRunsItemPathsAndActions() throws {
        let guide = """
            # Lending

            ```http
            POST /books/3/lend
            Content-Type: application/json

            {"borrower": "Ada", "days": 14}
            ```

            ```json response capture="book=id"
            ```

            ```http
            POST /books/$book/lend
            Content-Type: application/json

            {"borrower": "Grace", "days": 7}
            ```

            ```json response="422"
            ```
            """
        let page = try #require(try render(guide)["guide.md"])
        #expect(page.contains("```json response=\"POST /books/3/lend 200\"\n{\n  \"id\": 3,"))
        #expect(page.contains("\"borrower\": \"Ada\""))
        #expect(
            page.contains(
                "```json response=\"POST /books/3/lend 422\"\n{\n  \"type\": \"https://api.library.example/problems/invalid-request\","))
    }
}
