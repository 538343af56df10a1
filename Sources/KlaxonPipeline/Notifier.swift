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
    /// The destination's own rate limit, if any (see ``SendRate``); `nil` by default.
    var sendRate: SendRate? { get }
}

/// How often one destination may be sent to: at most `count` requests per `per`.
///
/// A notifier that declares one (Discord webhooks 5 per 2 s, Slack 1 per second per channel,
/// GitHub 80 content-creating requests per minute) is paced by the dispatcher; deliveries over the
/// rate wait in the outbox, they are never dropped.
package struct SendRate: Sendable, Equatable {
    package var count: Int
    package var per: Duration

    package init(count: Int, per: Duration) {
        self.count = count
        self.per = per
    }
}

/// A notifier that can carry several deliveries in one message (Discord: up to 10 embeds), so a
/// burst to one destination under its rate limit becomes fewer messages.
package protocol BatchingNotifier: Notifier {
    /// At most this many deliveries in one message.
    var maxBatch: Int { get }
    /// Sends the deliveries as one message; the outcome applies to every one of them.
    func send(batch: [Delivery]) async -> DeliveryOutcome
}

extension Notifier {
    /// No pacing unless the notifier says so.
    package var sendRate: SendRate? { nil }
}
