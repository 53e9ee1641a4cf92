import Foundation
import JSONModel
import OpenAPIEmitter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `--state` file: an append-only log of JSON lines. The first line says what wrote it
/// (format, API, seeding); each later line is what one request changed in one store (the
/// records put, the ids deleted, the next id of each table) or a store's reset. A line is
/// written and fsynced before the response that acknowledges it is sent, so a write the
/// client saw succeed survives a SIGKILL; a line cut short by a crash was never acknowledged.
final class StateJournal: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    /// Why a state file cannot be used, with its line when one is to blame.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// What one entry changes.
    enum Entry {
        /// What one request changed in one store, and the events it raised for subscribers
        /// (with the ids of those owed each), written in the same line: an acknowledged change
        /// never loses its events.
        case changes(store: String, tables: [TableChange], events: [(event: RaisedEvent, to: [String])])
        case reset(store: String)
        /// A subscription made through the admin API.
        case subscribed(WebhookSubscription)
        case unsubscribed(String)
        /// A subscriber's delivery of an event ended: delivered, failed or dropped.
        case settled(event: String, subscription: String, status: String)
    }

    static let format = "specsmith-mock-state"

    /// Opens `path` for appending, creating it with `header` when it does not exist; returns
    /// the journal and the entries already in the file, in order. Throws a `Problem` naming
    /// the line when the file is not a state file, was written for another API or seeding,
    /// or ends in a cut-short line.
    static func open(_ path: String, header: JSONObject) throws(Problem) -> (StateJournal, [Entry]) {
        var entries: [Entry] = []
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Problem(description: "\(path): cannot be read; check its permissions")
            }
            entries = try read([UInt8](data), path: path, expecting: header)
        }
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Problem(description: "\(path): cannot be opened for writing: \(String(cString: strerror(errno)))")
        }
        let journal = StateJournal(path: path, descriptor: descriptor)
        if entries.isEmpty && (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            do {
                try journal.write(.object(header))
            } catch {
                throw Problem(description: "\(path): cannot be written: \(error)")
            }
            journal.syncDirectory()
        }
        return (journal, entries)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends one entry and waits until it is on disk.
    func append(_ entry: Entry) throws(Problem) {
        try write(Self.encode(entry))
    }

    private func write(_ value: JSONValue) throws(Problem) {
        let line = Array((JSONWriter(pretty: false).string(value) + "\n").utf8)
        var offset = 0
        while offset < line.count {
            let written = line[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Problem(description: "\(path): write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw Problem(description: "\(path): fsync failed: \(String(cString: strerror(errno)))")
        }
    }

    /// A new file's name is durable only once its folder is synced too.
    private func syncDirectory() {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard directory >= 0 else { return }
        _ = fsync(directory)
        close(directory)
    }

    static func encode(_ entry: Entry) -> JSONValue {
        switch entry {
        case .reset(let store):
            return ["store": .string(store), "reset": true]
        case .changes(let store, let tables, let events):
            var changed = JSONObject()
            for table in tables {
                changed[table.table] = [
                    "next": .integer(table.next), "put": .array(table.put.map { .object($0) }),
                    "delete": .array(table.deleted.map { .integer($0) }),
                ]
            }
            var entry = JSONObject([("store", .string(store)), ("tables", .object(changed))])
            if !events.isEmpty {
                entry["events"] = .array(
                    events.map { raised, to in
                        [
                            "id": .string(raised.id), "name": .string(raised.name), "payload": raised.payload,
                            "to": .array(to.map(JSONValue.string)),
                        ]
                    })
            }
            return .object(entry)
        case .subscribed(let subscription):
            return ["webhook": subscription.json(secret: true)]
        case .unsubscribed(let id):
            return ["unsubscribe": .string(id)]
        case .settled(let event, let subscription, let status):
            return ["settled": .string(event), "webhook": .string(subscription), "status": .string(status)]
        }
    }

    /// The entries of a state file, checked line by line.
    static func read(_ bytes: [UInt8], path: String, expecting header: JSONObject) throws(Problem) -> [Entry] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        if let last = lines.last, bytes.last != UInt8(ascii: "\n") {
            let keep = bytes.count - last.count
            throw Problem(
                description: """
                    \(path):\(lines.count): the last line is cut short: the mock stopped while writing it, so the \
                    request it records was never acknowledged. To start from the records before it, remove it: \
                    truncate -s \(keep) \(path)
                    """)
        }
        guard let first = lines.first else { return [] }
        guard case .object(let found)? = try? JSONParser().parse(first), found["format"] == .string(format) else {
            throw Problem(description: "\(path):1: not a Specsmith mock state file; name a new file or this one's right path")
        }
        for key in ["api", "seeding"] where found[key] != header[key] {
            let was = found[key].map { JSONWriter(pretty: false).string($0) } ?? "nothing"
            let now = header[key].map { JSONWriter(pretty: false).string($0) } ?? "nothing"
            throw Problem(
                description: "\(path):1: written with \(key) \(was), but this mock has \(now); start it the same way or use a new file")
        }
        var entries: [Entry] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            let value: JSONValue
            do {
                value = try JSONParser().parse(line)
            } catch {
                throw Problem(description: "\(path):\(number): not a JSON line (\(error)); the file is damaged")
            }
            guard let entry = decode(value) else {
                throw Problem(
                    description:
                        "\(path):\(number): not a state entry (it needs store, and tables or reset; or a webhook's subscription or delivery); the file is damaged"
                )
            }
            entries.append(entry)
        }
        return entries
    }

    static func decode(_ value: JSONValue) -> Entry? {
        if let event = value["settled"]?.stringValue {
            guard let subscription = value["webhook"]?.stringValue, let status = value["status"]?.stringValue else { return nil }
            return .settled(event: event, subscription: subscription, status: status)
        }
        if let webhook = value["webhook"] { return WebhookSubscription(json: webhook).map(Entry.subscribed) }
        if let id = value["unsubscribe"]?.stringValue { return .unsubscribed(id) }
        guard let store = value["store"]?.stringValue else { return nil }
        if value["reset"] == true { return .reset(store: store) }
        guard case .object(let tables)? = value["tables"] else { return nil }
        var changed: [TableChange] = []
        for (name, table) in tables {
            guard let next = table["next"]?.intValue, let put = table["put"]?.arrayValue, let deleted = table["delete"]?.arrayValue
            else { return nil }
            let records = put.compactMap(\.objectValue)
            let ids = deleted.compactMap(\.intValue)
            guard records.count == put.count, ids.count == deleted.count else { return nil }
            changed.append(TableChange(table: name, next: next, put: records, deleted: ids))
        }
        var events: [(event: RaisedEvent, to: [String])] = []
        for item in value["events"]?.arrayValue ?? [] {
            guard let id = item["id"]?.stringValue, let name = item["name"]?.stringValue, let payload = item["payload"],
                let to = item["to"]?.arrayValue?.compactMap(\.stringValue)
            else { return nil }
            events.append((RaisedEvent(id: id, name: name, tenant: store, payload: payload), to))
        }
        return .changes(store: store, tables: changed, events: events)
    }
}
