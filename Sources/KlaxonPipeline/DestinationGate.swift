import Foundation

/// Everything that decides whether one destination may be sent to now: a pause it asked for
/// (429 `Retry-After`, GitHub's `x-ratelimit-reset`), its circuit breaker, and its send rate.
///
/// Pure, with time passed in; the dispatcher keeps one per receiver and performs what it says.
package struct DestinationGate: Sendable, Equatable {
    package enum Admission: Sendable, Equatable {
        /// Send now (`probe`: the breaker is half-open and this send decides it).
        case send(probe: Bool)
        /// Nothing goes out before this time; the deliveries wait in the outbox.
        case wait(until: Date, cause: Cause)
    }

    package enum Cause: String, Sendable, Equatable {
        case paused, circuitOpen = "circuit_open", rateLimit = "rate_limit"
    }

    package private(set) var breaker: CircuitBreaker
    package private(set) var bucket: TokenBucket?
    package private(set) var pausedUntil: Date?
    /// The latest time a wait was given until: a later wait is never earlier, so deliveries
    /// postponed later never become due before those postponed earlier (order per fingerprint).
    private var waitedUntil: Date?

    package init(breaker: CircuitBreaker.Settings, rate: SendRate?, now: Date) {
        self.breaker = CircuitBreaker(settings: breaker)
        bucket = rate.map { TokenBucket(rate: $0, now: now) }
    }

    /// Whether one message may go out at `now`. A `send` has used a token of the rate.
    package mutating func admit(now: Date) -> Admission {
        let admission = decide(now: now)
        guard case .wait(let until, let cause) = admission else { return admission }
        let monotonic = max(until, waitedUntil ?? until)
        waitedUntil = monotonic
        return .wait(until: monotonic, cause: cause)
    }

    private mutating func decide(now: Date) -> Admission {
        if let pausedUntil, now < pausedUntil { return .wait(until: pausedUntil, cause: .paused) }
        pausedUntil = nil
        let probe: Bool
        switch breaker.decide(now: now) {
        case .wait(let until): return .wait(until: until, cause: .circuitOpen)
        case .send: probe = false
        case .probe: probe = true
        }
        if var bucket {
            let grant = bucket.take(now: now)
            self.bucket = bucket
            if case .wait(let until) = grant { return .wait(until: until, cause: .rateLimit) }
        }
        return .send(probe: probe)
    }

    /// Records what the destination said. A retryable answer with the destination's own delay
    /// (429 and its relatives) pauses the destination for that long and is not a failure of the
    /// destination; one without (5xx, timeouts, refused connections) counts towards opening the
    /// circuit. A permanent answer means the destination is up: the payload was the problem.
    package mutating func record(_ outcome: DeliveryOutcome, now: Date) {
        switch outcome {
        case .ok, .permanent:
            breaker.recordSuccess()
        case .retryable(let after?, _):
            let until = now.addingTimeInterval(after.seconds)
            pausedUntil = max(pausedUntil ?? until, until)
            if case .halfOpen = breaker.state { breaker.recordSuccess() }
        case .retryable(nil, _):
            breaker.recordFailure(now: now)
        }
    }
}
