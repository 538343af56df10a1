import Foundation
import HTTPTypes
import KlaxonApp
import KlaxonChatOps
import KlaxonCore
import KlaxonRouting
import KlaxonTesting
import Testing

@Suite("Chat-ops routes through the HTTP server on loopback")
struct ChatOpsRouteTests {
    static func started() async throws -> (ChatOpsHarness, DiscordAPIStandIn) {
        let api = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID)
        try await api.start()
        return (try ChatOpsHarness(discordAPI: api), api)
    }

    @Test func pingIsAnsweredWithPong() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        try await harness.live { client in
            let (status, body) = try await harness.discord(client, #"{"type":1,"id":"1","application_id":"777000111","token":"t"}"#)
            #expect(status == 200)
            #expect(body == #"{"type":1}"#)
        }
    }

    enum Refusal: String, CaseIterable { case tamperedBody, otherKey, noSignature, noTimestamp, stale, garbageTimestamp }

    @Test("requests that do not verify get 401 and change nothing", arguments: Refusal.allCases)
    func refused(_ refusal: Refusal) async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        let body = ChatOpsHarness.command("mute-alerts", options: ["duration": "4h"])
        var headers = harness.discordHeaders(body)
        var sent = body
        let signature = HTTPField.Name("X-Signature-Ed25519")!
        let timestamp = HTTPField.Name("X-Signature-Timestamp")!
        switch refusal {
        case .tamperedBody: sent = body.replacingOccurrences(of: "4h", with: "9d")
        case .otherKey: headers = try ChatOpsHarness(discordAPI: api).discordHeaders(body)
        case .noSignature: headers[signature] = nil
        case .noTimestamp: headers[timestamp] = nil
        case .stale: headers = harness.discordHeaders(body, timestamp: String(harness.now - 301))
        case .garbageTimestamp: headers = harness.discordHeaders(body, timestamp: "yesterday")
        }
        let request = (body: sent, headers: headers)
        try await harness.live { client in
            let (status, answer) = try await harness.discord(client, request.body, headers: request.headers)
            #expect(status == 401)
            #expect(answer == #"{"error":"invalid request signature"}"#)
        }
        #expect(try await harness.storage.muteState().value == nil)
    }

    @Test func aVerifiedButUnreadableBodyIs400AndAnOversizedOne413() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        try await harness.live { client in
            let (status, body) = try await harness.discord(client, #"{"type":99}"#)
            #expect(status == 400)
            #expect(body == #"{"error":"this kind of interaction is not handled"}"#)
            let huge = String(repeating: " ", count: ChatOpsEndpoint.bodyLimit + 1)
            #expect(try await harness.discord(client, huge).0 == 413)
            let (slackStatus, slackBody) = try await harness.slack(client, "/slack/interactions", "payload=%7Bnot")
            #expect(slackStatus == 400)
            #expect(slackBody == #"{"error":"the body is not the expected JSON"}"#)
        }
    }

    // The ops bot's flows end to end: a chat mute stops delivery, an unmute restores it.
    @Test func muteFromChatStopsDeliveryAndUnmuteRestoresIt() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        try await harness.live { client in
            // Absent: delivered.
            try await harness.ingest(client, "Before any mute")
            try await harness.drain()
            #expect(harness.lines.lines.count == 1)

            let (status, body) = try await harness.discord(client, ChatOpsHarness.command("mute-alerts"))
            #expect(status == 200)
            #expect(ChatOpsHarness.content(body)?.hasPrefix("Alerts muted until ") == true, "\(body)")
            #expect(ChatOpsHarness.content(body)?.hasSuffix("(1d) by ops.") == true)
            #expect(try await harness.storage.muteState().value == String(harness.now + 86_400))
            #expect(try await AdminReports.status(harness.storage, now: harness.clock.now()).mutedUntil == harness.now + 86_400)

            // Muted: recorded, not delivered.
            try await harness.ingest(client, "While muted")
            try await harness.drain()
            #expect(harness.lines.lines.count == 1)

            let (_, unmuted) = try await harness.discord(client, ChatOpsHarness.command("unmute-alerts"))
            #expect(ChatOpsHarness.content(unmuted)?.hasPrefix("Alerts active — alarms will now fire.") == true)
            #expect(try await harness.storage.muteState().value == "0")
            #expect(try await AdminReports.status(harness.storage, now: harness.clock.now()).mutedUntil == 0)

            // Unmuted: delivered.
            try await harness.ingest(client, "After unmute")
            try await harness.drain()
            #expect(harness.lines.lines.count == 2)
            #expect(harness.lines.lines.last?.contains("After unmute") == true)
        }
        let steps = try await harness.storage.recentAudit(limit: 50).map(\.step)
        #expect(steps.contains("alert_muted") && steps.contains("alert_unmuted"))

        // The log has both steps with their fields, and never the interaction token.
        let logged = harness.logLines.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        let muted = try #require(logged.first { $0["step"] == "alert_muted" })
        #expect(muted["duration"] == "1d")
        #expect(muted["muted_until"] == String(harness.now + 86_400))
        #expect(muted["by"] == "discord:42 (ops)")
        let unmuted = try #require(logged.first { $0["step"] == "alert_unmuted" })
        #expect(unmuted["by"] == "discord:42 (ops)")
        #expect(!harness.logLines.lines.contains { $0.contains("interaction-token") })
    }

    @Test func muteFor4hAndBananaAndAFailingMuteStore() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        try await harness.live { client in
            let (_, banana) = try await harness.discord(client, ChatOpsHarness.command("mute-alerts", options: ["duration": "banana"]))
            #expect(ChatOpsHarness.content(banana)?.hasPrefix("Not muted: invalid duration \"banana\"") == true, "\(banana)")
            #expect(ChatOpsHarness.flags(banana) == 64)
            #expect(try await harness.storage.muteState().value == nil)

            _ = try await harness.discord(client, ChatOpsHarness.command("mute-alerts", options: ["duration": "4h"]))
            #expect(try await harness.storage.muteState().value == String(harness.now + 14_400))

            // The mute store fails: alerts go through (fail open).
            await harness.storage.setFailing(true, operations: [.muteState])
            try await harness.ingest(client, "Store failing")
            try await harness.drain()
            #expect(harness.lines.lines.count == 1)
        }
    }

    /// A 429 on the edit: the follow-up waits what Discord's body says and the report arrives.
    @Test func statusEditRetriesAfterA429() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        api.server.inject([.rateLimited(retryAfter: 0.05)])
        try await harness.live { client in
            let (status, body) = try await harness.discord(client, ChatOpsHarness.command("status"))
            #expect(status == 200)
            #expect(body == #"{"type":5}"#)
        }
        await harness.server.chatops?.followUps.tracker.drain()
        #expect(api.requests.map(\.status) == [429, 200])
        #expect(api.violations == [])
        #expect(harness.logLines.lines.contains { $0.contains(#""step":"chat_followup""#) && $0.contains(#""attempts":"2""#) })
    }

    @Test func statusIsDeferredThenTheOriginalIsEditedAfterTwo404s() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        api.failEdits(times: 2)
        try await harness.live { client in
            try await harness.ingest(client, "Disk full")
            try await harness.drain()
            let (status, body) = try await harness.discord(client, ChatOpsHarness.command("status"))
            #expect(status == 200)
            #expect(body == #"{"type":5}"#)
        }
        // The follow-up runs after the answer; the tracker says when it is done.
        await harness.server.chatops?.followUps.tracker.drain()
        #expect(harness.server.chatops?.followUps.tracker.inFlight == 0)
        #expect(api.violations == [])
        #expect(!harness.logLines.lines.contains { $0.contains("interaction-token") })
        #expect(harness.logLines.lines.contains { $0.contains(#""step":"chat_followup""#) && $0.contains(#""attempts":"3""#) })
        let edits = api.requests
        #expect(edits.map(\.status) == [404, 404, 200])
        #expect(Set(edits.map(\.path)) == ["/api/v10/webhooks/\(ChatOpsHarness.applicationID)/interaction-token-1/messages/@original"])
        let lastBody = try #require(edits.last?.body)
        let object = try #require(try JSONSerialization.jsonObject(with: lastBody) as? [String: Any])
        let content = try #require(object["content"] as? String)
        #expect(content.hasPrefix("**Klaxon status**"))
        #expect(content.contains("Open alerts: 1 (P0 0 · P1 1 · P2 0 · P3 0)"))
        #expect(content.contains("\"Disk full\""))
    }

    @Test func buttonsAcknowledgeAndSilence() async throws {
        let (harness, api) = try await Self.started()
        defer { api.stop() }
        try await harness.live { client in
            try await harness.ingest(client, "Disk full")
            try await harness.drain()
            let fingerprint = try #require(try await harness.storage.allRecords(limit: 1).first?.fingerprint)
            let (status, body) = try await harness.discord(client, ChatOpsHarness.button(.acknowledge, fingerprint: fingerprint))
            #expect(status == 200)
            #expect(ChatOpsHarness.content(body)?.hasPrefix("Acknowledged P1 \"Disk full\"") == true, "\(body)")
            #expect(try await harness.storage.activeSilences(at: harness.clock.now()).first?.acknowledgedFingerprint == fingerprint)
            let (_, again) = try await harness.discord(client, ChatOpsHarness.button(.silenceOneHour, fingerprint: fingerprint))
            #expect(ChatOpsHarness.content(again)?.hasPrefix("Silenced P1 \"Disk full\"") == true)
            #expect(try await harness.storage.activeSilences(at: harness.clock.now()).count == 2)
        }
    }

    @Test func someoneNotAllowedGetsAnEphemeralNo() async throws {
        let api = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID)
        try await api.start()
        defer { api.stop() }
        let harness = try ChatOpsHarness(allowedUsers: ["1"], discordAPI: api)
        try await harness.live { client in
            let (_, body) = try await harness.discord(client, ChatOpsHarness.command("mute-alerts", user: "42"))
            #expect(ChatOpsHarness.flags(body) == 64)
            #expect(ChatOpsHarness.content(body)?.hasPrefix("You are not allowed") == true)
            let (_, allowed) = try await harness.discord(client, ChatOpsHarness.command("mute-alerts", user: "1"))
            #expect(ChatOpsHarness.content(allowed)?.hasPrefix("Alerts muted") == true)
        }
    }

    @Test func registerCommandsPutsTheCatalogWithTheBotToken() async throws {
        let api = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID, botToken: "bot-secret-1")
        try await api.start()
        defer { api.stop() }
        let harness = try ChatOpsHarness(discordAPI: api)
        let registration = try DiscordCommandRegistration(config: harness.server.config)
        for guild in [nil, "1234"] as [String?] {
            let plan = try registration.plan(guild: guild)
            #expect(plan.url == api.url + "/applications/\(ChatOpsHarness.applicationID)" + (guild.map { "/guilds/\($0)" } ?? "") + "/commands")
            let count = try await registration.send(plan, token: Secret("bot-secret-1"), client: .shared)
            #expect(count == DiscordCommandCatalog.commands.count)
        }
        #expect(api.violations == [])
        do {
            _ = try await registration.send(try registration.plan(guild: nil), token: Secret("wrong"), client: .shared)
            Issue.record("a wrong token should be refused")
        } catch {
            #expect(error.reason == .refused)
            #expect(!error.description.contains("wrong"))
        }
        #expect(throws: DiscordRegistrationError.badGuild) { try registration.plan(guild: "abc") }
        #expect(throws: DiscordRegistrationError.noBotToken(variable: "DISCORD_BOT_TOKEN")) { try registration.botToken(environment: [:]) }
        do {
            _ = try await registration.send(DiscordCommandRegistration.Plan(url: "http://127.0.0.1:1/commands", body: "[]"), token: Secret("bot-secret-1"))
            Issue.record("a closed port should be unreachable")
        } catch {
            #expect(error.reason == .unreachable)
        }
        #expect(try registration.botToken(environment: ["DISCORD_BOT_TOKEN": "x"]).value == "x")
    }
}

