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
import Synchronization
import Testing

/// The SQS intake service against moto (signatures checked), with an in-memory inbox.
@Suite("SQS intake")
struct SQSIntakeTests {
    static func alarmBody() throws -> String {
        let envelope = try JSONSerialization.jsonObject(with: try Fixture.data("cloudwatch-alarm.json")) as? [String: Any]
        return try #require(envelope?["Message"] as? String)
    }

    static func intake(_ sqs: SQSClient, queue: String, inbox: any InboxStore, visibility: Int = 30, heartbeat: Duration? = nil) -> SQSIntake {
        var settings = SQSIntake.Settings(SQSSourceConfig(queueURL: queue, waitSeconds: 0, visibilityTimeoutSeconds: visibility))
        if let heartbeat { settings.heartbeat = heartbeat }
        return SQSIntake(
            sqs: sqs, settings: settings, inbox: inbox, decoder: AlertDecoder(options: DecodeOptions()), clock: SystemWallClock(),
            logger: Logger(label: "test"), metrics: PipelineMetrics(factory: NOOPMetricsHandler.instance), signal: WakeupSignal())
    }

    static func counts(_ sqs: SQSClient, _ queue: String) async throws -> (visible: Int, inFlight: Int) {
        let attributes = try await sqs.getQueueAttributes(queueURL: queue, names: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
        return (Int(attributes["ApproximateNumberOfMessages"] ?? "") ?? -1, Int(attributes["ApproximateNumberOfMessagesNotVisible"] ?? "") ?? -1)
    }

    @Test("Raw and SNS-envelope bodies are stored, then deleted; an undecodable body stays in the queue")
    func storesThenDeletes() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let queue = try await sqs.createQueue(name: "intake-\(UUID().uuidString.prefix(8))")
        let raw = try Self.alarmBody()
        let envelope = String(decoding: try Fixture.data("cloudwatch-ok.json"), as: UTF8.self)
        try await sqs.sendMessage(queueURL: queue, body: raw)
        try await sqs.sendMessage(queueURL: queue, body: envelope)
        try await sqs.sendMessage(queueURL: queue, body: #"{"hello":"not an alert"}"#)
        let inbox = InMemoryStorage()
        let intake = Self.intake(sqs, queue: queue, inbox: inbox)
        var total = SQSIntake.PassResult()
        for _ in 0..<5 where total.received < 3 {
            let pass = try await intake.pass()
            total.received += pass.received
            total.stored += pass.stored
            total.deleted += pass.deleted
            total.undecodable += pass.undecodable
        }
        #expect(total.received == 3)
        #expect(total.stored == 2)
        #expect(total.deleted == 2)
        #expect(total.undecodable == 1)
        let stored = try await inbox.pending(limit: 10)
        #expect(Set(stored.map { String(decoding: $0.item.body, as: UTF8.self) }) == [raw, envelope])
        #expect(stored.allSatisfy { $0.item.kind == "auto" && $0.item.requestId.hasPrefix("sqs-") })
        // The undecodable one was received but not deleted: it is in flight until its timeout.
        let counts = try await Self.counts(sqs, queue)
        #expect(counts.visible == 0 && counts.inFlight == 1)
        // …and what was stored decodes into two alerts (FIRING and RESOLVED).
        let decoder = AlertDecoder(options: DecodeOptions())
        let alerts = try stored.flatMap { try decoder.decode($0.item.body, kind: .auto).alerts }
        #expect(alerts.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.firing, .resolved])
    }

    @Test("Undecodable bodies reach the queue's DLQ through its redrive policy")
    func redrive() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let suffix = UUID().uuidString.prefix(8)
        let dlq = try await sqs.createQueue(name: "intake-dlq-\(suffix)")
        let dlqARN = try #require(try await sqs.getQueueAttributes(queueURL: dlq, names: ["QueueArn"])["QueueArn"])
        let queue = try await sqs.createQueue(name: "intake-redrive-\(suffix)", attributes: [
            "RedrivePolicy": #"{"deadLetterTargetArn":"\#(dlqARN)","maxReceiveCount":"1"}"#, "VisibilityTimeout": "2",
        ])
        try await sqs.sendMessage(queueURL: queue, body: "not json at all")
        let inbox = InMemoryStorage()
        let intake = Self.intake(sqs, queue: queue, inbox: inbox, visibility: 2)
        #expect(try await intake.pass().undecodable == 1)
        // Once its visibility timeout passes, the next receive moves it to the DLQ.
        let moved = try await eventually(timeout: 20, interval: 0.5) {
            _ = try await intake.pass()
            return try await Self.counts(sqs, dlq).visible == 1
        }
        #expect(moved)
        #expect(try await inbox.inboxDepth() == 0)
    }

