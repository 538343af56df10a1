import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonPipeline

/// Turns an alert's lifecycle into a GitHub issue's: CREATE opens an issue, COMMENT comments on
/// it (at most once per `commentInterval`; recurrences in between are counted in the next
/// comment), CLOSE writes a closing comment and closes it as completed.
///
/// What it has done is kept in an ``IssueLinkStore`` (the issue number per occurrence, the
/// recurrences not yet written, the last delivery written), so a re-sent delivery — a retry
/// after a crash or a lost answer that was recorded — is not written twice. The issue number is
/// also written to the alert state (`AlertStateStore.setExternalRef`) for `klaxon alerts`.
/// Content-creating requests are paced at GitHub's 80 per minute (``sendRate``).
package struct GitHubNotifier: Notifier {
    package let name: String
    private let repo: String
    private let api: GitHubAPI
    private let credentials: GitHubCredentials
    private let links: any IssueLinkStore
    private let states: any AlertStateStore
    private let commentInterval: Duration
    private let clock: any WallClock
    private let templates: MessageTemplates

    /// GitHub's documented limit on content-creating requests.
    package var sendRate: SendRate? { SendRate(count: 80, per: .seconds(60)) }

    package init(
        name: String, apiURL: String, repo: String, credentials: GitHubCredentials, links: any IssueLinkStore, states: any AlertStateStore,
        commentInterval: Duration, timeout: Duration, client: HTTPClient, clock: any WallClock,
        templates: MessageTemplates = GitHubTemplates.standard
    ) {
        self.name = name
        self.repo = repo
        api = GitHubAPI(baseURL: apiURL, client: client, timeout: timeout)
        self.credentials = credentials
        self.links = links
        self.states = states
        self.commentInterval = commentInterval
        self.clock = clock
        self.templates = templates
    }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        do {
            switch delivery.action {
            case .create: return try await create(delivery)
            case .comment: return try await comment(delivery)
            case .close: return try await close(delivery)
            case .skipStale, .skipManualClose: return .ok
            }
        } catch let failure as GitHubFailure {
            return failure.outcome
        } catch {
            return .retryable(after: nil, reason: "the issue log could not be read or written")
        }
    }

    /// The JSON of the first request a delivery makes when no issue is known yet (CREATE and
    /// COMMENT open an issue; CLOSE sends nothing), for `klaxon template preview`.
    package static func firstRequestBody(for delivery: Delivery, templates: MessageTemplates = GitHubTemplates.standard) -> Data? {
        guard delivery.action == .create || delivery.action == .comment else { return nil }
        return GitHubAPI.encode(newIssue(delivery, templates: templates))
    }

    private static func newIssue(_ delivery: Delivery, templates: MessageTemplates) -> NewIssue {
        NewIssue(
            title: GitHubIssueContent.title(for: delivery, templates: templates), body: GitHubIssueContent.body(for: delivery, templates: templates),
            labels: GitHubIssueContent.labels(for: delivery.alert))
    }

    private func create(_ delivery: Delivery) async throws -> DeliveryOutcome {
        if try await link(for: delivery) != nil { return .ok }
        let request = Self.newIssue(delivery, templates: templates)
        let answer = try await call(.post, "/repos/\(repo)/issues", request)
        guard let created = try? JSONDecoder().decode(CreatedIssue.self, from: answer.body) else {
            return .permanent(reason: "GitHub created the issue but its answer had no number")
        }
        try await links.saveIssueLink(IssueLink(
            receiver: name, fingerprint: delivery.fingerprint, occurrence: delivery.occurrence, number: created.number,
            createdAt: clock.now(), lastSequence: delivery.sequence))
        try await states.setExternalRef(fingerprint: delivery.fingerprint, ref: "\(repo)#\(created.number)")
        return .ok
    }

    private func comment(_ delivery: Delivery) async throws -> DeliveryOutcome {
        // No issue for this occurrence (its CREATE was dead-lettered): open one now.
        guard var link = try await link(for: delivery) else { return try await create(delivery) }
        if delivery.sequence <= link.lastSequence { return .ok }
        let now = clock.now()
        let last = link.lastCommentAt ?? link.createdAt
        if now.timeIntervalSince(last) < commentInterval.seconds {
            link.pendingRecurrences += 1
            link.lastSequence = delivery.sequence
            try await links.saveIssueLink(link)
            return .ok
        }
        let text = GitHubIssueContent.comment(for: delivery, folded: link.pendingRecurrences, templates: templates)
        _ = try await call(.post, "/repos/\(repo)/issues/\(link.number)/comments", NewComment(body: text))
        link.lastCommentAt = now
        link.pendingRecurrences = 0
        link.lastSequence = delivery.sequence
        try await links.saveIssueLink(link)
        return .ok
    }

    private func close(_ delivery: Delivery) async throws -> DeliveryOutcome {
        guard var link = try await link(for: delivery) else {
            return .permanent(reason: "no GitHub issue was opened for this occurrence, so there is none to close")
        }
        if !link.closedByKlaxon {
            let text = GitHubIssueContent.closing(for: delivery, folded: link.pendingRecurrences, templates: templates)
            _ = try await call(.post, "/repos/\(repo)/issues/\(link.number)/comments", NewComment(body: text))
            // Marked before the close, so the webhook GitHub sends for it is known as Klaxon's own.
            link.closedByKlaxon = true
            link.pendingRecurrences = 0
            try await links.saveIssueLink(link)
        }
        _ = try await call(.patch, "/repos/\(repo)/issues/\(link.number)", CloseIssue(state: "closed", stateReason: "completed"))
        return .ok
    }

    private func link(for delivery: Delivery) async throws -> IssueLink? {
        try await links.issueLink(receiver: name, fingerprint: delivery.fingerprint, occurrence: delivery.occurrence)
    }

    /// One authenticated call; throws ``GitHubFailure`` with the outcome unless GitHub said 2xx.
    private func call(_ method: GitHubAPI.Method, _ path: String, _ body: some Encodable) async throws -> GitHubAPI.Answer {
        let authorization = try await credentials.authorization(api: api, now: clock.now()).get()
        let answer: GitHubAPI.Answer
        do {
            answer = try await api.call(method, path, json: GitHubAPI.encode(body), authorization: authorization)
        } catch {
            throw GitHubFailure(.retryable(after: nil, reason: HTTPOutcome.describe(error)))
        }
        if answer.status == 401, await credentials.invalidate() {
            // An installation token GitHub no longer takes: the next attempt buys a new one.
            throw GitHubFailure(.retryable(after: nil, reason: "HTTP 401: the installation token was refused"))
        }
        let outcome = GitHubResponse.classify(status: answer.status, headers: answer.rate, body: String(decoding: answer.body, as: UTF8.self), now: clock.now())
        guard outcome == .ok else { throw GitHubFailure(outcome) }
        return answer
    }
}

/// `POST /repos/{owner}/{repo}/issues`.
struct NewIssue: Encodable {
    var title: String
    var body: String
    var labels: [String]
}

/// `POST /repos/{owner}/{repo}/issues/{number}/comments`.
struct NewComment: Encodable {
    var body: String
}

/// `PATCH /repos/{owner}/{repo}/issues/{number}`.
struct CloseIssue: Encodable {
    var state: String
    var stateReason: String
    enum CodingKeys: String, CodingKey {
        case state
        case stateReason = "state_reason"
    }
}

struct CreatedIssue: Decodable {
    var number: Int
}
