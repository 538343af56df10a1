import Foundation
import KlaxonAWS
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import Logging
import NIOCore
import NIOFoundationCompat

/// `POST /webhooks/sns`: Amazon SNS's HTTP(S) subscription endpoint.
///
/// Order of checks, cheapest first, nothing stored until all pass: the body is an SNS message;
/// its TopicArn is allowlisted (`sources.sns.topics`, else 403 — before any certificate fetch);
/// its signature verifies (else 401; a certificate that cannot be fetched is 503 so SNS retries).
/// Then by type: a Notification goes to the inbox as a CloudWatch payload (the decoder unwraps the
/// envelope) and is answered only once committed; a SubscriptionConfirmation is confirmed by
/// GETting its SubscribeURL, which must match `sources.sns.signing_cert_hosts`; an
/// UnsubscribeConfirmation is recorded in the audit log and not acted on.
/// https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html
package struct SNSEndpoint: Sendable {
    /// GETs a SubscribeURL; returns the HTTP status.
    package typealias Confirm = @Sendable (URL) async throws -> Int

    private let topics: Set<String>
    private let allowedHosts: [HostPattern]
    private let verifier: SNSSignatureVerifier
    private let confirm: Confirm
    private let intake: IntakeEndpoint
    private let audit: any AuditLog
    private let clock: any WallClock
    private let metrics: PipelineMetrics
    private let logger: Logger

    package init(
        config: SNSSourceConfig, verifier: SNSSignatureVerifier, confirm: @escaping Confirm, intake: IntakeEndpoint,
        audit: any AuditLog, clock: any WallClock, metrics: PipelineMetrics, logger: Logger
    ) {
        topics = Set(config.topics)
        allowedHosts = config.signingCertHosts
        self.verifier = verifier
        self.confirm = confirm
        self.intake = intake
        self.audit = audit
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }

    package func accept(body: ByteBuffer, requestId: String) async -> IntakeEndpoint.Reply {
        let message: SNSMessage
        do {
            message = try SNSMessage(json: Data(buffer: body, byteTransferStrategy: .noCopy))
        } catch {
            return refuse(400, error)
        }
        guard topics.contains(message.topicArn) else {
            return refuse(403, .topicNotAllowed)
        }
        do {
            try await verifier.verify(message, now: clock.now())
        } catch {
            // A certificate SNS's host would not give us now is our problem, not the sender's:
            // 5xx makes SNS retry the delivery later.
            return refuse(error.reason == "certificate_unavailable" ? 503 : 401, error)
        }
        switch message.kind {
        case .notification:
            return await intake.accept(kind: .cloudwatch, body: body, requestId: requestId, successStatus: 200)
        case .subscriptionConfirmation:
            return await confirmSubscription(message)
        case .unsubscribeConfirmation:
            return await record("sns_unsubscribe_confirmed", message, status: 200)
        }
    }

    private func confirmSubscription(_ message: SNSMessage) async -> IntakeEndpoint.Reply {
        guard let text = message.subscribeURL, let url = URL(string: text), allowedHosts.allows(url) else {
            metrics.rejected(reason: "sns_subscribe_url_refused")
            logger.warning("SNS SubscribeURL host not allowed", metadata: ["step": "sns_subscription_refused", "topic": "\(message.topicArn)"])
            return IntakeEndpoint.Reply(status: 403, body: #"{"error":"SubscribeURL is not on an allowed SNS host (sources.sns.signing_cert_hosts)"}"#)
        }
        let status: Int
        do {
            status = try await confirm(url)
        } catch {
            logger.error("SNS subscription confirmation failed", metadata: ["step": "sns_subscription_failed", "topic": "\(message.topicArn)", "error": "\(type(of: error))"])
            return IntakeEndpoint.Reply(status: 502, body: #"{"error":"the SubscribeURL could not be reached; confirm again later"}"#)
        }
        guard (200..<300).contains(status) else {
            logger.error("SNS subscription confirmation refused", metadata: ["step": "sns_subscription_failed", "topic": "\(message.topicArn)", "status": "\(status)"])
            return IntakeEndpoint.Reply(status: 502, body: #"{"error":"SNS answered the SubscribeURL with HTTP \#(status)"}"#)
        }
        return await record("sns_subscription_confirmed", message, status: 200)
    }

    /// Audits a confirmation. The token and the URLs are left out: the SubscribeURL carries the
    /// token that confirms (or, after an unsubscribe, re-creates) the subscription.
    private func record(_ step: String, _ message: SNSMessage, status: Int) async -> IntakeEndpoint.Reply {
        logger.info("SNS \(message.kind.rawValue)", metadata: ["step": "\(step)", "topic": "\(message.topicArn)", "message_id": "\(message.messageId)"])
        do {
            try await audit.appendAudit([AuditEntry(
                at: clock.now(), step: step, actor: "sns",
                detail: ["topic_arn": message.topicArn, "message_id": message.messageId, "timestamp": message.timestamp])])
        } catch {
            metrics.rejected(reason: "store_unavailable")
            return IntakeEndpoint.Reply(status: 503, body: #"{"error":"the audit log could not record the confirmation; retry later"}"#)
        }
        return IntakeEndpoint.Reply(status: status, body: #"{"status":"\#(step)"}"#)
    }

    private func refuse(_ status: Int, _ error: SNSVerificationError) -> IntakeEndpoint.Reply {
        metrics.rejected(reason: "sns_\(error.reason)")
        logger.notice("SNS message refused", metadata: ["step": "sns_refused", "reason": "\(error.reason)"])
        return IntakeEndpoint.Reply(status: status, body: #"{"error":"# + JSONLogHandler.quote(error.description) + "}")
    }
}
