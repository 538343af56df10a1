import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonNotifiers
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

@Suite("POST /webhooks/github: signature, ping, a person's close")
struct GitHubWebhookRouteTests {
    static let secret = "It's a Secret to Everybody"

    static func harness() throws -> AppHarness {
        try AppHarness(yaml: """
        receivers:
          - name: issues
            github:
              api_url: http://127.0.0.1:9
              repo: klaxon-test/alerts
              token: github_pat_ROUTETEST
              webhook_secret_env: HOOK_SECRET
        routes:
          - receivers: [issues]
        """, environment: ["HOOK_SECRET": secret])
    }

    static func headers(event: String, signature: String) -> HTTPFields {
        [HTTPField.Name("X-GitHub-Event")!: event, HTTPField.Name("X-Hub-Signature-256")!: signature, .contentType: "application/json"]
    }

    /// GitHub's documented test vector: the secret, the payload and the signature it gives.
    @Test func theDocsVectorIsAcceptedAndAnyChangeIsRefused() async throws {
        let vector = try #require(try JSONSerialization.jsonObject(with: try Fixture.data("github-docs-webhook-signature-test-vector.json")) as? [String: String])
        #expect(vector["secret"] == Self.secret)
        let payload = try #require(vector["payload"])
        let signature = try #require(vector["X-Hub-Signature-256"])
        #expect(WebhookNotifier.signature(body: Data(payload.utf8), secret: Array(Self.secret.utf8)) == signature)
        let harness = try Self.harness()
        try await harness.test { client in
            try await client.execute(uri: "/webhooks/github", method: .post, headers: Self.headers(event: "ping", signature: signature),
                                     body: ByteBuffer(string: payload)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/webhooks/github", method: .post, headers: Self.headers(event: "ping", signature: signature),
                                     body: ByteBuffer(string: payload + " ")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/webhooks/github", method: .post, headers: [HTTPField.Name("X-GitHub-Event")!: "ping"],
                                     body: ByteBuffer(string: payload)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func aPersonsCloseMarksTheAlertAndKlaxonsOwnDoesNot() async throws {
        let harness = try Self.harness()
        let alert = AlertSamples.alert(title: "Replica lag")
        let fingerprint = alert.fingerprint
        let now = harness.clock.now()
        try await harness.storage.commit(ProcessedBatch(records: [AlertRecord(
            fingerprint: fingerprint, status: .open, lastProviderStateAt: now, firstSeenAt: now, lastSeenAt: now, occurrences: 2, alert: alert)]), at: now)
        try await harness.storage.saveIssueLink(IssueLink(receiver: "issues", fingerprint: fingerprint, occurrence: 1, number: 4, createdAt: now, closedByKlaxon: true))
        try await harness.storage.saveIssueLink(IssueLink(receiver: "issues", fingerprint: fingerprint, occurrence: 2, number: 7, createdAt: now))

        @Sendable func closed(_ number: Int) throws -> Data {
            var payload = try #require(try JSONSerialization.jsonObject(with: try Fixture.data("zulip-github-issues__closed.json")) as? [String: Any])
            var issue = try #require(payload["issue"] as? [String: Any])
            issue["number"] = number
            issue["body"] = GitHubIssueContent.marker(fingerprint: fingerprint, occurrence: 2) + "\nbody"
            payload["issue"] = issue
            var repository = try #require(payload["repository"] as? [String: Any])
            repository["full_name"] = "klaxon-test/alerts"
            payload["repository"] = repository
            return try JSONSerialization.data(withJSONObject: payload)
        }
        try await harness.test { client in
            for (number, expected) in [(4, "ignored"), (99, "ignored"), (7, "manually_closed")] {
                let body = try closed(number)
                let signature = WebhookNotifier.signature(body: body, secret: Array(Self.secret.utf8))
                try await client.execute(uri: "/webhooks/github", method: .post, headers: Self.headers(event: "issues", signature: signature),
                                         body: ByteBuffer(data: body)) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains(expected), "issue \(number)")
                }
            }
        }
        let record = try #require(try await harness.storage.records(fingerprints: [fingerprint])[fingerprint])
        #expect(record.manuallyClosed)
        #expect(Lifecycle.decide(stored: record, incoming: .firing, occurredAt: now.addingTimeInterval(60)) == .skipManualClose)
        let audit = try await harness.storage.recentAudit(limit: 5)
        #expect(audit.contains { $0.step == "alert_closed_manually" && $0.detail["issue"] == "klaxon-test/alerts#7" })
    }
}
