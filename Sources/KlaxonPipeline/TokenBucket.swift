import Foundation

/// Paces sends to one destination at its ``SendRate``: a bucket of `count` tokens that refills
/// continuously at `count` per `per`. A full bucket allows a burst of `count`; after that, sends
/// are spaced at the refill rate.
///
/// A pure value with time passed in (see `TokenBucketTests`).
package struct TokenBucket: Sendable, Equatable {
    package enum Grant: Sendable, Equatable {
        case granted
        /// No token now; one will be there at this time.
        case wait(until: Date)
    }

    package let capacity: Double
    /// Tokens per second.
    package let refillRate: Double
    package private(set) var tokens: Double
    private var updatedAt: Date

    /// A full bucket at `now`.
    package init(rate: SendRate, now: Date) {
        capacity = Double(max(1, rate.count))
        refillRate = capacity / max(0.001, rate.per.seconds)
        tokens = capacity
        updatedAt = now
    }

    /// Takes one token if there is one at `now`.
    package mutating func take(now: Date) -> Grant {
        refill(now: now)
        // Dates are doubles: a refill that should give exactly one token may give 0.9999999999.
        if tokens >= 1 - 1e-6 {
            tokens = max(0, tokens - 1)
            return .granted
        }
        return .wait(until: now.addingTimeInterval((1 - tokens) / refillRate))
    }

    private mutating func refill(now: Date) {
        let elapsed = now.timeIntervalSince(updatedAt)
        guard elapsed > 0 else { return }
        tokens = min(capacity, tokens + elapsed * refillRate)
        updatedAt = now
    }
}
