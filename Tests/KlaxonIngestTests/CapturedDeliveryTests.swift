import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

/// Captures that wrap bodies with headers: each body is decoded as the server would see it.
@Suite("Captured deliveries")
struct CapturedDeliveryTests {
    static func bodies(_ path: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Fixture.data(path)) as! [[String: Any]]
    }

    @Test func alertmanagerSequenceFiresThenResolves() throws {
        let deliveries = try Self.bodies("captured/alertmanager-webhook-sequence.json")
        #expect(deliveries.count == 3)
        var states: [[String]] = []
        var fingerprints: [[String]] = []
        for delivery in deliveries {
            let body = try JSONSerialization.data(withJSONObject: delivery["body"]!)
            let result = try Fixture.decoder().decode(body, kind: .auto)
            #expect(result.kind == .alertmanagerWebhook)
            states.append(result.alerts.map { "\($0.labels?["instance"] ?? "") \($0.state.rawValue)" })
            fingerprints.append(result.alerts.map(\.fingerprint))
        }
        #expect(states == [
            ["10.0.1.5:8080 FIRING", "10.0.1.6:8080 FIRING"],
            ["10.0.1.5:8080 FIRING", "10.0.1.6:8080 RESOLVED"],
            ["10.0.1.5:8080 RESOLVED"],
        ])
        // The same alert keeps its fingerprint across deliveries; the two instances differ.
        #expect(fingerprints[0] == fingerprints[1])
        #expect(fingerprints[2] == [fingerprints[0][0]])
        #expect(fingerprints[0][0] != fingerprints[0][1])
        let last = try Fixture.decoder().decode(JSONSerialization.data(withJSONObject: deliveries[2]["body"]!), kind: .alertmanagerWebhook)
        #expect(last.alerts.first?.occurredAt == utc("2026-11-25T14:15:50Z"))
        #expect(last.alerts.first?.links.sourceURL == nil)
    }

    @Test func prometheusPostsFiringThenResolved() throws {
        let capture = try JSONSerialization.jsonObject(with: Fixture.data("captured/prometheus-to-alertmanager-sample.json")) as! [String: Any]
        let now = utc("2026-11-25T14:29:50Z")
        let firing = try AlertDecoder(options: DecodeOptions()).decode(JSONSerialization.data(withJSONObject: capture["firing"]!), kind: .auto, now: now)
        #expect(firing.kind == .alertmanagerAPI)
        #expect(firing.alerts.map(\.state) == [.firing])
        #expect(firing.alerts.first?.occurredAt == utc("2026-11-25T14:29:42.956Z"))
        #expect(firing.alerts.first?.priority == .p1)
        #expect(firing.alerts.first?.summary == "always firing test alert")
        let resolved = try AlertDecoder(options: DecodeOptions()).decode(JSONSerialization.data(withJSONObject: capture["resolved"]!), kind: .alertmanagerAPI, now: utc("2026-11-25T14:30:00Z"))
        #expect(resolved.alerts.map(\.state) == [.resolved])
        #expect(abs(resolved.alerts[0].occurredAt.timeIntervalSince(utc("2026-11-25T14:29:57.956Z"))) < 0.001)
        #expect(resolved.alerts.first?.fingerprint == firing.alerts.first?.fingerprint)
    }

    @Test func motoSNSNotificationOfAnotherMessageIsNotAnAlert() throws {
        let capture = try JSONSerialization.jsonObject(with: Fixture.data("captured/moto-sns-http-notification.json")) as! [String: Any]
        let body = try JSONSerialization.data(withJSONObject: capture["body"]!)
        #expect(throws: DecodeError.self) { try Fixture.decoder().decode(body, kind: .cloudwatch) }
        do {
            _ = try Fixture.decoder().decode(body, kind: .auto)
            Issue.record("decoded a non-alert")
        } catch {
            #expect(error.reason == .unrecognizedPayload)
            #expect(error.message.hasPrefix("Message: could not tell the source"))
        }
    }

    /// alerting-infra's route: CloudWatch → SNS → SQS (raw delivery off), as a Lambda SQS event.
    @Test func sqsEventWrappingAnSNSAlarm() throws {
        let envelope = String(decoding: try Fixture.data("pytorch-alerting-infra/cloudwatch-alarm.json"), as: UTF8.self)
        let event = try JSONSerialization.data(withJSONObject: ["Records": [
            ["messageId": "1", "body": envelope, "eventSource": "aws:sqs"],
            ["messageId": "2", "body": String(decoding: try Fixture.data("pytorch-alerting-infra/cloudwatch-ok.json"), as: UTF8.self), "eventSource": "aws:sqs"],
        ]])
        let result = try Fixture.decoder().decode(event, kind: .auto)
        #expect(result.kind == .cloudwatch)
        #expect(result.alerts.map(\.state) == [.firing, .resolved])
        #expect(result.alerts.map(\.fingerprint) == Array(repeating: "403fe6611829cb5a76fa3b2c70f0c40f46d6e2cd4e2588a324432808d32dd4f1", count: 2))
    }
}
