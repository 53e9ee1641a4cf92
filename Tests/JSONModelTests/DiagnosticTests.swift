import JSONModel
import Testing

/// Every command prints a problem in one shape; what is not known is left out, never shown empty.
@Suite struct DiagnosticTests {
    @Test func everyPartInItsPlace() {
        let full = Diagnostic(
            severity: "error", code: "example-valid", message: "example [0].email: is required", file: "api.yaml", line: 40, column: 30,
            pointer: "#/paths/~1orders/post", fix: "add an email")
        #expect(
            full.description == "api.yaml:40:30: error example-valid: example [0].email: is required [#/paths/~1orders/post]; add an email")
        #expect(
            Diagnostic(message: "is required", file: "templates/guide.md.mustache", line: 3).description
                == "templates/guide.md.mustache:3: is required")
        #expect(
            Diagnostic(message: "must be an integer", pointer: "limit", fix: "e.g. limit=10").description
                == "must be an integer [limit]; e.g. limit=10")
        #expect(Diagnostic(code: "openapikit", message: "no title", file: "spec/a.yaml").description == "spec/a.yaml: openapikit: no title")
    }
}
