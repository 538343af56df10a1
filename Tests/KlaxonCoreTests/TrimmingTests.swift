import KlaxonCore
import Testing

@Suite("trimmingWhitespace: Unicode White_Space at both ends")
struct TrimmingTests {
    @Test("trimmed", arguments: [
        ("", ""), ("a", "a"), ("alert", "alert"), (" alert", "alert"), ("alert ", "alert"),
        ("\t\n alert \r\n", "alert"), ("\u{0B}\u{0C}a b\u{0D}", "a b"), ("   ", ""), ("\n", ""),
        ("\u{A0}alert\u{A0}", "alert"), ("\u{3000}警報\u{3000}", "警報"), ("\u{85}x\u{2028}", "x"),
        ("x\u{2029}", "x"), ("\u{1680}\u{2000}x\u{200A}\u{202F}\u{205F}", "x"),
        ("é", "é"), (" é ", "é"), ("警報", "警報"), ("a\u{0}", "a\u{0}"), ("\u{1}a", "\u{1}a"),
        ("\u{200B}x\u{200B}", "\u{200B}x\u{200B}"),  // zero-width space is not White_Space
    ])
    func trimmed(_ input: String, _ expected: String) {
        #expect(input.trimmingWhitespace() == expected)
        #expect(input[...].trimmingWhitespace() == expected)
        #expect(("<" + input + ">").dropFirst().dropLast().trimmingWhitespace() == expected)
    }
}
