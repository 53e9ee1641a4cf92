import APIRegistry

/// The `curl` commands of a shell block, read as the requests they send: the subset of
/// curl's options a guide needs (`-X`, `-H`, `-d` and their long forms, and the quiet ones).
enum Curl {
    typealias Request = GuideScript.Request

    /// Options that change nothing about the request sent.
    static let quiet: Set<String> = [
        "-s", "--silent", "-S", "--show-error", "-f", "--fail", "-i", "--include", "-sS", "-fsS", "-g", "--globoff",
    ]

    static func requests(in block: MarkdownScan.Block, info: APIInfo) -> Result<[Request], GuideScript.ParseFailure> {
        var requests: [Request] = []
        for (line, command) in commands(block) {
            guard let words = shellWords(command) else {
                return .failure(.init(line: line, message: "the command has an unclosed quote"))
            }
            guard words.first == "curl" else { continue }
            var method: String?
            var headers: [(name: String, value: String)] = []
            var body: String?
            var url: String?
            var index = 1
            func next(_ option: String) -> Result<String, GuideScript.ParseFailure> {
                index += 1
                guard index < words.count else { return .failure(.init(line: line, message: "curl \(option) needs a value")) }
                return .success(words[index])
            }
            while index < words.count {
                let word = words[index]
                switch word {
                case "-X", "--request":
                    switch next(word) {
                    case .success(let value): method = value.uppercased()
                    case .failure(let failure): return .failure(failure)
                    }
                case "-H", "--header":
                    switch next(word) {
                    case .success(let value):
                        guard let colon = value.firstIndex(of: ":") else {
                            return .failure(.init(line: line, message: "curl \(word) '\(value)' is not 'Name: value'"))
                        }
                        headers.append((value[..<colon].trimmingSpaces(), value[value.index(after: colon)...].trimmingSpaces()))
                    case .failure(let failure): return .failure(failure)
                    }
                case "-d", "--data", "--data-raw", "--data-binary":
                    switch next(word) {
                    case .success(let value):
                        guard !value.hasPrefix("@") || word == "--data-raw" else {
                            return .failure(
                                .init(
                                    line: line, message: "curl \(word) \(value) reads a file the guide does not have; put the body inline"))
                        }
                        body = value
                    case .failure(let failure): return .failure(failure)
                    }
                default:
                    if quiet.contains(word) {
                        break
                    } else if word.hasPrefix("-") {
                        return .failure(
                            .init(
                                line: line,
                                message:
                                    "curl \(word) is not an option the guide runner knows; use -X, -H and -d, or mark the block fragment"))
                    } else if url == nil {
                        url = word
                    } else {
                        return .failure(.init(line: line, message: "curl is given two URLs: \(url ?? "") and \(word)"))
                    }
                }
                index += 1
            }
            guard let url, url.contains("://") else {
                return .failure(.init(line: line, message: "curl needs a full URL, e.g. http://127.0.0.1:4010\(info.serverPath)/…"))
            }
            switch GuideScript.target(url, info: info, line: line) {
            case .success(let (path, query)):
                requests.append(
                    Request(
                        line: line, method: method ?? (body == nil ? "GET" : "POST"), path: path, query: query, headers: headers,
                        body: body ?? ""))
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(requests)
    }

    /// Each command with the line it starts on: lines ending in `\` continue, `$ ` prompts are dropped.
    static func commands(_ block: MarkdownScan.Block) -> [(Int, String)] {
        var commands: [(Int, String)] = []
        var current: (Int, String)?
        for (offset, raw) in block.body.enumerated() {
            var line = raw.trimmingSpaces()
            if current == nil {
                if line.hasPrefix("$ ") { line = String(line.dropFirst(2)) }
                guard !line.isEmpty, !line.hasPrefix("#") else { continue }
                current = (block.line + 1 + offset, "")
            }
            let continues = line.hasSuffix("\\")
            if continues { line.removeLast() }
            current?.1 += line + " "
            if !continues, let done = current {
                commands.append(done)
                current = nil
            }
        }
        if let current { commands.append(current) }
        return commands
    }

    /// Splits a command into words as a POSIX shell would, for quoting: 'single', "double", \escapes.
    /// nil when a quote is left open.
    static func shellWords(_ command: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, " "), (nil, "\t"):
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if quote != nil { return nil }
        if inWord { words.append(word) }
        return words
    }
}
