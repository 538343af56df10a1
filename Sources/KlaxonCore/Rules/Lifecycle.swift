import Foundation

/// What Klaxon remembers about one fingerprint between alerts.
package struct AlertRecord: Sendable, Hashable, Codable {
    package enum Status: String, Sendable, Hashable, Codable {
        case open = "OPEN"
        case closed = "CLOSED"
    }

    package var fingerprint: String
    package var status: Status
    /// The provider's state-change time of the last alert that changed this record.
    package var lastProviderStateAt: Date
    package var firstSeenAt: Date
    package var lastSeenAt: Date
    /// How many times it has fired (each CREATE starts a new occurrence).
    package var occurrences: Int
    /// Alerts received for the current occurrence (CREATE and COMMENTs).
    package var notifications: Int
    package var manuallyClosed: Bool
    package var manuallyClosedAt: Date?
    /// A reference in another system, such as a GitHub issue number.
    package var externalRef: String?
    package var lastAction: Lifecycle.Action?
    /// The newest alert seen, as decoded.
    package var alert: AlertEvent
    /// Whether a FIRING notification of the current occurrence was delivered (not suppressed),
    /// so its RESOLVED may pass a mute.
    package var firingDelivered: Bool

    package init(
        fingerprint: String, status: Status, lastProviderStateAt: Date, firstSeenAt: Date, lastSeenAt: Date,
        occurrences: Int, notifications: Int = 1, manuallyClosed: Bool = false, manuallyClosedAt: Date? = nil,
        externalRef: String? = nil, lastAction: Lifecycle.Action? = nil, alert: AlertEvent, firingDelivered: Bool = false
    ) {
        self.fingerprint = fingerprint
        self.status = status
        self.lastProviderStateAt = lastProviderStateAt
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.occurrences = occurrences
        self.notifications = notifications
        self.manuallyClosed = manuallyClosed
        self.manuallyClosedAt = manuallyClosedAt
        self.externalRef = externalRef
        self.lastAction = lastAction
        self.alert = alert
        self.firingDelivered = firingDelivered
    }
}

extension AlertRecord {
    /// The record to store when `self` (computed by the processor from what it read earlier)
    /// replaces `stored` (what is stored now). Two fields are written by others between the read
    /// and the write — the notifier's `externalRef` (a GitHub issue) and the inbound webhook's
    /// manual close — so, for the same occurrence, they are kept rather than overwritten with
    /// the older values the processor read. A new occurrence (CREATE) and an explicit clearing
    /// (SKIP_MANUAL_CLOSE on a resolved alert) still replace them.
    package func merged(over stored: AlertRecord?) -> AlertRecord {
        guard let stored, stored.occurrences == occurrences else { return self }
        var merged = self
        if merged.externalRef == nil { merged.externalRef = stored.externalRef }
        if stored.manuallyClosed, !merged.manuallyClosed, lastAction != .skipManualClose, status == .open {
            merged.manuallyClosed = true
            merged.manuallyClosedAt = stored.manuallyClosedAt
        }
        return merged
    }
}

/// The lifecycle decision for one incoming alert, exactly as DESIGN.md states it.
package enum Lifecycle {
    package enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// A new occurrence: open it (a fresh GitHub issue per occurrence).
        case create = "CREATE"
        /// Still firing: add to the open occurrence.
        case comment = "COMMENT"
        /// Resolved: close the open occurrence.
        case close = "CLOSE"
        /// Out of order, or nothing open to resolve: record, do nothing.
        case skipStale = "SKIP_STALE"
        /// A person closed it: leave it alone until it resolves.
        case skipManualClose = "SKIP_MANUAL_CLOSE"

        /// Whether this action changes anything that receivers hear about.
        package var notifies: Bool {
            switch self {
            case .create, .comment, .close: return true
            case .skipStale, .skipManualClose: return false
            }
        }
    }

    /// Decides what an alert means given what is stored for its fingerprint.
    ///
    /// - no state + FIRING → CREATE; no state + RESOLVED → SKIP_STALE
    /// - manually closed → SKIP_MANUAL_CLOSE
    /// - occurred_at older than the last state change → SKIP_STALE (out of order)
    /// - FIRING on CLOSED → CREATE; FIRING on OPEN → COMMENT
    /// - RESOLVED on OPEN → CLOSE; RESOLVED on CLOSED → SKIP_STALE
    package static func decide(stored: AlertRecord?, incoming state: AlertEvent.State, occurredAt: Date) -> Action {
        guard let stored else {
            return state == .firing ? .create : .skipStale
        }
        if stored.manuallyClosed { return .skipManualClose }
        if occurredAt < stored.lastProviderStateAt { return .skipStale }
        switch (stored.status, state) {
        case (.closed, .firing): return .create
        case (.open, .firing): return .comment
        case (.open, .resolved): return .close
        case (.closed, .resolved): return .skipStale
        }
    }

    /// The record after `action`, for an alert received at `now`.
    package static func apply(
        _ action: Action, to stored: AlertRecord?, alert: AlertEvent, fingerprint: String, now: Date
    ) -> AlertRecord {
        guard var record = stored else {
            return AlertRecord(
                fingerprint: fingerprint, status: action == .create ? .open : .closed,
                lastProviderStateAt: alert.occurredAt, firstSeenAt: now, lastSeenAt: now,
                occurrences: action == .create ? 1 : 0, notifications: action == .create ? 1 : 0,
                lastAction: action, alert: alert
            )
        }
        record.lastSeenAt = now
        record.lastAction = action
        switch action {
        case .create:
            record.status = .open
            record.occurrences += 1
            record.notifications = 1
            record.externalRef = nil
            record.firingDelivered = false
            record.lastProviderStateAt = alert.occurredAt
            record.alert = alert
        case .comment:
            record.notifications += 1
            record.lastProviderStateAt = max(record.lastProviderStateAt, alert.occurredAt)
            record.alert = alert
        case .close:
            record.status = .closed
            record.lastProviderStateAt = alert.occurredAt
            record.alert = alert
        case .skipManualClose:
            // A person closed it; once the provider says it resolved, the next FIRING is a new occurrence.
            if alert.state == .resolved, alert.occurredAt >= record.lastProviderStateAt {
                record.manuallyClosed = false
                record.manuallyClosedAt = nil
                record.status = .closed
                record.lastProviderStateAt = alert.occurredAt
            }
        case .skipStale:
            break
        }
        return record
    }
}
