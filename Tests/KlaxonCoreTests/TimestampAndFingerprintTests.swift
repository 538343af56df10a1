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

    /// Dates across the range the format handles, with awkward fractions: the text is what the
    /// calendar says (an oracle through Foundation's Gregorian calendar, which is Julian before
    /// October 1582, so only from 1583 on; RFC 3339 dates are proleptic Gregorian), and
    /// `millisecondPrecision` is exactly what reading that text back gives, for every date.
    static let dates: [Date] = {
        var dates = [0, 0.0005, 0.9995, 1e-9, -0.001, -1, -0.5, 1_756_926_601.123, 1_756_926_601.1239999,
                     951_782_400.999, 4_107_542_399.999, 253_402_300_799.999, -62_135_596_800, -62_167_219_200,
                     253_402_300_800, -62_167_219_201].map { Date(timeIntervalSince1970: $0) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -62_167_219_200...253_402_300_799, using: &generator)))
            dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800_000, using: &generator)) / 1000))
            dates.append(Date(timeIntervalSince1970: Double.random(in: -12_212_553_600...253_402_300_799, using: &generator)))
        }
        return dates
    }()

    @Test func formatAndMillisecondPrecisionAgreeWithTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for date in Self.dates {
            let millis = (date.timeIntervalSince1970 * 1000).rounded(.down)
            let seconds = (millis / 1000).rounded(.down)
            let c = calendar.dateComponents([.era, .year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
            let year = c.era == 0 ? 1 - c.year! : c.year!
            let text = Timestamp.format(date)
            if seconds < -12_212_553_600 {  // before 1583-01-01: only the round trip is checked
            } else if (0...9999).contains(year) {
                let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, c.month!, c.day!, c.hour!, c.minute!, c.second!, Int(millis - seconds * 1000))
                #expect(text == expected, "\(date.timeIntervalSince1970)")
            } else {
                #expect(Timestamp.parse(text) == nil, "\(date.timeIntervalSince1970)")
            }
            #expect(Timestamp.millisecondPrecision(date) == Timestamp.parse(text) ?? date, "\(date.timeIntervalSince1970)")
        }
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

    /// Every identity field at once, in the order of the keys' bytes. Expected hash from coreutils:
    /// printf '%s' 'account_id=7|alarm_arn=arn:x|alarm_id=i-1|aws_account=123|org_id=o|region=eu-west-1|rule_id=r|source=eventbridge|title=cpu high' | sha256sum
    @Test func everyIdentityFieldInKeyOrder() {
        var alert = AlertSamples.alert(source: "eventbridge")
        alert.identity = .init(awsAccount: "123", region: "eu-west-1", alarmArn: "arn:x", orgId: "o", ruleId: "r", accountId: "7", alarmId: "i-1")
        #expect(Fingerprint.canonicalInput(alert) == "account_id=7|alarm_arn=arn:x|alarm_id=i-1|aws_account=123|org_id=o|region=eu-west-1|rule_id=r|source=eventbridge|title=cpu high")
        #expect(Fingerprint.of(alert) == "7ccd93e58966cc8c6c6ae204287d76d6c8767a56ee05ba86ee8889c0652b242c")
        alert.identity = .init(region: "")
        #expect(Fingerprint.canonicalInput(alert) == "source=eventbridge|title=cpu high")
    }

    @Test func grafanaIgnoresAwsFields() {
        var alert = AlertSamples.alert(source: "grafana")
        alert.identity = .init(awsAccount: "1", orgId: "1", ruleId: "abc")
        #expect(Fingerprint.canonicalInput(alert) == "org_id=1|rule_id=abc|source=grafana|title=cpu high")
    }
}
