import Foundation
import JSONModel

/// One filter condition of a list request: `order_id:in=1,2,3`.
public struct FilterClause: Sendable {
    /// The declared filter the condition uses.
    public let filter: Filter
    /// The operator written after the colon (`in` in `order_id:in`).
    public let op: FilterOperator
    /// Typed values: integers for integer fields, strings otherwise.
    public let values: [JSONValue]
}

/// A query parameter that cannot be used, and why.
public struct QueryProblem: Sendable, Equatable {
    /// The query parameter as the client wrote it.
    public let parameter: String
    /// What is wrong with it.
    public let message: String
    /// A likely fix: the valid filters, or "did you mean".
    public let hint: String?

    /// A problem with `parameter`, with an optional hint.
    public init(parameter: String, message: String, hint: String? = nil) {
        self.parameter = parameter
        self.message = message
        self.hint = hint
    }

    /// The message with its hint, as the mock and the guides print it.
    public var fullMessage: String {
        message + (hint.map { "; \($0)" } ?? "")
    }

    /// The problem in the shape every command prints: the parameter, what is wrong, the fix.
    public var diagnostic: Diagnostic { Diagnostic(message: message, pointer: parameter, fix: hint) }
}

/// Every problem of one query string.
public struct QueryProblems: Error, Sendable, Equatable {
    /// Every problem, in the order the parameters were written.
    public let problems: [QueryProblem]

    /// The problems of one query string.
    public init(problems: [QueryProblem]) {
        self.problems = problems
    }
}

/// Parameters a list takes that shape its answer rather than choose its records.
public struct ListShaping: Sendable, Equatable {
    /// The parameter naming the fields to answer, comma-separated (`include_fields=key,value`):
    /// each record comes with its identifier and those fields only.
    public let fields: String?
    /// The parameter choosing the identifier order, `asc` (the default) or `desc`.
    public let direction: String?

    public init(fields: String? = nil, direction: String? = nil) {
        self.fields = fields
        self.direction = direction
    }

    var names: [String] { [fields, direction].compactMap { $0 } }
}

/// A parsed list request: filters, page, sort and includes, all checked against the
/// resource's declarations.
public struct ListQuery: Sendable {
    /// The filter conditions; a record must meet all of them.
    public var clauses: [FilterClause] = []
    /// The page, from 1, with page pagination.
    public var page = 1
    /// Records per page.
    public var limit: Int
    /// Field and direction; nil keeps the default order (by identifier).
    public var sort: (field: String, ascending: Bool)?
    /// The `include=` values, each a declared include.
    public var includes: [String] = []
    /// With cursor pagination: records after, or before, the record a cursor names (by identifier).
    public var after: Int?
    /// The identifier a `before` cursor names.
    public var before: Int?
    /// Whether the query sent `page`: a list that pages either way then pages by number.
    public var pageSent = false
    /// Records to skip, with offset pagination.
    public var offset: Int?
    /// The values of the list's other parameters, as sent: they choose no records.
    public var others: [(name: String, value: String)] = []
    /// The fields to answer besides the identifier, when the list's `fields` parameter names them.
    public var fields: [String]?
    /// Records in descending identifier order, as the list's `direction` parameter asked.
    public var descending = false

