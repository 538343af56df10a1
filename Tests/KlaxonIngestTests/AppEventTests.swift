import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

@Suite("App events")
struct AppEventTests {
    @Test(arguments: [
        ("critical", AlertEvent.State.firing, Priority.p1), ("warning", .firing, .p2), ("info", .firing, .p3), ("success", .resolved, .p3),
    ])
    func severityMapping(_ severity: String, _ state: AlertEvent.State, _ priority: Priority) throws {
        let body = #"{"title":"Deploy failed","severity":"\#(severity)","team":"Web Platform","environment":"prod","fields":{"build":42,"ok":false,"sha":"abc","meta":{"b":1,"a":[2]}}}"#
        let alert = try #require(Fixture.decode(json: body, kind: .auto).value?.alerts.first)
        #expect(alert.source == "app")
        #expect(alert.state == state && alert.priority == priority)
        #expect(alert.teams == ["web-platform"])
        #expect(alert.environment == "prod")
        #expect(alert.identity.alarmId == "prod/deploy failed")
        #expect(alert.labels == ["build": "42", "ok": "false", "sha": "abc", "meta": #"{"a":[2],"b":1}"#])
        #expect(alert.occurredAt == Fixture.now)
        #expect(alert.defaulted == nil)
    }

    @Test func sameTitleInAnotherEnvironmentIsAnotherAlert() throws {
        let prod = try #require(Fixture.decode(json: #"{"title":"Deploy failed","severity":"critical","environment":"prod"}"#, kind: .appEvent).value?.alerts.first)
        let staging = try #require(Fixture.decode(json: #"{"title":"deploy failed ","severity":"success","environment":"staging"}"#, kind: .appEvent).value?.alerts.first)
        let prodAgain = try #require(Fixture.decode(json: #"{"title":"Deploy Failed","severity":"success","environment":"prod"}"#, kind: .appEvent).value?.alerts.first)
        #expect(prod.fingerprint != staging.fingerprint)
        #expect(prod.fingerprint == prodAgain.fingerprint)
        #expect(prod.teams == ["unassigned"] && prod.defaulted == ["teams"])
    }

    @Test(arguments: [
        (#"{"severity":"critical"}"#, DecodeError(.missingField, "title: is required")),
        (#"{"title":"x"}"#, DecodeError(.missingField, "severity: is required (critical|warning|info|success)")),
        (#"{"title":"x","severity":"fatal"}"#, DecodeError(.invalidField, #"severity: expected critical|warning|info|success, got "fatal""#)),
        (#"{"title":"x","severity":"info","fields":[1]}"#, DecodeError(.invalidField, "fields: expected an object")),
    ])
    func rejects(_ body: String, _ expected: DecodeError) {
        #expect(Fixture.decode(json: body, kind: .appEvent).error == expected)
    }
}
