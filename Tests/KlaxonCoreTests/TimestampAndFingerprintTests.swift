import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-09-03T19:10:01Z", 1_756_926_601.0),
        ("2025-09-03T19:10:01.123Z", 1_756_926_601.123),
        ("2025-09-03T19:10:01.123456Z", 1_756_926_601.123456),
        ("2025-09-03T19:10:01.123456789Z", 1_756_926_601.123456789),
        ("2025-09-03T21:10:01+02:00", 1_756_926_601.0),
        ("2025-09-03T14:10:01.5-05:00", 1_756_926_601.5),
        ("1970-01-01T00:00:00Z", 0),
    ])
    func parses(_ text: String, expected: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.000_001)
    }

    @Test(arguments: ["2025-09-03T19:10:01.1234567890Z", "2025-09-03", "2025-13-03T19:10:01Z", "2025-09-03T19:10:01", "yesterday", "2025-09-03T19:10:01.Z"])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func goZeroTime() throws {
        let zero = try #require(Timestamp.parse("0001-01-01T00:00:00Z"))
        #expect(Timestamp.isZeroTime(zero))
        #expect(!Timestamp.isZeroTime(Date(timeIntervalSince1970: 0)))
    }

    @Test func formatsWithMilliseconds() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_756_926_601.123)) == "2025-09-03T19:10:01.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }
}

@Suite struct FingerprintTests {
    /// Expected value computed outside Swift, with coreutils:
    /// printf '%s' 'alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=cpu high' | sha256sum
    @Test func cloudwatchConstruction() {
        var alert = AlertSamples.alert(title: "  CPU High ")
        alert.identity.alarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu"
        alert.identity.alarmId = "ignored for cloudwatch"
        #expect(Fingerprint.canonicalInput(alert) == "alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=cpu high")
        #expect(Fingerprint.of(alert) == "297a692a161f287c4ad2d7aae6f858e468dbb22cebbe2eeea49a42d1faa13ab3")
    }

    @Test func otherSourcesUseEveryIdentityField() {
        var alert = AlertSamples.alert(source: "alertmanager")
        alert.identity = .init(alarmId: "{alertname=\"x\"}")
        #expect(Fingerprint.canonicalInput(alert) == "alarm_id={alertname=\"x\"}|source=alertmanager|title=cpu high")
        #expect(Fingerprint.of(alert).count == 64)
    }

    @Test func grafanaIgnoresAwsFields() {
        var alert = AlertSamples.alert(source: "grafana")
        alert.identity = .init(awsAccount: "1", orgId: "1", ruleId: "abc")
        #expect(Fingerprint.canonicalInput(alert) == "org_id=1|rule_id=abc|source=grafana|title=cpu high")
    }
}
