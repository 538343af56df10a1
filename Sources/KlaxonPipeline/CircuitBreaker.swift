import Foundation

/// Whether a destination is worth sending to right now: after `failureThreshold` consecutive
/// failed sends it opens for a cool-down, then lets one probe through (half-open); the probe's
/// outcome closes it again or reopens it for another cool-down.
///
/// A pure state machine with time passed in, so it is tested as a table (see
/// `CircuitBreakerTests`). The dispatcher keeps deliveries queued while it is open: nothing is
/// dropped, they wait in the outbox.
package struct CircuitBreaker: Sendable, Equatable {
    package struct Settings: Sendable, Equatable {
        /// Consecutive failures that open the circuit.
        package var failureThreshold: Int
        /// How long it stays open before a probe.
        package var coolDown: Duration

        package init(failureThreshold: Int = 5, coolDown: Duration = .seconds(30)) {
            self.failureThreshold = max(1, failureThreshold)
            self.coolDown = coolDown
        }
    }

    package enum State: Sendable, Equatable {
        case closed(failures: Int)
        case open(until: Date)
        /// The cool-down is over: the next send is a probe.
        case halfOpen

        /// A bounded word for logs and metrics.
        package var label: String {
            switch self {
            case .closed: return "closed"
            case .open: return "open"
            case .halfOpen: return "half_open"
            }
        }
    }

    package enum Decision: Sendable, Equatable {
        case send
        /// Send one, as a probe: its outcome decides whether the circuit closes.
        case probe
        /// Do not send before this time.
        case wait(until: Date)
    }

    package let settings: Settings
    package private(set) var state: State = .closed(failures: 0)

    package init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Whether a send may go out at `now` (moves open → half-open once the cool-down is over).
    package mutating func decide(now: Date) -> Decision {
        switch state {
        case .closed:
            return .send
        case .open(let until):
            guard now >= until else { return .wait(until: until) }
            state = .halfOpen
            return .probe
        case .halfOpen:
            return .probe
        }
    }

    /// The destination answered (any answer that is not a destination failure).
    package mutating func recordSuccess() {
        state = .closed(failures: 0)
    }

    /// The destination failed (5xx, timeout, connection refused).
    package mutating func recordFailure(now: Date) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= settings.failureThreshold
                ? .open(until: now.addingTimeInterval(settings.coolDown.seconds))
                : .closed(failures: failures + 1)
        case .halfOpen, .open:
            state = .open(until: now.addingTimeInterval(settings.coolDown.seconds))
        }
    }
}
