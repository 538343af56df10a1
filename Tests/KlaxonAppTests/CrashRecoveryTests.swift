import AsyncHTTPClient
import Foundation
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Synchronization
import Testing

/// Durable intake: an alert that got 2xx survives SIGKILL and is processed once after restart.
@Suite("klaxon serve killed with SIGKILL while a client posts", .serialized)
struct CrashRecoveryTests {
    @Test func everyAcceptedAlertIsProcessedOnceAfterRestart() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-crash")
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let config = LivePeersTests.webhookConfig(hook)
        let first = try await LiveKlaxon(directory: directory, config: config, name: "klaxon-1")

        let total = 600
        let acceptedTitles = try await Self.postUntilSignalled(first, prefix: "crash-test", total: total, signal: SIGKILL)
        #expect(acceptedTitles.count >= 150)
        #expect(acceptedTitles.count < total, "the kill came after every post; the test proved nothing")

        let second = try await LiveKlaxon(directory: directory, config: config, dataPath: first.dataPath, name: "klaxon-2")
        defer { second.stop() }
        let drained = await eventually(timeout: 60) {
            guard let status = try? second.status() else { return false }
            return status.inbox_depth == 0 && status.outbox_depth == 0
        }
        #expect(drained, "\(second.process.output)")
        let rows = try second.alerts()
        let titles = rows.map(\.title)
        #expect(Set(titles).count == titles.count, "an alert was recorded twice")
        let missing = acceptedTitles.subtracting(titles)
        #expect(missing.isEmpty, "accepted but lost: \(missing.sorted().prefix(10))")
        #expect(rows.allSatisfy { $0.occurrences == 1 && $0.notifications == 1 }, "an alert was processed twice")
        // Deliveries: one per alert; a repeat is only possible for the delivery in flight at the kill.
        let keys = hook.requests.compactMap { $0.headers["x-klaxon-idempotency-key"] }
        #expect(Set(keys).count == rows.count)
        #expect(keys.count - Set(keys).count <= 2 * 32, "more repeats than the dispatcher's unrecorded chunk")
    }
}

/// Graceful shutdown in the middle of a stream of posts, most of them answered by the ingest
/// handler in the channel pipeline: klaxon stops with status 0, and every alert that got 2xx is
/// there after a restart. (A request cut off by the shutdown gets no answer; its sender
/// retries, at worst making a duplicate that the lifecycle turns into a COMMENT.)
@Suite("klaxon serve stopped with SIGTERM while clients post", .serialized)
struct GracefulStopTests {
    @Test func sigtermLosesNoAcceptedAlert() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-sigterm")
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let config = LivePeersTests.webhookConfig(hook)
        let first = try await LiveKlaxon(directory: directory, config: config, name: "klaxon-1")

        let total = 600
        let signalled = SignalledAt()
        let acceptedTitles = try await CrashRecoveryTests.postUntilSignalled(
            first, prefix: "sigterm-test", total: total, signal: SIGTERM, signalled: signalled)
        // How long the stop took is not asserted: in two of three fresh-clone runs, a
        // connection stayed open until the client's 10 s timeout (an open defect, see issue 2's
        // note). It is printed, so a run shows it.
        if let signalled = signalled.instant { print("klaxon stopped \(signalled.duration(to: .now)) after SIGTERM") }
        #expect(first.process.process.terminationStatus == 0, "\(first.process.output)")
        #expect(acceptedTitles.count >= 150)
        #expect(acceptedTitles.count < total, "SIGTERM came after every post; the test proved nothing")

        let second = try await LiveKlaxon(directory: directory, config: config, dataPath: first.dataPath, name: "klaxon-2")
        defer { second.stop() }
        let drained = await eventually(timeout: 60) {
            guard let status = try? second.status() else { return false }
            return status.inbox_depth == 0 && status.outbox_depth == 0
        }
        #expect(drained, "\(second.process.output)")
        let titles = try second.alerts().map(\.title)
        #expect(Set(titles).count == titles.count, "an alert was recorded twice")
        let missing = acceptedTitles.subtracting(titles)
        #expect(missing.isEmpty, "accepted but lost: \(missing.sorted().prefix(10))")
    }
}

extension CrashRecoveryTests {
    /// Posts `total` distinct alerts from 8 concurrent clients, sends `signal` after ~150 were
    /// accepted, and returns the titles that got 202 once the process has exited.
    static func postUntilSignalled(
        _ klaxon: LiveKlaxon, prefix: String, total: Int, signal: Int32, signalled: SignalledAt = SignalledAt()
    ) async throws -> Set<String> {
        let accepted = AcceptedTitles()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: total, by: 8) {
                        let title = "\(prefix)-\(index)"
                        let status = await klaxon.post("/api/v1/events", #"{"title":"\#(title)","severity":"critical","team":"sre"}"#)
                        guard let status else { return }
                        if status == 202 { accepted.insert(title) }
                    }
                }
            }
            group.addTask {
                _ = await eventually(timeout: 60, interval: 0.005) { accepted.count >= 150 }
                signalled.mark()
                klaxon.process.signal(signal)
            }
            try await group.waitForAll()
        }
        klaxon.process.process.waitUntilExit()
        return accepted.all
    }
}

final class SignalledAt: Sendable {
    private let value = Mutex<ContinuousClock.Instant?>(nil)
    func mark() { value.withLock { $0 = .now } }
    var instant: ContinuousClock.Instant? { value.withLock { $0 } }
}

final class AcceptedTitles: Sendable {
    private let titles = Mutex<Set<String>>([])
    func insert(_ title: String) { titles.withLock { _ = $0.insert(title) } }
    var count: Int { titles.withLock { $0.count } }
    var all: Set<String> { titles.withLock { $0 } }
}
