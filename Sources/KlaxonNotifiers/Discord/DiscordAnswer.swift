import Foundation
import KlaxonCore
import KlaxonPipeline

/// What a Discord answer means for the delivery.
///
/// 429: Discord's JSON body carries `retry_after` in seconds, often fractional
/// (https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit); the
/// `Retry-After` header (whole seconds) and `X-RateLimit-Reset-After` are the fall-backs. 5xx →
/// retryable; other 4xx → permanent, with Discord's numeric error code (never the URL).
package enum DiscordAnswer {
    package static func outcome(_ answer: HTTPExchange.Answer, now: Date) -> DeliveryOutcome {
        switch answer.status {
        case 200..<300:
            return .ok
        case 429:
            let global = bodyObject(answer.body)?["global"] == .bool(true)
            return .retryable(after: retryAfter(answer, now: now), reason: global ? "Discord 429 global rate limit" : "Discord 429 rate limited")
        case 408, 500..<600:
            return .retryable(after: answer.header("Retry-After").flatMap { RetryAfter.parse($0, now: now) }, reason: "Discord HTTP \(answer.status)")
        default:
            var reason = "Discord HTTP \(answer.status)"
            if case .int(let code)? = bodyObject(answer.body)?["code"] { reason += " code \(code)" }
            switch answer.status {
            case 401, 403, 404: reason += " (the webhook is unknown or was deleted)"
            case 400: reason += " (Discord refused the message)"
            default: break
            }
            return .permanent(reason: reason)
        }
    }

    /// The wait a 429 asks for: body `retry_after`, else `X-RateLimit-Reset-After`, else `Retry-After`.
    package static func retryAfter(_ answer: HTTPExchange.Answer, now: Date) -> Duration? {
        if let object = bodyObject(answer.body), let seconds = number(object["retry_after"]), let duration = duration(seconds: seconds) {
            return duration
        }
        if let reset = answer.header("X-RateLimit-Reset-After").flatMap(Double.init), let duration = duration(seconds: reset) {
            return duration
        }
        return answer.header("Retry-After").flatMap { RetryAfter.parse($0, now: now) }
    }

    /// The `id` of the message in a `?wait=true` answer.
    package static func messageID(_ body: Data) -> String? {
        guard case .string(let id)? = bodyObject(body)?["id"], !id.isEmpty, id.allSatisfy(\.isNumber) else { return nil }
        return id
    }

    private static func bodyObject(_ body: Data) -> [String: JSONValue]? {
        guard !body.isEmpty, case .object(let object)? = try? JSONValue.parse(data: body) else { return nil }
        return object
    }

    /// Fractional seconds as whole milliseconds, rounded up (after rounding away binary noise:
    /// 64.57 s is 64,570 ms, not 64,571), capped at a day.
    private static func duration(seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds >= 0 else { return nil }
        let microseconds = (min(seconds, 86_400) * 1_000_000).rounded()
        return .milliseconds(Int64((microseconds / 1000).rounded(.up)))
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let value)?: return Double(value)
        case .double(let value)?: return value
        default: return nil
        }
    }
}
