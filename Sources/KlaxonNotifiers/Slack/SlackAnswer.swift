import Foundation
import KlaxonCore
import KlaxonPipeline

/// What a Slack answer means for the delivery.
///
/// - Incoming webhooks answer `ok` with 200, else an HTTP error with a short word in the body
///   (`invalid_payload`, `no_text`, `invalid_blocks`, `no_service`, `channel_is_archived`…):
///   https://api.slack.com/messaging/webhooks#handling_errors
/// - The Web API answers 200 with `{"ok":false,"error":"…"}` for most errors
///   (https://api.slack.com/web#evaluating_responses); `ratelimited` comes as HTTP 429 with
///   `Retry-After` (https://api.slack.com/apis/rate-limits). `ratelimited` and Slack's transient
///   errors are retryable, every other error permanent.
package enum SlackAnswer {
    /// Web API errors worth another try.
    package static let retryableErrors: Set<String> = ["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]

    package static func webhookOutcome(_ answer: HTTPExchange.Answer, now: Date) -> DeliveryOutcome {
        let word = errorWord(String(decoding: answer.body.prefix(200), as: UTF8.self))
        switch answer.status {
        case 200..<300: return .ok
        case 429: return .retryable(after: answer.header("Retry-After").flatMap { RetryAfter.parse($0, now: now) }, reason: "Slack 429 rate limited")
        case 408, 500..<600: return .retryable(after: answer.header("Retry-After").flatMap { RetryAfter.parse($0, now: now) }, reason: "Slack HTTP \(answer.status)" + (word.map { " \($0)" } ?? ""))
        default: return .permanent(reason: "Slack webhook HTTP \(answer.status)" + (word.map { " \($0)" } ?? ""))
        }
    }

    /// A Web API answer: the outcome, and on success the message's channel and ts.
    package static func apiOutcome(_ answer: HTTPExchange.Answer, now: Date) -> (outcome: DeliveryOutcome, channel: String?, ts: String?, error: String?) {
        let retryAfter = answer.header("Retry-After").flatMap { RetryAfter.parse($0, now: now) }
        switch answer.status {
        case 429: return (.retryable(after: retryAfter, reason: "Slack 429 ratelimited"), nil, nil, "ratelimited")
        case 408, 500..<600: return (.retryable(after: retryAfter, reason: "Slack HTTP \(answer.status)"), nil, nil, nil)
        case 200..<300: break
        default: return (.permanent(reason: "Slack API HTTP \(answer.status)"), nil, nil, nil)
        }
        guard case .object(let object)? = try? JSONValue.parse(data: answer.body) else {
            return (.permanent(reason: "Slack API answer is not JSON"), nil, nil, nil)
        }
        if object["ok"] == .bool(true) {
            var channel: String?, ts: String?
            if case .string(let value)? = object["channel"] { channel = value }
            if case .string(let value)? = object["ts"] { ts = value }
            return (.ok, channel, ts, nil)
        }
        var error = "unknown_error"
        if case .string(let value)? = object["error"], let word = errorWord(value) { error = word }
        if retryableErrors.contains(error) {
            return (.retryable(after: retryAfter, reason: "Slack API error \(error)"), nil, nil, error)
        }
        return (.permanent(reason: "Slack API error \(error)"), nil, nil, error)
    }

    /// A Slack error word (`invalid_blocks`), or nil when the text is not one: only lower-case
    /// letters, digits and `_`, at most 64, so a reason stays bounded and never echoes a payload.
    static func errorWord(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 64,
              trimmed.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return nil }
        return trimmed
    }
}
