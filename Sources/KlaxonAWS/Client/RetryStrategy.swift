import Foundation

/// The SDKs' "standard" retry mode: up to 3 attempts, exponential backoff with full jitter,
/// capped at 20 s, on throttling, transient errors, 5xx and connection failures.
///
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html : delay before
/// retry i (1-based) is `min(b × r^(i-1) × base, 20 s)` with `b` uniform in [0, 1) and `r = 2`.
/// botocore's standard mode uses a base of 1 s; the Java SDK v2 uses 100 ms for non-throttling
/// errors. Klaxon takes the spec's 1 s: an alert router would rather wait than add load to a
/// throttled API. The retry quota (token bucket) of the spec is not implemented: Klaxon makes
/// few calls and each caller bounds its own work.
package struct RetryStrategy: Sendable {
    package var maxAttempts: Int
    package var base: Duration
    package var maxBackoff: Duration
    /// Uniform in [0, 1); injectable so tests can pin the jitter.
    package var jitter: @Sendable () -> Double

    package init(maxAttempts: Int = 3, base: Duration = .seconds(1), maxBackoff: Duration = .seconds(20), jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.base = base
        self.maxBackoff = maxBackoff
        self.jitter = jitter
    }

    package static let standard = RetryStrategy()
    package static let none = RetryStrategy(maxAttempts: 1)

    /// How long to wait after failed attempt `attempt` (1-based) before the next.
    package func delay(afterAttempt attempt: Int) -> Duration {
        let ceiling = base * Int(1 << min(attempt - 1, 20))
        let capped = min(ceiling, maxBackoff)
        return capped * jitter()
    }
}
