import Foundation
import KlaxonAWS
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import Logging
import ServiceLifecycle

/// Consumes `sources.sqs.queue_url` into the inbox, as a `Service` of `klaxon serve`.
///
/// Each pass long-polls ReceiveMessage; bodies that decode (raw alarm JSON, an SNS envelope, any
/// shape the decoders accept) are appended to the inbox in one commit, and only after that commit
/// are they deleted from the queue — a crash in between means SQS delivers them again, and the
/// lifecycle's dedup absorbs the repeat. A body that does not decode is neither stored nor
/// deleted: it returns after its visibility timeout and the queue's redrive policy moves it to
/// the queue's DLQ after `maxReceiveCount` tries. While a batch is still being stored, its
/// visibility is extended every half timeout so no other consumer sees it. On graceful shutdown
/// the poll in flight is cancelled; received but unstored messages simply become visible again.
package struct SQSIntake: Service {
    package struct Settings: Sendable {
        package var queueURL: String
        package var kind: PayloadKind
        package var maxMessages: Int
        package var waitSeconds: Int
        package var visibilityTimeoutSeconds: Int
        /// How often a batch still being stored has its visibility extended (half the timeout).
        package var heartbeat: Duration

        package init(_ config: SQSSourceConfig) {
            queueURL = config.queueURL
            kind = PayloadKind(rawValue: config.kind) ?? .auto
            maxMessages = config.maxMessages
            waitSeconds = config.waitSeconds
            visibilityTimeoutSeconds = config.visibilityTimeoutSeconds
            heartbeat = .seconds(max(1, config.visibilityTimeoutSeconds / 2))
        }
    }

    /// What one pass did (for tests and the benchmark).
    package struct PassResult: Sendable, Equatable {
        package var received = 0
        package var stored = 0
        package var deleted = 0
        /// Left in the queue for its redrive policy.
        package var undecodable = 0
        package var visibilityExtensions = 0

        package init() {}
    }

    private let sqs: SQSClient
    private let settings: Settings
    private let inbox: any InboxStore
    private let decoder: AlertDecoder
    private let clock: any WallClock
    private let logger: Logger
    private let metrics: PipelineMetrics
    private let signal: WakeupSignal

    package init(
        sqs: SQSClient, settings: Settings, inbox: any InboxStore, decoder: AlertDecoder, clock: any WallClock,
        logger: Logger, metrics: PipelineMetrics, signal: WakeupSignal
    ) {
        self.sqs = sqs
        self.settings = settings
        self.inbox = inbox
        self.decoder = decoder
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.signal = signal
    }

    package func run() async throws {
        logger.info("SQS intake started", metadata: ["step": "sqs_intake_started", "queue": "\(Self.queueName(settings.queueURL))"])
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await cancelWhenGracefulShutdown { try await self.pass() }
                failures = 0
            } catch is CancellationError {
                break
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                failures += 1
                let delay = Duration.milliseconds(min(30_000, 250 << min(failures, 7)))
                logger.warning("SQS intake pass failed; retrying", metadata: [
                    "step": "sqs_intake_failed", "error": "\(Self.summary(error))", "retry_in_ms": "\(delay.components.seconds * 1000)",
                ])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            }
        }
        logger.info("SQS intake stopped", metadata: ["step": "sqs_intake_stopped"])
    }

    /// One receive, store, delete cycle.
    @discardableResult
    package func pass() async throws -> PassResult {
        var result = PassResult()
        let messages = try await sqs.receiveMessages(
            queueURL: settings.queueURL, maxMessages: settings.maxMessages, waitSeconds: settings.waitSeconds,
            visibilityTimeout: settings.visibilityTimeoutSeconds)
        result.received = messages.count
        guard !messages.isEmpty else { return result }
        metrics.received(kind: "sqs", count: messages.count)
        let now = clock.now()
        var accepted: [(message: SQSClient.Message, item: InboxItem)] = []
        for message in messages {
            let body = Data(message.body.utf8)
            do {
                _ = try decoder.decode(body, kind: settings.kind, now: now)
                accepted.append((message, InboxItem(kind: settings.kind.rawValue, body: body, receivedAt: now, requestId: "sqs-" + message.messageID)))
            } catch {
                result.undecodable += 1
                metrics.rejected(reason: "sqs_undecodable")
                logger.warning("SQS message does not decode; left for the queue's redrive policy", metadata: [
                    "step": "sqs_message_undecodable", "message_id": "\(message.messageID)", "reason": "\(error.reason)",
                    "receive_count": "\(message.attributes?["ApproximateReceiveCount"] ?? "?")",
                ])
            }
        }
        guard !accepted.isEmpty else { return result }
        let batch = accepted
        result.visibilityExtensions = try await whileExtendingVisibility(of: batch.map(\.message)) {
            _ = try await inbox.append(batch.map(\.item))
        }
        result.stored = accepted.count
        signal.signal()
        // Deleting after the commit: a failed delete only means SQS redelivers a stored alert.
        let handles = batch.map(\.message.receiptHandle)
        do {
            let failed = try await sqs.deleteMessageBatch(queueURL: settings.queueURL, receiptHandles: handles)
            result.deleted = handles.count - failed.count
            if !failed.isEmpty {
                logger.warning("SQS delete failed for part of a batch; those messages will be delivered again", metadata: [
                    "step": "sqs_delete_failed", "count": "\(failed.count)",
                ])
            }
        } catch {
            logger.warning("SQS delete failed; the batch will be delivered again", metadata: [
                "step": "sqs_delete_failed", "count": "\(handles.count)", "error": "\(Self.summary(error))",
            ])
        }
        return result
    }

    /// Runs `work`, extending the messages' visibility every heartbeat until it ends. Returns how
    /// many extensions were made.
    private func whileExtendingVisibility(of messages: [SQSClient.Message], _ work: @Sendable () async throws -> Void) async throws -> Int {
        let extensions = ExtensionCount()
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: settings.heartbeat)
                for message in messages {
                    do {
                        try await sqs.changeMessageVisibility(queueURL: settings.queueURL, receiptHandle: message.receiptHandle, timeoutSeconds: settings.visibilityTimeoutSeconds)
                        extensions.add()
                    } catch {
                        logger.warning("SQS visibility extension failed", metadata: ["step": "sqs_visibility_failed", "error": "\(Self.summary(error))"])
                    }
                }
            }
        }
        defer { heartbeat.cancel() }
        try await work()
        heartbeat.cancel()
        _ = await heartbeat.result
        return extensions.value
    }

    /// The queue's name (the last path segment), for logs: the URL's account id is not secret,
    /// but the name is all an operator needs.
    static func queueName(_ url: String) -> String {
        url.split(separator: "/").last.map(String.init) ?? "?"
    }

    static func summary(_ error: any Error) -> String {
        if let error = error as? AWSError { return error.code ?? error.reason.rawValue }
        return String(describing: type(of: error))
    }
}

import Synchronization

private final class ExtensionCount: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.wrappingAdd(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}
