// Changes carry the reader's locations: a tool that diffs with this library names them without a
// dependency of its own on the reader.
@_exported import SpecReader
