import AsyncHTTPClient
import Foundation
import KlaxonChatOps
import KlaxonNotifiers
import Logging
import NIOCore

/// Sends what a chat command finishes after its first answer: the edited Discord original
/// (PATCH, retried per ``DiscordFollowUp``) and Slack `response_url` posts. URLs carry tokens, so
/// nothing here logs a URL.
package struct ChatFollowUps: Sendable {
    package let client: HTTPClient
    package let logger: Logger
    package let discordRetry: DiscordFollowUp
    package let timeout: TimeAmount
    /// The follow-ups in flight; a service of the application, so shutdown waits for them.
    package let tracker = ChatFollowUpTracker()

    /// The notifiers' HTTP path: one request, a transport failure as a reason without the URL.
    private let exchange: HTTPExchange

    package init(client: HTTPClient, logger: Logger, discordRetry: DiscordFollowUp = DiscordFollowUp(), timeout: TimeAmount = .seconds(10)) {
        self.client = client
        self.logger = logger
        self.discordRetry = discordRetry
        self.timeout = timeout
        self.exchange = HTTPExchange(client: client, timeout: .nanoseconds(timeout.nanoseconds))
    }

    /// Edits the deferred original with `text`. Returns the final step.
    @discardableResult
    package func editDiscordOriginal(apiURL: String, applicationID: String, token: String, text: String) async -> DiscordFollowUp.Step {
        guard let path = DiscordFollowUp.path(applicationID: applicationID, token: token) else {
            logger.warning("discord follow-up not sent: unusable interaction token", metadata: ["step": "chat_followup_failed", "reason": "bad_token"])
            return .giveUp(reason: "bad_token")
        }
        let url = apiURL + path
        let body = Data(DiscordResponse.editOriginal(text).utf8)
        var attempt = 1
        while true {
            let step: DiscordFollowUp.Step
            switch await exchange.send("PATCH", url: url, body: body, headers: [("User-Agent", Self.discordUserAgent)]) {
            case .failure(let failure):
                logger.warning("discord follow-up failed", metadata: ["step": "chat_followup_error", "error": "\(failure.reason)", "attempt": "\(attempt)"])
                step = discordRetry.next(afterAttempt: attempt, status: 599)
            case .success(let answer):
                step = Self.discordStep(after: answer, attempt: attempt, policy: discordRetry, now: Date())
            }
            switch step {
            case .delivered:
                logger.info("discord follow-up delivered", metadata: ["step": "chat_followup", "attempts": "\(attempt)"])
                return step
            case .giveUp(let reason):
                logger.warning("discord follow-up given up", metadata: ["step": "chat_followup_failed", "reason": "\(reason)", "attempts": "\(attempt)"])
                return step
            case .retry(let milliseconds):
                try? await Task.sleep(for: .milliseconds(milliseconds))
                attempt += 1
            }
        }
    }

    /// What to do after Discord's answer to an edit. A 429's wait is read as the notifiers read it
    /// (``DiscordAnswer/retryAfter(_:now:)``: the body's fractional `retry_after` first, then
    /// `X-RateLimit-Reset-After`, then `Retry-After`).
    package static func discordStep(after answer: HTTPExchange.Answer, attempt: Int, policy: DiscordFollowUp, now: Date) -> DiscordFollowUp.Step {
        let wait = answer.status == 429 ? DiscordAnswer.retryAfter(answer, now: now) : nil
        let seconds = wait.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        return policy.next(afterAttempt: attempt, status: answer.status, retryAfterSeconds: seconds)
    }

    package static let discordUserAgent = "DiscordBot (https://github.com/klaxon, 1) klaxon"

    /// Posts `reply` to a Slack `response_url`. One attempt: Slack allows five per URL.
    @discardableResult
    package func postSlack(responseURL: String, reply: ChatReply) async -> Bool {
        guard let components = URLComponents(string: responseURL), ["http", "https"].contains(components.scheme?.lowercased() ?? "") else {
            logger.warning("slack response_url is not an http(s) URL", metadata: ["step": "chat_followup_failed", "reason": "bad_url"])
            return false
        }
        switch await exchange.send("POST", url: responseURL, body: Data(SlackResponse.message(reply).utf8)) {
        case .failure(let failure):
            logger.warning("slack follow-up failed", metadata: ["step": "chat_followup_failed", "error": "\(failure.reason)"])
            return false
        case .success(let answer):
            let ok = (200..<300).contains(answer.status)
            logger.info("slack follow-up", metadata: ["step": ok ? "chat_followup" : "chat_followup_failed", "status": "\(answer.status)"])
            return ok
        }
    }
}
