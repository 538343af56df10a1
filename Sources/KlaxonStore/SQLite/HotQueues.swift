import Foundation
import GRDB
import KlaxonCore
import Synchronization

/// This process's own copy of its waiting inbox and outbox rows, so that the processor and the
/// dispatcher need not read back what was committed a moment ago.
///
/// The database stays the truth; a copy is only used while it is known to be *complete*: equal
/// to every waiting row of its table. It becomes complete when a read on the writer connection
/// (serialized with every write of this process) sees the whole waiting set, and it is kept so
/// from then on by the writes that committed here: appends and queued deliveries are added, acks
/// and deliveries made are removed, each in its transaction's commit hook. Anything else that
/// changes those rows — a failed attempt, a retry scheduled, a dead letter replayed, a write by
/// another process (`PRAGMA data_version` moves) — or a copy grown past its bounds marks it
/// incomplete, and the next read goes to the database again. See ADR 0054.
final class HotQueues: Sendable {
    /// A copy holds at most this many rows; past it (a consumer fell behind) it is dropped.
    static let maxRows = 8192
    /// And at most this many payload bytes.
    static let maxInboxBytes = 16 << 20
    /// An empty copy is trusted for this long after the database last confirmed it: under load
    /// the commits here watch `data_version`, but an idle server commits nothing, so a row another
    /// process adds then (`klaxon dlq replay`) is found by the next check, at most this late.
    static let emptyTrust: Duration = .seconds(1)

    private struct State {
        /// A writer transaction of ``SQLiteStorage/immediateTransaction(_:hot:_:)`` is open.
        var inTransaction = false
        /// What its commit changes here (see ``afterCommit(_:)``).
        var commitHooks: [@Sendable (HotQueues) -> Void] = []
        var inboxComplete = false
        var inbox: [InboxEntry] = []
        var inboxBytes = 0
        var outboxComplete = false
        var outbox: [OutboxEntry] = []
        /// When the database last confirmed each copy.
        var inboxConfirmed = ContinuousClock.Instant.now
        var outboxConfirmed = ContinuousClock.Instant.now
        /// The writer connection's `PRAGMA data_version` when last looked at.
        var dataVersion: Int64?
    }

    private let state = Mutex(State())

    // MARK: Commit hooks

    /// Called by ``SQLiteStorage/immediateTransaction(_:hot:_:)`` as each writer transaction
    /// begins, on the writer connection.
    func beginTransaction() {
        state.withLock { state in
            state.inTransaction = true
            state.commitHooks = []
        }
    }

    /// Called as that transaction ends: the hooks run if it committed and are dropped if not,
    /// on the writer connection, before the next writer transaction can begin.
    func endTransaction(committed: Bool) {
        let hooks = state.withLock { state in
            defer {
                state.inTransaction = false
                state.commitHooks = []
            }
            return committed ? state.commitHooks : []
        }
        for hook in hooks { hook(self) }
    }

    /// Runs `change` when the current writer transaction commits, and only then.
    ///
    /// The hooks are this type's own rather than GRDB's `afterNextTransaction`: that one adds
    /// and removes a transaction observer on every transaction, and GRDB then drops every cached
    /// statement that deletes rows, so the inbox acknowledgement was parsed again on every
    /// processor pass (~0.5 `sqlite3_prepare_v3` per request in case (a), perf probe, 2026-12-04).
    /// Outside such a transaction there is no commit to wait for: the copies are dropped instead,
    /// so the next reads go to the database.
    func afterCommit(_ change: @escaping @Sendable (HotQueues) -> Void) {
        state.withLock { state in
            if state.inTransaction {
                state.commitHooks.append(change)
            } else {
                assertionFailure("HotQueues.afterCommit outside a writer transaction")
                state.inboxComplete = false
                state.outboxComplete = false
            }
        }
    }

    // MARK: Inbox

    /// The oldest `limit` waiting payloads, or nil when the copy is not complete, or is empty and
    /// was last confirmed longer than ``emptyTrust`` ago.
    func pending(limit: Int) -> [InboxEntry]? {
        state.withLock { state in
            guard state.inboxComplete else { return nil }
            if state.inbox.isEmpty, state.inboxConfirmed.duration(to: .now) > Self.emptyTrust { return nil }
            return Array(state.inbox.prefix(limit))
        }
    }

    /// A read on the writer connection returned `entries`, oldest first; `whole` when they are
    /// every waiting payload.
    func inboxRead(_ entries: [InboxEntry], whole: Bool) {
        state.withLock { state in
            state.inboxComplete = whole && entries.count <= Self.maxRows
            state.inboxConfirmed = .now
            state.inbox = state.inboxComplete ? entries : []
            state.inboxBytes = state.inboxComplete ? entries.reduce(0) { $0 + $1.item.body.count } : 0
        }
    }

