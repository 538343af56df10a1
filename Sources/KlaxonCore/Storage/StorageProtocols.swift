import Foundation

// The storage seams of the pipeline. SQLite implements all of them for `klaxon serve`
// (KlaxonStore); an in-memory implementation passes the same conformance suite; DynamoDB/SSM
// implement them for Lambda. Each protocol is small; `Storage` is the composition the app wires.

/// A raw payload as it arrived at the edge, before any decoding.
package struct InboxItem: Sendable, Hashable {
    /// The decoder hint from the route (see `PayloadKind`), or `auto`.
    package var kind: String
    package var body: Data
    package var receivedAt: Date
    package var requestId: String

    package init(kind: String, body: Data, receivedAt: Date, requestId: String) {
        self.kind = kind
        self.body = body
        self.receivedAt = receivedAt
        self.requestId = requestId
    }
}

/// A stored inbox row.
package struct InboxEntry: Sendable, Hashable {
    package var id: Int64
    package var item: InboxItem
    /// Failed decode attempts so far.
    package var attempts: Int

    package init(id: Int64, item: InboxItem, attempts: Int) {
        self.id = id
        self.item = item
        self.attempts = attempts
    }
}

/// A thread a caller lends for a short piece of work: runs the closure there, soon (for an event
/// loop, after the I/O of its current tick).
package typealias OfferedThread = @Sendable (@escaping @Sendable () -> Void) -> Void

/// Durable intake: a payload is appended before the sender hears 2xx.
package protocol InboxStore: Sendable {
    /// Appends payloads and returns their ids once they are committed. Concurrent callers may
    /// share one transaction (group commit).
    func append(_ items: [InboxItem]) async throws -> [Int64]
    /// The same for a caller outside Swift concurrency (the HTTP edge's event loops):
    /// `completion` gets the ids once they are committed, on whatever thread the store commits.
    func append(_ items: [InboxItem], completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void)
    /// The same, with the caller's thread offered for the commit: a store may run the group's
    /// transaction through `thread` (the caller's event loop) instead of waking a thread of its
    /// own. Stores that cannot use it ignore it.
    func append(_ items: [InboxItem], offering thread: OfferedThread?, completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void)
    /// The oldest payloads not yet processed or dead-lettered, oldest first.
    func pending(limit: Int) async throws -> [InboxEntry]
    /// Records a failed processing attempt. Once `attempts` reaches `maxAttempts` the payload
    /// moves to dead letters with `error`. Returns `true` when it was dead-lettered.
    func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool
    /// Payloads waiting to be processed.
    func inboxDepth() async throws -> Int
}

extension InboxStore {
    package func append(_ items: [InboxItem], offering thread: OfferedThread?, completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void) {
        append(items, completion: completion)
    }

    /// Through a task and the async ``append(_:)``, for stores with no cheaper way.
    package func append(_ items: [InboxItem], completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void) {
        Task {
            do {
                completion(.success(try await append(items)))
            } catch {
                completion(.failure(error))
            }
        }
    }
}

/// A delivery that could not be made, or a payload that could not be decoded.
package struct DeadLetter: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable {
        case payload
        case delivery
    }

    package var id: Int64
    package var kind: Kind
    /// Payload kind for payloads; receiver name for deliveries.
    package var origin: String
    package var error: String
    package var attempts: Int
    package var createdAt: Date
    /// The inbox payload bytes, or the delivery as JSON.
    package var body: Data

    package init(id: Int64, kind: Kind, origin: String, error: String, attempts: Int, createdAt: Date, body: Data) {
        self.id = id
        self.kind = kind
        self.origin = origin
        self.error = error
        self.attempts = attempts
        self.createdAt = createdAt
        self.body = body
    }
}

package protocol DeadLetterStore: Sendable {
    func deadLetters(limit: Int) async throws -> [DeadLetter]
    func deadLetterCount() async throws -> Int
    /// Puts a dead letter back (a payload into the inbox with its attempts reset, a delivery into
    /// the outbox due now) and removes it from dead letters. `false` when there is no such id.
    func replayDeadLetter(id: Int64, at: Date) async throws -> Bool
}

