/// Where a declaration is written in the registry's Swift source, so that a problem with it
/// names the file and line a person edits, not a pointer into the generated spec.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// `OrdersAPI/Orders.swift`: the module and file, as `#fileID` gives them.
    public let fileID: String
    public let line: Int

    public init(fileID: String, line: Int) {
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "\(fileID):\(line)" }
}

/// A declaration that contradicts itself or another, at the declaration.
public struct DeclarationProblem: Sendable, Equatable, CustomStringConvertible {
    public let location: SourceLocation?
    public let message: String

    public init(_ message: String, at location: SourceLocation?) {
        self.location = location
        self.message = message
    }

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
