/// A workflow command that GitHub turns into an annotation on a pull request's file and line.
package enum GitHubAnnotation {
    /// - Parameters:
    ///   - level: `error`, `warning` or `notice`.
    ///   - title: the rule or check id.
    package static func line(level: String, file: String, location: Location?, title: String, message: String) -> String {
        var properties = ["file=\(escapeProperty(file))"]
        if let location { properties += ["line=\(location.line)", "col=\(location.column)"] }
        properties.append("title=\(escapeProperty(title))")
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
            of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
