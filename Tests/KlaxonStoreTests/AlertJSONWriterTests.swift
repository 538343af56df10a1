import Foundation
import KlaxonCore
@testable import KlaxonStore
import Testing

/// The store writes alerts with its own writer; the bytes must be those of `AlertEvent.jsonValue`
/// serialized, which every reader of stored alerts (and the Codable form) agrees with.
@Suite("Alert JSON writer: the same bytes as the JSON tree")
struct AlertJSONWriterTests {
    static let alerts: [AlertEvent] = [
        Sample.alert(),
        AlertEvent(source: "app", state: .resolved, title: "", priority: .p3, occurredAt: Date(timeIntervalSince1970: 0.001), teams: []),
        AlertEvent(
            schemaVersion: 2, source: "alertmanager", state: .firing, title: "Disk \"full\"\n\u{1}\u{e9}\u{1F6A8}",
            description: "d\\e", summary: "s", reason: "r", priority: .p0, occurredAt: Sample.at(0.5), teams: ["a", "b\"c"],
            resource: AlertEvent.Resource(type: "host"),
            identity: AlertEvent.Identity(awsAccount: "1", region: "eu", alarmArn: "arn", orgId: "2", ruleId: "3", accountId: "4", alarmId: "5"),
            links: AlertEvent.Links(runbookURL: "https://r/", dashboardURL: "https://d/", sourceURL: "https://s/", silenceURL: "https://x/"),
            rawProvider: .array([.null, .bool(true), .double(1.5), .object(["z": .int(-1), "a": .string("é")])]),
            labels: ["zeta": "1", "alpha": "2", "Beta": "3"], environment: "prod", defaulted: ["priority", "teams"]),
        AlertEvent(source: "grafana", state: .firing, title: "t", priority: .p2, occurredAt: Sample.t0, teams: ["x"],
                   rawProvider: .null, labels: [:], defaulted: []),
    ]

    @Test(arguments: alerts)
    func writesTheSameBytesAsTheJSONTree(alert: AlertEvent) throws {
        let text = AlertJSONWriter.text(of: alert)
        #expect(text == alert.jsonValue.serializedText())
        // A `null` raw payload reads back as none; everything else reads back as it was.
        let decoded = try AlertEvent(jsonData: Array(text.utf8))
        #expect(decoded == alert || alert.rawProvider == .null)
    }
}
