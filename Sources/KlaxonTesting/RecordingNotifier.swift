import Foundation
import KlaxonCore
import KlaxonPipeline
import Synchronization

/// A notifier that records every delivery and answers from a script (ok by default).
package final class RecordingNotifier: Notifier, Sendable {
    package let name: String
    private let state = Mutex<(sent: [Delivery], script: [DeliveryOutcome])>(([], []))

    package init(name: String) {
        self.name = name
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
