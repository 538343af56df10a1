import AsyncHTTPClient
import Foundation
import KlaxonNotifiers
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// A real `klaxon serve` with a `github:` receiver pointed at the GitHub stand-in.
@Suite("GitHub issues through a running klaxon serve", .serialized)
struct GitHubLifecycleTests {
    static let repo = "klaxon-test/alerts"
    static let token = "github_pat_11LIVETESTTOKEN0000aaaabbbbccccdddd"
    static let webhookSecret = "live-webhook-secret-0123456789"

    static func config(_ standIn: GitHubStandIn) -> String {
        """
        receivers:
          - name: infra-issues
            github:
              api_url: \(standIn.url)
              repo: \(repo)
              token_env: GITHUB_TOKEN
              comment_interval: 1ms
              webhook_secret_env: GITHUB_WEBHOOK_SECRET
        routes:
          - receivers: [infra-issues]
        """
    }

    static func event(_ severity: String, at seconds: Int) -> String {
        #"{"title":"Checkout latency high","severity":"\#(severity)","team":"payments","occurred_at":"2026-01-01T00:\#(String(format: "%02d", seconds / 60)):\#(String(format: "%02d", seconds % 60))Z"}"#
    }

    /// The recorded `issues.closed` delivery, made to look like one for issue `number` of our repo.
    static func closedWebhook(number: Int, body: String) throws -> Data {
        var payload = try #require(try JSONSerialization.jsonObject(with: try Fixture.data("zulip-github-issues__closed.json")) as? [String: Any])
        var issue = try #require(payload["issue"] as? [String: Any])
        issue["number"] = number
        issue["body"] = body
        payload["issue"] = issue
        var repository = try #require(payload["repository"] as? [String: Any])
        repository["full_name"] = repo
        payload["repository"] = repository
        return try JSONSerialization.data(withJSONObject: payload)
    }

