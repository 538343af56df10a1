import Foundation
import KlaxonCore
import Logging
import ServiceLifecycle
import Synchronization

/// Sends queued deliveries through their receivers' notifiers.
///
/// Each pass takes the due deliveries, sends them (receivers in parallel, each receiver's
/// deliveries in order), and records the outcome: delivered; rescheduled with backoff (or the
/// destination's Retry-After); or dead-lettered with the reason once permanent or too old.
/// Before each send the receiver's ``DestinationGate`` is asked: while the destination is paused
/// (429), its circuit is open, or its ``SendRate`` is used up, the rest of its due deliveries are
/// postponed in the outbox (never dropped). A ``BatchingNotifier`` gets due deliveries in batches
/// of up to its `maxBatch`, each batch one message and one token of the rate. See docs/delivery.md.
/// A delivery that has to wait holds back the later deliveries of the same fingerprint to the same
/// receiver until it is delivered or dead-lettered, so a receiver hears one alert's story in
/// order. (The hold is kept in memory: after a restart, deliveries go oldest first again.)
package final class Dispatcher: Service, Sendable {
    package struct Settings: Sendable {
        package var batchSize: Int
        package var retry: RetryPolicy
        package var idlePoll: Duration
        /// After a pass smaller than a full batch, wait this long to gather more (see the processor's).
        package var linger: Duration
        /// When a destination's circuit opens and how long it stays open.
        package var breaker: CircuitBreaker.Settings
        /// Sends to one receiver that may be in flight at once (different fingerprints only).
        package var lanesPerReceiver: Int

        package init(
            batchSize: Int = 256, retry: RetryPolicy = RetryPolicy(), idlePoll: Duration = .seconds(1), linger: Duration = .milliseconds(5),
            breaker: CircuitBreaker.Settings = CircuitBreaker.Settings(), lanesPerReceiver: Int = 8
        ) {
            self.lanesPerReceiver = max(1, lanesPerReceiver)
            self.batchSize = batchSize
            self.retry = retry
            self.breaker = breaker
            self.idlePoll = idlePoll
            self.linger = linger
        }
    }

    package struct PassReport: Sendable, Equatable {
        package var sent = 0
        package var delivered = 0
        package var rescheduled = 0
        package var deadLettered = 0
        /// Left waiting in the outbox: the destination is paused, its circuit open or its rate used up.
        package var postponed = 0

        mutating func add(_ other: PassReport) {
            sent += other.sent
            delivered += other.delivered
            rescheduled += other.rescheduled
            deadLettered += other.deadLettered
            postponed += other.postponed
        }
    }

    private let storage: any Storage
    private let notifiers: [String: any Notifier]
    private let clock: any WallClock
    private let settings: Settings
    private let logger: Logger
    private let metrics: PipelineMetrics
    private let signal: WakeupSignal
    private let jitter: @Sendable () -> Double
    /// "receiver|fingerprint" → the outbox id that is waiting for a retry.
    private let holds = Mutex<[String: Int64]>([:])
    /// Per receiver: its pause, circuit breaker and send rate.
    private let gates = Mutex<[String: DestinationGate]>([:])

    package init(
        storage: any Storage, notifiers: [any Notifier], clock: any WallClock, settings: Settings, logger: Logger,
        metrics: PipelineMetrics, signal: WakeupSignal, jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.storage = storage
        self.notifiers = Dictionary(notifiers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
        self.settings = settings
        self.logger = logger
        self.metrics = metrics
        self.signal = signal
        self.jitter = jitter
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var report = PassReport()
            do {
                report = try await dispatchPass()
            } catch {
                logger.error("dispatcher pass failed", metadata: ["error": "\(error)"])
            }
            if report.sent > 0, report.sent < settings.batchSize, settings.linger != .zero {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.linger) }
            }
            if report.delivered == 0 {
                var wait = settings.idlePoll
                if let next = try? await storage.nextDueAt() {
                    let untilNext = next.timeIntervalSince(clock.now())
                    wait = .milliseconds(Int64(max(10, min(settings.idlePoll.seconds, untilNext) * 1000)))
                }
                await cancelWhenGracefulShutdown { [wait] in await self.signal.wait(timeout: wait) }
            }
        }
    }

    /// Sends every due delivery once. Returns what it did.
    @discardableResult
    package func dispatchPass() async throws -> PassReport {
        let timer = ContinuousClock()
        let started = timer.now
        let due = try await storage.dueDeliveries(now: clock.now(), limit: settings.batchSize)
        guard !due.isEmpty else { return PassReport() }
        let read = timer.now
        var byReceiver: [String: [OutboxEntry]] = [:]
        var order: [String] = []
        for entry in due {
            if byReceiver[entry.delivery.receiver] == nil { order.append(entry.delivery.receiver) }
            byReceiver[entry.delivery.receiver, default: []].append(entry)
        }
        let report = try await withThrowingTaskGroup(of: PassReport.self) { group in
            for receiver in order {
                let entries = byReceiver[receiver] ?? []
                group.addTask { try await self.dispatch(entries, to: receiver) }
            }
            var total = PassReport()
            for try await part in group { total.add(part) }
            return total
        }
        let finished = timer.now
        logger.debug("dispatcher pass", metadata: [
            "step": "dispatcher_pass", "due": "\(due.count)", "sent": "\(report.sent)", "receivers": "\(order.count)",
            "read_ms": "\((read - started).milliseconds)", "send_ms": "\((finished - read).milliseconds)",
        ])
        return report
    }

    private func dispatch(_ entries: [OutboxEntry], to receiver: String) async throws -> PassReport {
        var report = PassReport()
        guard let notifier = notifiers[receiver] else {
            for entry in entries {
                try await deadLetter(entry, reason: "receiver \"\(receiver)\" is not configured")
                report.deadLettered += 1
            }
            return report
        }
        let entries = eligible(entries, receiver: receiver)
        let lanes = laneCount(receiver, notifier: notifier, entries: entries.count)
        guard lanes > 1 else { return try await send(sendUnits(entries, notifier: notifier), to: receiver, notifier: notifier) }
        // Several fingerprints at once: each fingerprint always in the same lane, each lane in
        // order (and batched within itself, for a notifier that merges bursts).
        var split = Array(repeating: [OutboxEntry](), count: lanes)
        for entry in entries { split[Self.lane(of: entry.delivery.fingerprint, lanes: lanes)].append(entry) }
        return try await withThrowingTaskGroup(of: PassReport.self) { group in
            for lane in split where !lane.isEmpty {
                group.addTask { try await self.send(self.sendUnits(lane, notifier: notifier), to: receiver, notifier: notifier) }
            }
            var total = PassReport()
            for try await part in group { total.add(part) }
            return total
        }
    }

    /// How many sends to one receiver may be in flight in this pass. One while its circuit is not
    /// closed (so a half-open circuit has exactly one probe), and one for a destination that
    /// declares a send rate (Discord, Slack, GitHub): its rate, not the round trip, bounds it, and
    /// GitHub asks for requests to be made serially to avoid its secondary limits. (A Discord
    /// receiver with `rate_limit: off` declares none, and gets lanes like a webhook.)
    private func laneCount(_ receiver: String, notifier: any Notifier, entries: Int) -> Int {
        guard settings.lanesPerReceiver > 1, entries > 1, notifier.sendRate == nil else { return 1 }
        let closed = gate(receiver, notifier: notifier) { gate -> Bool in
            if case .closed = gate.breaker.state { return true }
            return false
        }
        return closed ? min(settings.lanesPerReceiver, entries) : 1
    }

    /// A fingerprint's lane: its first hex digits, so the same fingerprint always lands in the same one.
    package static func lane(of fingerprint: String, lanes: Int) -> Int {
        let prefix = fingerprint.utf8.prefix(8).reduce(0) { ($0 &* 31 &+ Int($1)) & 0x7FFF_FFFF }
        return prefix % lanes
    }

    /// Sends units one after the other, asking the gate before each.
    private func send(_ units: [[OutboxEntry]], to receiver: String, notifier: any Notifier) async throws -> PassReport {
        var report = PassReport()
        // Sends are recorded in chunks: one write per chunk instead of one per delivery. A crash
        // between a send and its chunk's write re-sends at most `markChunk` deliveries, or what
        // went out in the last `markEvery` (the at-least-once case of ADR 0004).
        var delivered: [Int64] = []
        let timer = ContinuousClock()
        var chunkStarted = timer.now
        do {
            for (index, unit) in units.enumerated() {
                if !delivered.isEmpty, delivered.count >= Self.markChunk || chunkStarted.duration(to: timer.now) >= Self.markEvery {
                    try await storage.markDelivered(outboxIds: delivered, at: clock.now())
                    delivered.removeAll(keepingCapacity: true)
                    chunkStarted = timer.now
                }
                let admission = gate(receiver, notifier: notifier) { $0.admit(now: clock.now()) }
                if case .wait(let until, let cause) = admission {
                    // The rest of this receiver's due deliveries wait too, in the outbox.
                    let waiting = units[index...].flatMap { $0.map(\.id) }
                    try await storage.postpone(outboxIds: waiting, until: until)
                    report.postponed += waiting.count
                    metrics.postponed(receiver: receiver, cause: cause.rawValue, count: waiting.count)
                    break
                }
                // An earlier delivery of the same fingerprint failed in this pass: the later ones wait.
                let unit = holds.withLock { holds in
                    holds.isEmpty ? unit : unit.filter { entry in holds[Self.holdKey(receiver, entry)].map { $0 == entry.id } ?? true }
                }
                if unit.isEmpty { continue }
                report.sent += unit.count
                let outcome: DeliveryOutcome
                if unit.count > 1, let batching = notifier as? any BatchingNotifier {
                    outcome = await batching.send(batch: unit.map(\.delivery))
                } else {
                    outcome = await notifier.send(unit[0].delivery)
                }
                let now = clock.now()
                let state = gate(receiver, notifier: notifier) { gate -> CircuitBreaker.State in
                    gate.record(outcome, now: now)
                    return gate.breaker.state
                }
                metrics.circuit(receiver: receiver, state: state)
                metrics.delivery(receiver: receiver, outcome: outcome.label, count: unit.count)
                for entry in unit {
                    try await apply(outcome, to: entry, receiver: receiver, now: now, delivered: &delivered, report: &report)
                }
            }
        } catch {
            // Record what did go out before giving up on this pass, so only the failed entry
            // and those after it are tried again.
            try? await storage.markDelivered(outboxIds: delivered, at: clock.now())
            throw error
        }
        try await storage.markDelivered(outboxIds: delivered, at: clock.now())
        return report
    }

    /// The entries not held back by an earlier delivery of their fingerprint that waits for a retry.
    private func eligible(_ entries: [OutboxEntry], receiver: String) -> [OutboxEntry] {
        holds.withLock { holds in
            if holds.isEmpty { return entries }
            var taken = Set<Int64>()
            return entries.filter { entry in
                guard let heldBy = holds[Self.holdKey(receiver, entry)] else { return true }
                // Held by itself, or by an earlier entry of this pass that goes first.
                guard heldBy == entry.id || taken.contains(heldBy) else { return false }
                taken.insert(entry.id)
                return true
            }
        }
    }

    /// One send per entry, or batches of up to `maxBatch` (in outbox order, so each
    /// fingerprint's deliveries keep their order) when the notifier merges bursts.
    private func sendUnits(_ entries: [OutboxEntry], notifier: any Notifier) -> [[OutboxEntry]] {
        guard let batching = notifier as? any BatchingNotifier, batching.maxBatch > 1 else { return entries.map { [$0] } }
        return stride(from: 0, to: entries.count, by: batching.maxBatch).map { Array(entries[$0..<min($0 + batching.maxBatch, entries.count)]) }
    }

    /// Reads or changes a receiver's gate (created on first use).
    private func gate<T>(_ receiver: String, notifier: any Notifier, _ body: (inout DestinationGate) -> T) -> T {
        gates.withLock { gates in
            var gate = gates[receiver] ?? DestinationGate(breaker: settings.breaker, rate: notifier.sendRate, now: clock.now())
            let result = body(&gate)
            gates[receiver] = gate
            return result
        }
    }

    /// The breaker state of every receiver sent to so far, for `/metrics` and status.
    package var circuitStates: [String: CircuitBreaker.State] {
        gates.withLock { $0.mapValues(\.breaker.state) }
    }

    private func apply(
        _ outcome: DeliveryOutcome, to entry: OutboxEntry, receiver: String, now: Date, delivered: inout [Int64], report: inout PassReport
    ) async throws {
        switch outcome {
        case .ok:
            delivered.append(entry.id)
            release(receiver, entry)
            report.delivered += 1
            logger.debug("delivered", metadata: ["step": "delivered", "receiver": "\(receiver)", "fingerprint": "\(entry.delivery.fingerprint)", "action": "\(entry.delivery.action.rawValue)"])
        case .permanent(let reason):
            try await deadLetter(entry, reason: reason)
            release(receiver, entry)
            report.deadLettered += 1
        case .retryable(let after, let reason):
            let attempts = entry.attempts + 1
            guard settings.retry.mayRetry(createdAt: entry.delivery.createdAt, now: now) else {
                try await deadLetter(entry, reason: "gave up after \(attempts) attempts: \(reason)")
                release(receiver, entry)
                report.deadLettered += 1
                return
            }
            let delay = after ?? settings.retry.backoff(afterAttempts: attempts, jitter: jitter())
            try await storage.reschedule(outboxId: entry.id, nextAttemptAt: now.addingTimeInterval(delay.seconds), error: reason)
            holds.withLock { holds in
                let key = Self.holdKey(receiver, entry)
                if holds[key] == nil { holds[key] = entry.id }
            }
            report.rescheduled += 1
            logger.notice("delivery will be retried", metadata: [
                "step": "delivery_retry", "receiver": "\(receiver)", "fingerprint": "\(entry.delivery.fingerprint)",
                "attempt": "\(attempts)", "retry_in_s": "\(delay.seconds)", "reason": "\(reason)",
            ])
        }
    }

    /// How many sends are recorded per write.
    static let markChunk = 256
    /// And at least this often while sends go on: a slow destination's chunk is not held long.
    static let markEvery: Duration = .milliseconds(200)

    /// The key of ``holds`` for an entry to a receiver.
    private static func holdKey(_ receiver: String, _ entry: OutboxEntry) -> String {
        receiver + "|" + entry.delivery.fingerprint
    }

    /// Ends the hold this entry placed, if any (nearly always there is none: no key is built then).
    private func release(_ receiver: String, _ entry: OutboxEntry) {
        holds.withLock { holds in
            guard !holds.isEmpty else { return }
            let key = Self.holdKey(receiver, entry)
            if holds[key] == entry.id { holds[key] = nil }
        }
    }

    private func deadLetter(_ entry: OutboxEntry, reason: String) async throws {
        try await storage.deadLetterDelivery(outboxId: entry.id, reason: reason, at: clock.now())
        metrics.deadLettered(kind: "delivery")
        logger.error("delivery dead-lettered", metadata: [
            "step": "delivery_dead_lettered", "receiver": "\(entry.delivery.receiver)",
            "fingerprint": "\(entry.delivery.fingerprint)", "reason": "\(reason)",
        ])
    }
}