    /// Payloads committed by this process (call from the commit hook).
    func appended(_ entries: [InboxEntry]) {
        state.withLock { state in
            guard state.inboxComplete else { return }
            state.inbox.append(contentsOf: entries)
            state.inboxBytes += entries.reduce(0) { $0 + $1.item.body.count }
            if state.inbox.count > Self.maxRows || state.inboxBytes > Self.maxInboxBytes { Self.dropInbox(&state) }
        }
    }

    /// Payloads acknowledged by a committed batch (call from the commit hook).
    func acknowledged(_ ids: [Int64]) {
        guard !ids.isEmpty else { return }
        state.withLock { state in
            guard state.inboxComplete else { return }
            var bytes = state.inboxBytes
            Self.remove(ids, from: &state.inbox, id: \.id) { bytes -= $0.item.body.count }
            state.inboxBytes = bytes
        }
    }

    /// Inbox rows changed in a way the copy does not follow.
    func inboxChanged() {
        state.withLock { Self.dropInbox(&$0) }
    }

    private static func dropInbox(_ state: inout State) {
        state.inboxComplete = false
        state.inbox = []
        state.inboxBytes = 0
    }

    // MARK: Outbox

    /// Waiting deliveries due at `now`, oldest first, or nil when the copy is not complete, or is
    /// empty and was last confirmed longer than ``emptyTrust`` ago. A complete copy holds only
    /// rows never attempted, so no retry holds any of them back.
    func due(now: Date, limit: Int) -> [OutboxEntry]? {
        state.withLock { state in
            guard state.outboxComplete else { return nil }
            if state.outbox.isEmpty, state.outboxConfirmed.duration(to: .now) > Self.emptyTrust { return nil }
            var due: [OutboxEntry] = []
            for entry in state.outbox where entry.nextAttemptAt <= now {
                due.append(entry)
                if due.count == limit { break }
            }
            return due
        }
    }

    /// A read on the writer connection found `entries` to be every waiting delivery (`whole`), or not.
    func outboxRead(_ entries: [OutboxEntry], whole: Bool) {
        state.withLock { state in
            state.outboxComplete = whole && entries.count <= Self.maxRows && entries.allSatisfy { $0.attempts == 0 }
            state.outboxConfirmed = .now
            state.outbox = state.outboxComplete ? entries : []
        }
    }

    /// Deliveries queued by a committed batch (call from the commit hook).
    func queued(_ entries: [OutboxEntry]) {
        guard !entries.isEmpty else { return }
        state.withLock { state in
            guard state.outboxComplete else { return }
            state.outbox.append(contentsOf: entries)
            if state.outbox.count > Self.maxRows { Self.dropOutbox(&state) }
        }
    }

    /// Deliveries recorded as made (call from the commit hook).
    func delivered(_ ids: [Int64]) {
        guard !ids.isEmpty else { return }
        state.withLock { state in
            guard state.outboxComplete else { return }
            Self.remove(ids, from: &state.outbox, id: \.id)
        }
    }

    /// Outbox rows changed in a way the copy does not follow (a retry, a postponement, a dead letter).
    func outboxChanged() {
        state.withLock { Self.dropOutbox(&$0) }
    }

    private static func dropOutbox(_ state: inout State) {
        state.outboxComplete = false
        state.outbox = []
    }

    /// Removes the entries with `ids` from `entries`, which are in id order, in place, handing
    /// each to `removed`. Only the entries up to the largest id are looked at: what gets
    /// acknowledged or delivered is almost always the oldest, so a pass costs its own size rather
    /// than the whole copy's (a scan of 8,192 deliveries per chunk of 32 was 7% of the CPU under
    /// load).
    static func remove<Entry>(_ ids: [Int64], from entries: inout [Entry], id: (Entry) -> Int64, removed: (Entry) -> Void = { _ in }) {
        guard let last = ids.max() else { return }
        var end = 0
        var high = entries.count
        while end < high {
            let middle = (end + high) / 2
            if id(entries[middle]) <= last { end = middle + 1 } else { high = middle }
        }
        let gone = Set(ids)
        var kept = 0
        for index in 0..<end {
            if gone.contains(id(entries[index])) {
                removed(entries[index])
            } else {
                if kept != index { entries.swapAt(kept, index) }
                kept += 1
            }
        }
        entries.removeSubrange(kept..<end)
    }

    // MARK: Other writers

    /// Compares the writer connection's `data_version` with the last one seen: when another
    /// process committed in between, neither copy can be trusted.
    func observe(dataVersion: Int64) {
        state.withLock { state in
            if let seen = state.dataVersion, seen != dataVersion {
                Self.dropInbox(&state)
                Self.dropOutbox(&state)
            }
            state.dataVersion = dataVersion
        }
    }

    /// Drops both copies.
    func forget() {
        state.withLock { state in
            Self.dropInbox(&state)
            Self.dropOutbox(&state)
        }
    }
}
