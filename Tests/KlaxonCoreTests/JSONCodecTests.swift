import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

@Suite("KlaxonCore's JSON reader and writer agree with Foundation's")
struct JSONCodecTests {
    static let documents: [String] = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"[1, -2, 3.5, 1e3, -0.25E-2, 9223372036854775807, 12345678901234567890]"#,
        #"{"text":"quote \" backslash \\ slash \/ tab \t nl \n cr \r bell \u0007 é \u00e9 😀 \ud83d\ude00"}"#,
        #"  "plain"  "#,
        #"{}"#, #"[]"#, #"0"#, #"-0"#,
    ]

    @Test(arguments: documents)
    func parsesLikeFoundation(_ text: String) throws {
        let ours = try JSONValue.parse(Array(text.utf8))
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == foundation || Self.numericallyEqual(ours, foundation))
        // And what we write reads back the same.
        #expect(Self.numericallyEqual(try JSONValue.parse(ours.serialized()), ours))
        // And Foundation can read what we write.
        _ = try JSONSerialization.jsonObject(with: ours.serialized(), options: [.fragmentsAllowed])
    }

    /// Foundation reads integers beyond Int64 as Double, as we do; 3.5 vs 3.5 etc. are equal anyway.
    static func numericallyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { numericallyEqual($0, $1) }
        case (.object(let x), .object(let y)): return x.keys == y.keys && x.keys.allSatisfy { numericallyEqual(x[$0]!, y[$0]!) }
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        default: return a == b
        }
    }

    @Test(arguments: [
        ("{\"a\":1,}", 7), ("[1 2]", 3), ("{\"a\" 1}", 5), ("\"abc", 4), ("tru", 0), ("01", 1), ("1.", 2),
        ("\"a\u{01}b\"", 2), ("[1] x", 4), ("", 0), ("{\"a\":\"\\x\"}", 8),
    ])
    func rejectsMalformed(_ text: String, offset: Int) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(text.utf8)) }
        do { _ = try JSONValue.parse(Array(text.utf8)) } catch { #expect(error.offset == offset, "\(error)") }
    }

    @Test func writesSortedKeysAndEscapes() {
        let value = JSONValue.object(["b": .string("x\"\n\u{01}"), "a": .int(1), "c": .double(1.5)])
        #expect(value.serializedText() == #"{"a":1,"b":"x\"\n\u0001","c":1.5}"#)
    }

    /// Escapes at the start, the end, back to back and between runs that are copied whole.
    @Test(arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("\"", #""\"""#),
        ("\"start", #""\"start""#),
        ("end\\", #""end\\""#),
        ("a\"\"b", #""a\"\"b""#),
        ("tab\tand\u{1F}unit", #""tab\tand\u001funit""#),
        ("\r\n", #""\r\n""#),
        ("é ✓ 😀 \u{7F}", "\"é ✓ 😀 \u{7F}\""),
        ("x\u{00}y", #""x\u0000y""#),
    ])
    func escapesStrings(_ text: String, expected: String) throws {
        #expect(JSONValue.string(text).serializedText() == expected)
        let back = try JSONSerialization.jsonObject(with: Data(expected.utf8), options: [.fragmentsAllowed]) as? String
        #expect(back == text)
    }

    @Test func alertRoundTripsAndMatchesCodable() throws {
        var alert = AlertSamples.alert(title: "Disk \"full\" ✓", labels: ["env": "prod"])
        alert.description = "line 1\nline 2"
        alert.resource = .init(type: "instance", id: "i-1", region: "us-east-1", extra: ["n": .int(3)])
        alert.links = .init(runbookURL: "https://runbooks.example.org/a")
        alert.rawProvider = .object(["k": .array([.bool(true), .null, .double(2.25)])])
        alert.defaulted = ["teams"]
        alert.occurredAt = Date(timeIntervalSince1970: 1_750_000_000.123)
        let ours = alert.jsonData()
        #expect(try AlertEvent(jsonData: ours) == alert)
        // Foundation's decoder reads our bytes into the same alert, and ours reads Foundation's.
        #expect(try JSONDecoder().decode(AlertEvent.self, from: ours) == alert)
        #expect(try AlertEvent(jsonData: JSONEncoder().encode(alert)) == alert)
    }

    @Test func deliveryRoundTripsThroughBothDecoders() throws {
        let delivery = Delivery(receiver: "r", fingerprint: "f", occurrence: 3, action: .comment, sequence: 2,
                                alert: AlertSamples.alert(), createdAt: Date(timeIntervalSince1970: 1_760_000_000.5))
        let bytes = delivery.jsonValue.serialized()
        #expect(try Delivery(jsonValue: JSONValue.parse(bytes)) == delivery)
        #expect(try JSONDecoder().decode(Delivery.self, from: bytes) == delivery)
    }
}