/// Per-fingerprint lifecycle state.
package protocol AlertStateStore: Sendable {
    func records(fingerprints: [String]) async throws -> [String: AlertRecord]
    /// Every record, most recently seen first.
    func allRecords(limit: Int) async throws -> [AlertRecord]
    /// How many records are OPEN, without reading them.
    func openRecordCount() async throws -> Int
    /// Keeps a reference in another system (a GitHub issue number) for the current occurrence.
    func setExternalRef(fingerprint: String, ref: String?) async throws
    /// A person closed it by hand: SKIP_MANUAL_CLOSE until the alert resolves. `false` if unknown.
    func markManuallyClosed(fingerprint: String, at: Date) async throws -> Bool
}

/// A notification to make: one per (fingerprint, occurrence, receiver, action[, sequence]).
package struct Delivery: Sendable, Hashable, Codable {
    package var receiver: String
    package var fingerprint: String
    package var occurrence: Int
    package var action: Lifecycle.Action
    /// Which alert of the occurrence this is (1 for CREATE, then 2, 3… for COMMENTs).
    package var sequence: Int
    package var alert: AlertEvent
    package var createdAt: Date

    package init(receiver: String, fingerprint: String, occurrence: Int, action: Lifecycle.Action, sequence: Int, alert: AlertEvent, createdAt: Date) {
        self.receiver = receiver
        self.fingerprint = fingerprint
        self.occurrence = occurrence
        self.action = action
        self.sequence = sequence
        self.alert = alert
        self.createdAt = createdAt
    }

    /// Unique per delivery across restarts; the outbox refuses a second row with the same key.
    package var idempotencyKey: String {
        "\(fingerprint):\(occurrence):\(receiver):\(action.rawValue):\(sequence)"
    }
}

package struct OutboxEntry: Sendable, Hashable {
    package var id: Int64
    package var delivery: Delivery
    package var attempts: Int
    package var nextAttemptAt: Date
    package var lastError: String?

    package init(id: Int64, delivery: Delivery, attempts: Int, nextAttemptAt: Date, lastError: String?) {
        self.id = id
        self.delivery = delivery
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}

/// Deliveries waiting to be sent, and the log of the ones that were.
package protocol OutboxStore: Sendable {
    /// Undelivered entries whose next attempt is due, oldest first.
    func dueDeliveries(now: Date, limit: Int) async throws -> [OutboxEntry]
    func markDelivered(outboxId: Int64, at: Date) async throws
    /// Marks several deliveries delivered in one write (the dispatcher records its sends in chunks).
    func markDelivered(outboxIds: [Int64], at: Date) async throws
    func reschedule(outboxId: Int64, nextAttemptAt: Date, error: String) async throws
    /// Moves waiting deliveries' next attempt to `until` without counting an attempt: their
    /// destination is paused, its circuit is open or its send rate is used up. They stay queued.
    func postpone(outboxIds: [Int64], until: Date) async throws
    func deadLetterDelivery(outboxId: Int64, reason: String, at: Date) async throws
    /// Deliveries not yet made nor dead-lettered.
    func outboxDepth() async throws -> Int
    /// The earliest next attempt of any waiting delivery, for the dispatcher's sleep.
    func nextDueAt() async throws -> Date?
}

/// The stored global mute.
package struct MuteState: Sendable, Hashable {
    /// The raw stored value (unix seconds as text), `nil` when never set.
    package var value: String?
    package var by: String?
    package var at: Date?

    package init(value: String?, by: String? = nil, at: Date? = nil) {
        self.value = value
        self.by = by
        self.at = at
    }
}

package protocol MuteStore: Sendable {
    func muteState() async throws -> MuteState
    /// Writes "muted until" (0 unmutes).
    func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date) async throws
    /// Writes "muted until" and the audit entry that records it in one transaction: both are
    /// written or neither, so no mute goes unaudited (chat-ops and the CLI use this).
    func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date, audit: AuditEntry) async throws
}

package protocol SilenceStore: Sendable {
    func addSilence(_ silence: Silence) async throws
    /// Adds a silence and the audit entry that records it in one transaction: both or neither.
    func addSilence(_ silence: Silence, audit: AuditEntry) async throws
    /// Ends a silence now. `false` when there is no such id.
    func expireSilence(id: String, at: Date) async throws -> Bool
    /// Silences active at `now`.
    func activeSilences(at now: Date) async throws -> [Silence]
    /// Every silence, newest first.
    func allSilences(limit: Int) async throws -> [Silence]
}

