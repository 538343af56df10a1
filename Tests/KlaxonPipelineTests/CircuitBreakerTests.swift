import Foundation
import KlaxonPipeline
import Testing

@Suite("Circuit breaker: a state machine driven by outcomes and an injected time")
struct CircuitBreakerTests {
    /// One step: at `at` seconds, either ask (`nil` outcome) or record an outcome; then expect.
    struct Step: Sendable, CustomTestStringConvertible {
        enum Event: Sendable { case decide, success, failure }
        var at: TimeInterval
        var event: Event
        var decision: CircuitBreaker.Decision?
        var state: String
        var testDescription: String { "t=\(at) \(event) → \(state)" }
    }

    static let t0 = Date(timeIntervalSince1970: 1_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static let scenarios: [(name: String, steps: [Step])] = [
        ("closed sends and stays closed below the threshold", [
            Step(at: 0, event: .decide, decision: .send, state: "closed"),
            Step(at: 0, event: .failure, state: "closed"),
            Step(at: 1, event: .failure, state: "closed"),
            Step(at: 2, event: .success, state: "closed"),
            Step(at: 3, event: .failure, state: "closed"),
            Step(at: 4, event: .failure, state: "closed"),
            Step(at: 5, event: .decide, decision: .send, state: "closed"),
        ]),
        ("three consecutive failures open it for the cool-down", [
            Step(at: 0, event: .failure, state: "closed"),
            Step(at: 1, event: .failure, state: "closed"),
            Step(at: 2, event: .failure, state: "open"),
            Step(at: 3, event: .decide, decision: .wait(until: at(12)), state: "open"),
            Step(at: 11.9, event: .decide, decision: .wait(until: at(12)), state: "open"),
        ]),
        ("after the cool-down one probe; success closes", [
            Step(at: 0, event: .failure, state: "closed"),
            Step(at: 0, event: .failure, state: "closed"),
            Step(at: 0, event: .failure, state: "open"),
            Step(at: 10, event: .decide, decision: .probe, state: "half_open"),
            Step(at: 10, event: .success, state: "closed"),
            Step(at: 10, event: .decide, decision: .send, state: "closed"),
        ]),
        ("a failed probe reopens for a new cool-down", [
            Step(at: 0, event: .failure, state: "closed"),
            Step(at: 0, event: .failure, state: "closed"),
            Step(at: 0, event: .failure, state: "open"),
            Step(at: 15, event: .decide, decision: .probe, state: "half_open"),
            Step(at: 15, event: .failure, state: "open"),
            Step(at: 20, event: .decide, decision: .wait(until: at(25)), state: "open"),
            Step(at: 25, event: .decide, decision: .probe, state: "half_open"),
            Step(at: 25, event: .success, state: "closed"),
        ]),
    ]

    @Test(arguments: scenarios.indices)
    func scenario(_ index: Int) {
        let (name, steps) = Self.scenarios[index]
        var breaker = CircuitBreaker(settings: .init(failureThreshold: 3, coolDown: .seconds(10)))
        for step in steps {
            let now = Self.at(step.at)
            switch step.event {
            case .decide:
                #expect(breaker.decide(now: now) == step.decision, "\(name): \(step.testDescription)")
            case .success:
                breaker.recordSuccess()
            case .failure:
                breaker.recordFailure(now: now)
            }
            #expect(breaker.state.label == step.state, "\(name): \(step.testDescription)")
        }
    }

    @Test func gatePausesOnRetryAfterWithoutCountingAFailure() {
        var gate = DestinationGate(breaker: .init(failureThreshold: 1, coolDown: .seconds(60)), rate: nil, now: Self.t0)
        #expect(gate.admit(now: Self.t0) == .send(probe: false))
        gate.record(.retryable(after: .seconds(5), reason: "HTTP 429 rate limited"), now: Self.t0)
        #expect(gate.breaker.state == .closed(failures: 0))
        #expect(gate.admit(now: Self.at(4)) == .wait(until: Self.at(5), cause: .paused))
        #expect(gate.admit(now: Self.at(5)) == .send(probe: false))
        gate.record(.retryable(after: nil, reason: "HTTP 503"), now: Self.at(5))
        #expect(gate.admit(now: Self.at(6)) == .wait(until: Self.at(65), cause: .circuitOpen))
        #expect(gate.admit(now: Self.at(65)) == .send(probe: true))
        gate.record(.permanent(reason: "HTTP 422"), now: Self.at(65))
        #expect(gate.breaker.state == .closed(failures: 0))
    }
}
