import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

@Suite("An alert's path: intake → decode → lifecycle → mute/silence → route → console")
struct PipelineFlowTests {
    static let bearer: HTTPFields = [.authorization: "Bearer \(AppHarness.token)"]

    func post(_ harness: AppHarness, _ path: String, _ body: Data) async throws {
        try await harness.test { client in
            try await client.execute(uri: path, method: .post, headers: Self.bearer, body: ByteBuffer(data: body)) { response in
                #expect(response.status.code / 100 == 2)
            }
        }
    }

    @Test func cloudwatchAlarmCreatesCommentsAndCloses() async throws {
        let harness = try AppHarness()
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        #expect(harness.lines.lines.count == 1)
        #expect(harness.lines.lines.first?.contains("CREATE P1 FIRING cloudwatch \"Runners-ASG-InsufficientInstances\" teams=dev-infra") == true)

        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        #expect(harness.lines.lines.last?.contains("COMMENT") == true)

        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-ok.json"))
        try await harness.drain()
        #expect(harness.lines.lines.count == 3)
        #expect(harness.lines.lines.last?.contains("CLOSE") == true)

        let rows = try await AdminReports.alerts(harness.storage)
        #expect(rows.count == 1)
        #expect(rows.first?.status == "CLOSED")
        #expect(rows.first?.occurrences == 1)
        #expect(rows.first?.lastAction == "CLOSE")
        #expect(try await harness.storage.inboxDepth() == 0)
        #expect(try await harness.storage.outboxDepth() == 0)
    }

    @Test func mutedAlertsAreRecordedNotSent() async throws {
        let harness = try AppHarness()
        let context = CommandContextForTest(storage: harness.storage)
        try await context.mute(seconds: 4 * 3600, now: harness.clock.now())
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        #expect(harness.lines.lines.isEmpty)
        let audit = try await harness.storage.recentAudit(limit: 10)
        let suppressed = try #require(audit.first { $0.step == "alert_suppressed" })
        #expect(suppressed.detail["muted_until"] == String(Int64(harness.clock.now().timeIntervalSince1970) + 14_400))
        #expect(try await AdminReports.alerts(harness.storage).first?.status == "OPEN")

        // Unmuted: the next alert is delivered.
        try await harness.storage.setMutedUntil(0, by: "test", at: harness.clock.now())
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        #expect(harness.lines.lines.count == 1)
    }

    @Test func resolvedStillGoesOutWhileMutedWhenItsFiringWasDelivered() async throws {
        let harness = try AppHarness()
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        try await harness.storage.setMutedUntil(Int64(harness.clock.now().timeIntervalSince1970) + 3600, by: "test", at: harness.clock.now())
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-ok.json"))
        try await harness.drain()
        #expect(harness.lines.lines.count == 2, "\(harness.lines.lines)")
        #expect(harness.lines.lines.last?.contains("CLOSE") == true)
    }

    @Test func resolvedIsSuppressedWhileMutedWhenConfiguredSo() async throws {
        let harness = try AppHarness(yaml: """
        mute:
          notify_resolved_while_muted: false
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """)
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        try await harness.storage.setMutedUntil(Int64(harness.clock.now().timeIntervalSince1970) + 3600, by: "test", at: harness.clock.now())
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-ok.json"))
        try await harness.drain()
        #expect(harness.lines.lines.count == 1)
    }

    @Test func silencesSuppressMatchingAlertsOnly() async throws {
        let harness = try AppHarness()
        let now = harness.clock.now()
        try await harness.storage.addSilence(Silence(
            id: "s-1", matchers: [try Matcher(parsing: "team=dev-infra")], startsAt: now.addingTimeInterval(-1),
            endsAt: now.addingTimeInterval(3600), createdBy: "test", comment: "maintenance"))
        try await post(harness, "/webhooks/cloudwatch", try Fixture.data("cloudwatch-alarm.json"))
        try await post(harness, "/api/v1/events", Data(#"{"title":"Deploy failed","severity":"critical","team":"web"}"#.utf8))
        try await harness.drain()
        #expect(harness.lines.lines.count == 1)
        #expect(harness.lines.lines.first?.contains("Deploy failed") == true)
        let audit = try await harness.storage.recentAudit(limit: 10)
        #expect(audit.contains { $0.step == "alert_suppressed" && $0.detail["silence_id"] == "s-1" })
    }

    @Test func undecodablePayloadsGoToDeadLettersAfterNAttemptsAndReplay() async throws {
        let harness = try AppHarness(yaml: """
        pipeline:
          max_decode_attempts: 3
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """)
        try await post(harness, "/webhooks/cloudwatch", Data(#"{"hello":"world"}"#.utf8))
        for _ in 0..<3 { try await harness.server.processor.processPass() }
        #expect(try await harness.storage.inboxDepth() == 0)
        let letters = try await AdminReports.deadLetters(harness.storage)
        #expect(letters.count == 1)
        #expect(letters.first?.kind == "payload")
        #expect(letters.first?.attempts == 3)
        #expect(try await harness.storage.replayDeadLetter(id: letters[0].id, at: harness.clock.now()))
        #expect(try await harness.storage.inboxDepth() == 1)
    }
}

/// The same mute write the CLI does, on a test store.
struct CommandContextForTest {
    let storage: any Storage
    func mute(seconds: Int64, now: Date) async throws {
        try await storage.setMutedUntil(Int64(now.timeIntervalSince1970) + seconds, by: "test", at: now)
    }
}
