import APIRegistry
import CustomersAPI
import JSONModel
import Testing

private let registry = CustomersV3.registry

private func parse(_ query: String, _ resource: String = "customer-addresses") throws -> Result<ListQuery, QueryProblems> {
    ListQuery.parse(query, for: try #require(registry.resource(named: resource)), pagination: registry.pagination)
}

private func problems(_ query: String, _ resource: String = "customer-addresses") throws -> [String] {
    guard case .failure(let failure) = try parse(query, resource) else { return [] }
    return failure.problems.map { "\($0.parameter): \($0.fullMessage)" }
}

private let addressFilters = "valid filters: id:in, customer_id:in, name:in, company:in; other parameters: page, limit, include"

@Suite struct ListQueryTests {
    @Test func parsesFiltersPagingSortAndIncludes() throws {
        guard
            case .success(let query) = try parse(
                "name:like=jo&date_created:min=2018-01-01&page=2&limit=10&sort=last_name:desc&include=addresses,attributes", "customers")
        else {
            Issue.record("the query should parse")
            return
        }
        #expect(query.clauses.map { "\($0.filter.name):\($0.op.rawValue)" } == ["name:like", "date_created:min"])
        #expect(query.page == 2 && query.limit == 10)
        #expect(query.sort?.field == "last_name" && query.sort?.ascending == false)
        #expect(query.includes == ["addresses", "attributes"])
    }

    @Test func typesListValues() throws {
        guard case .success(let query) = try parse("customer_id:in=1,2,3") else {
            Issue.record("the query should parse")
            return
        }
        #expect(query.clauses.first?.values == [1, 2, 3])
        #expect(query.limit == 50)
    }

    @Test func reviewersFilterWithoutOperator() throws {
        #expect(try problems("customer_id=20") == ["customer_id: is not a valid filter; \(addressFilters); did you mean 'customer_id:in'?"])
    }

    @Test func misspeltFilter() throws {
        #expect(
            try problems("compant:in=bigcommerce,commongood") == [
                "compant:in: is not a valid filter; \(addressFilters); did you mean 'company:in'?"
            ])
    }

    @Test func missingEqualsSign() throws {
        #expect(
            try problems("customer_id:in1,2,3") == [
                "customer_id:in1,2,3: has no '=' before its value; did you mean 'customer_id:in=1,2,3'?"
            ])
    }

    @Test func malformedValues() throws {
        #expect(try problems("customer_id:in=1,a") == ["customer_id:in: 'a' is not an integer; use comma-separated integers, e.g. 1,2,3"])
        #expect(
            try problems("date_created:min=yesterday", "customers") == [
                "date_created:min: 'yesterday' is not a date (YYYY-MM-DD) or an RFC 3339 date-time"
            ])
        #expect(try problems("type=color", "customer-attributes") == ["type: 'color' is not one of: string, number, date"])
    }

    @Test func pagingBounds() throws {
        #expect(
            try problems("limit=251&page=0") == [
                "limit: must be a whole number from 1 to 250, got '251'", "page: must be a whole number of at least 1, got '0'",
            ])
    }

    @Test func everyProblemIsReported() throws {
        #expect(try problems("compant:in=x&customer_id=1&sort=name").count == 3)
    }

    @Test func emptyNamesAndSeparatorsAreProblemsNotCrashes() throws {
        #expect(
            try problems("=null&date_modified=2000-01-03", "customers") == [
                ": is not a valid filter; valid filters: id:in, id:not_in, id:min, id:max, email:in, name:in, name:like, company:in, customer_group_id:in, registration_ip_address:in, phone:in, date_created, date_created:min, date_created:max, date_modified, date_modified:min, date_modified:max; other parameters: page, after, before, limit, sort, include"
            ])
        #expect(try problems("sort=:", "customers").count == 1)
        #expect(try problems(":=1&:in=2").count == 2)
    }

    @Test func percentEncodingIsDecoded() throws {
        guard case .success(let query) = try parse("name:in=John%20Doe,Jane+Doe") else {
            Issue.record("the query should parse")
            return
        }
        #expect(query.clauses.first?.values == ["John Doe", "Jane Doe"])
    }
}