/// One step worth keeping: an alert processed or suppressed, a mute, a silence, a delivery.
package struct AuditEntry: Sendable, Hashable, Codable {
    package var at: Date
    /// A stable step name such as `alert_processed`, `alert_suppressed`, `alert_muted`.
    package var step: String
    package var fingerprint: String?
    package var actor: String?
    package var detail: [String: String]

    package init(at: Date, step: String, fingerprint: String? = nil, actor: String? = nil, detail: [String: String] = [:]) {
        self.at = at
        self.step = step
        self.fingerprint = fingerprint
        self.actor = actor
        self.detail = detail
    }
}

package protocol AuditLog: Sendable {
    func appendAudit(_ entries: [AuditEntry]) async throws
    /// Newest first.
    func recentAudit(limit: Int) async throws -> [AuditEntry]
}

/// The outcome of processing a batch of inbox payloads, committed all at once.
package struct ProcessedBatch: Sendable {
    /// Inbox ids now fully processed (acknowledged).
    package var inboxIds: [Int64]
    /// New states, inserted or replacing the stored one.
    package var records: [AlertRecord]
    /// Deliveries to queue; a key already present is ignored.
    package var deliveries: [Delivery]
    package var audit: [AuditEntry]
    /// Silences to end at the commit's time (acknowledgements whose alert resolved or fired
    /// anew), in the same transaction as the records that end them. An unknown id is ignored.
    package var expiredSilenceIds: [String]

    package init(
        inboxIds: [Int64] = [], records: [AlertRecord] = [], deliveries: [Delivery] = [], audit: [AuditEntry] = [],
        expiredSilenceIds: [String] = []
    ) {
        self.inboxIds = inboxIds
        self.records = records
        self.deliveries = deliveries
        self.audit = audit
        self.expiredSilenceIds = expiredSilenceIds
    }
}

package protocol BatchCommitter: Sendable {
    /// One transaction: ack the inbox ids, write the records, queue the deliveries, end the
    /// silences, append the audit.
    func commit(_ batch: ProcessedBatch, at: Date) async throws
}

/// What the processor reads before it decides a batch: the stored states of its fingerprints,
/// the global mute and the active silences.
package struct DecisionSnapshot: Sendable {
    package var records: [String: AlertRecord]
    /// The stored mute, or the error reading it (the gate then fails open).
    package var mute: Result<MuteState, any Error>
    /// The active silences, or the error reading them (alerts then go through).
    package var silences: Result<[Silence], any Error>

    package init(records: [String: AlertRecord], mute: Result<MuteState, any Error>, silences: Result<[Silence], any Error>) {
        self.records = records
        self.mute = mute
        self.silences = silences
    }
}

package protocol DecisionReader: Sendable {
    /// Reads a batch's decision inputs, in one round trip where the store can. SQLite reads them
    /// on a reader connection, so the processor's next pass is decided while the writer commits
    /// the last one (see `Processor.decide(after:)`).
    func decisionSnapshot(fingerprints: [String], at now: Date) async throws -> DecisionSnapshot
}

extension DecisionReader where Self: AlertStateStore & MuteStore & SilenceStore {
    /// Three separate reads.
    package func decisionSnapshot(fingerprints: [String], at now: Date) async throws -> DecisionSnapshot {
        let records = try await records(fingerprints: fingerprints)
        let mute: Result<MuteState, any Error>
        do { mute = .success(try await muteState()) } catch { mute = .failure(error) }
        let silences: Result<[Silence], any Error>
        do { silences = .success(try await activeSilences(at: now)) } catch { silences = .failure(error) }
        return DecisionSnapshot(records: records, mute: mute, silences: silences)
    }
}

package protocol StoreHealth: Sendable {
    /// Throws when the store cannot be read.
    func ping() async throws
}

/// Everything the pipeline stores, as one implementation provides it.
package typealias Storage = InboxStore & DeadLetterStore & AlertStateStore & OutboxStore & MuteStore
    & SilenceStore & AuditLog & BatchCommitter & StoreHealth & IssueLinkStore & MessageRefStore & DecisionReader