    static func postWebhook(_ klaxon: LiveKlaxon, event: String, body: Data, secret: String) async throws -> Int {
        var request = HTTPClientRequest(url: klaxon.baseURL + "/webhooks/github")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-GitHub-Event", value: event)
        request.headers.add(name: "X-Hub-Signature-256", value: WebhookNotifier.signature(body: body, secret: Array(secret.utf8)))
        request.body = .bytes(ByteBuffer(data: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    @Test func firingCommentResolvedRefiringAndAPersonsClose() async throws {
        let standIn = GitHubStandIn(repo: Self.repo, personalToken: Self.token)
        try await standIn.start()
        let directory = try PackagePaths.temporaryDirectory("klaxon-github")
        let klaxon = try await LiveKlaxon(
            directory: directory, config: Self.config(standIn),
            environment: ["GITHUB_TOKEN": Self.token, "GITHUB_WEBHOOK_SECRET": Self.webhookSecret])
        defer { klaxon.stop() }

        // FIRING → an issue.
        #expect(await klaxon.post("/api/v1/events", Self.event("critical", at: 1)) == 202)
        #expect(await eventually { standIn.issues.count == 1 }, "\(klaxon.process.output)")
        let first = try #require(standIn.issues.first)
        #expect(first.title == "[P1] Checkout latency high")
        #expect(first.labels == ["team:payments", "priority:P1", "source:app"])
        // The issue is kept in the alert's state, and survives the next alert's write.
        #expect(await eventually { (try? klaxon.alerts().first?.external_ref) == "\(Self.repo)#1" })
        // FIRING again → a comment.
        #expect(await klaxon.post("/api/v1/events", Self.event("critical", at: 2)) == 202)
        #expect(await eventually { standIn.issues.first?.comments.count == 1 }, "\(klaxon.process.output)")
        #expect(await eventually { (try? klaxon.alerts().first?.notifications) == 2 })
        #expect(try klaxon.alerts().first?.external_ref == "\(Self.repo)#1")
        // RESOLVED → closing comment, closed as completed.
        #expect(await klaxon.post("/api/v1/events", Self.event("success", at: 3)) == 202)
        #expect(await eventually { standIn.issues.first?.state == "closed" }, "\(klaxon.process.output)")
        #expect(standIn.issues.first?.stateReason == "completed")
        #expect(standIn.issues.first?.comments.count == 2)
        // Klaxon's own close, reported back by GitHub, changes nothing.
        #expect(try await Self.postWebhook(klaxon, event: "issues", body: try Self.closedWebhook(number: 1, body: first.body), secret: Self.webhookSecret) == 200)

        // FIRING again → a new issue.
        #expect(await klaxon.post("/api/v1/events", Self.event("critical", at: 4)) == 202)
        #expect(await eventually { standIn.issues.count == 2 }, "\(klaxon.process.output)")
        let second = try #require(standIn.issues.last)
        #expect(second.number == 2 && second.state == "open")

        // A person closes it; GitHub tells Klaxon (signed). A wrong signature is refused.
        standIn.closeByHand(2)
        let closedBody = try Self.closedWebhook(number: 2, body: second.body)
        #expect(try await Self.postWebhook(klaxon, event: "issues", body: closedBody, secret: "not-the-secret") == 401)
        #expect(try await Self.postWebhook(klaxon, event: "ping", body: Data(#"{"zen":"Keep it logically awesome."}"#.utf8), secret: Self.webhookSecret) == 200)
        #expect(try await Self.postWebhook(klaxon, event: "issues", body: closedBody, secret: Self.webhookSecret) == 200)

        // From now on: no automatic actions until it resolves.
        let before = standIn.requests.count
        #expect(await klaxon.post("/api/v1/events", Self.event("critical", at: 5)) == 202)
        let skipped = await eventually { (try? klaxon.alerts().first?.last_action) == "SKIP_MANUAL_CLOSE" }
        #expect(skipped, "\(klaxon.process.output)")
        // Earlier sends are marked delivered in chunks, up to 200 ms later (ADR 0031).
        #expect(await eventually(timeout: 10) { (try? klaxon.status().outbox_depth) == 0 })
        #expect(standIn.requests.count == before)
        #expect(standIn.issues.count == 2)
        #expect(standIn.violations.isEmpty, "\(standIn.violations)")
        // The token never shows in what klaxon printed.
        #expect(!klaxon.process.output.contains(Self.token))
        #expect(!klaxon.process.output.contains(Self.webhookSecret))
        await standIn.stop()
    }

    @Test func appAuthenticationThroughKlaxonServe() async throws {
        let keyPath = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("test-app-private-key-pkcs1.pem").path
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        let standIn = GitHubStandIn(repo: Self.repo, app: try .init(appId: "1", installationId: "4242", privateKeyPEM: pem))
        try await standIn.start()
        let directory = try PackagePaths.temporaryDirectory("klaxon-github-app")
        let klaxon = try await LiveKlaxon(directory: directory, config: """
            receivers:
              - name: infra-issues
                github:
                  api_url: \(standIn.url)
                  repo: \(Self.repo)
                  app_id: 1
                  installation_id: 4242
                  private_key_file: \(keyPath)
                  comment_interval: 1ms
            routes:
              - receivers: [infra-issues]
            """)
        defer { klaxon.stop() }
        #expect(await klaxon.post("/api/v1/events", Self.event("critical", at: 1)) == 202)
        #expect(await klaxon.post("/api/v1/events", Self.event("critical", at: 2)) == 202)
        #expect(await eventually { standIn.issues.first?.comments.count == 1 }, "\(klaxon.process.output)")
        // One installation token, bought with a JWT the stand-in verified, used for both requests.
        #expect(standIn.issuedTokens == 1)
        #expect(standIn.violations.isEmpty, "\(standIn.violations)")
        let content = standIn.requests.filter { $0.path.hasPrefix("/repos/") }
        #expect(content.count == 2)
        #expect(content.allSatisfy { $0.headers["authorization"]?.hasPrefix("Bearer ghs_") == true })
        #expect(!klaxon.process.output.contains("BEGIN RSA PRIVATE KEY"))
        await standIn.stop()
    }

    @Test func anUnreadableAppKeyStopsServeAtStartUp() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-github-badkey")
        let keyPath = directory.appendingPathComponent("bad.pem").path
        try "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n".write(toFile: keyPath, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("klaxon.yaml").path
        try """
            receivers:
              - name: infra-issues
                github:
                  repo: \(Self.repo)
                  app_id: 1
                  installation_id: 2
                  private_key_file: \(keyPath)
            routes:
              - receivers: [infra-issues]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try LocalProcess.run(PackagePaths.klaxonBinary, ["serve", "--config", config, "--listen", "127.0.0.1:\(try freeLoopbackPort())",
                                                                    "--data", directory.appendingPathComponent("k.db").path], timeout: 30)
        #expect(result.status != 0)
        #expect((result.stdout + result.stderr).contains("the GitHub App private key is not an RSA private key"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("bm90IGEga2V5"))
    }
}
