import Foundation

/// Reads an HTTP `Retry-After` header: delay-seconds (integer or, as some APIs send, decimal) or
/// an HTTP-date (RFC 9110 §10.2.3).
package enum RetryAfter {
    package static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64((min(seconds, 86_400) * 1000).rounded(.up)))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        let delta = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((min(delta, 86_400) * 1000).rounded(.up)))
    }
}
