import Testing
@testable import KlaxonIngest

/// The Alertmanager identity is a label set in Prometheus' text form; its bytes feed the
/// fingerprint, so they are pinned here (expected strings written by hand from Prometheus'
/// `labels.String()` rules: names in byte order, `\`, `"` and newline escaped in values).
@Suite("Alertmanager identity: label sets in Prometheus' text form")
struct LabelSetTextTests {
    @Test(arguments: [
        ([:], "{}"),
        (["alertname": "Up"], #"{alertname="Up"}"#),
        (["b": "2", "a": "1", "B": "0", "_": "x"], #"{B="0",_="x",a="1",b="2"}"#),
        (["v": #"say "hi"\now"#], #"{v="say \"hi\"\\now"}"#),
        (["v": "\"start"], #"{v="\"start"}"#),
        (["v": "end\\"], #"{v="end\\"}"#),
        (["v": "two\n\nlines"], #"{v="two\n\nlines"}"#),
        (["v": "tab\tand é ✓ 😀"], "{v=\"tab\tand é ✓ 😀\"}"),
        (["v": ""], #"{v=""}"#),
    ])
    func rendersLikePrometheus(_ labels: [String: String], expected: String) {
        #expect(LabelSetText.render(labels) == expected)
    }
}