    /// Parses a raw query string (`order_id:in=1,2&page=2`).
    ///
    /// Returns every problem at once: unknown filters name the valid ones and suggest the
    /// nearest; malformed values say what was expected.
    public static func parse(_ query: String, for resource: Resource, pagination: Pagination) -> Result<ListQuery, QueryProblems> {
        var result = ListQuery(limit: pagination.defaultLimit)
        var problems: [QueryProblem] = []
        var seen: Set<String> = []
        let valid = resource.filters.flatMap(\.parameterNames)
        // A bare-array list answers every record at once: it takes no paging parameters.
        let styles = resource.pagingStyles(default: pagination)
        let paged = !styles.isEmpty
        let cursor = styles.contains(.cursor)
        let pages = styles.contains(.page)
        let control = controlParameters(resource, pagination)
        let layout = resource.layout(default: pagination)
        // A list paging forward only (`cursor`) takes no `before`.
        let (afterName, beforeName) = resource.cursorParameters(default: pagination)
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecoded(parts[0])
            let value = parts.count > 1 ? percentDecoded(parts[1]) : nil
            func problem(_ message: String, hint: String? = nil) {
                problems.append(QueryProblem(parameter: name, message: message, hint: hint))
            }
            guard seen.insert(name).inserted else {
                problem("is given more than once")
                continue
            }
            guard let value else {
                if let known = (valid + control).first(where: { name.hasPrefix($0) && name.count > $0.count }) {
                    problem("has no '=' before its value", hint: "did you mean '\(known)=\(name.dropFirst(known.count))'?")
                } else if valid.contains(name) || control.contains(name) {
                    problem("has no value")
                } else {
                    problem(unknownFilterMessage(valid, control: control), hint: Self.suggestion(for: name, in: valid + control))
                }
                continue
            }
            guard !value.isEmpty else {
                problem("has no value")
                continue
            }
            // A parameter of the list's own is taken before `sort` or a filter of its name.
            if let other = resource.otherParameters.first(where: { $0.name == name }) {
                if case .failure(let failure) = typedValue(value, other.type) {
                    problem(failure.message)
                } else {
                    result.others.append((name, value))
                }
                continue
            }
            switch name {
            case resource.shaping.fields:
                let names = value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                let readable = resource.model.fields.filter { $0.isVisible(in: .read) }.map(\.name)
                if let unknown = names.first(where: { !readable.contains($0) }) {
                    problem(
                        "'\(unknown)' is not a field of \(resource.model.name); choose from \(readable.joined(separator: ", "))",
                        hint: Spelling.closest(to: unknown, in: readable).map { "did you mean '\($0)'?" })
                } else {
                    result.fields = names
                }
            case resource.shaping.direction:
                if value == "asc" || value == "desc" {
                    result.descending = value == "desc"
                } else {
                    problem("must be asc or desc, got '\(value)'")
                }
            case _ where cursor && (name == afterName || name == beforeName):
                // A laid-out list's cursor is a record's identifier; the registry's own is opaque.
                guard let id = layout == nil ? Cursor.decode(value) : Int(value) else {
                    problem(
                        layout == nil
                            ? "is not a cursor this API gave; send the `\(pagination.cursorMeta.source(of: "after"))` or `\(pagination.cursorMeta.source(of: "before"))` of a list"
                            : "is not the id of a record of this list, got '\(value)'")
                    continue
                }
                if name == afterName { result.after = id } else { result.before = id }
                if result.after != nil && result.before != nil {
                    problem("cannot be sent with both \(afterName) and \(beforeName ?? ""); send one")
                }
            case "offset" where styles.contains(.offset):
                if let offset = Int(value), offset >= 0 {
                    result.offset = offset
                } else {
                    problem("must be a whole number of at least 0, got '\(value)'")
                }
            case "page" where pages:
                if let page = Int(value), page >= 1 {
                    result.page = page
                    result.pageSent = true
                } else {
                    problem("must be a whole number of at least 1, got '\(value)'")
                }
            case pagination.limitParameter where paged:
                if let limit = Int(value), (1...pagination.maxLimit).contains(limit) {
                    result.limit = limit
                } else {
                    problem("must be a whole number from 1 to \(pagination.maxLimit), got '\(value)'")
                }
            case "sort":
                let pieces = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let direction = pieces.count > 1 ? pieces[1] : "asc"
                if resource.sortKeys.contains(pieces[0]), direction == "asc" || direction == "desc" {
                    result.sort = (pieces[0], direction == "asc")
                } else {
                    let choices = resource.sortKeys.flatMap { ["\($0):asc", "\($0):desc"] }
                    problem(choices.isEmpty ? "is not supported by this resource" : "must be one of: \(choices.joined(separator: ", "))")
                }
            case "include":
                let requested = value.split(separator: ",").map(String.init)
                let unknown = requested.filter { !resource.includes.contains($0) }
                if unknown.isEmpty {
                    result.includes = requested
                } else {
                    let choices =
                        resource.includes.isEmpty ? "nothing can be included" : "valid values: \(resource.includes.joined(separator: ", "))"
                    problem("cannot include \(unknown.joined(separator: ", ")); \(choices)")
                }
            default:
                switch clause(name: name, value: value, resource: resource, control: control) {
                case .success(let clause): result.clauses.append(clause)
                case .failure(let failure):
                    problems.append(
                        QueryProblem(
                            parameter: name, message: failure.message,
                            hint: failure.hint ?? (failure.unknown ? suggestion(for: name, in: valid + control) : nil)))
                }
            }
        }
        if result.pageSent && (result.after != nil || result.before != nil) {
            problems.append(
                QueryProblem(
                    parameter: "page",
                    message:
                        "cannot be sent with \([afterName, beforeName].compactMap { $0 }.joined(separator: " or ")); page by one or the other",
                    hint: nil))
        }
        if let direction = resource.shaping.direction, result.descending,
            result.sort != nil || result.after != nil || result.before != nil
        {
            problems.append(
                QueryProblem(
                    parameter: direction,
                    message: "cannot be desc with sort or a cursor: sort says its own order, and cursor pages go up from a record",
                    hint: nil))
        }
        if result.sort != nil && (result.after != nil || result.before != nil) {
            problems.append(
                QueryProblem(
                    parameter: "sort", message: "cannot be sent with a cursor: cursor pages come in identifier order; page by page to sort",
                    hint: nil))
        }
        return problems.isEmpty ? .success(result) : .failure(QueryProblems(problems: problems))
    }

    struct ClauseFailure: Error {
        let message: String
        var hint: String? = nil
        var unknown = false
    }

    /// The parameters a list takes besides its filters: its own (`ownParameters`), then its other
    /// parameters.
    static func controlParameters(_ resource: Resource, _ pagination: Pagination) -> [String] {
        ownParameters(resource, pagination) + resource.otherParameters.map(\.name)
    }

    /// Paging as the list pages, `sort` where it has sort keys, `include` where it has includes.
    static func ownParameters(_ resource: Resource, _ pagination: Pagination) -> [String] {
        let styles = resource.pagingStyles(default: pagination)
        let (after, before) = resource.cursorParameters(default: pagination)
        let cursors = [after] + (before.map { [$0] } ?? [])
        return (styles.contains(.page) ? ["page"] : []) + (styles.contains(.offset) ? ["offset"] : [])
            + (styles.contains(.cursor) ? cursors : [])
            + (styles.isEmpty ? [] : [pagination.limitParameter]) + (resource.sortKeys.isEmpty ? [] : ["sort"])
            + (resource.includes.isEmpty ? [] : ["include"]) + resource.shaping.names
    }

    /// A misspelt `limt` is told every parameter the list takes, not only its filters.
    static func unknownFilterMessage(_ valid: [String], control: [String]) -> String {
        "is not a valid filter; valid filters: \(valid.joined(separator: ", "))"
            + (control.isEmpty ? "" : "; other parameters: \(control.joined(separator: ", "))")
    }

    static func clause(name: String, value: String, resource: Resource, control: [String]) -> Result<FilterClause, ClauseFailure> {
        let valid = resource.filters.flatMap(\.parameterNames)
        // The filter and operator whose parameter, as the filter spells it, this is.
        let match = resource.filters.lazy.compactMap { filter in
            filter.operators.first { filter.parameterName($0) == name }.map { (filter, $0) }
        }.first
        guard let (filter, op) = match else {
            return .failure(ClauseFailure(message: unknownFilterMessage(valid, control: control), unknown: true))
        }
        let type = resource.valueType(of: filter)
        let raw = op.takesList ? value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) : [value]
        var values: [JSONValue] = []
        for item in raw {
            if op == .like {
                values.append(.string(item))
                continue
            }
            switch typedValue(item, type) {
            case .success(let typed): values.append(typed)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(FilterClause(filter: filter, op: op, values: values))
    }

    static func typedValue(_ item: String, _ type: FieldType) -> Result<JSONValue, ClauseFailure> {
        switch type {
        case .integer:
            guard let number = Int(item) else {
                return .failure(
                    ClauseFailure(
                        message: item.isEmpty ? "has an empty value in its list" : "'\(item)' is not an integer",
                        hint: "use comma-separated integers, e.g. 1,2,3"))
            }
            return .success(.integer(number))
        case .dateTime, .date:
            guard isDateOrDateTime(item) else {
                return .failure(ClauseFailure(message: "'\(item)' is not a date (YYYY-MM-DD) or an RFC 3339 date-time"))
            }
            return .success(.string(item))
        case .enumeration(let choices):
            guard choices.contains(item) else {
                return .failure(ClauseFailure(message: "'\(item)' is not one of: \(choices.joined(separator: ", "))"))
            }
            return .success(.string(item))
        case .text, .number, .boolean, .array, .model, .reference, .stringMap, .oneOf, .set:
            guard !item.isEmpty else { return .failure(ClauseFailure(message: "has an empty value in its list")) }
            return .success(.string(item))
        }
    }

    /// Accepts `2018-01-01` and `2018-01-01T10:00:00Z` shapes; the mock compares them as text.
    public static func isDateOrDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < bytes.count && (48...57).contains(bytes[$0]) } }
        guard bytes.count >= 10, digits(0..<4), bytes[4] == 45, digits(5..<7), bytes[7] == 45, digits(8..<10) else { return false }
        if bytes.count == 10 { return true }
        return bytes.count >= 20 && (bytes[10] == 84 || bytes[10] == 116) && digits(11..<13) && bytes[13] == 58 && digits(14..<16)
    }

    static func suggestion(for name: String, in valid: [String]) -> String? {
        let base = name.split(separator: ":").first.map(String.init) ?? name
        if let sameField = valid.first(where: { $0.hasPrefix(base + ":") || $0 == base }), sameField != name {
            return "did you mean '\(sameField)'?"
        }
        return Spelling.closest(to: name, in: valid).map { "did you mean '\($0)'?" }
    }

    package static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next()
                let low = iterator.next()
                if let high, let low, let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                } else {
                    bytes.append(byte)
                    if let high { bytes.append(high) }
                    if let low { bytes.append(low) }
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The records a delete names. `id:in` is required, so no request deletes everything.
public enum DeleteQuery {
    /// The query parameter every batch delete requires.
    public static let parameter = "id:in"

    /// The ids a delete's query names, or why it names none: a delete never means "everything".
    public static func parse(_ query: String) -> Result<[Int], QueryProblems> {
        var ids: [Int]?
        var problems: [QueryProblem] = []
        var given = 0
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = ListQuery.percentDecoded(parts[0])
            guard name == parameter else {
                problems.append(QueryProblem(parameter: name, message: "is not accepted by a delete; only \(parameter) is", hint: nil))
                continue
            }
            given += 1
            // Keeping one repetition and dropping the others deleted what the client did not
            // mean to keep, or kept what it meant to delete: the whole request is refused.
            guard given == 1 else {
                if given == 2 {
                    problems.append(
                        QueryProblem(
                            parameter: name, message: "is given more than once; send one comma-separated list",
                            hint: "e.g. \(parameter)=1,2,3, not \(parameter)=1&\(parameter)=2"))
                }
                ids = nil
                continue
            }
            let values = parts.count > 1 ? ListQuery.percentDecoded(parts[1]).split(separator: ",", omittingEmptySubsequences: false) : []
            let parsed = values.compactMap { Int($0) }
            // Only the syntax is checked here; bounds come from the identifier's schema.
            if values.isEmpty || parsed.count != values.count {
                problems.append(
                    QueryProblem(parameter: name, message: "must be a comma-separated list of integers", hint: "e.g. \(parameter)=1,2,3"))
            } else {
                ids = parsed
            }
        }
        if ids == nil && !problems.contains(where: { $0.parameter == parameter }) {
            problems.append(
                QueryProblem(
                    parameter: parameter, message: "is required: name the records to delete; a delete never removes everything",
                    hint: "e.g. \(parameter)=1,2,3"))
        }
        if let ids, problems.isEmpty { return .success(ids) }
        return .failure(QueryProblems(problems: problems))
    }
}

/// The opaque cursors of cursor pagination: a record's identifier, encoded so that clients pass
/// them back as given instead of building them.
public enum Cursor {
    /// The opaque cursor for the record with identifier `id`.
    public static func encode(_ id: Int) -> String {
        Data("c1:\(id)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// The identifier a cursor names; nil when it is not a cursor this API made.
    public static func decode(_ cursor: String) -> Int? {
        guard cursor.count <= 40 else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8), text.hasPrefix("c1:"),
            let id = Int(text.dropFirst(3)), id >= 0
        else { return nil }
        return id
    }
}
