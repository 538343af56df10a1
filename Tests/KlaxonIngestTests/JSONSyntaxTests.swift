import Foundation
import Testing
@testable import KlaxonIngest

@Suite("JSON syntax check")
struct JSONSyntaxTests {
    @Test(arguments: [
        (#"{"a":[1,-2.5e+3,true,false,null,"x\"\u00e9\n"],"b":{}}"#, JSONSyntax.ValueType.object),
        ("[]", .array), ("  [ {} , [ ] ]\n", .array), (#""text""#, .string), ("0", .number), ("-0.0E-1", .number),
        ("true", .bool), ("null", .null), ("{\"é\":\"日本\"}", .object),
    ])
    func acceptsValidDocuments(_ text: String, _ type: JSONSyntax.ValueType) throws {
        let summary = try JSONSyntax.scan(Array(text.utf8)).get()
        #expect(summary.topLevel == type)
        #expect(JSONSyntax.check(Data(text.utf8)) == nil)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var offset: Int
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "empty body", text: "", offset: 0, line: 1, column: 1, message: "empty body: expected a JSON value"),
        Malformed(name: "only whitespace", text: " \n", offset: 2, line: 2, column: 1, message: "expected a JSON value, got only whitespace"),
        Malformed(name: "truncated object", text: "{\"a\": [1, 2", offset: 11, line: 1, column: 12, message: "unexpected end of input: expected ',' or ']'"),
        Malformed(name: "truncated string", text: "{\"a\": \"abc", offset: 10, line: 1, column: 11, message: "unterminated string (opened at byte 6)"),
        Malformed(name: "trailing comma in object", text: "{\"a\": 1,\n}", offset: 9, line: 2, column: 1, message: "trailing comma before '}'"),
        Malformed(name: "trailing comma in array", text: "[1, 2, ]", offset: 7, line: 1, column: 8, message: "trailing comma before ']'"),
        Malformed(name: "bad escape", text: #"{"a": "x\qy"}"#, offset: 8, line: 1, column: 9, message: #"invalid escape \q in string (valid: \" \\ \/ \b \f \n \r \t \uXXXX)"#),
        Malformed(name: "bad unicode escape", text: #"["\u12G4"]"#, offset: 6, line: 1, column: 7, message: #"invalid \u escape: expected 4 hex digits"#),
        Malformed(name: "control character in string", text: "{\"a\": \"line\nbreak\"}", offset: 11, line: 1, column: 12, message: "control character U+000A in string must be escaped"),
        Malformed(name: "trailing garbage", text: "{\"a\": 1} x", offset: 9, line: 1, column: 10, message: "unexpected 'x' after the end of the JSON value"),
        Malformed(name: "two documents", text: "{}\n{}", offset: 3, line: 2, column: 1, message: "unexpected '{' after the end of the JSON value"),
        Malformed(name: "missing colon", text: "{\"a\" 1}", offset: 5, line: 1, column: 6, message: "expected ':' after an object key, got '1'"),
        Malformed(name: "unquoted key", text: "{a: 1}", offset: 1, line: 1, column: 2, message: "expected a string key in double quotes, got 'a'"),
        Malformed(name: "single quotes", text: "['x']", offset: 1, line: 1, column: 2, message: "expected a value (object, array, string, number, true, false or null), got '''"),
        Malformed(name: "leading zero", text: "[012]", offset: 2, line: 1, column: 3, message: "invalid number: leading zeros are not allowed"),
        Malformed(name: "bare minus", text: "[-]", offset: 2, line: 1, column: 3, message: "invalid number: expected a digit"),
        Malformed(name: "bad literal", text: "[tru]", offset: 4, line: 1, column: 5, message: "invalid literal: expected true"),
        Malformed(name: "missing comma", text: "{\"a\":1 \"b\":2}", offset: 7, line: 1, column: 8, message: "expected ',' or '}' after an object member, got '\"'"),
    ]

    @Test(arguments: malformed)
    func reportsWhereAndWhat(_ case_: Malformed) {
        let error = JSONSyntax.check(Array(case_.text.utf8))
        #expect(error == JSONSyntaxError(offset: case_.offset, line: case_.line, column: case_.column, message: case_.message))
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(JSONSyntax.check(bytes)?.message == "invalid UTF-8 byte 0xC3 in string")
        #expect(JSONSyntax.check(bytes)?.offset == 1)
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONSyntax.check(Array(deep.utf8))?.message == "nesting deeper than 512 levels")
    }

    @Test func reportsWellKnownKeys() throws {
        let summary = try JSONSyntax.scan(Array(#"{"Type":"Notification","x":{"AlarmName":1},"Message":"{}"}"#.utf8)).get()
        #expect(summary.keys == [.type, .message])
        let array = try JSONSyntax.scan(Array(#"[{"labels":{"schema_version":1}},{"schema_version":1}]"#.utf8)).get()
        #expect(array.firstElementKeys == [.labels])
        #expect(array.elementCount == 2)
    }

    @Test func decodeReportsMalformedBodies() throws {
        let error = try #require(Fixture.decode(json: "{\"alerts\": [}", kind: .auto).error)
        #expect(error.reason == .malformedJSON)
        #expect(error.message == "not valid JSON: line 1, column 13 (byte 12): expected a value (object, array, string, number, true, false or null), got '}'")
    }
}
