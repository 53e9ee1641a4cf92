import JSONModel

/// Where a declaration is written in the registry's Swift source, so that a problem with it
/// names the file and line a person edits, not a pointer into the generated spec.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// `OrdersAPI/Orders.swift`: the module and file, as `#fileID` gives them.
    public let fileID: String
    /// The line, from 1.
    public let line: Int

    /// A place in the registry's source.
    public init(fileID: String, line: Int) {
        self.fileID = fileID
        self.line = line
    }

    /// `OrdersAPI/Orders.swift:12`.
    public var description: String { "\(fileID):\(line)" }
}

/// A declaration that contradicts itself or another, at the declaration.
public struct DeclarationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The declaration at fault; nil when no single one is.
    public let location: SourceLocation?
    /// What contradicts what, naming the resource and field.
    public let message: String

    /// A problem at `location`.
    public init(_ message: String, at location: SourceLocation?) {
        self.location = location
        self.message = message
    }

    /// `OrdersAPI/Orders.swift:12: resource 'orders': …`, as `generate` prints it.
    public var description: String { diagnostic.description }

    /// The problem in the shape every command prints, at the Swift file and line.
    public var diagnostic: Diagnostic { Diagnostic(message: message, file: location?.fileID, line: location?.line) }
}
