import Foundation
import KlaxonApp
import KlaxonAWS
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import Testing

/// Graceful shutdown of the SQS intake against moto (signatures checked): `klaxon serve` stops
/// promptly on SIGTERM while a long poll is in flight, and a message received but not yet
/// committed to the inbox is not deleted — it becomes visible again for the next consumer.
@Suite("SQS intake graceful shutdown", .serialized)
struct SQSShutdownTests {
    @Test("klaxon serve long-polling an SQS queue exits cleanly on SIGTERM well before the 20 s poll would end")
    func serveStopsOnSIGTERM() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let queue = try await sqs.createQueue(name: "shutdown-\(UUID().uuidString.prefix(8))")
        _ = try await sqs.sendMessage(queueURL: queue, body: try SQSIntakeTests.alarmBody())
        let directory = try PackagePaths.temporaryDirectory("klaxon-sqs-shutdown")
        let config = "aws:\n  region: us-east-1\nsources:\n  sqs:\n    queue_url: \"\(queue)\"\n    wait_seconds: 20\n" + AWSEndToEndTests.tail
        let klaxon = try await LiveKlaxon(directory: directory, config: config, environment: AWSEndToEndTests.environment(moto))
        defer { klaxon.stop() }
        // Once the message is stored (and deleted), the intake is in its next 20 s long poll.
        let consumed = try await eventually(timeout: 30) {
            guard (try? klaxon.alerts().count) == 1 else { return false }
            let counts = try await SQSIntakeTests.counts(sqs, queue)
            return counts.visible == 0 && counts.inFlight == 0
        }
        #expect(consumed, "klaxon output:\n\(klaxon.process.output)")
        klaxon.process.signal(SIGTERM)
        // Generous, but shorter than the 20 s long poll: only a cancelled poll ends this soon.
        let exited = await eventually(timeout: 15) { !klaxon.process.isRunning }
        #expect(exited, "klaxon did not stop on SIGTERM:\n\(klaxon.process.output)")
        guard exited else { return }
        klaxon.process.process.waitUntilExit()
        #expect(klaxon.process.process.terminationReason == .exit)
        #expect(klaxon.process.process.terminationStatus == 0)
        #expect(klaxon.process.output.contains("sqs_intake_stopped"), "klaxon output:\n\(klaxon.process.output)")
    }

    @Test("a message received but not committed when shutdown begins is not deleted, and is delivered again")
    func uncommittedMessageStays() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let queue = try await sqs.createQueue(name: "shutdown-held-\(UUID().uuidString.prefix(8))")
        let body = try SQSIntakeTests.alarmBody()
        _ = try await sqs.sendMessage(queueURL: queue, body: body)
        let inbox = HeldInbox()
        let intake = SQSIntakeTests.intake(sqs, queue: queue, inbox: inbox, visibility: 2)
        let group = ServiceGroup(services: [intake], gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "test"))
        let finished = Mutex(false)
        let running = Task {
            try await group.run()
            finished.withLock { $0 = true }
        }
        let holding = await eventually(timeout: 30) { inbox.appendStarted }
        #expect(holding, "the intake never received the message")
        await group.triggerGracefulShutdown()
        let stopped = await eventually(timeout: 15) { finished.withLock { $0 } }
        #expect(stopped, "the intake did not stop on graceful shutdown")
        _ = try? await running.value
        #expect(inbox.committed == 0)
        let counts = try await SQSIntakeTests.counts(sqs, queue)
        #expect(counts.visible + counts.inFlight == 1, "the received message must still be in the queue: \(counts)")
        // Once its visibility timeout (2 s) has passed, another consumer gets it.
        let redelivered = try await eventually(timeout: 20) {
            try await sqs.receiveMessages(queueURL: queue, maxMessages: 1, waitSeconds: 1).first?.body == body
        }
        #expect(redelivered)
    }
}

/// An inbox whose commit does not finish until its task is cancelled (as graceful shutdown
/// cancels the intake's pass); it says when a commit has begun.
final class HeldInbox: InboxStore {
    private let started = Mutex(false)
    private let stored = Mutex(0)
    private let hold: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation) = AsyncStream<Void>.makeStream()

    var appendStarted: Bool { started.withLock { $0 } }
    var committed: Int { stored.withLock { $0 } }

    func append(_ items: [InboxItem]) async throws -> [Int64] {
        started.withLock { $0 = true }
        // Nothing is ever yielded: the loop ends only when the task is cancelled.
        for await _ in hold.stream {}
        try Task.checkCancellation()
        stored.withLock { $0 += items.count }
        return items.indices.map(Int64.init)
    }

    func pending(limit: Int) async throws -> [InboxEntry] { [] }
    func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool { false }
    func inboxDepth() async throws -> Int { 0 }
}
