import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonRouting
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

@Suite("Chat receivers in the composed server", .serialized)
struct ChatReceiverAppTests {
    static let bearer: HTTPFields = [.authorization: "Bearer \(AppHarness.token)"]

    func post(_ harness: AppHarness, _ body: Data) async throws {
        try await harness.test { client in
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: Self.bearer, body: ByteBuffer(data: body)) { response in
                #expect(response.status.code == 202)
            }
        }
    }

    @Test func aRefusedDeliveryIsDeadLetteredWithAReasonThatHoldsNoSecret() async throws {
        let discord = DiscordStandIn()
        try await discord.start()
        defer { discord.stop() }
        let revoked = "\(discord.server.baseURL)/api/webhooks/\(discord.webhookID)/revoked-token-s3cr3t"
        let harness = try AppHarness(yaml: """
            receivers:
              - name: ops-discord
                discord: {webhook_url_env: DISCORD_WEBHOOK_URL}
            routes:
              - receivers: [ops-discord]
            """, environment: ["DISCORD_WEBHOOK_URL": revoked])
        try await post(harness, try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        let letters = try await harness.storage.deadLetters(limit: 10)
        let letter = try #require(letters.first)
        #expect(letters.count == 1)
        #expect(letter.error == "Discord HTTP 404 code 10015 (the webhook is unknown or was deleted)")
        let everything = letter.error + String(decoding: letter.body, as: UTF8.self)
        #expect(!everything.contains("s3cr3t"))
        #expect(!everything.contains(discord.server.baseURL))
        #expect(discord.server.requests.map(\.answeredStatus) == [404])
    }

    @Test func theSlackWebAPIReceiverPostsThenUpdatesThroughThePipeline() async throws {
        let slack = SlackStandIn()
        try await slack.start()
        defer { slack.stop() }
        let harness = try AppHarness(yaml: """
            receivers:
              - name: ops-slack
                slack: {bot_token_env: SLACK_BOT_TOKEN, channel: \(slack.channel), api_url: "\(slack.apiURL)"}
            routes:
              - receivers: [ops-slack]
            """, environment: ["SLACK_BOT_TOKEN": slack.botToken])
        try await post(harness, try Fixture.data("cloudwatch-alarm.json"))
        try await harness.drain()
        try await post(harness, try Fixture.data("cloudwatch-ok.json"))
        try await harness.drain()
        // Slack is paced at one message per second: the CLOSE waits in the outbox for its turn.
        #expect(try await harness.storage.outboxDepth() == 1)
        harness.clock.advance(by: 1)
        try await harness.drain()
        #expect(slack.server.requests.map(\.path) == ["/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage"])
        #expect(slack.messages.first?.message["attachments"]?.arrayValue?.first?["color"] == .string("#00DD00"))
        #expect(try await harness.storage.outboxDepth() == 0)
    }

    @Test func previewRendersEveryChatKindAndNamesTheReceiversWhenOneIsUnknown() throws {
        let config = try ConfigLoader.load(yaml: """
            receivers:
              - name: ops-slack
                slack: {bot_token: xoxb-preview, channel: C0PREVIEW}
              - name: ops-teams
                teams: {webhook_url: "https://example.webhook.office.com/x"}
              - name: ops-discord
                discord: {webhook_url: "https://discord.com/api/webhooks/1/t", style: plain}
            routes:
              - receivers: [ops-slack, ops-teams, ops-discord]
            """, environment: [:], readFile: { _ in "" })
        let alarm = try Fixture.data("cloudwatch-alarm.json")
        let slack = try JSONValue.parse(data: try TemplatePreview.body(config: config, receiver: "ops-slack", alertJSON: alarm, action: .close))
        #expect(slack["channel"] == .string("C0PREVIEW"))
        #expect(slack["attachments"]?.arrayValue?.first?["color"] == .string("#00DD00"))
        let teams = try JSONValue.parse(data: try TemplatePreview.body(config: config, receiver: "ops-teams", alertJSON: alarm, action: nil))
        #expect(teams["type"] == .string("message"))
        let discord = try JSONValue.parse(data: try TemplatePreview.body(config: config, receiver: "ops-discord", alertJSON: alarm, action: .comment))
        #expect(discord["content"]?.stringValue?.hasPrefix("**Runners-ASG-InsufficientInstances**") == true)
        #expect(throws: ServeOptions.Problem.self) { try TemplatePreview.body(config: config, receiver: "nope", alertJSON: alarm, action: nil) }
        #expect(throws: ServeOptions.Problem.self) { try TemplatePreview.body(config: config, receiver: "ops-slack", alertJSON: Data("{}".utf8), action: nil) }
    }

    @Test func previewShowsTheTemplatedGitHubIssue() throws {
        let config = try ConfigLoader.load(yaml: """
            receivers:
              - name: issues
                github:
                  repo: acme/incidents
                  token: ghp_preview
                  template:
                    title: "{{severity_emoji}} {{title}}"
                    body: "Issue for {{title}} from {{source}}."
              - name: plain-issues
                github: {repo: acme/incidents, token: ghp_preview}
            routes:
              - receivers: [issues, plain-issues]
            """, environment: [:], readFile: { _ in "" })
        let alarm = try Fixture.data("cloudwatch-alarm.json")
        let issue = try JSONValue.parse(data: try TemplatePreview.body(config: config, receiver: "issues", alertJSON: alarm, action: nil))
        let body = try #require(issue["body"]?.stringValue)
        #expect(body.hasPrefix("<!-- klaxon:fingerprint="))
        #expect(body.hasSuffix(" -->\nIssue for Runners-ASG-InsufficientInstances from cloudwatch."))
        #expect(issue["title"]?.stringValue?.hasSuffix(" Runners-ASG-InsufficientInstances") == true)
        let plain = try JSONValue.parse(data: try TemplatePreview.body(config: config, receiver: "plain-issues", alertJSON: alarm, action: nil))
        #expect(plain["title"]?.stringValue?.hasPrefix("[P") == true)
        #expect(plain["body"]?.stringValue?.contains("| Field | Value |") == true)
        #expect(!String(decoding: try TemplatePreview.body(config: config, receiver: "issues", alertJSON: alarm, action: nil), as: UTF8.self).contains("ghp_preview"))
    }
}
