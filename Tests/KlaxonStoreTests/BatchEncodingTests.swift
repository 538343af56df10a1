import Foundation
import KlaxonCore
@testable import KlaxonStore
import Testing

/// The commit encodes each alert once and splices it into its deliveries; what it writes must be
/// the bytes that encoding every value whole gives, since stored JSON is read by other decoders.
@Suite("Batch encoding: each alert once, the same bytes as whole encoding")
struct BatchEncodingTests {
    static let deliveries: [Delivery] = [
        Sample.delivery(),
        Sample.delivery("slack \"ops\"", fingerprint: "fp-\u{e9}\u{1F6A8}", occurrence: 12, action: .comment, sequence: 7),
        Delivery(receiver: "console", fingerprint: "fp2", occurrence: 1, action: .close, sequence: 0,
                 alert: AlertEvent(source: "app", state: .resolved, title: "line\nbreak\t\\ \u{1}", priority: .p3,
                                   occurredAt: Sample.t0, teams: []),
                 createdAt: Date(timeIntervalSinceReferenceDate: 786_123_456.789)),
        Delivery(receiver: "r", fingerprint: "f", occurrence: 0, action: .create, sequence: 1, alert: Sample.alert("x"),
                 createdAt: Date(timeIntervalSinceReferenceDate: -12.5)),
    ]

    @Test(arguments: deliveries)
    func aDeliveryAroundItsAlertTextIsTheWholeEncoding(delivery: Delivery) throws {
        let spliced = BatchEncoding.text(of: delivery, alertText: delivery.alert.jsonValue.serializedText())
        #expect(spliced == delivery.jsonValue.serializedText())
        #expect(try Delivery(jsonValue: JSONValue.parse(Array(spliced.utf8))) == delivery)
    }

    @Test(arguments: [[:], ["action": "CREATE"], ["b": "2", "a": "\"1\"", "\u{e9}": "x\ny", "request_id": "req-1"]] as [[String: String]])
    func anAuditDetailIsTheWholeEncoding(detail: [String: String]) {
        #expect(BatchEncoding.text(of: detail) == JSONValue.object(detail.mapValues(JSONValue.string)).serializedText())
    }

    @Test(arguments: [[], ["infra"], ["a\"b", "c"]] as [[String]])
    func teamsAreTheWholeEncoding(teams: [String]) {
        #expect(BatchEncoding.text(of: teams) == JSONValue.array(teams.map(JSONValue.string)).serializedText())
    }

    /// Two alerts of one fingerprint in one batch (a FIRING then a RESOLVED) each keep their own text.
    @Test func eachDeliveryCarriesItsOwnAlertWhenAFingerprintRepeats() {
        let firing = Sample.delivery(fingerprint: "fp1", sequence: 1)
        var resolved = Sample.delivery(fingerprint: "fp1", action: .close, sequence: 0)
        resolved.alert = Sample.alert(state: .resolved, occurredAt: Sample.at(60))
        var record = Sample.record("fp1")
        record.alert = resolved.alert
        let encoded = BatchEncoding(ProcessedBatch(records: [record], deliveries: [firing, resolved, firing],
                                                   audit: [AuditEntry(at: Sample.t0, step: "alert_processed", detail: ["action": "CREATE"])]))
        #expect(encoded.deliveries.map(\.1) == [firing, resolved, firing].map { $0.jsonValue.serializedText() })
        #expect(encoded.records.map(\.alert) == [resolved.alert.jsonValue.serializedText()])
        #expect(encoded.records.map(\.teams) == [#"["infra","oncall"]"#])
        #expect(encoded.audit.map(\.1) == [#"{"action":"CREATE"}"#])
    }
}
