import Foundation
import KlaxonCore

// MARK: - AlertStateStore

extension InMemoryStorage {
    package func records(fingerprints: [String]) async throws -> [String: AlertRecord] {
        try check(.records)
        var found: [String: AlertRecord] = [:]
        for fingerprint in fingerprints { found[fingerprint] = alertRecords[fingerprint] }
        return found
    }

    package func allRecords(limit: Int) async throws -> [AlertRecord] {
        try check(.allRecords)
        let sorted = alertRecords.values.sorted {
            $0.lastSeenAt != $1.lastSeenAt ? $0.lastSeenAt > $1.lastSeenAt : $0.fingerprint < $1.fingerprint
        }
        return Array(sorted.prefix(max(0, limit)))
    }

    package func openRecordCount() async throws -> Int {
        try check(.allRecords)
        return alertRecords.values.filter { $0.status == .open }.count
    }

    package func setExternalRef(fingerprint: String, ref: String?) async throws {
        try check(.setExternalRef)
        alertRecords[fingerprint]?.externalRef = ref
    }

    package func markManuallyClosed(fingerprint: String, at: Date) async throws -> Bool {
        try check(.markManuallyClosed)
        guard alertRecords[fingerprint] != nil else { return false }
        alertRecords[fingerprint]?.manuallyClosed = true
        alertRecords[fingerprint]?.manuallyClosedAt = StoredTime.normalized(at)
        return true
    }
}

// MARK: - OutboxStore

extension InMemoryStorage {
    package func dueDeliveries(now: Date, limit: Int) async throws -> [OutboxEntry] {
        try check(.dueDeliveries)
        let cutoff = StoredTime.normalized(now)
        // As the SQLite query: a delivery waits behind an earlier, failed and not yet due one of
        // the same receiver and fingerprint.
        var held = Set<String>()
        var due: [OutboxEntry] = []
        for id in outbox.keys.sorted() {
            guard let row = outbox[id], row.isWaiting else { continue }
            let key = row.entry.delivery.receiver + "|" + row.entry.delivery.fingerprint
            if held.contains(key) { continue }
            if row.entry.nextAttemptAt > cutoff {
                // Only a delivery that failed is waiting for a later time (see schema v3).
                if row.entry.attempts > 0 { held.insert(key) }
                continue
            }
            due.append(row.entry)
        }
        return Array(due.prefix(max(0, limit)))
    }

    package func markDelivered(outboxId: Int64, at: Date) async throws {
        try check(.markDelivered)
        guard outbox[outboxId]?.isWaiting == true else { return }
        outbox[outboxId]?.deliveredAt = StoredTime.normalized(at)
    }

    package func markDelivered(outboxIds: [Int64], at: Date) async throws {
        try check(.markDelivered)
        for id in outboxIds where outbox[id]?.isWaiting == true {
            outbox[id]?.deliveredAt = StoredTime.normalized(at)
        }
    }

    package func reschedule(outboxId: Int64, nextAttemptAt: Date, error: String) async throws {
        try check(.reschedule)
        guard outbox[outboxId]?.isWaiting == true else { return }
        outbox[outboxId]?.entry.attempts += 1
        outbox[outboxId]?.entry.nextAttemptAt = StoredTime.normalized(nextAttemptAt)
        outbox[outboxId]?.entry.lastError = error
    }

    package func postpone(outboxIds: [Int64], until: Date) async throws {
        try check(.reschedule)
        for id in outboxIds where outbox[id]?.isWaiting == true {
            outbox[id]?.entry.nextAttemptAt = StoredTime.normalized(until)
        }
    }

    package func deadLetterDelivery(outboxId: Int64, reason: String, at: Date) async throws {
        try check(.deadLetterDelivery)
        guard var row = outbox[outboxId], row.isWaiting else { return }
        let body = try StoreCoding.encode(row.entry.delivery, operation: .deadLetterDelivery)
        row.entry.attempts += 1
        row.entry.lastError = reason
        row.deadAt = StoredTime.normalized(at)
        outbox[outboxId] = row
        lastDeadId += 1
        dead[lastDeadId] = DeadRow(
            letter: DeadLetter(id: lastDeadId, kind: .delivery, origin: row.entry.delivery.receiver, error: reason,
                               attempts: row.entry.attempts, createdAt: StoredTime.normalized(at), body: body)
        )
    }

    package func outboxDepth() async throws -> Int {
        try check(.outboxDepth)
        return outbox.values.filter(\.isWaiting).count
    }

    package func nextDueAt() async throws -> Date? {
        try check(.nextDueAt)
        return outbox.values.filter(\.isWaiting).map(\.entry.nextAttemptAt).min()
    }
}

// MARK: - MuteStore

extension InMemoryStorage {
    package func muteState() async throws -> MuteState {
        try check(.muteState)
        return mute
    }

    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date) async throws {
        try check(.setMutedUntil)
        mute = MuteState(value: String(unixSeconds), by: by, at: StoredTime.normalized(at))
    }

    /// Both or neither: a failing mute or audit write changes nothing, as in SQLite's transaction.
    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date, audit entry: AuditEntry) async throws {
        try check(.setMutedUntil)
        try check(.appendAudit)
        try await setMutedUntil(unixSeconds, by: by, at: at)
        try await appendAudit([entry])
    }
}

// MARK: - SilenceStore

extension InMemoryStorage {
    package func addSilence(_ silence: Silence) async throws {
        try check(.addSilence)
        if let index = silences.firstIndex(where: { $0.id == silence.id }) {
            silences[index] = silence.storageNormalized
        } else {
            silences.append(silence.storageNormalized)
        }
    }

    /// Both or neither, as in SQLite's transaction.
    package func addSilence(_ silence: Silence, audit entry: AuditEntry) async throws {
        try check(.addSilence)
        try check(.appendAudit)
        try await addSilence(silence)
        try await appendAudit([entry])
    }

    package func expireSilence(id: String, at: Date) async throws -> Bool {
        try check(.expireSilence)
        guard let index = silences.firstIndex(where: { $0.id == id }) else { return false }
        silences[index].endsAt = min(silences[index].endsAt, StoredTime.normalized(at))
        return true
    }

    package func activeSilences(at now: Date) async throws -> [Silence] {
        try check(.activeSilences)
        let cutoff = StoredTime.normalized(now)
        return silences.filter { $0.isActive(at: cutoff) }
    }

    package func allSilences(limit: Int) async throws -> [Silence] {
        try check(.allSilences)
        return Array(silences.reversed().prefix(max(0, limit)))
    }
}

// MARK: - AuditLog

extension InMemoryStorage {
    package func appendAudit(_ entries: [AuditEntry]) async throws {
        try check(.appendAudit)
        audit.append(contentsOf: entries.map(\.storageNormalized))
    }

    package func recentAudit(limit: Int) async throws -> [AuditEntry] {
        try check(.recentAudit)
        // Newest `at` first; equal times, last appended first (a stable sort of the reversed log).
        let newestFirst = Array(audit.reversed()).enumerated().sorted {
            $0.element.at != $1.element.at ? $0.element.at > $1.element.at : $0.offset < $1.offset
        }
        return newestFirst.prefix(max(0, limit)).map(\.element)
    }
}
