import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

/// Dates as alert payloads carry them, through an Alertmanager webhook's startsAt.
@Suite("Payload date-times")
struct DateParsingTests {
    static func webhook(startsAt: String) -> String {
        #"{"version":"4","status":"firing","groupKey":"{}","alerts":[{"status":"firing","labels":{"alertname":"A"},"startsAt":"\#(startsAt)","endsAt":"0001-01-01T00:00:00Z"}]}"#
    }

    // Expected epoch seconds computed with `date -u -d '<utc>' +%s` plus the fraction.
    @Test(arguments: [
        ("2026-11-25T14:15:40Z", 1_795_616_140.0),
        ("2026-11-25T14:15:40.123Z", 1_795_616_140.123),
        ("2026-11-25T14:15:40.123456Z", 1_795_616_140.123456),
        ("2026-11-25T14:15:40.123456789Z", 1_795_616_140.123456789),
        ("2026-11-25T16:15:40.5+02:00", 1_795_616_140.5),
        ("2026-11-25T09:15:40-0500", 1_795_616_140.0),
    ])
    func parses(_ text: String, _ epoch: Double) throws {
        let alert = try #require(Fixture.decode(json: Self.webhook(startsAt: text), kind: .alertmanagerWebhook).value?.alerts.first)
        #expect(abs(alert.occurredAt.timeIntervalSince1970 - epoch) < 0.000_01)
    }

    @Test func goZeroTimeMeansUnset() throws {
        let alert = try #require(Fixture.decode(json: Self.webhook(startsAt: "0001-01-01T00:00:00Z"), kind: .alertmanagerWebhook).value?.alerts.first)
        #expect(alert.occurredAt == Fixture.now)
    }

    @Test func tenFractionalDigitsAreRejected() throws {
        let error = try #require(Fixture.decode(json: Self.webhook(startsAt: "2026-11-25T14:15:40.1234567891Z"), kind: .alertmanagerWebhook).error)
        #expect(error.reason == .invalidField)
        #expect(error.message == #"alerts[0].startsAt: expected an RFC 3339 date-time, got "2026-11-25T14:15:40.1234567891Z""#)
    }

    @Test func apiV2ResolvesRelativeToNow() throws {
        let body = #"[{"labels":{"alertname":"A"},"startsAt":"2026-11-25T14:00:00Z","endsAt":"2026-11-25T14:20:00Z"}]"#
        let before = try #require(Fixture.decode(json: body, kind: .alertmanagerAPI, now: utc("2026-11-25T14:10:00Z")).value?.alerts.first)
        #expect(before.state == .firing)
        #expect(before.occurredAt == utc("2026-11-25T14:00:00Z"))
        let after = try #require(Fixture.decode(json: body, kind: .alertmanagerAPI, now: utc("2026-11-25T14:20:00Z")).value?.alerts.first)
        #expect(after.state == .resolved)
        #expect(after.occurredAt == utc("2026-11-25T14:20:00Z"))
    }
}
