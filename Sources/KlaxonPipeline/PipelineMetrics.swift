import Foundation
import Metrics
import Synchronization

/// The pipeline's counters, created once per label set and cached: looking a counter up on every
/// alert through the metrics factory would cost more than counting.
package final class PipelineMetrics: Sendable {
    private let counters = Mutex<[String: Counter]>([:])
    private let gauges = Mutex<[String: Gauge]>([:])
    private let factory: any MetricsFactory

    /// - Parameter factory: where counters live (the app passes its Prometheus registry's factory,
    ///   so nothing global is bootstrapped and tests can run several apps in one process).
    package init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    private func counter(_ name: String, _ dimensions: [(String, String)]) -> Counter {
        var key = name
        for (label, value) in dimensions {
            key += "|"
            key += label
            key += "="
            key += value
        }
        return counters.withLock { cache in
            if let existing = cache[key] { return existing }
            let created = Counter(label: name, dimensions: dimensions, factory: factory)
            cache[key] = created
            return created
        }
    }

    /// Payloads accepted at the edge, by route kind.
    package func received(kind: String, count: Int = 1) {
        counter("klaxon_payloads_received_total", [("kind", kind)]).increment(by: count)
    }

    /// Alerts decoded, by source.
    package func decoded(source: String, count: Int = 1) {
        counter("klaxon_alerts_received_total", [("source", source)]).increment(by: count)
    }

    package func decodeFailed(reason: String) {
        counter("klaxon_decode_failures_total", [("reason", reason)]).increment()
    }

    package func deadLettered(kind: String) {
        counter("klaxon_dead_letters_total", [("kind", kind)]).increment()
    }

    package func action(_ action: String, count: Int = 1) {
        counter("klaxon_lifecycle_actions_total", [("action", action)]).increment(by: count)
    }

    package func suppressed(by cause: String) {
        counter("klaxon_alerts_suppressed_total", [("cause", cause)]).increment()
    }

    package func delivery(receiver: String, outcome: String, count: Int = 1) {
        counter("klaxon_deliveries_total", [("receiver", receiver), ("outcome", outcome)]).increment(by: count)
    }

    package func rejected(reason: String) {
        counter("klaxon_requests_rejected_total", [("reason", reason)]).increment()
    }

    /// Deliveries left waiting in the outbox, by why (`paused`, `circuit_open`, `rate_limit`).
    package func postponed(receiver: String, cause: String, count: Int) {
        counter("klaxon_deliveries_postponed_total", [("receiver", receiver), ("cause", cause)]).increment(by: count)
    }

    /// A receiver's circuit breaker: `klaxon_circuit_state{receiver}` is 0 closed, 1 open,
    /// 2 half-open.
    package func circuit(receiver: String, state: CircuitBreaker.State) {
        let value: Double
        switch state {
        case .closed: value = 0
        case .open: value = 1
        case .halfOpen: value = 2
        }
        let gauge = gauges.withLock { cache -> Gauge in
            if let existing = cache[receiver] { return existing }
            let created = Gauge(label: "klaxon_circuit_state", dimensions: [("receiver", receiver)], factory: factory)
            cache[receiver] = created
            return created
        }
        gauge.record(value)
    }
}
