import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, bounded by a maximum
/// delay, until the delivery is older than `maxAge`, then dead letters.
package struct RetryPolicy: Sendable, Hashable {
    package var initialBackoff: Duration
    package var maxBackoff: Duration
    package var maxAge: Duration

    package init(initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(300), maxAge: Duration = .seconds(3600)) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxAge = maxAge
    }

    /// The delay before attempt `attempts + 1`. `jitter` in 0...1 (injected for tests) scales the
    /// delay between half and all of the exponential value ("equal jitter").
    package func backoff(afterAttempts attempts: Int, jitter: Double) -> Duration {
        let base = initialBackoff.seconds * pow(2, Double(max(0, attempts - 1)))
        let capped = min(base, maxBackoff.seconds)
        let jittered = capped / 2 + capped / 2 * min(1, max(0, jitter))
        return .milliseconds(Int64((jittered * 1000).rounded()))
    }

    /// Whether a delivery created at `createdAt` may still be retried at `now`.
    package func mayRetry(createdAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(createdAt) < maxAge.seconds
    }
}

extension Duration {
    /// The duration in milliseconds, rounded to hundredths, for logs.
    package var milliseconds: Double { (seconds * 100_000).rounded() / 100 }

    /// The duration in seconds, as a Double.
    package var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
