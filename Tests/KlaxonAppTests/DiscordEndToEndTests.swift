import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonTesting
import Testing

/// `klaxon serve` (the real binary) delivering to the Discord stand-in: a CloudWatch alarm becomes
/// an embed; its OK edits that message in place and posts a resolution line.
@Suite("klaxon serve → Discord stand-in", .serialized)
struct DiscordEndToEndTests {
    static func config() -> String {
        """
        receivers:
          - name: ops-discord
            discord:
              webhook_url_env: DISCORD_WEBHOOK_URL
              style: embed
              username: "Staging Bot"
        routes:
          - receivers: [ops-discord]
        """
    }

    @Test func anAlarmPostsAnEmbedAndItsResolveEditsItInPlace() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-discord")
        let discord = DiscordStandIn()
        try await discord.start()
        defer { discord.stop() }
        let klaxon = try await LiveKlaxon(directory: directory, config: Self.config(), environment: ["DISCORD_WEBHOOK_URL": discord.webhookURL])
        defer { klaxon.stop() }

        let alarm = String(decoding: try Fixture.data("cloudwatch-alarm.json"), as: UTF8.self)
        #expect(await klaxon.post("/webhooks/cloudwatch", alarm) == 202)
        let posted = await eventually(timeout: 30) { discord.messages.count == 1 }
        try #require(posted, "the Discord stand-in received nothing:\n\(klaxon.process.output)")
        let (id, message) = try #require(discord.messages.first)
        let embed = try #require(message["embeds"]?.arrayValue?.first)
        #expect(message["username"] == .string("Staging Bot"))
        #expect(embed["color"] == .int(0xFF0000))
        #expect(embed["title"]?.stringValue?.contains("Runners-ASG-InsufficientInstances") == true)
        #expect(discord.server.requests.first?.queryValue("wait") == "true")

        // `klaxon template preview` prints exactly the body that was sent.
        let alarmFile = directory.appendingPathComponent("alarm.json")
        try Fixture.data("cloudwatch-alarm.json").write(to: alarmFile)
        let preview = try LocalProcess.run(PackagePaths.klaxonBinary, [
            "template", "preview", "--receiver", "ops-discord", "--file", alarmFile.path, "--config", try #require(klaxon.configPath),
        ], environment: ProcessInfo.processInfo.environment.merging(["DISCORD_WEBHOOK_URL": discord.webhookURL]) { $1 })
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(Data(preview.stdout.utf8) == discord.server.requests.first?.body)

        let ok = String(decoding: try Fixture.data("cloudwatch-ok.json"), as: UTF8.self)
        #expect(await klaxon.post("/webhooks/cloudwatch", ok) == 202)
        let resolved = await eventually(timeout: 30) { discord.messages.count == 2 }
        try #require(resolved, "no resolution line:\n\(klaxon.process.output)")
        #expect(discord.server.requests.map(\.method) == ["POST", "PATCH", "POST"])
        let edited = try #require(discord.messages.first { $0.id == id }?.message)
        #expect(edited["embeds"]?.arrayValue?.first?["color"] == .int(0x00DD00))
        #expect(discord.messages.last?.message["content"]?.stringValue?.hasPrefix("✅ Resolved") == true)
        // Sends are marked delivered in chunks (up to 200 ms after the send, ADR 0031): the
        // stand-in can hold the message a moment before the outbox row is marked.
        let configPath = try #require(klaxon.configPath)
        let drained = try await eventually(timeout: 10) {
            let status = try LocalProcess.run(PackagePaths.klaxonBinary, ["status", "--json", "--data", klaxon.dataPath, "--config", configPath],
                                              environment: ProcessInfo.processInfo.environment.merging(["DISCORD_WEBHOOK_URL": discord.webhookURL]) { $1 })
            #expect(status.status == 0, "\(status.stderr)")
            return try JSONDecoder().decode(LiveKlaxon.StatusRow.self, from: Data(status.stdout.utf8)).outbox_depth == 0
        }
        #expect(drained, "deliveries still waiting in the outbox")
        // The webhook token never reaches the server's log.
        #expect(!klaxon.process.output.contains(discord.token))
    }

    @Test func theMessageIDOutlivesARestart() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-discord-restart")
        let discord = DiscordStandIn()
        try await discord.start()
        defer { discord.stop() }
        let environment = ["DISCORD_WEBHOOK_URL": discord.webhookURL]
        do {
            let first = try await LiveKlaxon(directory: directory, config: Self.config(), environment: environment)
            defer { first.stop() }
            #expect(await first.post("/webhooks/cloudwatch", String(decoding: try Fixture.data("cloudwatch-alarm.json"), as: UTF8.self)) == 202)
            let posted = await eventually(timeout: 30) { discord.messages.count == 1 }
            try #require(posted, "nothing posted:\n\(first.process.output)")
        }
        let second = try await LiveKlaxon(directory: directory, config: Self.config(), name: "klaxon-2", environment: environment)
        defer { second.stop() }
        #expect(await second.post("/webhooks/cloudwatch", String(decoding: try Fixture.data("cloudwatch-ok.json"), as: UTF8.self)) == 202)
        let edited = await eventually(timeout: 30) { discord.server.requests.count == 3 }
        try #require(edited, "no edit after the restart:\n\(second.process.output)")
        #expect(discord.server.requests.map(\.method) == ["POST", "PATCH", "POST"])
        #expect(discord.messages.first?.message["embeds"]?.arrayValue?.first?["color"] == .int(0x00DD00))
    }
}
