import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import Testing

@Suite("Slack and Teams notifiers against their stand-ins", .serialized)
struct SlackTeamsNotifierTests {
    static func slack(_ transport: SlackNotifier.Transport, refs: InMemoryStorage? = nil) throws -> SlackNotifier {
        SlackNotifier(name: "ops-slack", transport: transport, builder: try NotifierSamples.slack(), editOnResolve: true, refs: refs,
                      client: .shared, timeout: .seconds(5), clock: ManualClock(NotifierSamples.at))
    }

    @Test func incomingWebhookPostsBlockKitWithColourAndButtons() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = try Self.slack(.webhook(url: Secret(standIn.webhookURL)))
        #expect(notifier.sendRate == SendRate(count: 1, per: .seconds(1)))
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        #expect(standIn.server.requests.map(\.answeredStatus) == [200])
        let message = try #require(standIn.messages.first?.message)
        let attachment = try #require(message["attachments"]?.arrayValue?.first)
        #expect(attachment["color"] == .string("#FF0000"))
        let actions = attachment["blocks"]?.arrayValue?.first { $0["type"] == .string("actions") }
        let buttons = actions?["elements"]?.arrayValue ?? []
        #expect(buttons.map { $0["action_id"]?.stringValue } == ChatAction.allCases.map(\.rawValue))
        #expect(buttons.allSatisfy { $0["value"]?.stringValue == NotifierSamples.create().fingerprint })
    }

    @Test func webAPIPostsThenUpdatesInPlaceOnResolve() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        let notifier = try Self.slack(.webAPI(baseURL: standIn.apiURL, token: Secret(standIn.botToken), channel: standIn.channel), refs: refs)
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        #expect(await notifier.send(NotifierSamples.comment()) == .ok)
        #expect(await notifier.send(NotifierSamples.close()) == .ok)
        let requests = standIn.server.requests
        #expect(requests.map(\.path) == ["/api/chat.postMessage", "/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage"])
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer \(standIn.botToken)" })
        let ts = try #require(standIn.messages.first?.ts)
        #expect(try await refs.messageRef(receiver: "ops-slack", fingerprint: NotifierSamples.create().fingerprint, occurrence: 1) == "\(standIn.channel)|\(ts)")
        let messages = standIn.messages
        #expect(messages.count == 3)
        #expect(messages[1].message["thread_ts"] == .string(ts))
        let updated = messages[0].message
        #expect(updated["attachments"]?.arrayValue?.first?["color"] == .string("#00DD00"))
        #expect(updated.serializedText().contains("klaxon_ack") == false)
        #expect(messages[2].message["thread_ts"] == .string(ts))
    }

    /// `channel: "#alerts"` in the config: Slack answers with the id, and COMMENTs must still
    /// thread under the original (posted to the id the answer gave).
    @Test(arguments: ["#alerts", "alerts", "C0KLAXON01"])
    func commentsThreadWhenTheChannelIsConfiguredByName(configured: String) async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = try Self.slack(.webAPI(baseURL: standIn.apiURL, token: Secret(standIn.botToken), channel: configured), refs: InMemoryStorage())
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        #expect(await notifier.send(NotifierSamples.comment()) == .ok)
        let messages = standIn.messages
        #expect(messages.count == 2)
        #expect(messages[1].message["thread_ts"] == .string(messages[0].ts))
        #expect(messages[1].message["channel"] == .string(standIn.channel))
    }

    @Test func webAPIErrorsAreMappedAndRetryAfterHonoured() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let wrongToken = try Self.slack(.webAPI(baseURL: standIn.apiURL, token: Secret("xoxb-wrong-s3cr3t"), channel: standIn.channel))
        #expect(await wrongToken.send(NotifierSamples.create()) == .permanent(reason: "Slack API error invalid_auth"))
        let wrongChannel = try Self.slack(.webAPI(baseURL: standIn.apiURL, token: Secret(standIn.botToken), channel: "C999"))
        #expect(await wrongChannel.send(NotifierSamples.create()) == .permanent(reason: "Slack API error channel_not_found"))
        standIn.server.inject([.rateLimited(retryAfter: 3)])
        let notifier = try Self.slack(.webAPI(baseURL: standIn.apiURL, token: Secret(standIn.botToken), channel: standIn.channel))
        #expect(await notifier.send(NotifierSamples.create()) == .retryable(after: .seconds(3), reason: "Slack 429 ratelimited"))
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
    }

    @Test func aWebhookFailureNeverShowsTheURL() async throws {
        let standIn = SlackStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = try Self.slack(.webhook(url: Secret(standIn.server.baseURL + "/services/T1/B1/s3cr3t-path")))
        let outcome = await notifier.send(NotifierSamples.create())
        #expect(outcome == .permanent(reason: "Slack webhook HTTP 404 no_service"))
        standIn.server.inject([.serverError])
        let good = try Self.slack(.webhook(url: Secret(standIn.webhookURL)))
        guard case .retryable(_, let reason) = await good.send(NotifierSamples.create()) else {
            Issue.record("500 must be retryable")
            return
        }
        #expect(!reason.contains(standIn.webhookPath))
    }

    @Test(arguments: [TeamsStandIn.Kind.incomingWebhook, .workflows])
    func teamsPostsAnAdaptiveCard(kind: TeamsStandIn.Kind) async throws {
        let standIn = TeamsStandIn(kind: kind)
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = TeamsNotifier(name: "ops-teams", url: standIn.webhookURL, builder: try NotifierSamples.teams(), client: .shared, clock: ManualClock(NotifierSamples.at))
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        #expect(standIn.server.requests.map(\.answeredStatus) == [kind == .incomingWebhook ? 200 : 202])
        let card = try #require(standIn.accepted.first?["attachments"]?.arrayValue?.first?["content"])
        #expect(card["version"] == .string("1.4"))
        let urls = card["actions"]?.arrayValue?.compactMap { $0["url"]?.stringValue }
        #expect(urls == ["https://grafana.example.com/d/api", "https://runbooks.example.com/api-cpu", "https://console.aws.amazon.com/cloudwatch/home#alarmsV2:alarm/prod-api-CPU-high"])
        standIn.server.inject([.rateLimited(retryAfter: 2)])
        #expect(await notifier.send(NotifierSamples.create()) == .retryable(after: .seconds(2), reason: "Teams 429 rate limited"))
    }
}

