/// Editing the deferred answer: `PATCH /webhooks/{application_id}/{token}/messages/@original`.
///
/// Right after a type-5 answer the original can briefly 404, so a 404 is retried — at most
/// ``maxRetries`` times, with doubling backoff — as are 429 (after `Retry-After` when given) and
/// 5xx. Anything else ends it. Spec:
/// https://discord.com/developers/docs/interactions/receiving-and-responding#edit-original-interaction-response
package struct DiscordFollowUp: Sendable, Equatable {
    package static let maxRetries = 3

    package enum Step: Sendable, Equatable {
        case delivered
        case retry(afterMilliseconds: Int)
        /// Stop: `reason` is bounded (`status_404`, `status_400`, `retries_exhausted`).
        case giveUp(reason: String)
    }

    /// First backoff; each retry doubles it.
    package var initialBackoffMilliseconds: Int

    package init(initialBackoffMilliseconds: Int = 500) {
        self.initialBackoffMilliseconds = initialBackoffMilliseconds
    }

    /// The path under the API base URL; nil when the id is not digits or the token is not
    /// URL-safe (`[A-Za-z0-9._-]`, at most 500 characters), so nothing from a request body can
    /// steer the edit to another endpoint. The token is part of the path: never log it.
    package static func path(applicationID: String, token: String) -> String? {
        guard !applicationID.isEmpty, applicationID.utf8.count <= 32, applicationID.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              !token.isEmpty, token.utf8.count <= 500,
              token.utf8.allSatisfy({ byte in
                  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
              })
        else { return nil }
        return "/webhooks/\(applicationID)/\(token)/messages/@original"
    }

    /// What to do after attempt number `attempt` (1-based) answered `status`.
    package func next(afterAttempt attempt: Int, status: Int, retryAfterSeconds: Double? = nil) -> Step {
        if (200..<300).contains(status) { return .delivered }
        let retryable = status == 404 || status == 429 || status >= 500
        guard retryable else { return .giveUp(reason: "status_\(status)") }
        guard attempt <= Self.maxRetries else { return .giveUp(reason: "retries_exhausted") }
        var wait = initialBackoffMilliseconds << (attempt - 1)
        if status == 429, let seconds = retryAfterSeconds, seconds.isFinite, seconds >= 0 {
            wait = max(wait, Int(min(seconds, 60) * 1000))
        }
        return .retry(afterMilliseconds: wait)
    }
}
