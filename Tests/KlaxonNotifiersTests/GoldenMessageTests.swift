import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import Testing

/// Every message kind of the Discord, Slack and Teams notifiers, byte for byte, and each one
/// accepted by its platform's rules as the stand-ins check them.
@Suite("Golden messages")
struct GoldenMessageTests {
    static let kinds: [(name: String, delivery: Delivery)] = [
        ("create", NotifierSamples.create()), ("comment", NotifierSamples.comment()), ("close", NotifierSamples.close()),
    ]

    @Test(arguments: ["create", "comment", "close"])
    func discordEmbed(kind: String) throws {
        let delivery = try #require(Self.kinds.first { $0.name == kind }?.delivery)
        let body = try NotifierSamples.discord(.embed).message(for: delivery).json.serialized()
        try Golden.check(body, named: "discord-embed-\(kind).json")
        #expect(DiscordStandIn.problems(in: try JSONValue.parse(data: body), isEdit: false) == [])
    }

    @Test(arguments: ["create", "comment", "close"])
    func discordPlain(kind: String) throws {
        let delivery = try #require(Self.kinds.first { $0.name == kind }?.delivery)
        let body = try NotifierSamples.discord(.plain).message(for: delivery).json.serialized()
        try Golden.check(body, named: "discord-plain-\(kind).json")
        #expect(DiscordStandIn.problems(in: try JSONValue.parse(data: body), isEdit: false) == [])
    }

    @Test(arguments: [("pending", "🟡"), ("running", "🟢"), ("stopping", "🟠"), ("stopped", "🔴"), ("shutting-down", "🟤"), ("terminated", "⚫")])
    func discordPlainEC2StateLine(state: String, emoji: String) throws {
        let message = try NotifierSamples.discord(.plain).message(for: NotifierSamples.delivery(NotifierSamples.ec2(state: state)))
        #expect(message.content == "\(emoji) EC2 i-0abcd1234ef567890 is now \(state)")
        try Golden.check(message.json.serialized(), named: "discord-plain-ec2-\(state).json")
    }

    @Test func everyEC2StateHasItsOwnEmoji() {
        let states = ["pending", "running", "stopping", "stopped", "shutting-down", "terminated"]
        let emojis = states.compactMap { EC2StateChange(NotifierSamples.ec2(state: $0))?.emoji }
        #expect(emojis.count == states.count)
        #expect(Set(emojis).count == states.count)
    }

    @Test func discordEditAndResolutionLine() throws {
        let builder = try NotifierSamples.discord(.embed)
        try Golden.check(builder.edit(for: NotifierSamples.close()).json.serialized(), named: "discord-embed-edit-on-resolve.json")
        try Golden.check(builder.resolutionLine(for: [NotifierSamples.close()]).json.serialized(), named: "discord-resolution-line.json")
        let plain = try NotifierSamples.discord(.plain)
        try Golden.check(plain.edit(for: NotifierSamples.close()).json.serialized(), named: "discord-plain-edit-on-resolve.json")
    }

    @Test func discordBatchAndButtons() throws {
        let batch = [
            NotifierSamples.create(),
            NotifierSamples.delivery(NotifierSamples.alert(priority: .p2), fingerprint: "fp-warning"),
            NotifierSamples.delivery(NotifierSamples.alert(priority: .p3), fingerprint: "fp-info"),
        ]
        let body = try NotifierSamples.discord(.embed).message(for: batch).json.serialized()
        try Golden.check(body, named: "discord-embed-batch.json")
        let colors = try JSONValue.parse(data: body)["embeds"]?.arrayValue?.compactMap { $0["color"] }
        #expect(colors == [.int(0xFF0000), .int(0xFF9900), .int(0x0099FF)])
        let withButtons = try NotifierSamples.discord(.embed, buttons: true).message(for: NotifierSamples.create()).json.serialized()
        try Golden.check(withButtons, named: "discord-embed-buttons.json")
        let ids = try JSONValue.parse(data: withButtons)["components"]?.arrayValue?.first?["components"]?.arrayValue?.compactMap { $0["custom_id"]?.stringValue }
        #expect(ids == ChatAction.allCases.map { $0.customID(fingerprint: NotifierSamples.create().fingerprint) })
    }

    @Test(arguments: ["create", "comment", "close"])
    func slackWebhook(kind: String) throws {
        let delivery = try #require(Self.kinds.first { $0.name == kind }?.delivery)
        let body = JSONValue.object(try NotifierSamples.slack().message(for: delivery)).serialized()
        try Golden.check(body, named: "slack-webhook-\(kind).json")
        #expect(SlackBlockKitRules.problems(inMessage: try JSONValue.parse(data: body)) == [])
    }

    @Test func slackWebAPIPostAndUpdate() throws {
        let notifier = SlackNotifier(
            name: "ops", transport: .webAPI(baseURL: "http://unused", token: Secret("unused"), channel: "C0KLAXON01"), builder: try NotifierSamples.slack(),
            editOnResolve: true, refs: nil, client: .shared, clock: ManualClock(NotifierSamples.at))
        let body = notifier.previewBody(for: NotifierSamples.create())
        try Golden.check(body, named: "slack-api-postMessage-create.json")
        #expect(SlackBlockKitRules.problems(inMessage: try JSONValue.parse(data: body)) == [])
        var update = try NotifierSamples.slack().message(for: NotifierSamples.close(), withButtons: false)
        update["channel"] = .string("C0KLAXON01")
        update["ts"] = .string("1750000000.000001")
        try Golden.check(JSONValue.object(update).serialized(), named: "slack-api-update-close.json")
    }

    /// The Web API requests whose bodies the notifier builds while sending: the COMMENT in the
    /// original's thread, and the resolution line after `chat.update`, as the stand-in received them.
    @Test func slackWebAPICommentAndResolutionLine() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = SlackNotifier(
            name: "ops", transport: .webAPI(baseURL: standIn.apiURL, token: Secret(standIn.botToken), channel: standIn.channel), builder: try NotifierSamples.slack(),
            editOnResolve: true, refs: InMemoryStorage(), client: .shared, clock: ManualClock(NotifierSamples.at))
        for delivery in [NotifierSamples.create(), NotifierSamples.comment(), NotifierSamples.close()] {
            #expect(await notifier.send(delivery) == .ok)
        }
        let requests = standIn.server.requests
        #expect(requests.map(\.path) == ["/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage"])
        guard requests.count == 4 else { return }
        try Golden.check(requests[1].body, named: "slack-api-postMessage-comment.json")
        try Golden.check(requests[3].body, named: "slack-api-postMessage-resolution.json")
        #expect(requests[1].json?["thread_ts"] == .string("1750000000.000001"))
        #expect(requests[3].json?["thread_ts"] == .string("1750000000.000001"))
    }

    @Test(arguments: ["create", "comment", "close"])
    func teams(kind: String) throws {
        let delivery = try #require(Self.kinds.first { $0.name == kind }?.delivery)
        let body = try NotifierSamples.teams(approval: "https://klaxon.example.com/approvals/{{fingerprint_short}}").body(for: delivery)
        try Golden.check(body, named: "teams-\(kind).json")
        let message = try JSONValue.parse(data: body)
        #expect(AdaptiveCardRules.problems(inMessage: message) == [])
        #expect(AdaptiveCardRules.actionTypes(inMessage: message).allSatisfy { $0 == "Action.OpenUrl" })
        let card = try #require(message["attachments"]?.arrayValue?.first?["content"])
        let version = try #require(AdaptiveCardRules.version(of: card))
        #expect(version.0 > 1 || (version.0 == 1 && version.1 >= 4))
    }
}
