import TestRegistries
import Testing

/// Pages run as scripts on the mock, with a registry that is not Customers.
@Suite struct GuideScriptTests {
    /// The seed guide's defect: a value written and then read back as another.
    @Test func aValueWrittenMustBeReadBack() {
        let guide = """
            # Stars

            ```http
            PUT /notes
            Content-Type: application/json

            [{"id": 1, "stars": 4}]
            ```

            ```http
            GET /notes?id:in=1
            ```

            ```json response="GET /notes 200"
            {"data": [{"id": 1, "title": "Groceries", "stars": 3, "date_created": "2020-01-01T00:00:00Z", "date_modified": "2020-01-01T00:00:00Z"}],
             "meta": {"pagination": {"total": 1, "count": 1, "per_page": 10, "current_page": 1, "total_pages": 1, "links": {"current": "?page=1&limit=10"}}}}
            ```
            """
        #expect(
            Notes.problems(guide) == [
                "templates/guide.md.mustache:14: GET /notes?id:in=1 (line 11): data[0].stars: the page shows 3, the mock answers 4"
            ])
    }

    @Test func aFieldThePageLeavesOutFails() {
        let guide = """
            # Notes

            ```http
            GET /notes?id:in=1
            ```

            ```json response="GET /notes 200"
            {"data": [{"id": 1, "title": "Groceries", "date_created": "2020-01-01T00:00:00Z", "date_modified": "2020-01-01T00:00:00Z"}],
             "meta": {"pagination": {"total": 1, "count": 1, "per_page": 10, "current_page": 1, "total_pages": 1, "links": {"current": "?page=1&limit=10"}}}}
            ```
            """
        #expect(
            Notes.problems(guide) == [
                "templates/guide.md.mustache:7: GET /notes?id:in=1 (line 4): data[0].stars: the mock answers 2; the page does not show it"
            ])
    }

    @Test func aRequestWhoseAnswerIsNotShownMustSucceed() {
        let guide = """
            # Notes

            ```http
            PUT /notes
            Content-Type: application/json

            [{"id": 99, "stars": 1}]
            ```
            """
        #expect(
            Notes.problems(guide) == [
                "templates/guide.md.mustache:4: PUT /notes: the mock answers 422 (The request breaks 1 rule; nothing was written. [0].id: no Note has id 99); fix the request, or show the answer in a response block"
            ])
    }

    @Test func aStatusShownMustBeTheStatusAnswered() {
        let guide = """
            # Notes

            ```http
            DELETE /notes?id:in=1
            ```

            ```http
            HTTP/1.1 200 OK
            ```
            """
        #expect(
            Notes.problems(guide) == [
                "templates/guide.md.mustache:7: DELETE /notes?id:in=1 (line 4): the page shows status 200; the mock answers 204"
            ])
    }

    @Test func responsesAreFilledInAndPlaceholdersBecomeValues() throws {
        let page = try Notes.page(
            """
            # Notes

            ```http
            POST /notes
            Content-Type: application/json

            [{"title": "Books"}]
            ```

            ```json response capture="books=data[0].id"
            ```

            ```http
            DELETE /notes?id:in=$books
            ```

            ```http response
            ```
            """)
        #expect(
            page.contains("```json response=\"POST /notes 200\"\n{\n  \"data\": [\n    {\n      \"id\": 2,\n      \"title\": \"Books\",\n"))
        #expect(page.contains("\"date_created\": \"2025-06-02T10:00:00Z\""), "the documented clock, not the wall clock")
        #expect(page.contains("DELETE /notes?id:in=2\n```\n\n```http\nHTTP/1.1 204 No Content\n```"))
        #expect(!page.contains("$books"))
    }

    @Test func aFilledInResponseMustSucceedUnlessItNamesTheError() {
        let failing = """
            # Notes

            ```http
            POST /notes
            Content-Type: application/json

            [{"title": ""}]
            ```
            """
        // Shown as a success, the bad request is refused by the schema before it runs.
        #expect(
            Notes.problems(failing + "\n\n```json response\n```\n") == [
                "templates/guide.md.mustache:4: POST /notes example: [0].title: must not be empty"
            ])
        #expect(Notes.problems(failing + "\n\n```json response=\"422\"\n```\n").isEmpty)
        #expect(
            Notes.problems(failing + "\n\n```json response=\"413\"\n```\n") == [
                "templates/guide.md.mustache:10: POST /notes: the page expects status 413; the mock answers 422 (The request body is not valid: 1 error. [0].title: must not be empty)"
            ])
    }

    @Test func aPlaceholderShownTwiceMustAgree() {
        let guide = """
            # Notes

            ```http
            POST /notes
            Content-Type: application/json

            [{"title": "A"}, {"title": "B"}]
            ```

            ```json response="POST /notes 200"
            {"data": [
              {"id": "$a", "title": "A", "date_created": "2025-06-02T10:00:00Z", "date_modified": "2025-06-02T10:00:00Z"},
              {"id": "$a", "title": "B", "date_created": "2025-06-02T10:00:00Z", "date_modified": "2025-06-02T10:00:00Z"}
            ], "meta": {}}
            ```
            """
        #expect(
            Notes.problems(guide) == [
                "templates/guide.md.mustache:10: POST /notes (line 4): data[1].id: $a is 2 (line 10); the mock answers 3"
            ])
    }

    @Test func aPlaceholderUsedBeforeItHasAValueFails() {
        #expect(
            Notes.problems("# Notes\n\n```http\nGET /notes?id:in=$later\n```\n") == [
                "templates/guide.md.mustache:4: GET /notes?id:in=$later: $later is used before a response shows its value"
            ])
    }

    @Test func serverSetValuesMatchByTypeAndFormat() {
        func guide(_ created: String, title: String = "A") -> String {
            """
            # Notes

            ```http
            POST /notes
            Content-Type: application/json

            [{"title": "A"}]
            ```

            ```json response="POST /notes 200"
            {"data": [{"id": 41, "title": "\(title)", "date_created": "\(created)", "date_modified": "2001-01-01T00:00:00Z"}], "meta": {}}
            ```
            """
        }
        #expect(Notes.problems(guide("2000-01-01T00:00:00Z")).isEmpty, "the id and times are the server's to choose")
        // Anything else compares exactly.
        #expect(
            Notes.problems(guide("2000-01-01T00:00:00Z", title: "B")) == [
                "templates/guide.md.mustache:10: POST /notes (line 4): data[0].title: the page shows \"B\", the mock answers \"A\""
            ])
    }

    @Test func aFragmentIsShownNotRunButStillChecked() {
        #expect(Notes.problems("# Notes\n\n```http fragment\nDELETE /notes?id:in=99\n```\n").isEmpty)
        #expect(
            Notes.problems("# Notes\n\n```http fragment\nPOST /notes\nContent-Type: application/json\n\n{\"title\": \"A\"}\n```\n") == [
                "templates/guide.md.mustache:4: POST /notes example: (root): must be an array, got an object"
            ])
    }

    @Test func curlCommandsRunAgainstTheServerPath() throws {
        let page = try Notes.page(
            """
            # Quick start

            ```sh
            curl -s -X POST http://127.0.0.1:4010/api/home/v1/notes \\
              -H 'Content-Type: application/json' \\
              -d '[{"title": "From curl"}]'
            curl -s 'http://127.0.0.1:4010/api/home/v1/notes?title:like=curl'
            ```

            ```json response
            ```
            """)
        #expect(page.contains("\"title\": \"From curl\""))
        #expect(page.contains("\"total\": 1"))
        #expect(
            Notes.problems("# Q\n\n```sh\ncurl -s http://127.0.0.1:4010/notes\n```\n") == [
                "templates/guide.md.mustache:4: http://127.0.0.1:4010/notes is not under the API's path /api/{workspace}/v1; write the path relative to it, or mark the block fragment"
            ])
        #expect(
            Notes.problems("# Q\n\n```sh\ncurl --compressed http://127.0.0.1:4010/api/home/v1/notes\n```\n") == [
                "templates/guide.md.mustache:4: curl --compressed is not an option the guide runner knows; use -X, -H and -d, or mark the block fragment"
            ])
    }
}
