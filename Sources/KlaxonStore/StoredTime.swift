import Foundation
import KlaxonCore

/// How the stores keep dates: whole milliseconds since the Unix epoch (an SQLite INTEGER).
///
/// A date with millisecond precision round-trips exactly; finer precision is truncated toward the
/// past (never rounded up, so an alert re-sent with the same sub-millisecond `occurred_at` is never
/// judged older than what was stored). The in-memory store applies the same truncation, so both
/// implementations return identical values.
package enum StoredTime {
    /// Milliseconds since 1970, truncated toward the past.
    package static func milliseconds(_ date: Date) -> Int64 {
        let scaled = date.timeIntervalSince1970 * 1000
        let nearest = scaled.rounded()
        // Within a microsecond of a whole millisecond is float noise of a millisecond-exact date.
        if abs(scaled - nearest) < 0.001 { return Int64(nearest) }
        return Int64(scaled.rounded(.down))
    }

    package static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The date as a store gives it back.
    package static func normalized(_ date: Date) -> Date {
        self.date(milliseconds: milliseconds(date))
    }
}

// What a stored value looks like once read back. AlertEvent's JSON carries `occurred_at` with
// millisecond precision (Timestamp.format), so alerts normalize through that form.
extension AlertEvent {
    package var storageNormalized: AlertEvent {
        let stored = Timestamp.millisecondPrecision(occurredAt)
        if stored == occurredAt { return self }  // no copy of the alert's fields
        var copy = self
        copy.occurredAt = stored
        return copy
    }
}

extension AlertRecord {
    package var storageNormalized: AlertRecord {
        var copy = self
        copy.lastProviderStateAt = StoredTime.normalized(lastProviderStateAt)
        copy.firstSeenAt = StoredTime.normalized(firstSeenAt)
        copy.lastSeenAt = StoredTime.normalized(lastSeenAt)
        copy.manuallyClosedAt = manuallyClosedAt.map(StoredTime.normalized)
        copy.alert = alert.storageNormalized
        return copy
    }
}

extension Delivery {
    /// `createdAt` is kept exactly (the delivery is stored as JSON with Foundation's default date
    /// encoding); only the alert's `occurred_at` is normalized.
    package var storageNormalized: Delivery {
        var copy = self
        copy.alert = alert.storageNormalized
        return copy
    }
}

extension InboxItem {
    package var storageNormalized: InboxItem {
        var copy = self
        copy.receivedAt = StoredTime.normalized(receivedAt)
        return copy
    }
}

extension Silence {
    package var storageNormalized: Silence {
        var copy = self
        copy.startsAt = StoredTime.normalized(startsAt)
        copy.endsAt = StoredTime.normalized(endsAt)
        return copy
    }
}

extension AuditEntry {
    package var storageNormalized: AuditEntry {
        var copy = self
        copy.at = StoredTime.normalized(at)
        return copy
    }
}
