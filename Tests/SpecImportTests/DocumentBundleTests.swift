import Foundation
import JSONModel
import SpecImport
import SpecReader
import Testing

/// A document split over files as docs teams split them: a path item in a file of its own, a
/// schema per file that refers to another beside it, and a parameter in a shared file.
private let files: [String: String] = [
    "openapi.yaml": """
    openapi: 3.0.3
    info: {title: Pets, version: '1.0'}
    paths:
      /pets:
        $ref: './paths/pets.yaml'
      /pets/{petId}:
        get:
          parameters:
          - {name: petId, in: path, required: true, schema: {type: integer}}
          responses:
            '200':
              description: A pet.
              content:
                application/json:
                  schema: {$ref: './schemas/pet.yaml'}
    """,
    "paths/pets.yaml": """
    get:
      parameters:
      - $ref: '../common.yaml#/components/parameters/Limit'
      responses:
        '200':
          description: Pets.
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '../schemas/pet.yaml'}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '../schemas/pet.yaml'}
      responses:
        '201':
          description: The pet.
          content:
            application/json:
              schema: {$ref: '../schemas/pet.yaml'}
    """,
    "schemas/pet.yaml": """
    type: object
    required: [id, name]
    properties:
      id: {type: integer, readOnly: true}
      name: {type: string, minLength: 1}
      tag: {$ref: './tag.yaml'}
    """,
    "schemas/tag.yaml": """
    type: object
    properties:
      label: {type: string}
    """,
    "common.yaml": """
    components:
      parameters:
        Limit: {name: limit, in: query, schema: {type: integer, maximum: 100, default: 20}}
    """,
]

private func write(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder
}

@Suite struct DocumentBundleTests {
    @Test func referencesToOtherFilesBecomeComponentsOfTheRoot() throws {
        let folder = try write(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DocumentBundle(contentsOf: folder.appendingPathComponent("openapi.yaml"))
        #expect(bundle.files == ["paths/pets.yaml", "common.yaml", "schemas/pet.yaml", "schemas/tag.yaml"])
        let root = bundle.document.root.json
        #expect(root["components"]?["schemas"]?["pet"]?["properties"]?["tag"] == ["$ref": "#/components/schemas/tag"])
        #expect(root["components"]?["parameters"]?["Limit"]?["name"] == "limit")
        #expect(root["paths"]?["/pets"]?["get"]?["parameters"]?.arrayValue?.first == ["$ref": "#/components/parameters/Limit"])
        let plan = ImportedAPI(document: bundle.document, fileName: "pets.yaml").plan
        let pets = try #require(plan.resources.first)
        #expect(pets.name == "pets")
        #expect(pets.schema == "pet")
        #expect(pets.identifier == "id")
    }

    @Test func aDocumentInOneFileIsReadAsWritten() throws {
        let single = (files["openapi.yaml"] ?? "").replacingOccurrences(of: "    $ref: './paths/pets.yaml'\n", with: "")
            .replacingOccurrences(of: "./schemas/pet.yaml", with: "#/x")
        let folder = try write(["openapi.yaml": single])
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try DocumentBundle(contentsOf: folder.appendingPathComponent("openapi.yaml"))
        #expect(bundle.files.isEmpty)
        // Not re-written: lines are the file's own.
        #expect(bundle.document.root["paths"]?["/pets/{petId}"]?.location.line == 6)
    }

    @Test func aMissingFileIsNamed() throws {
        var broken = files
        broken["schemas/tag.yaml"] = nil
        let folder = try write(broken)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try DocumentBundle(contentsOf: folder.appendingPathComponent("openapi.yaml"))
        } throws: { error in
            "\(error)".contains("pet.yaml refers to") && "\(error)".contains("schemas/tag.yaml, which cannot be read")
        }
    }
}
