import Foundation
import KlaxonCore

/// A ``Storage`` whose global mute lives elsewhere (SSM, `mute.ssm_parameter`), everything else
/// in `base`. Wrapping the whole store means every reader and writer of the mute — the processor,
/// `klaxon mute/unmute/status`, chat commands — uses the same gate without knowing where it is.
package struct StorageWithMute: Storage {
    private let base: any Storage
    private let mute: any MuteStore

    package init(base: any Storage, mute: any MuteStore) {
        self.base = base
        self.mute = mute
    }

    // MARK: MuteStore (redirected)
    package func muteState() async throws -> MuteState { try await mute.muteState() }
    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date) async throws {
        try await mute.setMutedUntil(unixSeconds, by: by, at: at)
    }
    /// The mute store elsewhere (SSM) cannot share a transaction with the local audit log, so the
    /// mute is written first and its audit entry right after; if the audit write fails the error
    /// reaches the caller, who reports it (the mute itself is in force).
    package func setMutedUntil(_ unixSeconds: Int64, by: String, at: Date, audit: AuditEntry) async throws {
        try await mute.setMutedUntil(unixSeconds, by: by, at: at)
        try await base.appendAudit([audit])
    }

    /// The base store's snapshot, with the mute read from where it lives.
    package func decisionSnapshot(fingerprints: [String], at now: Date) async throws -> DecisionSnapshot {
        var snapshot = try await base.decisionSnapshot(fingerprints: fingerprints, at: now)
        do { snapshot.mute = .success(try await mute.muteState()) } catch { snapshot.mute = .failure(error) }
        return snapshot
    }

    // MARK: InboxStore
    package func append(_ items: [InboxItem]) async throws -> [Int64] { try await base.append(items) }
    package func append(_ items: [InboxItem], completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void) {
        base.append(items, completion: completion)
    }
    package func append(_ items: [InboxItem], offering thread: OfferedThread?, completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void) {
        base.append(items, offering: thread, completion: completion)
    }
    package func pending(limit: Int) async throws -> [InboxEntry] { try await base.pending(limit: limit) }
    package func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool {
        try await base.recordFailure(inboxId: inboxId, error: error, maxAttempts: maxAttempts, at: at)
    }
    package func inboxDepth() async throws -> Int { try await base.inboxDepth() }

    // MARK: DeadLetterStore
    package func deadLetters(limit: Int) async throws -> [DeadLetter] { try await base.deadLetters(limit: limit) }
    package func deadLetterCount() async throws -> Int { try await base.deadLetterCount() }
    package func replayDeadLetter(id: Int64, at: Date) async throws -> Bool { try await base.replayDeadLetter(id: id, at: at) }

    // MARK: AlertStateStore
    package func records(fingerprints: [String]) async throws -> [String: AlertRecord] { try await base.records(fingerprints: fingerprints) }
    package func allRecords(limit: Int) async throws -> [AlertRecord] { try await base.allRecords(limit: limit) }
    package func openRecordCount() async throws -> Int { try await base.openRecordCount() }
    package func setExternalRef(fingerprint: String, ref: String?) async throws { try await base.setExternalRef(fingerprint: fingerprint, ref: ref) }
    package func markManuallyClosed(fingerprint: String, at: Date) async throws -> Bool {
        try await base.markManuallyClosed(fingerprint: fingerprint, at: at)
    }

    // MARK: OutboxStore
    package func dueDeliveries(now: Date, limit: Int) async throws -> [OutboxEntry] { try await base.dueDeliveries(now: now, limit: limit) }
    package func markDelivered(outboxId: Int64, at: Date) async throws { try await base.markDelivered(outboxId: outboxId, at: at) }
    package func markDelivered(outboxIds: [Int64], at: Date) async throws { try await base.markDelivered(outboxIds: outboxIds, at: at) }
    package func reschedule(outboxId: Int64, nextAttemptAt: Date, error: String) async throws {
        try await base.reschedule(outboxId: outboxId, nextAttemptAt: nextAttemptAt, error: error)
    }
    package func deadLetterDelivery(outboxId: Int64, reason: String, at: Date) async throws {
        try await base.deadLetterDelivery(outboxId: outboxId, reason: reason, at: at)
    }
    package func postpone(outboxIds: [Int64], until: Date) async throws { try await base.postpone(outboxIds: outboxIds, until: until) }
    package func outboxDepth() async throws -> Int { try await base.outboxDepth() }
    package func nextDueAt() async throws -> Date? { try await base.nextDueAt() }

    // MARK: SilenceStore
    package func addSilence(_ silence: Silence) async throws { try await base.addSilence(silence) }
    package func addSilence(_ silence: Silence, audit: AuditEntry) async throws { try await base.addSilence(silence, audit: audit) }
    package func expireSilence(id: String, at: Date) async throws -> Bool { try await base.expireSilence(id: id, at: at) }
    package func activeSilences(at now: Date) async throws -> [Silence] { try await base.activeSilences(at: now) }
    package func allSilences(limit: Int) async throws -> [Silence] { try await base.allSilences(limit: limit) }

    // MARK: AuditLog
    package func appendAudit(_ entries: [AuditEntry]) async throws { try await base.appendAudit(entries) }
    package func recentAudit(limit: Int) async throws -> [AuditEntry] { try await base.recentAudit(limit: limit) }

    // MARK: IssueLinkStore, MessageRefStore
    package func issueLink(receiver: String, fingerprint: String, occurrence: Int) async throws -> IssueLink? {
        try await base.issueLink(receiver: receiver, fingerprint: fingerprint, occurrence: occurrence)
    }
    package func issueLink(receiver: String, number: Int) async throws -> IssueLink? { try await base.issueLink(receiver: receiver, number: number) }
    package func saveIssueLink(_ link: IssueLink) async throws { try await base.saveIssueLink(link) }
    package func messageRef(receiver: String, fingerprint: String, occurrence: Int) async throws -> String? {
        try await base.messageRef(receiver: receiver, fingerprint: fingerprint, occurrence: occurrence)
    }
    package func setMessageRef(receiver: String, fingerprint: String, occurrence: Int, ref: String, at: Date) async throws {
        try await base.setMessageRef(receiver: receiver, fingerprint: fingerprint, occurrence: occurrence, ref: ref, at: at)
    }

    // MARK: BatchCommitter, StoreHealth
    package func commit(_ batch: ProcessedBatch, at: Date) async throws { try await base.commit(batch, at: at) }
    package func ping() async throws { try await base.ping() }
}
