import Foundation
import KlaxonCore
import KlaxonIngest
import KlaxonRouting
import Logging
import ServiceLifecycle
import Synchronization

/// Turns inbox payloads into lifecycle decisions and queued deliveries.
///
/// One pass claims the oldest pending payloads, decodes each, fingerprints the alerts, decides
/// their lifecycle actions against the stored state (updated as the batch goes, so two alerts of
/// one fingerprint in one batch are decided in order), applies the mute gate and silences, routes
/// what is left to receivers, and commits states, deliveries, audit rows, the acknowledgements
/// that end (see ``acknowledgementEnd(action:state:record:)``) and the inbox
/// acknowledgements in one transaction. A payload that fails to decode stays in the inbox until
/// it has failed `maxDecodeAttempts` times, then goes to dead letters with its error.
package final class Processor: Service, Sendable {
    package struct Settings: Sendable {
        package var batchSize: Int
        package var maxDecodeAttempts: Int
        package var notifyResolvedWhileMuted: Bool
        /// How long to sleep when idle before looking again without a signal.
        package var idlePoll: Duration
        /// After a pass smaller than a full batch, wait this long so that the next pass takes
        /// what arrived meanwhile: every pass has a fixed cost (reads, one transaction), and under
        /// load a pass per request would spend the CPU on that cost instead of on alerts.
        package var linger: Duration
        /// A pass stops taking payloads once it holds this many alerts (one Alertmanager request
        /// may carry thousands), so memory stays bounded whatever the senders batch.
        package var maxAlertsPerPass: Int = 1024
        /// The bound while payloads keep arriving. The intake's commits wait for the processor's
        /// on SQLite's one writer, so a pass that commits fewer alerts keeps the intake's p99
        /// down (case (c), batches of ten: 90 → 70 ms at the same alerts/s); a backlog drained
        /// with nothing arriving uses `maxAlertsPerPass`, which drains it ~11% faster.
        package var maxAlertsPerPassWhileReceiving: Int = 512

        package init(batchSize: Int = 256, maxDecodeAttempts: Int = 5, notifyResolvedWhileMuted: Bool = true, idlePoll: Duration = .seconds(1), linger: Duration = .milliseconds(5)) {
            self.batchSize = batchSize
            self.maxDecodeAttempts = maxDecodeAttempts
            self.notifyResolvedWhileMuted = notifyResolvedWhileMuted
            self.idlePoll = idlePoll
            self.linger = linger
        }
    }

    /// What one pass did, for tests and the CLI.
    package struct PassReport: Sendable, Equatable {
        package var payloads = 0
        package var alerts = 0
        package var failed = 0
        package var deadLettered = 0
        package var suppressed = 0
        package var deliveries = 0
        package var actions: [Lifecycle.Action] = []
    }

    private let storage: any Storage
    private let decoder: AlertDecoder
    private let router: Router
    private let clock: any WallClock
    private let settings: Settings
    private let logger: Logger
    private let metrics: PipelineMetrics
    private let inboxSignal: WakeupSignal
    private let outboxSignal: WakeupSignal
    /// Set after a batch failed to commit: the next passes take one payload at a time, so a
    /// payload that cannot be stored is found and dead-lettered instead of blocking the inbox.
    private let isolating = Mutex(0)
    /// How many payloads the last pass decoded when it stopped at `maxAlertsPerPass`, nil when it
    /// took all it read. Payloads of many alerts fill a pass long before `batchSize`; reading a
    /// whole batch of them (from the database, when the backlog outgrew this process's copy) only
    /// to leave most of them for later cost more than deciding the pass.
    private let alertBoundPayloads = Mutex<Int?>(nil)
    /// `inboxSignal.signals` when the last pass began: payloads arrived since if it moved.
    private let signalsSeen = Mutex(0)

    package init(
        storage: any Storage, decoder: AlertDecoder, router: Router, clock: any WallClock, settings: Settings,
        logger: Logger, metrics: PipelineMetrics, inboxSignal: WakeupSignal, outboxSignal: WakeupSignal
    ) {
        self.storage = storage
        self.decoder = decoder
        self.router = router
        self.clock = clock
        self.settings = settings
        self.logger = logger
        self.metrics = metrics
        self.inboxSignal = inboxSignal
        self.outboxSignal = outboxSignal
    }

    package func run() async throws {
        // The commit of the last decided pass, still running while the next pass is read,
        // decoded and decided (see ``decide(after:)``).
        var inFlight: (commit: Task<PassReport, any Error>, carry: Carry)?
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var report = PassReport()
            let decided: DecidedPass?
            do {
                decided = try await decide(after: inFlight?.carry)
            } catch {
                logger.error("processor pass failed", metadata: ["error": "\(error)"])
                _ = try? await inFlight?.commit.value
                inFlight = nil
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(200)) }
                continue
            }
            if let previous = inFlight {
                inFlight = nil
                do {
                    report = try await previous.commit.value
                } catch {
                    // Decided on top of a batch that did not commit: decided again next pass.
                    logger.error("processor pass failed", metadata: ["error": "\(error)"])
                    continue
                }
            }
            if let decided {
                if decided.isolate {
                    // One payload at a time until the one that cannot be stored is found: no overlap.
                    do {
                        report = try await commit(decided)
                    } catch {
                        logger.error("processor pass failed", metadata: ["error": "\(error)"])
                        continue
                    }
                } else {
                    inFlight = (Task { try await self.commit(decided) }, decided.carry)
                    report = decided.report
                }
            }
            // Waits end at once on SIGTERM, so `klaxon serve` stops without delay.
            if report.payloads == 0 || report.payloads == report.failed {
                if let previous = inFlight {
                    inFlight = nil
                    _ = try? await previous.commit.value
                }
                let timeout = report.failed > 0 ? Duration.milliseconds(200) : settings.idlePoll
                await cancelWhenGracefulShutdown { await self.inboxSignal.wait(timeout: timeout) }
            } else if report.payloads < settings.batchSize, alertBoundPayloads.withLock({ $0 }) == nil, settings.linger != .zero {
                // A pass that stopped at its alert bound left payloads waiting: no pause then.
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.linger) }
            }
        }
        // What was decided is committed before the service ends.
        if let previous = inFlight {
            inFlight = nil
            _ = try? await previous.commit.value
        }
    }

    /// Processes one batch of pending payloads. Returns what it did.
    @discardableResult
    package func processPass() async throws -> PassReport {
        guard let decided = try await decide(after: nil) else { return PassReport() }
        return try await commit(decided)
    }

    /// What a decided pass changes that the store does not show until it commits: the next pass,
    /// decided while this one commits, reads past it.
    package struct Carry: Sendable {
        /// Its payloads (still in the inbox until the commit).
        package var inboxIds: Set<Int64> = []
        /// The records as it leaves them.
        package var records: [String: AlertRecord] = [:]
        /// The silences it ends.
        package var expiredSilenceIds: Set<String> = []

        package init(inboxIds: Set<Int64> = [], records: [String: AlertRecord] = [:], expiredSilenceIds: Set<String> = []) {
            self.inboxIds = inboxIds
            self.records = records
            self.expiredSilenceIds = expiredSilenceIds
        }
    }

    /// A pass decided and not yet committed.
    package struct DecidedPass: Sendable {
        package var report: PassReport
        package var batch: ProcessedBatch
        var isolate: Bool
        /// Its first payload, named when a pass of one payload cannot be stored.
        var first: InboxEntry?
        var decodedCount: Int
        var endedAcknowledgements: [AuditEntry]
        package var carry: Carry
        var now: Date
        var timings: (started: ContinuousClock.Instant, read: ContinuousClock.Instant, decoded: ContinuousClock.Instant, decided: ContinuousClock.Instant)
    }

    /// Reads, decodes and decides the oldest pending payloads, nil when there are none. With
    /// `carried`, the pass whose commit is still running: its payloads are skipped, and its
    /// records and ended silences stand in for what the store would return once it committed.
    /// Only decode failures are written here (each payload's attempt count); the rest is in the
    /// ``DecidedPass`` for ``commit(_:)``.
    package func decide(after carried: Carry?) async throws -> DecidedPass? {
        let timer = ContinuousClock()
        let started = timer.now
        let isolate = carried == nil && isolating.withLock { $0 > 0 }
        let limit = isolate ? 1 : min(settings.batchSize, alertBoundPayloads.withLock { $0 }.map { 2 * $0 + 16 } ?? .max)
        var entries = try await storage.pending(limit: limit + (carried?.inboxIds.count ?? 0))
        if let carried {
            entries.removeAll { carried.inboxIds.contains($0.id) }
            if entries.count > limit { entries.removeLast(entries.count - limit) }
        }
        var report = PassReport()
        guard !entries.isEmpty else { return nil }
        let read = timer.now
        let now = clock.now()
        let signals = inboxSignal.signals
        let receiving = signalsSeen.withLock { seen in
            defer { seen = signals }
            return seen != signals
        }
        let alertLimit = receiving ? min(settings.maxAlertsPerPassWhileReceiving, settings.maxAlertsPerPass) : settings.maxAlertsPerPass

        // Decode everything first, so state can be loaded in one query.
        var decoded: [(entry: InboxEntry, result: DecodeResult)] = []
        decoded.reserveCapacity(entries.count)
        var decodedAlerts = 0
        for entry in entries {
            // Leave the rest for the next pass once this one holds enough alerts.
            if decodedAlerts >= alertLimit { break }
            let kind = PayloadKind(rawValue: entry.item.kind) ?? .auto
            do {
                let result = try decoder.decode(entry.item.body, kind: kind, now: now)
                decoded.append((entry, result))
                decodedAlerts += result.alerts.count
            } catch {
                report.failed += 1
                metrics.decodeFailed(reason: error.reason.rawValue)
                let dead = try await storage.recordFailure(
                    inboxId: entry.id, error: error.description, maxAttempts: settings.maxDecodeAttempts, at: now)
                logger.warning("payload failed to decode", metadata: [
                    "step": "decode_failed", "inbox_id": "\(entry.id)", "kind": "\(entry.item.kind)",
                    "request_id": "\(entry.item.requestId)", "reason": "\(error.reason.rawValue)",
                    "error": "\(error.description)", "dead_lettered": "\(dead)",
                ])
                if dead {
                    report.deadLettered += 1
                    metrics.deadLettered(kind: "payload")
                }
            }
        }

        report.payloads = decoded.count + report.failed
        let alertBound = decodedAlerts >= alertLimit && decoded.count + report.failed < entries.count
        alertBoundPayloads.withLock { $0 = alertBound ? decoded.count + report.failed : nil }
        var fingerprints: [String] = []
        for (_, result) in decoded {
            for alert in result.alerts { fingerprints.append(Fingerprint.of(alert)) }
        }
        let decodedAt = timer.now
        let snapshot = try await storage.decisionSnapshot(fingerprints: Array(Set(fingerprints)), at: now)
        var records = snapshot.records
        if let carried {
            for fingerprint in fingerprints { if let record = carried.records[fingerprint] { records[fingerprint] = record } }
        }
        let gate = MuteGate.decide(snapshot.mute.map(\.value), now: now)
        if case .failedOpen(let reason) = gate {
            logger.warning("mute store unreadable, alerts go through", metadata: ["step": "mute_fail_open", "error": "\(reason)"])
        }
        var silences: [Silence]
        switch snapshot.silences {
        case .success(let active):
            silences = active
        case .failure(let error):
            logger.warning("silence store unreadable, alerts go through", metadata: ["step": "silence_fail_open", "error": "\(error)"])
            silences = []
        }
        if let carried, !carried.expiredSilenceIds.isEmpty {
            silences.removeAll { carried.expiredSilenceIds.contains($0.id) }
        }

        var batch = ProcessedBatch()
        var changed: [String: AlertRecord] = [:]
        var fingerprintIndex = 0
        // Acknowledgements end in this batch's commit; later alerts of the batch no longer see them.
        var liveSilences = silences
        var endedAcknowledgements: [AuditEntry] = []
        // Counted once per pass, not per alert.
        var sources: [String: Int] = [:]
        var actions: [Lifecycle.Action: Int] = [:]
        for (entry, result) in decoded {
            batch.inboxIds.append(entry.id)
            for ignored in result.ignored {
                batch.audit.append(AuditEntry(at: now, step: "alert_ignored", detail: [
                    "title": ignored.title, "reason": ignored.reason, "request_id": entry.item.requestId,
                ]))
            }
            for alert in result.alerts {
                let fingerprint = fingerprints[fingerprintIndex]
                fingerprintIndex += 1
                report.alerts += 1
                sources[alert.source, default: 0] += 1
                let outcome = handle(alert, fingerprint: fingerprint, stored: records[fingerprint], gate: gate, silences: liveSilences, now: now, requestId: entry.item.requestId)
                report.actions.append(outcome.action)
                actions[outcome.action, default: 0] += 1
                if let record = outcome.record {
                    records[fingerprint] = record
                    changed[fingerprint] = record
                }
                if outcome.suppressed { report.suppressed += 1 }
                report.deliveries += outcome.deliveries.count
                batch.deliveries.append(contentsOf: outcome.deliveries)
                batch.audit.append(outcome.audit)
                if let reason = Self.acknowledgementEnd(action: outcome.action, state: alert.state, record: records[fingerprint]) {
                    for silence in liveSilences where silence.acknowledgedFingerprint == fingerprint {
                        batch.expiredSilenceIds.append(silence.id)
                        endedAcknowledgements.append(AuditEntry(at: now, step: "silence_expired", fingerprint: fingerprint, actor: "klaxon", detail: [
                            "silence_id": silence.id, "reason": reason,
                        ]))
                    }
                    liveSilences.removeAll { $0.acknowledgedFingerprint == fingerprint }
                }
            }
        }
        for (source, count) in sources { metrics.decoded(source: source, count: count) }
        for (action, count) in actions { metrics.action(action.rawValue, count: count) }
        batch.audit.append(contentsOf: endedAcknowledgements)
        batch.records = Array(changed.values)
        let carry = Carry(inboxIds: Set(batch.inboxIds), records: changed, expiredSilenceIds: Set(batch.expiredSilenceIds))
        return DecidedPass(
            report: report, batch: batch, isolate: isolate, first: decoded.first?.entry, decodedCount: decoded.count,
            endedAcknowledgements: endedAcknowledgements, carry: carry, now: now,
            timings: (started, read, decodedAt, timer.now))
    }

    /// Commits a decided pass: states, deliveries, audit and inbox acknowledgements at once.
    package func commit(_ pass: DecidedPass) async throws -> PassReport {
        let timer = ContinuousClock()
        let commitStarted = timer.now
        let batch = pass.batch, now = pass.now
        do {
            try await storage.commit(batch, at: now)
        } catch {
            if pass.isolate, let entry = pass.first {
                // One payload alone could not be stored: count it as a failed attempt.
                let dead = try await storage.recordFailure(
                    inboxId: entry.id, error: "could not be stored: \(error)", maxAttempts: settings.maxDecodeAttempts, at: now)
                logger.error("payload could not be stored", metadata: [
                    "step": "commit_failed", "inbox_id": "\(entry.id)", "request_id": "\(entry.item.requestId)",
                    "error": "\(error)", "dead_lettered": "\(dead)",
                ])
                if dead { isolating.withLock { $0 -= 1 } }
            } else {
                // Take the payloads of this batch one at a time.
                isolating.withLock { $0 = pass.decodedCount }
            }
            throw error
        }
        if pass.isolate { isolating.withLock { $0 -= 1 } }
        for ended in pass.endedAcknowledgements {
            logger.info("acknowledgement ended", metadata: [
                "step": "silence_expired", "silence_id": "\(ended.detail["silence_id"] ?? "")", "fingerprint": "\(ended.fingerprint ?? "")",
                "reason": "\(ended.detail["reason"] ?? "")",
            ])
        }
        let (started, read, decodedAt, decided) = pass.timings
        let report = pass.report
        logger.debug("processor pass", metadata: [
            "step": "processor_pass", "payloads": "\(report.payloads)", "alerts": "\(report.alerts)",
            "read_ms": "\((read - started).milliseconds)", "decode_ms": "\((decodedAt - read).milliseconds)",
            "state_ms": "\((decided - decodedAt).milliseconds)", "commit_ms": "\(commitStarted.duration(to: timer.now).milliseconds)",
        ])
        if !batch.deliveries.isEmpty { outboxSignal.signal() }
        return report
    }

    /// Why an acknowledgement (`/ack`, the Acknowledge button) of this alert's fingerprint ends
    /// now, or nil while it lasts. It lasts until the alert resolves — whether that RESOLVED is a
    /// CLOSE or is skipped (manually closed, nothing open) — and never covers a new occurrence: a
    /// CREATE means the acknowledged one is over, even if its RESOLVED was never seen. An
    /// out-of-order RESOLVED leaves the record open and the acknowledgement in place.
    package static func acknowledgementEnd(action: Lifecycle.Action, state: AlertEvent.State, record: AlertRecord?) -> String? {
        if action == .create { return "new occurrence" }
        if state == .resolved, record?.status != .open { return "alert resolved" }
        return nil
    }

    private struct AlertOutcome {
        var action: Lifecycle.Action
        var record: AlertRecord?
        var deliveries: [Delivery]
        var suppressed: Bool
        var audit: AuditEntry
    }

    private func handle(
        _ alert: AlertEvent, fingerprint: String, stored: AlertRecord?, gate: MuteGate.Decision,
        silences: [Silence], now: Date, requestId: String
    ) -> AlertOutcome {
        let action = Lifecycle.decide(stored: stored, incoming: alert.state, occurredAt: alert.occurredAt)
        // A RESOLVED with nothing stored leaves nothing to remember; everything else is recorded.
        var record: AlertRecord? = (stored == nil && action != .create)
            ? nil : Lifecycle.apply(action, to: stored, alert: alert, fingerprint: fingerprint, now: now)
        var detail: [String: String] = [
            "action": action.rawValue, "source": alert.source, "state": alert.state.rawValue, "request_id": requestId,
        ]
        var deliveries: [Delivery] = []
        var suppressed = false

        if action.notifies, var current = record {
            let subject = AlertMatchSubject(alert: alert, fingerprint: fingerprint)
            let resolvedPassesMute = action == .close && settings.notifyResolvedWhileMuted && (stored?.firingDelivered ?? false)
            var cause: String?
            if case .muted(let until) = gate, !resolvedPassesMute {
                cause = "mute"
                detail["muted_until"] = String(until)
            } else if let silence = SilenceMuter.firstSilencing(
                // An acknowledged alert's RESOLVED goes out: it is what ends the acknowledgement. A
                // CREATE is a new occurrence, which the acknowledgement of the last one never covers.
                action == .close || action == .create ? silences.filter { $0.acknowledgedFingerprint != fingerprint } : silences,
                subject: subject, at: now) {
                cause = "silence"
                detail["silence_id"] = silence.id
            }
            if let cause {
                suppressed = true
                metrics.suppressed(by: cause)
                var metadata: Logger.Metadata = ["step": "alert_suppressed", "fingerprint": "\(fingerprint)", "action": "\(action.rawValue)", "request_id": "\(requestId)"]
                if let until = detail["muted_until"] { metadata["muted_until"] = "\(until)" }
                if let id = detail["silence_id"] { metadata["silence_id"] = "\(id)" }
                logger.info("alert suppressed", metadata: metadata)
            } else {
                let sequence = action == .close ? 0 : current.notifications
                // Receivers that never heard this occurrence's CREATE (it was muted or silenced)
                // hear its first delivered FIRING as the CREATE, so a GitHub issue gets opened
                // before anything comments on it.
                let delivered: Lifecycle.Action = action == .comment && !current.firingDelivered ? .create : action
                if action == .close, !current.firingDelivered {
                    // Nothing of this occurrence was ever delivered: there is nothing to close.
                    detail["close_skipped"] = "firing never delivered"
                } else {
                    for receiver in router.receivers(for: subject) {
                        deliveries.append(Delivery(
                            receiver: receiver, fingerprint: fingerprint, occurrence: current.occurrences,
                            action: delivered, sequence: sequence, alert: alert, createdAt: now))
                    }
                }
                if action != .close, !deliveries.isEmpty { current.firingDelivered = true }
                record = current
            }
        }
        logger.trace("alert processed", metadata: ["step": "alert_processed", "fingerprint": "\(fingerprint)", "action": "\(action.rawValue)", "request_id": "\(requestId)"])
        let audit = AuditEntry(at: now, step: suppressed ? "alert_suppressed" : "alert_processed", fingerprint: fingerprint, detail: detail)
        return AlertOutcome(action: action, record: record, deliveries: deliveries, suppressed: suppressed, audit: audit)
    }
}
