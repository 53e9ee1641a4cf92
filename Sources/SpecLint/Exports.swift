// Findings carry the reader's locations and rules read its documents: a tool that lints with this
// library names those types without a dependency of its own on the reader.
@_exported import SpecReader