    @Test("Nothing is deleted when the inbox cannot commit")
    func noDeleteWithoutCommit() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let queue = try await sqs.createQueue(name: "intake-fail-\(UUID().uuidString.prefix(8))")
        try await sqs.sendMessage(queueURL: queue, body: try Self.alarmBody())
        let intake = Self.intake(sqs, queue: queue, inbox: FailingInbox())
        await #expect(throws: FailingInbox.Failure.self) { try await intake.pass() }
        let counts = try await Self.counts(sqs, queue)
        #expect(counts.visible + counts.inFlight == 1)
    }

    @Test("A batch that takes longer than its visibility timeout to store stays hidden from other consumers")
    func visibilityExtended() async throws {
        let moto = try await MotoServer.shared()
        let sqs = SQSClient(client: moto.client())
        let queue = try await sqs.createQueue(name: "intake-slow-\(UUID().uuidString.prefix(8))")
        try await sqs.sendMessage(queueURL: queue, body: try Self.alarmBody())
        // The inbox holds the batch for three visibility timeouts while a rival consumer polls.
        let slow = SlowInbox(base: InMemoryStorage(), rival: sqs, queue: queue, hold: 6)
        let intake = Self.intake(sqs, queue: queue, inbox: slow, visibility: 2, heartbeat: .milliseconds(500))
        let result = try await intake.pass()
        #expect(result.stored == 1 && result.deleted == 1)
        #expect(result.visibilityExtensions >= 1)
        #expect(slow.rivalSaw == 0)
        let after = try await Self.counts(sqs, queue)
        #expect(after.visible == 0 && after.inFlight == 0)
    }
}

/// An inbox whose commits always fail.
struct FailingInbox: InboxStore {
    struct Failure: Error {}
    func append(_ items: [InboxItem]) async throws -> [Int64] { throw Failure() }
    func pending(limit: Int) async throws -> [InboxEntry] { [] }
    func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool { false }
    func inboxDepth() async throws -> Int { 0 }
}

/// An inbox that takes `hold` seconds to commit, during which a second consumer keeps polling
/// the queue and counts what it is given (it should get nothing while visibility is extended).
final class SlowInbox: InboxStore {
    let base: InMemoryStorage
    let rival: SQSClient
    let queue: String
    let hold: TimeInterval
    private let seen = Mutex(0)

    init(base: InMemoryStorage, rival: SQSClient, queue: String, hold: TimeInterval) {
        self.base = base
        self.rival = rival
        self.queue = queue
        self.hold = hold
    }

    var rivalSaw: Int { seen.withLock { $0 } }

    func append(_ items: [InboxItem]) async throws -> [Int64] {
        let until = Date().addingTimeInterval(hold)
        while Date() < until {
            // A 1-second long poll paces the loop; a message seen here was visible to a rival.
            let got = try await rival.receiveMessages(queueURL: queue, maxMessages: 10, waitSeconds: 1, visibilityTimeout: 0)
            seen.withLock { $0 += got.count }
        }
        return try await base.append(items)
    }

    func pending(limit: Int) async throws -> [InboxEntry] { try await base.pending(limit: limit) }
    func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool { false }
    func inboxDepth() async throws -> Int { try await base.inboxDepth() }
}