@Suite struct DeleteQueryTests {
    @Test func requiresIDs() {
        guard case .failure(let failure) = DeleteQuery.parse("") else {
            Issue.record("a delete without id:in must fail")
            return
        }
        #expect(
            failure.problems.map(\.fullMessage) == [
                "is required: name the records to delete; a delete never removes everything; e.g. id:in=1,2,3"
            ])
    }

    @Test func parsesIDs() {
        guard case .success(let ids) = DeleteQuery.parse("id:in=3,4") else {
            Issue.record("id:in=3,4 should parse")
            return
        }
        #expect(ids == [3, 4])
    }

    @Test func rejectsOtherParametersAndBadIDs() {
        guard case .failure(let failure) = DeleteQuery.parse("id:in=1,x&email=a") else {
            Issue.record("should fail")
            return
        }
        #expect(failure.problems.map(\.parameter) == ["id:in", "email"])
    }

    /// `id:in=1&id:in=2` once deleted only record 2: a repeated selector is refused whole.
    @Test func repeatedSelectorIsRefused() {
        for query in ["id:in=1&id:in=2", "id:in=1&id:in=2&id:in=3", "id:in=1,2&id%3Ain=3"] {
            guard case .failure(let failure) = DeleteQuery.parse(query) else {
                Issue.record("\(query) must be refused")
                continue
            }
            #expect(
                failure.problems.map(\.fullMessage) == [
                    "is given more than once; send one comma-separated list; e.g. id:in=1,2,3, not id:in=1&id:in=2"
                ], "\(query)")
        }
    }
}

