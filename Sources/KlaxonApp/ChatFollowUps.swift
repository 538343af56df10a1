import AsyncHTTPClient
import Foundation
import KlaxonChatOps
import Logging
import NIOCore
import NIOFoundationCompat

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

    package init(client: HTTPClient, logger: Logger, discordRetry: DiscordFollowUp = DiscordFollowUp(), timeout: TimeAmount = .seconds(10)) {
        self.client = client
        self.logger = logger
        self.discordRetry = discordRetry
        self.timeout = timeout
    }

    /// Edits the deferred original with `text`. Returns the final step.
    @discardableResult
    package func editDiscordOriginal(apiURL: String, applicationID: String, token: String, text: String) async -> DiscordFollowUp.Step {
        guard let path = DiscordFollowUp.path(applicationID: applicationID, token: token) else {
            logger.warning("discord follow-up not sent: unusable interaction token", metadata: ["step": "chat_followup_failed", "reason": "bad_token"])
            return .giveUp(reason: "bad_token")
        }
        let url = apiURL + path
        let body = DiscordResponse.editOriginal(text)
        var attempt = 1
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = .PATCH
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "DiscordBot (https://github.com/klaxon, 1) klaxon")
            request.body = .bytes(ByteBuffer(string: body))
            var status = 0
            var retryAfter: Double?
            do {
                let response = try await client.execute(request, timeout: timeout)
                status = Int(response.status.code)
                retryAfter = response.headers.first(name: "Retry-After").flatMap(Double.init)
                _ = try? await response.body.collect(upTo: 64 * 1024)
            } catch {
                status = 599
                logger.warning("discord follow-up failed", metadata: ["step": "chat_followup_error", "error": "\(type(of: error))", "attempt": "\(attempt)"])
            }
            let step = discordRetry.next(afterAttempt: attempt, status: status, retryAfterSeconds: retryAfter)
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

    /// Posts `reply` to a Slack `response_url`. One attempt: Slack allows five per URL.
    @discardableResult
    package func postSlack(responseURL: String, reply: ChatReply) async -> Bool {
        guard let components = URLComponents(string: responseURL), ["http", "https"].contains(components.scheme?.lowercased() ?? "") else {
            logger.warning("slack response_url is not an http(s) URL", metadata: ["step": "chat_followup_failed", "reason": "bad_url"])
            return false
        }
        var request = HTTPClientRequest(url: responseURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: SlackResponse.message(reply)))
        do {
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let ok = (200..<300).contains(Int(response.status.code))
            logger.info("slack follow-up", metadata: ["step": ok ? "chat_followup" : "chat_followup_failed", "status": "\(response.status.code)"])
            return ok
        } catch {
            logger.warning("slack follow-up failed", metadata: ["step": "chat_followup_failed", "error": "\(type(of: error))"])
            return false
        }
    }
}
