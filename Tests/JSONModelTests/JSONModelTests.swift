import JSONModel
import Testing

@Suite struct JSONParserTests {
    @Test func keepsMemberOrder() throws {
        let value = try JSONParser().parse(#"{"z": 1, "a": [true, null, 2.5, "x"], "m": {}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value["a"] == [true, nil, 2.5, "x"])
    }

    @Test func distinguishesIntegersFromNumbers() throws {
        #expect(try JSONParser().parse("12") == .integer(12))
        #expect(try JSONParser().parse("-1.5e2") == .number(-150))
        #expect(try JSONParser().parse("123456789012345678901234567890") == .number(1.2345678901234568e29))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser().parse(#""a\n\"\u00e9\ud83d\ude00""#) == .string("a\n\"é😀"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "line 1, column 9: expected a member name in double quotes"),
        ("[1, 2", "line 1, column 6: unexpected end of input, expected ',' or ']'"),
        ("[1,", "line 1, column 4: unexpected end of input, expected a value"),
        ("{\"a\": 1}\n{", "line 2, column 1: unexpected text after the JSON value"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10: duplicate member 'a'"),
        ("[01]", "line 1, column 3: numbers must not have leading zeros"),
        ("\"\u{01}\"", "line 1, column 2: control character byte 0x1 must be escaped in a string"),
        ("nul", "line 1, column 4: invalid literal, expected 'null'"),
    ])
    func reportsWhereInputIsWrong(input: String, message: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser().parse(input) }
        do {
            _ = try JSONParser().parse(input)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParser.Error(message: "string is not valid UTF-8", line: 1, column: 1)) { try JSONParser().parse(bytes) }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.Error.self) { try JSONParser(maxDepth: 512).parse(deep) }
        #expect((try? JSONParser(maxDepth: 20).parse(String(repeating: "[", count: 20) + String(repeating: "]", count: 20))) != nil)
    }
}

@Suite struct JSONWriterTests {
    @Test func roundTripsInOrder() throws {
        let text = #"{"b":[1,2.5,"x\n",null,true],"a":{}}"#
        let value = try JSONParser().parse(text)
        #expect(JSONWriter(pretty: false).string(value) == text)
        #expect(try JSONParser().parse(JSONWriter().string(value)) == value)
    }

    @Test func prettyPrintsWithTwoSpaces() {
        #expect(JSONWriter().string(["a": [1]]) == "{\n  \"a\": [\n    1\n  ]\n}")
    }
}

@Suite struct JSONPathTests {
    @Test func rendersLikeAPIErrors() {
        #expect(JSONPath.root.description == "(root)")
        #expect(
            JSONPath.root.appending(index: 1).appending(key: "addresses").appending(index: 0).appending(key: "country_code").description
                == "[1].addresses[0].country_code")
        #expect(JSONPath.root.appending(key: "email").description == "email")
    }

    @Test func jsonEqualityIgnoresMemberOrderAndNumberSpelling() {
        let a: JSONValue = ["x": 1, "y": [2.0]]
        let b: JSONValue = ["y": [2], "x": 1.0]
        #expect(a.isJSONEqual(to: b))
        #expect(a != b)
    }
}

@Suite struct SpellingTests {
    @Test func suggestsNearMisses() {
        #expect(Spelling.closest(to: "compnay", in: ["company", "phone"]) == "company")
        #expect(Spelling.closest(to: "compant:in", in: ["company:in", "id:in"]) == "company:in")
        #expect(Spelling.closest(to: "zzz", in: ["company"]) == nil)
    }
}