@Suite("Stand-in faults and platform quirks", .serialized)
struct StandInBehaviourTests {
    @Test func anEmojiFloodStaysUnderTeams28KB() async throws {
        let standIn = TeamsStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let flood = NotifierSamples.alert(description: String(repeating: "🔥\"", count: 20_000))
        let body = try NotifierSamples.teams().body(for: NotifierSamples.delivery(flood))
        #expect(body.count <= AdaptiveCardRules.maxMessageBytes)
        let notifier = TeamsNotifier(name: "t", url: standIn.webhookURL, builder: try NotifierSamples.teams(), client: .shared, clock: ManualClock(NotifierSamples.at))
        #expect(await notifier.send(NotifierSamples.delivery(flood)) == .ok)
    }

    /// The worst case for JSON escaping: quotes and backslashes double, control characters become
    /// `\u00XX` (six bytes), 4-byte emoji stay four, in the title, every fact and the body, with
    /// long links too. The serialized message must still fit and be accepted.
    @Test(arguments: ["\"\\", "\u{01}\u{1F}", "🔥", "\"🔥\\\u{07}"])
    func escapingHeavyTextStillFitsTeams28KB(unit: String) async throws {
        let standIn = TeamsStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let flood = String(repeating: unit, count: 20_000)
        var alert = NotifierSamples.alert(description: flood)
        alert.title = flood
        alert.summary = flood
        alert.teams = [flood, flood]
        alert.resource = AlertEvent.Resource(type: flood, id: flood, region: flood)
        alert.links.dashboardURL = "https://grafana.example.com/d/" + String(repeating: "a", count: 6000)
        alert.links.runbookURL = "https://runbooks.example.com/" + String(repeating: "b", count: 6000)
        let delivery = NotifierSamples.delivery(alert)
        let body = try NotifierSamples.teams(approval: "https://klaxon.example.com/approvals/{{fingerprint_short}}").body(for: delivery)
        #expect(body.count <= AdaptiveCardRules.maxMessageBytes, "\(body.count) bytes")
        #expect(AdaptiveCardRules.problems(inMessage: try JSONValue.parse(data: body)) == [])
        #expect(String(decoding: body, as: UTF8.self).contains(TextLimit.marker.unicodeScalars.map { String($0) }.joined()))
        let notifier = TeamsNotifier(name: "t", url: standIn.webhookURL, builder: try NotifierSamples.teams(), client: .shared, clock: ManualClock(NotifierSamples.at))
        #expect(await notifier.send(delivery) == .ok)
    }

