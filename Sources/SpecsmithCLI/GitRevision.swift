import Foundation

/// A file as a git revision holds it, named `REF:PATH` (`v1.2:spec/orders.yaml`), so CI can
/// compare a pull request with its base without checking the base out.
struct GitRevision {
    /// Why a `REF:PATH` could not be read: git is missing, or git's own message.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let ref: String
    /// The path as given, relative to the current directory.
    let path: String

    /// The file at `path` as the revision `ref` holds it.
    init(ref: String, path: String) {
        self.ref = ref
        self.path = path
    }

    /// The revision an argument names: `REF:PATH` where no file of that name exists; nil for a
    /// plain file.
    init?(argument: String) {
        guard !FileManager.default.fileExists(atPath: argument), let colon = argument.firstIndex(of: ":") else { return nil }
        let ref = String(argument[..<colon])
        let path = String(argument[argument.index(after: colon)...])
        // `https://…` and `C:` are no revisions; a ref has no slash-slash and a path follows.
        guard !ref.isEmpty, !path.isEmpty, !path.hasPrefix("//") else { return nil }
        self.ref = ref
        self.path = path
    }

    /// The file's text at the revision, read with `git show` from the repository of `directory`
    /// (the current directory by default), its path relative to that directory.
    func text(in directory: URL? = nil) throws(Failure) -> String {
        // `./` makes git read the path from the current directory, as a plain file argument is.
        let relative = path.hasPrefix("/") || path.hasPrefix("./") || path.hasPrefix("../") ? path : "./" + path
        return try Self.git(["show", "\(ref):\(relative)"], in: directory, naming: "\(ref):\(path)")
    }

    /// The day the revision was committed (`2026-11-24`), by which its sunsets are judged.
    func date(in directory: URL? = nil) throws(Failure) -> String {
        try Self.git(["log", "-1", "--format=%cs", ref, "--"], in: directory, naming: ref).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What `git ARGUMENTS` prints, run in `directory`; a failure names `subject` and says what
    /// git said.
    static func git(_ arguments: [String], in directory: URL?, naming subject: String) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "\(subject): git cannot be run (\(error.localizedDescription)); install git or give a file")
        }
        // Read before waiting: a large file fills the pipe, and git would wait for the reader.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(subject): git cannot read it: \(said.isEmpty ? "git failed" : said)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(subject): is not UTF-8 text at that revision")
        }
        return text
    }
}
