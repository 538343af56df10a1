import Foundation
import KlaxonCore

/// Every storage protocol in memory, with the same semantics as ``SQLiteStorage`` (it passes the
/// same conformance suite), for tests of other targets.
///
/// Dates are truncated to milliseconds as SQLite stores them (``StoredTime``), record constraints
/// are checked as the SQLite schema checks them, and every multi-step operation is all-or-nothing.
/// ``setFailing(_:operations:)`` makes chosen operations throw, to test "the mute store fails →
/// fail open" or "the commit fails → nothing written".
package actor InMemoryStorage: Storage {
    struct InboxRow {
        var item: InboxItem
        var attempts: Int
        var lastError: String?
    }

    struct DeadRow {
        var letter: DeadLetter
        /// Payloads only: what restores the inbox row on replay.
        var requestId: String?
        var receivedAt: Date?
    }

    struct OutboxRow {
        var entry: OutboxEntry
        var deliveredAt: Date?
        var deadAt: Date?
        var isWaiting: Bool { deliveredAt == nil && deadAt == nil }
    }

    var inbox: [Int64: InboxRow] = [:]
    var lastInboxId: Int64 = 0
    var dead: [Int64: DeadRow] = [:]
    var lastDeadId: Int64 = 0
    var alertRecords: [String: AlertRecord] = [:]
    var outbox: [Int64: OutboxRow] = [:]
    var issueLinks: [String: IssueLink] = [:]
    var lastOutboxId: Int64 = 0
    var mute = MuteState(value: nil)
    /// In the order they were added.
    var silences: [Silence] = []
    /// In the order they were appended.
    var audit: [AuditEntry] = []
    /// "receiver|fingerprint|occurrence" → the posted message's reference.
    var messageRefs: [String: String] = [:]
    private var failing: Set<StoreOperation> = []

    package init() {}

    /// Test hook: while on, the chosen operations (all by default) throw a `StoreError` with reason
    /// `unavailable` before changing anything.
    package func setFailing(_ on: Bool, operations: Set<StoreOperation> = Set(StoreOperation.allCases)) {
        if on { failing.formUnion(operations) } else { failing.subtract(operations) }
    }

    func check(_ operation: StoreOperation) throws {
        if failing.contains(operation) {
            throw StoreError(.unavailable, operation: operation, message: "the in-memory store was set to fail (test hook)")
        }
    }

    package func ping() async throws { try check(.ping) }

    // MARK: - InboxStore

    package func append(_ items: [InboxItem]) async throws -> [Int64] {
        try check(.append)
        return items.map { item in
            lastInboxId += 1
            inbox[lastInboxId] = InboxRow(item: item.storageNormalized, attempts: 0)
            return lastInboxId
        }
    }

    package func pending(limit: Int) async throws -> [InboxEntry] {
        try check(.pending)
        return inbox.keys.sorted().prefix(max(0, limit)).map { id in
            InboxEntry(id: id, item: inbox[id]!.item, attempts: inbox[id]!.attempts)
        }
    }

    package func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool {
        try check(.recordFailure)
        guard var row = inbox[inboxId] else { return false }
        row.attempts += 1
        row.lastError = error
        guard row.attempts >= maxAttempts else {
            inbox[inboxId] = row
            return false
        }
        lastDeadId += 1
        dead[lastDeadId] = DeadRow(
            letter: DeadLetter(id: lastDeadId, kind: .payload, origin: row.item.kind, error: error, attempts: row.attempts,
                               createdAt: StoredTime.normalized(at), body: row.item.body),
            requestId: row.item.requestId, receivedAt: row.item.receivedAt
        )
        inbox[inboxId] = nil
        return true
    }

    package func inboxDepth() async throws -> Int {
        try check(.inboxDepth)
        return inbox.count
    }

    // MARK: - DeadLetterStore

    package func deadLetters(limit: Int) async throws -> [DeadLetter] {
        try check(.deadLetters)
        return dead.keys.sorted().prefix(max(0, limit)).map { dead[$0]!.letter }
    }

    package func deadLetterCount() async throws -> Int {
        try check(.deadLetterCount)
        return dead.count
    }

    package func replayDeadLetter(id: Int64, at: Date) async throws -> Bool {
        try check(.replayDeadLetter)
        guard let row = dead[id] else { return false }
        switch row.letter.kind {
        case .payload:
            lastInboxId += 1
            inbox[lastInboxId] = InboxRow(
                item: InboxItem(kind: row.letter.origin, body: row.letter.body,
                                receivedAt: row.receivedAt ?? StoredTime.normalized(at), requestId: row.requestId ?? ""),
                attempts: 0
            )
        case .delivery:
            var delivery = try StoreCoding.decode(Delivery.self, from: row.letter.body, operation: .replayDeadLetter)
            let due = StoredTime.normalized(at)
            delivery.createdAt = due
            insertDelivery(delivery, due: due)
        }
        dead[id] = nil
        return true
    }

    // MARK: - BatchCommitter

    package func commit(_ batch: ProcessedBatch, at: Date) async throws {
        try check(.commit)
        // Check everything first, as the SQLite schema would, so a failure changes nothing.
        for record in batch.records { try Self.validate(record, operation: .commit) }
        for id in batch.inboxIds where inbox[id] == nil { throw StoreError.alreadyProcessed(inboxId: id) }
        for id in batch.inboxIds { inbox[id] = nil }
        for record in batch.records { alertRecords[record.fingerprint] = record.merged(over: alertRecords[record.fingerprint]).storageNormalized }
        let due = StoredTime.normalized(at)
        for delivery in batch.deliveries { insertDelivery(delivery, due: due) }
        for id in batch.expiredSilenceIds {
            guard let index = silences.firstIndex(where: { $0.id == id }) else { continue }
            silences[index].endsAt = min(silences[index].endsAt, due)
        }
        audit.append(contentsOf: batch.audit.map(\.storageNormalized))
    }

    func insertDelivery(_ delivery: Delivery, due: Date) {
        lastOutboxId += 1
        outbox[lastOutboxId] = OutboxRow(
            entry: OutboxEntry(id: lastOutboxId, delivery: delivery.storageNormalized, attempts: 0, nextAttemptAt: due, lastError: nil)
        )
    }

    /// The CHECK constraints of the SQLite schema.
    static func validate(_ record: AlertRecord, operation: StoreOperation) throws {
        guard record.occurrences >= 0, record.notifications >= 0 else {
            throw StoreError(.constraint, operation: operation, message: "a row broke a schema constraint: alert_records counts must not be negative; nothing of this transaction was written")
        }
    }
}
