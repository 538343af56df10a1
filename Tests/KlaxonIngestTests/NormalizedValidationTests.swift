import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

@Suite("Normalized AlertEvent v1 input")
struct NormalizedValidationTests {
    /// The README's example alert.
    static var valid: [String: Any] { [
        "schema_version": 1, "source": "myapp", "state": "FIRING", "title": "High CPU Usage", "priority": "P1",
        "occurred_at": "2024-01-15T10:30:00.000Z", "teams": ["platform-team"],
        "identity": ["account_id": "123456789012", "alarm_id": "cpu-high"],
        "links": ["runbook_url": "https://wiki.company.com/cpu-runbook"],
    ] }

    static func body(_ change: (inout [String: Any]) -> Void) -> Data {
        var object = valid
        change(&object)
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func decode(_ data: Data) -> Result<DecodeResult, DecodeError> {
        do { return .success(try Fixture.decoder().decode(data, kind: .normalized)) } catch { return .failure(error) }
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (inout [String: Any]) -> Void
        var reason: DecodeError.Reason
        var message: String
        var testDescription: String { name }
    }

    static let invalid: [Invalid] = [
        Invalid(name: "P5 priority", change: { $0["priority"] = "P5" }, reason: .invalidField,
                message: #"priority: expected P0|P1|P2|P3, got "P5""#),
        Invalid(name: "missing title", change: { $0["title"] = nil }, reason: .missingField, message: "title: is required"),
        Invalid(name: "bad team pattern", change: { $0["teams"] = ["ok", "bad team!"] }, reason: .invalidField,
                message: #"teams[1]: "bad team!" does not match ^[a-zA-Z0-9_-]+$"#),
        Invalid(name: "too many teams", change: { $0["teams"] = (1...11).map { "team\($0)" } }, reason: .invalidField,
                message: "teams: expected 1 to 10 items, got 11"),
        Invalid(name: "no teams", change: { $0["teams"] = [String]() }, reason: .invalidField,
                message: "teams: expected 1 to 10 items, got 0"),
        Invalid(name: "bad identity key", change: { $0["identity"] = ["account_id": "1", "tenant": "x"] }, reason: .invalidField,
                message: "identity.tenant: unknown field (allowed: account_id, region, alarm_id, aws_account, alarm_arn, org_id, rule_id)"),
        Invalid(name: "bad URL", change: { $0["links"] = ["runbook_url": "javascript:alert(1)"] }, reason: .invalidField,
                message: "links.runbook_url: expected an absolute http(s) URL of at most 2048 characters"),
        Invalid(name: "unknown link key", change: { $0["links"] = ["wiki_url": "https://example.com"] }, reason: .invalidField,
                message: "links.wiki_url: unknown field (allowed: runbook_url, dashboard_url, source_url, silence_url)"),
        Invalid(name: "schema_version as string", change: { $0["schema_version"] = "1" }, reason: .invalidField,
                message: "schema_version: expected an integer, got string"),
        Invalid(name: "schema_version 2", change: { $0["schema_version"] = 2 }, reason: .invalidField,
                message: "schema_version: unsupported version 2 (this Klaxon reads version 1)"),
        Invalid(name: "lower-case state", change: { $0["state"] = "firing" }, reason: .invalidField,
                message: #"state: expected FIRING|RESOLVED, got "firing""#),
        Invalid(name: "bad date", change: { $0["occurred_at"] = "yesterday" }, reason: .invalidField,
                message: #"occurred_at: expected an RFC 3339 date-time, got "yesterday""#),
        Invalid(name: "bad region pattern", change: { $0["identity"] = ["region": "us east 1"] }, reason: .invalidField,
                message: #"identity.region: "us east 1" does not match ^[a-zA-Z0-9_-]+$"#),
        Invalid(name: "title too long", change: { $0["title"] = String(repeating: "x", count: 501) }, reason: .invalidField,
                message: "title: longer than 500 characters (501)"),
        Invalid(name: "two problems", change: { $0["title"] = nil; $0["priority"] = 1 }, reason: .missingField,
                message: "title: is required; priority: expected P0|P1|P2|P3, got number"),
    ]

    @Test(arguments: invalid)
    func rejects(_ case_: Invalid) throws {
        let error = try #require(Self.decode(Self.body(case_.change)).error)
        #expect(error.reason == case_.reason)
        #expect(error.message == case_.message)
    }

    @Test func acceptsTheReadmeExample() throws {
        let decoded = try #require(Self.decode(Self.body { _ in }).value)
        let alert = try #require(decoded.alerts.first)
        #expect(decoded.kind == .normalized)
        #expect(alert.source == "myapp" && alert.state == .firing && alert.priority == .p1)
        #expect(alert.identity.accountId == "123456789012" && alert.identity.alarmId == "cpu-high")
        #expect(alert.rawProvider == nil)
        #expect(alert.defaulted == nil)
    }

    @Test func acceptsAlertingInfraIdentityKeysToo() throws {
        let data = Self.body {
            $0["identity"] = ["aws_account": "123456789012", "region": "us-east-1", "alarm_arn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x", "org_id": "1", "rule_id": "r"]
        }
        let alert = try #require(Self.decode(data).value?.alerts.first)
        #expect(alert.identity.awsAccount == "123456789012")
        #expect(alert.identity.alarmArn == "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x")
        #expect(alert.identity.orgId == "1" && alert.identity.ruleId == "r")
    }

    @Test func unknownTopLevelFieldsAreKeptInRawProvider() throws {
        let data = Self.body { $0["provider_version"] = "grafana:1.0"; $0["team"] = "legacy" }
        let alert = try #require(Self.decode(data).value?.alerts.first)
        #expect(alert.rawProvider?["provider_version"] == .string("grafana:1.0"))
        #expect(alert.rawProvider?["team"] == .string("legacy"))
        #expect(alert.rawProvider?["title"] == .string("High CPU Usage"))
    }

    @Test func producersRawProviderWins() throws {
        let data = Self.body { $0["provider_version"] = "x"; $0["raw_provider"] = ["monitor_id": 12345] }
        let alert = try #require(Self.decode(data).value?.alerts.first)
        #expect(alert.rawProvider == .object(["monitor_id": .int(12345)]))
    }

    @Test func arraysAreValidatedPerElement() throws {
        let good = try JSONSerialization.jsonObject(with: Self.body { _ in })
        let bad = try JSONSerialization.jsonObject(with: Self.body { $0["priority"] = "P5" })
        let data = try JSONSerialization.data(withJSONObject: [good, bad])
        let error = try #require(Self.decode(data).error)
        #expect(error.message == #"[1].priority: expected P0|P1|P2|P3, got "P5""#)
        let ok = try JSONSerialization.data(withJSONObject: [good, good])
        #expect(Self.decode(ok).value?.alerts.count == 2)
        #expect(try Fixture.decoder().decode(ok, kind: .auto).kind == .normalized)
    }

    @Test func roundTripsAProducedAlert() throws {
        let produced = try #require(try Fixture.decode("pytorch-alerting-infra/cloudwatch-alarm.json", kind: .cloudwatch).value?.alerts.first)
        let data = try JSONEncoder().encode(produced)
        let again = try #require(Self.decode(data).value?.alerts.first)
        #expect(again.fingerprint == produced.fingerprint)
        #expect(again.teams == produced.teams && again.priority == produced.priority)
        #expect(again.rawProvider == produced.rawProvider)
    }
}
