import APIRegistry
import Crypto
import Foundation
import JSONModel

/// Secrets (fields declared `secret`, such as a password) as the mock keeps them: a salted
/// SHA-256 under a key no schema has, so no response can show them, and a check of a candidate.
enum Secrets {
    /// The stored key of the secret at a field path: `#secret authentication.new_password`.
    static func key(_ path: String) -> String { "#secret \(path)" }

    /// Secrets `item` sends, top-level or one value object down, keyed for storage.
    static func hashes(in item: JSONObject, of model: Model) -> [(key: String, hash: String)] {
        var found: [(key: String, hash: String)] = []
        for field in model.fields {
            if field.secret, let value = item[field.name]?.stringValue {
                found.append((key(field.name), hash(value)))
            } else if case .model(let nested) = field.type, case .object(let object)? = item[field.name] {
                for inner in nested.fields where inner.secret {
                    if let value = object[inner.name]?.stringValue { found.append((key("\(field.name).\(inner.name)"), hash(value))) }
                }
            }
        }
        return found
    }

    /// `sha256$<salt>$<digest>`, both hex, with a fresh random salt.
    static func hash(_ secret: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "sha256$\(hex(salt))$\(hex(digest(salt, secret)))"
    }

    /// Whether `candidate` is the secret `stored` was made from.
    static func matches(_ candidate: String, _ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 3, parts[0] == "sha256", let salt = bytes(fromHex: parts[1]) else { return false }
        let expected = Array(digest(salt, candidate))
        guard let actual = bytes(fromHex: parts[2]), actual.count == expected.count else { return false }
        // Compared in full, so the time taken says nothing about where they differ.
        return zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func digest(_ salt: [UInt8], _ secret: String) -> SHA256.Digest {
        SHA256.hash(data: salt + Array(secret.utf8))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(fromHex text: Substring) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}
