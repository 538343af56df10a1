import Foundation
import KlaxonCore

/// The `/status` report: open alerts by priority, the five most recent, mute state, active
/// silences, queue depths and recent delivery failures per receiver. Each part that cannot be
/// read says so instead of failing the whole report.
extension ChatOpsHandler {
    static let statusRecordLimit = 10_000
    static let deadLetterLimit = 200

    package func statusReport() async -> String {
        let now = clock.now()
        var lines = ["**Klaxon status** at \(Self.utc(now))"]

        switch await Result(catching: { try await storage.muteState() }) {
        case .success(let state):
            if case .muted(let until) = MuteGate.decide(storedValue: state.value, now: now) {
                lines.append("Mute: muted until \(Self.utc(until))" + (state.by.map { " by \($0)" } ?? ""))
            } else {
                lines.append("Mute: not muted")
            }
        case .failure(let error):
            lines.append("Mute: unreadable (\(type(of: error))); alerts go through")
        }

        switch await Result(catching: { try await storage.allRecords(limit: Self.statusRecordLimit) }) {
        case .success(let records):
            let open = records.filter { $0.status == .open }
            let counts = Priority.allCases.map { priority in "\(priority.rawValue) \(open.filter { $0.alert.priority == priority }.count)" }
            lines.append("Open alerts: \(open.count) (\(counts.joined(separator: " · ")))")
            for record in open.prefix(5) {
                lines.append("• \(Self.describe(record)) \(record.alert.source), last seen \(Self.utc(record.lastSeenAt))")
            }
        case .failure(let error):
            lines.append("Open alerts: unreadable (\(type(of: error)))")
        }

        switch await Result(catching: { try await storage.activeSilences(at: now) }) {
        case .success(let silences):
            lines.append("Silences: \(silences.count) active")
            for silence in silences.prefix(5) {
                lines.append("• \(silence.id) \(silence.matchers.map(\.description).joined(separator: " ")) by \(silence.createdBy)")
            }
        case .failure(let error):
            lines.append("Silences: unreadable (\(type(of: error)))")
        }

        let inbox = try? await storage.inboxDepth()
        let outbox = try? await storage.outboxDepth()
        let dead = try? await storage.deadLetterCount()
        func show(_ value: Int?) -> String { value.map(String.init) ?? "?" }
        lines.append("Queues: inbox \(show(inbox)) · outbox \(show(outbox)) · dead letters \(show(dead))")

        if let letters = try? await storage.deadLetters(limit: Self.deadLetterLimit) {
            var perReceiver: [String: Int] = [:]
            for letter in letters where letter.kind == .delivery { perReceiver[letter.origin, default: 0] += 1 }
            if perReceiver.isEmpty {
                lines.append("Delivery failures: none")
            } else {
                let text = perReceiver.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                    .map { "\($0.key) \($0.value)" }.joined(separator: " · ")
                lines.append("Delivery failures (dead letters): \(text)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