@Suite("Slack routes through the HTTP server on loopback")
struct SlackRouteTests {
    static func form(_ text: String, responseURL: String) -> String {
        let url = responseURL.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return "token=x&team_id=T1&user_id=U1&user_name=ops&command=%2Fklaxon&text=\(text)&response_url=\(url)"
    }

    @Test func muteUnmuteAndABadSignature() async throws {
        let api = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID)
        try await api.start()
        defer { api.stop() }
        let harness = try ChatOpsHarness(discordAPI: api)
        try await harness.live { client in
            let body = Self.form("mute+4h", responseURL: "http://127.0.0.1:1/unused")
            let (status, answer) = try await harness.slack(client, "/slack/commands", body)
            #expect(status == 200)
            #expect(answer.hasPrefix(#"{"replace_original":false,"response_type":"in_channel","text":"Alerts muted until "#), "\(answer)")
            #expect(try await harness.storage.muteState().value == String(harness.now + 14_400))
            #expect(try await harness.storage.muteState().by == "slack:U1 (ops)")

            var headers = harness.slackHeaders(body)
            headers[HTTPField.Name("X-Slack-Signature")!] = "v0=" + String(repeating: "0", count: 64)
            #expect(try await harness.slack(client, "/slack/commands", Self.form("unmute", responseURL: "x"), headers: headers).0 == 401)
            #expect(try await harness.storage.muteState().value == String(harness.now + 14_400))

            let (_, unmuted) = try await harness.slack(client, "/slack/commands", Self.form("unmute", responseURL: "x"))
            #expect(unmuted.contains("Alerts active"))
            #expect(try await harness.storage.muteState().value == "0")
        }
    }

    /// The harness allows http://127.0.0.1/ besides Slack's hooks; any other host is refused even
    /// though the body is signed, and the report is answered inline instead.
    @Test func aResponseURLOnAnotherHostIsNotPosted() async throws {
        let api = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID)
        try await api.start()
        defer { api.stop() }
        let harness = try ChatOpsHarness(discordAPI: api)
        try await harness.live { client in
            let (status, answer) = try await harness.slack(client, "/slack/commands", Self.form("status", responseURL: "http://169.254.169.254/latest/meta-data/"))
            #expect(status == 200)
            #expect(answer.contains("Klaxon status"), "\(answer)")
        }
        await harness.server.chatops?.followUps.tracker.drain()
        let refused = harness.logLines.lines.filter { $0.contains("chat_followup_refused") }
        #expect(refused.count == 1)
        #expect(!harness.logLines.lines.joined().contains("169.254.169.254"))
    }

    @Test func statusAndButtonsFollowUpThroughResponseURL() async throws {
        let api = DiscordAPIStandIn(applicationID: ChatOpsHarness.applicationID)
        try await api.start()
        defer { api.stop() }
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let harness = try ChatOpsHarness(discordAPI: api)
        try await harness.live { client in
            try await harness.ingest(client, "Disk full")
            try await harness.drain()
            let (_, answer) = try await harness.slack(client, "/slack/commands", Self.form("status", responseURL: hook.url + "/commands-1"))
            #expect(answer == #"{"replace_original":false,"response_type":"ephemeral","text":"Building the status report…"}"#)

            let fingerprint = try #require(try await harness.storage.allRecords(limit: 1).first?.fingerprint)
            let payload = #"{"type":"block_actions","user":{"id":"U1","username":"ops"},"actions":[{"action_id":"klaxon_ack","value":"\#(fingerprint)","type":"button"}],"response_url":"\#(hook.url)/actions-1"}"#
            let body = "payload=" + payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let (status, clicked) = try await harness.slack(client, "/slack/interactions", body)
            #expect(status == 200)
            #expect(clicked == "")
        }
        await harness.server.chatops?.followUps.tracker.drain()
        #expect(hook.requests.count == 2)
        let byPath = Dictionary(hook.requests.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for request in hook.requests {
            #expect(request.headers["content-type"] == "application/json")
            let object = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(Set(object.keys) == ["response_type", "text", "replace_original"])
        }
        let report = try #require(byPath["/commands-1"])
        #expect(String(decoding: report.body, as: UTF8.self).contains("Klaxon status"))
        let ack = try #require(byPath["/actions-1"])
        #expect(String(decoding: ack.body, as: UTF8.self).contains("Acknowledged P1"))
        #expect(try await harness.storage.activeSilences(at: harness.clock.now()).count == 1)
    }
}