    @Test func aSlowAnswerStillArrivesAndAnOutageIsRetryableUntilItEnds() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = DiscordNotifier(
            name: "ops", url: standIn.webhookURL, builder: try NotifierSamples.discord(), editOnResolve: false, refs: nil,
            client: .shared, timeout: .seconds(5), clock: ManualClock(NotifierSamples.at))
        standIn.server.inject([.slow(.milliseconds(200))])
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        standIn.server.setPersistentFault(.serverError)
        #expect(await notifier.send(NotifierSamples.comment()).label == "retryable")
        #expect(await notifier.send(NotifierSamples.comment()).label == "retryable")
        standIn.server.setPersistentFault(nil)
        #expect(await notifier.send(NotifierSamples.comment()) == .ok)
        #expect(standIn.messages.count == 2)
        #expect(standIn.server.requests.map(\.answeredStatus) == [200, 500, 500, 200])
    }

    @Test(arguments: [false, true])
    func buttonsReachOnlyAnApplicationOwnedWebhook(applicationOwned: Bool) async throws {
        let standIn = DiscordStandIn(applicationOwned: applicationOwned)
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = DiscordNotifier(
            name: "ops", url: standIn.webhookURL, builder: try NotifierSamples.discord(buttons: true), editOnResolve: false, refs: nil,
            client: .shared, clock: ManualClock(NotifierSamples.at))
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        let components = standIn.messages.first?.message["components"]?.arrayValue
        #expect((components?.isEmpty == false) == applicationOwned)
    }
}

@Suite("Notifiers never print their secrets")
struct NotifierRedactionTests {
    @Test func describingOrDumpingANotifierShowsOnlyItsName() throws {
        let clock = ManualClock(NotifierSamples.at)
        let notifiers: [any Notifier] = [
            DiscordNotifier(name: "d", url: "https://discord.com/api/webhooks/1/s3cr3t-a", builder: try NotifierSamples.discord(), editOnResolve: true,
                            refs: nil, client: .shared, clock: clock),
            SlackNotifier(name: "s", transport: .webAPI(baseURL: "https://slack.com/api", token: Secret("xoxb-s3cr3t-b"), channel: "C1"),
                          builder: try NotifierSamples.slack(), editOnResolve: true, refs: nil, client: .shared, clock: clock),
            SlackNotifier(name: "w", transport: .webhook(url: Secret("https://hooks.slack.com/services/T/B/s3cr3t-c")),
                          builder: try NotifierSamples.slack(), editOnResolve: false, refs: nil, client: .shared, clock: clock),
            TeamsNotifier(name: "t", url: "https://example.webhook.office.com/s3cr3t-d", builder: try NotifierSamples.teams(), client: .shared, clock: clock),
        ]
        for notifier in notifiers {
            var dumped = ""
            dump(notifier, to: &dumped)
            for text in [String(describing: notifier), String(reflecting: notifier), "\(notifier)", dumped] {
                #expect(!text.contains("s3cr3t"), "\(text)")
            }
        }
    }
}

@Suite("Stand-in rate limits")
struct StandInRateLimitTests {
    @Test func overItsRateTheDiscordStandInAnswers429WithRetryAfter() async throws {
        let standIn = DiscordStandIn()
        standIn.server.enforceRateLimit(count: 2, per: .seconds(60))
        try await standIn.start()
        defer { standIn.stop() }
        let notifier = DiscordNotifier(
            name: "ops", url: standIn.webhookURL, builder: try NotifierSamples.discord(), editOnResolve: false, refs: nil,
            client: .shared, clock: ManualClock(NotifierSamples.at))
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        #expect(await notifier.send(NotifierSamples.comment()) == .ok)
        let third = await notifier.send(NotifierSamples.comment())
        guard case .retryable(let after?, let reason) = third else {
            Issue.record("expected a 429 with a wait, got \(third)")
            return
        }
        #expect(reason == "Discord 429 rate limited")
        #expect(after > .seconds(1) && after <= .seconds(60))
        #expect(standIn.messages.count == 2)
    }
}
