import BookshopClient
import CustomersClient
import Foundation
import OpenAPIAsyncHTTPClient

/// Runs a short workflow against a running mock with a client generated from each spec:
///
///     client-workflows customers http://127.0.0.1:4010/stores/demo/v3
///     client-workflows bookshop http://127.0.0.1:4011/v1
///
/// Each step prints what it did; an answer the workflow does not expect ends it with status 1.
@main
enum Main {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 2, let api = arguments.first, let url = arguments.last.flatMap(URL.init(string:)) else {
            FileHandle.standardError.write(Data("usage: client-workflows customers|bookshop BASE_URL\n".utf8))
            exit(2)
        }
        do {
            switch api {
            case "customers": try await customers(url)
            case "bookshop": try await bookshop(url)
            default: throw Failure("unknown API '\(api)'; say customers or bookshop")
            }
            print("\(api): the workflow ran")
        } catch {
            FileHandle.standardError.write(Data("\(api): \(error)\n".utf8))
            exit(1)
        }
    }

    /// Create an attribute, create customers with values, list with filters and includes, update; a
    /// metafield under a customer, its consent, a channel's settings; then delete.
    static func customers(_ url: URL) async throws {
        let client = CustomersClient.Client(serverURL: url, transport: AsyncHTTPClientTransport())
        let attribute = try await client.createCustomerAttributes(body: .json([.init(name: "Shoe Size", _type: .number)])).ok.body.json
            .data[0]
        print("created attribute \(attribute.id) \(attribute.name)")

        let created = try await client.createCustomers(
            body: .json([
                .init(
                    email: "ada.client@example.com", firstName: "Ada", lastName: "Lovelace",
                    attributes: [.init(attributeId: attribute.id, attributeValue: "38")]),
                .init(email: "grace.client@example.com", firstName: "Grace", lastName: "Hopper"),
            ])
        ).ok.body.json.data
        let ids = created.map(\.id)
        print("created customers \(ids)")

        let listed = try await client.getCustomers(query: .init(id_colon_in: ids, include: [.attributes])).ok.body.json.data
        guard listed.map(\.id) == ids, listed[0].attributes?.first?.attributeValue == "38" else {
            throw Failure("listing \(ids) with include=attributes answered \(listed)")
        }
        print("listed them with their attribute values: \(listed[0].attributes?.first?.attributeName ?? "?") = 38")

        let byName = try await client.getCustomers(query: .init(name_colon_like: "lovelace")).ok.body.json.data
        guard byName.contains(where: { $0.id == ids[0] }) else { throw Failure("name:like=lovelace did not find customer \(ids[0])") }

        let updated = try await client.updateCustomers(
            body: .json([.init(id: ids[0], phone: "5125550123", attributes: [.init(attributeId: attribute.id, attributeValue: "38.5")])])
        ).ok.body.json.data
        guard updated.first?.phone == "5125550123" else { throw Failure("the update answered \(updated)") }
        print("updated customer \(ids[0])")

        let metafield = try await client.createCustomerMetafields(
            path: .init(customerId: ids[0]),
            body: .json(.init(namespace: "Sales", key: "Manager", value: "Ada", permissionSet: .read))
        ).ok.body.json.data
        let read = try await client.getMetafieldsCustomerId(path: .init(customerId: ids[0], metafieldId: metafield.id)).ok.body.json.data
        guard read.resourceId == ids[0], read.value == "Ada" else { throw Failure("the metafield read back as \(read)") }
        print("stored metafield \(metafield.id) on customer \(ids[0])")

        let consent = try await client.updateCustomerConsent(
            path: .init(customerId: ids[0]), body: .json(.init(allow: [.essential], deny: [.targeting]))
        ).ok.body.json
        guard consent.allow == [.essential], consent.updatedAt != nil else { throw Failure("the consent answered \(consent)") }
        let channel = try await client.getCustomersSettingsChannel(path: .init(channelId: 2)).ok.body.json.data
        guard channel.allowGlobalLogins == nil else { throw Failure("channel 2 overrides allow_global_logins: \(channel)") }
        print("recorded consent; channel 2 inherits the store's settings")

        _ = try await client.deleteCustomers(query: .init(id_colon_in: ids)).noContent
        let left = try await client.getCustomers(query: .init(id_colon_in: ids)).ok.body.json.data
        guard left.isEmpty else { throw Failure("after the delete, \(left.map(\.id)) remain") }
        print("deleted customers \(ids)")
    }

    /// Add a book, find it by cursor pages, reserve copies, change its price, remove it.
    static func bookshop(_ url: URL) async throws {
        let client = BookshopClient.Client(
            serverURL: url, transport: AsyncHTTPClientTransport(), middlewares: [])
        let book = try await client.createBook(
            body: .json(
                .init(
                    title: "Parable of the Sower", authorId: 2, isbn: "9780062512796", format: .paperback,
                    price: .init(amount: 10.5, currency: .eur), stock: 5))
        ).created.body.json
        print("created book \(book.id) \(book.title)")

        var seen: [Int] = []
        var after: String?
        repeat {
            let page = try await client.getBooks(query: .init(after: after, limit: 2)).ok.body.json
            seen += page.data.map(\.id)
            after = page.meta.cursor.next
        } while after != nil
        guard seen.contains(book.id) else { throw Failure("paging by cursor never reached book \(book.id): \(seen)") }
        print("paged through \(seen.count) books by cursor")

        let reserved = try await client.reserveBook(path: .init(bookId: book.id), body: .json(.init(email: "ada@example.com", quantity: 2)))
            .ok.body.json
        guard reserved.stock == 3 else { throw Failure("after reserving 2 of 5, the stock is \(reserved.stock)") }
        print("reserved 2 copies; \(reserved.stock) left")

        let refused = try await client.reserveBook(
            path: .init(bookId: book.id), body: .json(.init(email: "grace@example.com", quantity: 4)))
        guard case .unprocessableContent(let problem) = refused else { throw Failure("reserving 4 of 3 answered \(refused)") }
        print("reserving more than the stock: \(try problem.body.applicationProblemJson.detail ?? "")")

        let changed = try await client.updateBook(
            path: .init(bookId: book.id), body: .json(.init(price: .init(amount: 9.99, currency: .eur)))
        )
        .ok.body.json
        guard changed.price.amount == 9.99, changed.stock == 3 else { throw Failure("the patch answered \(changed)") }
        print("changed the price; the stock stayed \(changed.stock)")

        _ = try await client.deleteBook(path: .init(bookId: book.id)).noContent
        guard case .notFound = try await client.getBook(path: .init(bookId: book.id)) else {
            throw Failure("book \(book.id) is still there after its delete")
        }
        print("removed book \(book.id)")
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
