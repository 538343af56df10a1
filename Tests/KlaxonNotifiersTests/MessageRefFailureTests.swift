import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import Testing

/// What the chat notifiers do when a part other than the message itself fails: the message was
/// delivered, so the delivery counts as delivered, and the lost part is logged (without secrets).
@Suite("Chat notifiers: lost message refs and resolution lines", .serialized)
struct MessageRefFailureTests {
    @Test func discordLogsARefItCouldNotStore() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        await refs.setFailing(true, operations: [.setMessageRef])
        let log = RecordingLog()
        let notifier = DiscordNotifier(
            name: "ops", url: standIn.webhookURL, builder: try NotifierSamples.discord(), editOnResolve: true, refs: refs,
            client: .shared, clock: ManualClock(NotifierSamples.at), logger: log.logger)
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        let line = try #require(log.lines.first { $0.metadata["step"] == "message_ref_failed" })
        #expect(line.level == .warning)
        #expect(line.metadata["receiver"] == "ops")
        #expect(line.metadata["fingerprint"] == NotifierSamples.create().fingerprint)
        #expect(!log.lines.contains { "\($0.message) \($0.metadata)".contains(standIn.webhookURL) })
    }

    @Test func slackLogsARefItCouldNotStore() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        await refs.setFailing(true, operations: [.setMessageRef])
        let log = RecordingLog()
        let notifier = Self.slack(standIn, refs: refs, log: log)
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        let line = try #require(log.lines.first { $0.metadata["step"] == "message_ref_failed" })
        #expect(line.metadata["receiver"] == "ops-slack")
        #expect(!log.lines.contains { "\($0.message) \($0.metadata)".contains(standIn.botToken) })
    }

    /// chat.update made the original show the resolution; the thread line is refused for good. The
    /// delivery is delivered (not dead-lettered) and the lost line is logged.
    @Test func aSlackResolutionLineThatCannotBePostedDoesNotFailTheClose() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let log = RecordingLog()
        let notifier = Self.slack(standIn, refs: InMemoryStorage(), log: log)
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        standIn.server.inject([.none, .answer(.json(200, .object(["ok": .bool(false), "error": .string("msg_too_long")])))])
        #expect(await notifier.send(NotifierSamples.close()) == .ok)
        #expect(standIn.server.requests.map(\.path) == ["/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage"])
        #expect(standIn.messages.first?.message["attachments"]?.arrayValue?.first?["color"] == .string("#00DD00"))
        let line = try #require(log.lines.first { $0.metadata["step"] == "resolution_line_failed" })
        #expect(line.metadata["reason"] == "Slack API error msg_too_long")
    }

    @Test func aRetryableResolutionLineIsStillRetried() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = Self.slack(standIn, refs: InMemoryStorage(), log: RecordingLog())
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        standIn.server.inject([.none, .serverError])
        guard case .retryable = await notifier.send(NotifierSamples.close()) else {
            Issue.record("a 500 on the resolution line should be retryable")
            return
        }
    }

    static func slack(_ standIn: SlackStandIn, refs: InMemoryStorage, log: RecordingLog) -> SlackNotifier {
        SlackNotifier(
            name: "ops-slack", transport: .webAPI(baseURL: standIn.apiURL, token: Secret(standIn.botToken), channel: standIn.channel),
            builder: try! NotifierSamples.slack(), editOnResolve: true, refs: refs, client: .shared, clock: ManualClock(NotifierSamples.at),
            logger: log.logger)
    }
}
