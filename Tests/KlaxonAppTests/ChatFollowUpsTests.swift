import Foundation
import KlaxonApp
import KlaxonChatOps
import KlaxonNotifiers
import Testing

/// The deferred /status edit reads Discord's answers as the Discord notifier does.
@Suite("Chat follow-ups: Discord's answers")
struct ChatFollowUpsTests {
    static let now = Date(timeIntervalSince1970: 1_760_000_000)
    static let policy = DiscordFollowUp(initialBackoffMilliseconds: 100)

    @Test("a 429's wait: the body's retry_after first, then X-RateLimit-Reset-After, then Retry-After", arguments: [
        (#"{"message":"You are being rate limited.","retry_after":0.25,"global":false}"#, ["Retry-After": "1"], 250),
        ("", ["X-RateLimit-Reset-After": "0.5", "Retry-After": "1"], 500),
        ("", ["Retry-After": "2"], 2000),
    ])
    func rateLimited(_ body: String, _ headers: [String: String], _ milliseconds: Int) {
        let answer = HTTPExchange.Answer(status: 429, headers: headers, body: Data(body.utf8))
        #expect(ChatFollowUps.discordStep(after: answer, attempt: 1, policy: Self.policy, now: Self.now) == .retry(afterMilliseconds: milliseconds))
    }

    @Test("other answers follow the 404 retry policy", arguments: [
        (200, DiscordFollowUp.Step.delivered), (404, .retry(afterMilliseconds: 100)), (400, .giveUp(reason: "status_400")),
    ])
    func others(_ status: Int, _ expected: DiscordFollowUp.Step) {
        let answer = HTTPExchange.Answer(status: status, headers: ["Retry-After": "5"])
        #expect(ChatFollowUps.discordStep(after: answer, attempt: 1, policy: Self.policy, now: Self.now) == expected)
    }
}
