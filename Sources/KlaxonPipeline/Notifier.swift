import Foundation
import KlaxonCore

/// What a receiver says about one send. Every notifier reports one of these, so the dispatcher can
/// retry what is worth retrying and dead-letter the rest.
package enum DeliveryOutcome: Sendable, Equatable {
    case ok
    /// Try again; `after` is the destination's own hint (429 Retry-After), else the backoff decides.
    case retryable(after: Duration?, reason: String)
    /// Never going to work as is (4xx other than 429, a payload the destination refuses).
    case permanent(reason: String)

    /// A bounded word for metrics.
    package var label: String {
        switch self {
        case .ok: return "ok"
        case .retryable: return "retryable"
        case .permanent: return "permanent"
        }
    }
}

/// A destination for notifications: one per configured receiver.
///
/// Implementations must not put secrets (webhook URLs, tokens) in the reasons they return.
package protocol Notifier: Sendable {
    /// The receiver's configured name.
    var name: String { get }
    func send(_ delivery: Delivery) async -> DeliveryOutcome
}
