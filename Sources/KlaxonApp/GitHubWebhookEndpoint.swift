import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonRouting
import Logging

/// `POST /webhooks/github`: GitHub tells Klaxon that someone closed one of its issues.
///
/// Every delivery must carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`
/// made with a GitHub receiver's `webhook_secret` ("Validating webhook deliveries",
/// https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries); it is compared
/// in constant time against every configured secret, and anything else gets 401.
///
/// An `issues` event with action `closed` on an issue Klaxon opened (found by number in the
/// receiver's issue log, and the body's `<!-- klaxon:fingerprint=… -->` marker must agree) for
/// the alert's current, still open occurrence marks the alert manually closed: the lifecycle then
/// answers SKIP_MANUAL_CLOSE until the alert resolves. Klaxon's own closes are told apart by
/// its issue log, not by who GitHub says the sender is: the notifier records `closedByKlaxon`
/// before it closes an issue, and it only closes after the lifecycle has closed the alert, so a
/// close event for an issue in either state is ignored. (The sender's identity is not used: with
/// a personal token Klaxon acts as that person.) `ping` answers 200.
package struct GitHubWebhookEndpoint: Sendable {
    struct Receiver: Sendable {
        var name: String
        var repo: String
        var secret: Secret
    }

    private let receivers: [Receiver]
    private let storage: any Storage
    private let clock: any WallClock
    private let logger: Logger
    private let metrics: PipelineMetrics

    package init(config: KlaxonConfig, storage: any Storage, clock: any WallClock, logger: Logger, metrics: PipelineMetrics) {
        receivers = config.receivers.compactMap { receiver in
            guard case .github(let github) = receiver.kind, let secret = github.webhookSecret else { return nil }
            return Receiver(name: receiver.name, repo: github.repo, secret: secret)
        }
        self.storage = storage
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
    }

    /// The receivers whose secret signed `body` (compared against every secret, no early exit),
    /// and whether some secret given by ARN could not be fetched.
    func verify(signature: String?, body: Data) async -> (matched: [Receiver], unfetched: Bool) {
        guard let signature else { return ([], false) }
        var matched: [Receiver] = []
        var unfetched = false
        for receiver in receivers {
            let key: String
            do {
                key = try await receiver.secret.resolve()
            } catch {
                logger.warning("github webhook secret unavailable", metadata: ["step": "github_secret_unavailable", "receiver": "\(receiver.name)", "error": "\(error)"])
                unfetched = true
                continue
            }
            let expected = WebhookNotifier.signature(body: body, secret: Array(key.utf8))
            if Secret(expected).constantTimeEquals(signature) { matched.append(receiver) }
        }
        return (matched, unfetched)
    }

    package func handle(event: String?, signature: String?, body: Data) async -> IntakeEndpoint.Reply {
        let (matched, unfetched) = await verify(signature: signature, body: body)
        if matched.isEmpty, unfetched {
            // The signature may be right: 503 makes GitHub mark the delivery failed (redeliverable).
            metrics.rejected(reason: "secret_unavailable")
            return IntakeEndpoint.Reply(status: 503, body: #"{"error":"a webhook secret given by ARN could not be fetched; retry later"}"#)
        }
        guard !matched.isEmpty else {
            metrics.rejected(reason: "bad_signature")
            return IntakeEndpoint.Reply(status: 401, body: #"{"error":"missing or wrong X-Hub-Signature-256"}"#)
        }
        switch event {
        case "ping":
            return IntakeEndpoint.Reply(status: 200, body: #"{"status":"pong"}"#)
        case "issues":
            break
        default:
            return IntakeEndpoint.Reply(status: 200, body: #"{"status":"ignored"}"#)
        }
        guard let payload = try? JSONDecoder().decode(IssuesEvent.self, from: body) else {
            return IntakeEndpoint.Reply(status: 400, body: #"{"error":"not an issues event: expected action, issue.number and repository.full_name"}"#)
        }
        guard payload.action == "closed" else { return IntakeEndpoint.Reply(status: 200, body: #"{"status":"ignored"}"#) }
        do {
            for receiver in matched where receiver.repo.lowercased() == payload.repository.fullName.lowercased() {
                if try await markClosed(payload, receiver: receiver) {
                    return IntakeEndpoint.Reply(status: 200, body: #"{"status":"manually_closed"}"#)
                }
            }
        } catch {
            return IntakeEndpoint.Reply(status: 503, body: #"{"error":"the store is unavailable; GitHub will show the delivery as failed and it can be redelivered"}"#)
        }
        return IntakeEndpoint.Reply(status: 200, body: #"{"status":"ignored"}"#)
    }

    /// Marks the alert behind the issue manually closed when the close was a person's.
    private func markClosed(_ event: IssuesEvent, receiver: Receiver) async throws -> Bool {
        guard let link = try await storage.issueLink(receiver: receiver.name, number: event.issue.number), !link.closedByKlaxon else { return false }
        if let marked = event.issue.body.flatMap(GitHubIssueContent.fingerprint(inBody:)), marked != link.fingerprint { return false }
        guard let record = try await storage.records(fingerprints: [link.fingerprint])[link.fingerprint],
              record.status == .open, record.occurrences == link.occurrence, !record.manuallyClosed
        else { return false }
        let now = clock.now()
        guard try await storage.markManuallyClosed(fingerprint: link.fingerprint, at: now) else { return false }
        let actor = event.sender?.login ?? "github"
        try await storage.appendAudit([AuditEntry(
            at: now, step: "alert_closed_manually", fingerprint: link.fingerprint, actor: actor,
            detail: ["receiver": receiver.name, "issue": "\(receiver.repo)#\(event.issue.number)"])])
        logger.notice("alert closed by hand on GitHub", metadata: [
            "step": "alert_closed_manually", "receiver": "\(receiver.name)", "fingerprint": "\(link.fingerprint)", "issue": "\(event.issue.number)",
        ])
        return true
    }

    /// The parts of GitHub's `issues` webhook payload that are read.
    struct IssuesEvent: Decodable {
        var action: String
        var issue: Issue
        var repository: Repository
        var sender: Sender?

        struct Issue: Decodable {
            var number: Int
            var body: String?
        }

        struct Repository: Decodable {
            var fullName: String
            enum CodingKeys: String, CodingKey { case fullName = "full_name" }
        }

        struct Sender: Decodable {
            var login: String
        }
    }
}

import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat

extension HTTPRoutes {
    static let hubSignatureField = HTTPField.Name("X-Hub-Signature-256")!
    static let gitHubEventField = HTTPField.Name("X-GitHub-Event")!

    /// `POST /webhooks/github` (authenticated by its signature, not by an ingest token).
    package static func addGitHubWebhook(to router: Hummingbird.Router<BasicRequestContext>, endpoint: GitHubWebhookEndpoint, bodyLimit: Int) {
        router.post("/webhooks/github") { request, _ -> Response in
            let requestId = request.headers[requestIdField].flatMap(RequestID.accepting) ?? RequestID.next()
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: bodyLimit)
            } catch is NIOTooManyBytesError {
                return reply(tooLarge(bodyLimit), requestId: requestId)
            }
            let answer = await endpoint.handle(
                event: request.headers[gitHubEventField], signature: request.headers[hubSignatureField], body: Data(buffer: body))
            return reply(answer, requestId: requestId)
        }
    }
}