@Suite struct DeclarationCheckTests {
    @Test func contradictionsAreNamed() {
        let model = Model(
            "Thing", description: "A thing.", identifier: "id",
            fields: [
                Field("id", .integer, "Id.", visibility: [.read], requiredIn: [.read]),
                Field("name", .string(), "Name.", visibility: [.read], requiredIn: [.create]),
            ],
            examples: [["id": 1, "nmae": "x"]])
        let fieldLine = #line - 3
        let resource = Resource(
            name: "things", path: "/things", tag: "Things", operationNoun: "Things", description: "Things.", model: model,
            operations: [Operation(.create, summary: "Create", description: "Create.")],
            filters: [Filter("colour", [.in], "Colour."), Filter("nmae", [.eq], "Name.")],
            sortKeys: ["size"],
            relations: [Relation("owner_id", references: "owners", onDelete: .cascade)])
        let filterLine = #line - 3
        let registry = Registry(
            info: CustomersV3.registry.info, pagination: Pagination(defaultLimit: 50, maxLimit: 250), resources: [resource])
        let problems = registry.declarationProblems()
        #expect(
            problems.map(\.message) == [
                "resource 'things', model Thing: field 'name' is required in a view it is not visible in",
                "resource 'things', model Thing, example 1: 'nmae' is not a field of Thing",
                "resource 'things': filter 'colour' matches 'colour', which Thing does not have",
                "resource 'things': filter 'nmae' matches 'nmae', which Thing does not have; did you mean 'name'?",
                "resource 'things': sort key 'size' is not a readable field of Thing",
                "resource 'things': relation field 'owner_id' is not a field of Thing",
                "resource 'things': relation 'owner_id' references the unknown resource 'owners'",
                "resource 'things': POST needs a batch limit of at least 1",
            ])
        // Each at the Swift line that declares it: the field, the model with the example, the filter.
        #expect(problems.map { $0.location?.fileID } == Array(repeating: "APIRegistryTests/ListQueryTests.swift", count: 8))
        #expect(problems[0].location?.line == fieldLine && problems[2].location?.line == filterLine)
    }

    /// Bounds no value can meet are a contradiction at the field, whatever the kind.
    @Test func impossibleBoundsAreNamed() {
        let model = Model(
            "Thing", description: "A thing.", identifier: "id",
            fields: [
                Field("id", .integer(minimum: 10, maximum: 1), "Id.", visibility: [.read], requiredIn: [.read]),
                Field("code", .string(minLength: 300, maxLength: 255), "Code."),
                Field("tags", .array(of: .string(), minItems: 3, maxItems: 2), "Tags."),
            ])
        let resource = Resource(
            name: "things", path: "/things", tag: "Things", operationNoun: "Things", description: "Things.", model: model,
            operations: [Operation(.list, summary: "List", description: "List.")])
        let registry = Registry(
            info: CustomersV3.registry.info, pagination: Pagination(defaultLimit: 50, maxLimit: 250), resources: [resource])
        #expect(
            registry.declarationProblems().map(\.message) == [
                "resource 'things', model Thing: field 'id': minimum 10 is above maximum 1, so no value is valid",
                "resource 'things', model Thing: field 'code': minLength 300 is above maxLength 255, so no value is valid",
                "resource 'things', model Thing: field 'tags': minItems 3 is above maxItems 2, so no value is valid",
            ])
    }

    /// A list's other parameters are checked by their type and choose no records; one that takes
    /// a name the list already uses, or a bare list paged by cursor, is a declaration problem.
    @Test func otherParametersAreTakenAndChecked() throws {
        let model = Model(
            "Thing", description: "A thing.", identifier: "id",
            fields: [Field("id", .integer, "Id.", visibility: [.read], requiredIn: [.read]), Field("name", .string(), "Name.")])
        func things(_ others: [QueryParameter], envelope: RecordEnvelope = .data, paging: [Pagination.Style]? = nil) -> Resource {
            Resource(
                name: "things", path: "/things", tag: "Things", operationNoun: "Things", description: "Things.", model: model,
                operations: [Operation(.list, summary: "List", description: "List.")], filters: [Filter("name", [.eq], "Name.")],
                listEnvelope: envelope, paging: paging, otherParameters: others)
        }
        let pagination = Pagination(defaultLimit: 10, maxLimit: 20, limitParameter: "per_page")
        let resource = things([QueryParameter("since", .dateTime), QueryParameter("direction", .enumeration(["asc", "desc"]))])
        let parsed = try ListQuery.parse("since=2026-01-01&direction=desc&per_page=5", for: resource, pagination: pagination).get()
        #expect(parsed.others.map(\.name) == ["since", "direction"] && parsed.clauses.isEmpty && parsed.limit == 5)
        func problems(_ query: String) -> [String] {
            guard case .failure(let rejected) = ListQuery.parse(query, for: resource, pagination: pagination) else { return [] }
            return rejected.problems.map { "\($0.parameter): \($0.message)" }
        }
        #expect(problems("direction=up") == ["direction: 'up' is not one of: asc, desc"])
        #expect(problems("since=soon") == ["since: 'soon' is not a date (YYYY-MM-DD) or an RFC 3339 date-time"])
        #expect(problems("limit=5").first?.hasSuffix("other parameters: page, per_page, since, direction") == true)
        let clashing = Registry(
            info: CustomersV3.registry.info, pagination: pagination,
            resources: [things([QueryParameter("name", .string()), QueryParameter("per_page", .integer)])])
        #expect(
            clashing.declarationProblems().map(\.message) == [
                "resource 'things': the query parameter 'name' is declared twice, or is also a filter's or the list's own; rename one",
                "resource 'things': the query parameter 'per_page' is declared twice, or is also a filter's or the list's own; rename one",
            ])
        let cursorBare = Registry(
            info: CustomersV3.registry.info, pagination: pagination, resources: [things([], envelope: .bare, paging: [.cursor])])
        #expect(
            cursorBare.declarationProblems().map(\.message) == [
                "resource 'things': a bare-array list pages by page or offset, linking its neighbours in the Link header; it has no cursor to give"
            ])
    }
}
