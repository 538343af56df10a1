/// The `pipeline:` section: how the processor claims work and how the dispatcher retries.
package struct PipelineConfig: Sendable, Equatable {
    /// How long and how often a delivery is retried before it goes to dead letters.
    package struct Delivery: Sendable, Equatable {
        /// Retry until the delivery is this old, then dead-letter it.
        package var maxAge: Duration
        /// The first retry waits about this long (with jitter); each next one doubles.
        package var initialBackoff: Duration
        /// No retry waits longer than this (a 429's `Retry-After` may still ask for longer).
        package var maxBackoff: Duration
        /// Consecutive failed sends to one receiver that open its circuit.
        package var circuitFailures: Int = 5
        /// How long an open circuit waits before it lets a probe through.
        package var circuitCoolDown: Duration = .seconds(30)

        package init(maxAge: Duration = .seconds(3600), initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(300)) {
            self.maxAge = maxAge
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
        }
    }

    /// A payload that fails to decode this many times goes to dead letters.
    package var maxDecodeAttempts: Int
    /// How many inbox rows (or due deliveries) are claimed at once.
    package var batchSize: Int
    /// After a pass that found less than a full batch, the processor and the dispatcher wait this
    /// long before the next one, so that it takes what arrived meanwhile. Longer: fewer, larger
    /// transactions under load (throughput); shorter: less time an alert waits (latency). Zero
    /// turns it off.
    package var linger: Duration = .milliseconds(1)
    package var delivery: Delivery

    package init(maxDecodeAttempts: Int = 5, batchSize: Int = 256, delivery: Delivery = Delivery()) {
        self.maxDecodeAttempts = maxDecodeAttempts
        self.batchSize = batchSize
        self.delivery = delivery
    }
}
