import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import Testing

@Suite("429, Retry-After and error answers")
struct AnswerParsingTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test(arguments: [
        // Discord's JSON body wins, in seconds, fractional.
        (#"{"message":"You are being rate limited.","retry_after":0.484,"global":false}"#, ["Retry-After": "1"], 484),
        (#"{"message":"You are being rate limited.","retry_after":64.57,"global":true}"#, [:], 64_570),
        (#"{"retry_after":3}"#, ["Retry-After": "9"], 3000),
        // Without a body: X-RateLimit-Reset-After, then Retry-After.
        ("", ["X-RateLimit-Reset-After": "1.25", "Retry-After": "2"], 1250),
        ("<html>cloudflare</html>", ["Retry-After": "7"], 7000),
        ("", ["retry-after": "Sun, 15 Jun 2025 15:06:50 GMT"], 10_000),
    ])
    func discord429(body: String, headers: [String: String], expectedMilliseconds: Int64) {
        let answer = HTTPExchange.Answer(status: 429, headers: headers, body: Data(body.utf8))
        guard case .retryable(let after, let reason) = DiscordAnswer.outcome(answer, now: Self.now) else {
            Issue.record("429 must be retryable")
            return
        }
        #expect(after == .milliseconds(expectedMilliseconds))
        #expect(reason.hasPrefix("Discord 429"))
    }

    @Test func discord429WithoutAnyHintLeavesTheWaitToTheBackoff() {
        let outcome = DiscordAnswer.outcome(HTTPExchange.Answer(status: 429), now: Self.now)
        #expect(outcome == .retryable(after: nil, reason: "Discord 429 rate limited"))
    }

    @Test(arguments: [
        (200, "", "ok"), (204, "", "ok"), (500, "", "retryable"), (502, "", "retryable"), (408, "", "retryable"),
        (400, #"{"code":50035,"message":"Invalid Form Body"}"#, "permanent"), (404, #"{"message":"Unknown Webhook","code":10015}"#, "permanent"),
        (401, "", "permanent"), (413, "", "permanent"),
    ])
    func discordStatuses(status: Int, body: String, label: String) {
        let outcome = DiscordAnswer.outcome(HTTPExchange.Answer(status: status, body: Data(body.utf8)), now: Self.now)
        #expect(outcome.label == label)
    }

    @Test func discordPermanentReasonNamesTheCodeNotTheURL() {
        let outcome = DiscordAnswer.outcome(HTTPExchange.Answer(status: 404, body: Data(#"{"message":"Unknown Webhook","code":10015}"#.utf8)), now: Self.now)
        #expect(outcome == .permanent(reason: "Discord HTTP 404 code 10015 (the webhook is unknown or was deleted)"))
    }

    @Test func messageIDIsReadFromAWaitAnswer() {
        #expect(DiscordAnswer.messageID(Data(#"{"id":"1310000000000000001","content":"x"}"#.utf8)) == "1310000000000000001")
        #expect(DiscordAnswer.messageID(Data(#"{"id":"../../x"}"#.utf8)) == nil)
        #expect(DiscordAnswer.messageID(Data()) == nil)
    }

    @Test(arguments: [
        (#"{"ok":true,"channel":"C1","ts":"1.2"}"#, 200, [String: String](), "ok", Int64?.none),
        (#"{"ok":false,"error":"ratelimited"}"#, 200, ["Retry-After": "30"], "retryable", Int64?.some(30_000)),
        (#"{"ok":false,"error":"ratelimited"}"#, 429, ["Retry-After": "2"], "retryable", Int64?.some(2000)),
        (#"{"ok":false,"error":"internal_error"}"#, 200, [:], "retryable", nil),
        (#"{"ok":false,"error":"invalid_blocks"}"#, 200, [:], "permanent", nil),
        (#"{"ok":false,"error":"invalid_auth"}"#, 200, [:], "permanent", nil),
        (#"{"ok":false,"error":"channel_not_found"}"#, 200, [:], "permanent", nil),
        ("", 503, [:], "retryable", nil),
    ])
    func slackWebAPI(body: String, status: Int, headers: [String: String], label: String, afterMilliseconds: Int64?) {
        let result = SlackAnswer.apiOutcome(HTTPExchange.Answer(status: status, headers: headers, body: Data(body.utf8)), now: Self.now)
        #expect(result.outcome.label == label)
        if case .retryable(let after, _) = result.outcome { #expect(after == afterMilliseconds.map { .milliseconds($0) }) }
    }

    @Test func slackErrorWordsAreBoundedAndNeverEchoAPayload() {
        let result = SlackAnswer.apiOutcome(HTTPExchange.Answer(status: 200, body: Data(#"{"ok":false,"error":"<script>https://hooks.slack.com/services/T/B/secret</script>"}"#.utf8)), now: Self.now)
        #expect(result.outcome == .permanent(reason: "Slack API error unknown_error"))
        let webhook = SlackAnswer.webhookOutcome(HTTPExchange.Answer(status: 400, body: Data("invalid_blocks".utf8)), now: Self.now)
        #expect(webhook == .permanent(reason: "Slack webhook HTTP 400 invalid_blocks"))
        let limited = SlackAnswer.webhookOutcome(HTTPExchange.Answer(status: 429, headers: ["Retry-After": "4"]), now: Self.now)
        #expect(limited == .retryable(after: .seconds(4), reason: "Slack 429 rate limited"))
    }
}
