import Foundation
import KlaxonPipeline

/// How a GitHub REST answer maps to a delivery outcome.
///
/// GitHub's rate limits ("Rate limits for the REST API",
/// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api): a primary or
/// secondary limit answers 403 or 429. With `retry-after`, wait that many seconds; with
/// `x-ratelimit-remaining: 0`, wait until `x-ratelimit-reset` (UTC epoch seconds); a secondary
/// limit with neither: wait at least a minute. Any other 403 is a permission problem (permanent),
/// 5xx is retryable, other 4xx permanent.
package enum GitHubResponse {
    /// The header values that matter, by lower-case name.
    package struct RateHeaders: Sendable {
        package var retryAfter: String?
        package var remaining: String?
        package var reset: String?

        package init(retryAfter: String? = nil, remaining: String? = nil, reset: String? = nil) {
            self.retryAfter = retryAfter
            self.remaining = remaining
            self.reset = reset
        }
    }

    package static let secondaryLimitWait: Duration = .seconds(60)

    /// `body` is read only for GitHub's wording of a secondary rate limit; it is never returned.
    package static func classify(status: Int, headers: RateHeaders, body: String, now: Date) -> DeliveryOutcome {
        switch status {
        case 200..<300:
            return .ok
        case 403, 429:
            if let after = rateLimitDelay(headers, now: now) {
                return .retryable(after: after, reason: "HTTP \(status) rate limited")
            }
            if status == 429 || body.lowercased().contains("secondary rate limit") {
                return .retryable(after: secondaryLimitWait, reason: "HTTP \(status) rate limited")
            }
            return .permanent(reason: "HTTP 403 forbidden: the token lacks permission for this repository")
        case 401:
            return .permanent(reason: "HTTP 401 bad credentials")
        case 404:
            return .permanent(reason: "HTTP 404: repository or issue not found (or not visible to the token)")
        case 408, 500..<600:
            return .retryable(after: headers.retryAfter.flatMap { RetryAfter.parse($0, now: now) }, reason: "HTTP \(status)")
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }

    /// The wait GitHub asks for, if its headers say.
    package static func rateLimitDelay(_ headers: RateHeaders, now: Date) -> Duration? {
        if let retryAfter = headers.retryAfter, let after = RetryAfter.parse(retryAfter, now: now) { return after }
        if headers.remaining?.trimmingCharacters(in: .whitespaces) == "0", let reset = headers.reset.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            let wait = max(1, min(reset - now.timeIntervalSince1970, 3600))
            return .milliseconds(Int64((wait * 1000).rounded(.up)))
        }
        return nil
    }
}
