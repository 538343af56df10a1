import Foundation
import KlaxonCore
import KlaxonPipeline
import Synchronization

/// A notifier that records every delivery and answers from a script (ok by default).
package final class RecordingNotifier: Notifier, Sendable {
    package let name: String
    package let sendRate: SendRate?
    private let state = Mutex<(sent: [Delivery], script: [DeliveryOutcome])>(([], []))

    package init(name: String, sendRate: SendRate? = nil) {
        self.name = name
        self.sendRate = sendRate
    }

    /// Outcomes to answer with, in order, before falling back to `.ok`.
    package func script(_ outcomes: [DeliveryOutcome]) {
        state.withLock { $0.script = outcomes }
    }

    /// Every delivery attempted, in order (retries included).
    package var attempts: [Delivery] { state.withLock { $0.sent } }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        state.withLock { state in
            state.sent.append(delivery)
            return state.script.isEmpty ? .ok : state.script.removeFirst()
        }
    }
}

/// A recording notifier that merges bursts: every call is one "message" of up to `maxBatch`.
package final class RecordingBatchNotifier: BatchingNotifier, Sendable {
    package let name: String
    package let maxBatch: Int
    package let sendRate: SendRate?
    private let state = Mutex<(messages: [[Delivery]], script: [DeliveryOutcome])>(([], []))

    package init(name: String, maxBatch: Int, sendRate: SendRate? = nil) {
        self.name = name
        self.maxBatch = maxBatch
        self.sendRate = sendRate
    }

    /// Outcomes to answer with, one per message, before falling back to `.ok`.
    package func script(_ outcomes: [DeliveryOutcome]) {
        state.withLock { $0.script = outcomes }
    }

    /// Every message attempted, in order, each with the deliveries it carried.
    package var messages: [[Delivery]] { state.withLock { $0.messages } }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        await send(batch: [delivery])
    }

    package func send(batch: [Delivery]) async -> DeliveryOutcome {
        state.withLock { state in
            state.messages.append(batch)
            return state.script.isEmpty ? .ok : state.script.removeFirst()
        }
    }
}
