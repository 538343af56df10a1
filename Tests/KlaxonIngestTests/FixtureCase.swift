import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

/// What one produced alert must look like (values read from the fixture by hand).
struct AlertExpectation: Sendable {
    var source: String
    var state: AlertEvent.State
    var title: String
    var priority: Priority
    var teams: [String]
    var identity: [String: String]
    /// UTC, converted by hand from the fixture; nil means "now" (the payload has no usable time).
    var occurredAt: String?
    var defaulted: [String]?
}

/// One fixture file, the kind it is decoded as, and the outcome.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        case alerts([AlertExpectation], ignored: Int, kind: PayloadKind)
        case failure(DecodeError.Reason, containing: String)
    }

    var path: String
    var kind: PayloadKind
    var outcome: Outcome
    /// What `auto` detection must decode it as (nil: not checked, e.g. a failure).
    var autoKind: PayloadKind?

    var testDescription: String { path }

    static func alerts(_ path: String, _ kind: PayloadKind, _ alerts: [AlertExpectation], ignored: Int = 0,
                       decodedAs: PayloadKind? = nil, auto: PayloadKind? = nil) -> FixtureCase {
        FixtureCase(path: path, kind: kind, outcome: .alerts(alerts, ignored: ignored, kind: decodedAs ?? kind), autoKind: auto ?? decodedAs ?? kind)
    }

    static func fails(_ path: String, _ kind: PayloadKind, _ reason: DecodeError.Reason, _ containing: String) -> FixtureCase {
        FixtureCase(path: path, kind: kind, outcome: .failure(reason, containing: containing), autoKind: nil)
    }
}

let defaultedBoth = ["teams", "priority"]
let unassigned = ["unassigned"]

func cloudwatchIdentity(_ account: String?, _ region: String?, _ arn: String?) -> [String: String] {
    var map: [String: String] = [:]
    map["aws_account"] = account
    map["region"] = region
    map["alarm_arn"] = arn
    return map
}

func awsEventIdentity(_ account: String, _ region: String, _ alarmId: String) -> [String: String] {
    ["account_id": account, "region": region, "alarm_id": alarmId]
}

func grafanaIdentity(_ org: String?, _ rule: String) -> [String: String] {
    var map = ["rule_id": rule]
    map["org_id"] = org
    return map
}

func check(_ alert: AlertEvent, _ expected: AlertExpectation, _ label: String) {
    #expect(alert.source == expected.source, "\(label) source")
    #expect(alert.state == expected.state, "\(label) state")
    #expect(alert.title == expected.title, "\(label) title")
    #expect(alert.priority == expected.priority, "\(label) priority")
    #expect(alert.teams == expected.teams, "\(label) teams")
    #expect(identityMap(alert) == expected.identity, "\(label) identity")
    let want = expected.occurredAt.map(utc) ?? Fixture.now
    #expect(abs(alert.occurredAt.timeIntervalSince(want)) < 0.001, "\(label) occurred_at \(Timestamp.format(alert.occurredAt))")
    #expect(alert.defaulted == expected.defaulted, "\(label) defaulted")
    #expect(alert.rawProvider != nil, "\(label) raw_provider kept")
}
