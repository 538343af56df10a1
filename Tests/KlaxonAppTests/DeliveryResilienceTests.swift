import AsyncHTTPClient
import Foundation
import KlaxonTesting
import NIOCore
import Testing

/// Outages and rate limits between a running klaxon serve and the GitHub stand-in.
@Suite("Delivery survives outages and 429 storms", .serialized)
struct DeliveryResilienceTests {
    static let repo = "klaxon-test/alerts"
    static let token = "github_pat_11RESILIENCE0000eeeeffff11112222"
    static let titles = ["Disk full", "Queue backlog", "5xx rate", "Replica lag"]

    static func config(_ standIn: GitHubStandIn, extraReceivers: String = "", routeTo: String = "[issues]") -> String {
        """
        pipeline:
          delivery:
            initial_backoff: 100ms
            max_backoff: 400ms
            circuit_failures: 3
            circuit_cool_down: 500ms
        receivers:
          - name: issues
            github:
              api_url: \(standIn.url)
              repo: \(repo)
              token_env: GITHUB_TOKEN
              comment_interval: 1ms
              timeout: 2s
        \(extraReceivers)
        routes:
          - receivers: \(routeTo)
        """
    }

    static func event(_ title: String, minute: Int) -> String {
        #"{"title":"\#(title)","severity":"warning","team":"sre","occurred_at":"2026-01-01T00:\#(String(format: "%02d", minute)):00Z"}"#
    }

    /// Every issue has its CREATE and exactly `comments` recurrence comments, in occurrence order.
    static func expectEveryNotificationOnceInOrder(_ standIn: GitHubStandIn, comments: Int) {
        #expect(standIn.issues.count == titles.count)
        for issue in standIn.issues {
            #expect(issue.comments.count == comments, "\(issue.title): \(issue.comments)")
            let minutes = issue.comments.compactMap { comment -> Int? in
                guard let range = comment.range(of: "2026-01-01T00:") else { return nil }
                return Int(comment[range.upperBound...].prefix(2))
            }
            #expect(minutes == minutes.sorted() && Set(minutes).count == minutes.count, "\(issue.title): \(minutes)")
        }
        let titlesSeen = standIn.issues.map(\.title)
        #expect(Set(titlesSeen).count == titlesSeen.count, "an issue was opened twice: \(titlesSeen)")
    }

    @Test func aDestinationDownForAWhileGetsEverythingOnceInOrder() async throws {
        let standIn = GitHubStandIn(repo: Self.repo, personalToken: Self.token)
        // Not port 0: once the stand-in stops, a port from the ephemeral range can go to another
        // test's server, which then answers Klaxon during the "outage" (it did, with 404s).
        try await standIn.start(port: try freeLoopbackPort())
        let port = standIn.port
        let directory = try PackagePaths.temporaryDirectory("klaxon-outage")
        let klaxon = try await LiveKlaxon(directory: directory, config: Self.config(standIn), environment: ["GITHUB_TOKEN": Self.token])
        defer { klaxon.stop() }
        await standIn.stop()

        for minute in 1...4 {
            for title in Self.titles { #expect(await klaxon.post("/api/v1/events", Self.event(title, minute: minute)) == 202) }
        }
        // Klaxon has seen the outage (its circuit opened) before the destination comes back.
        let opened = await eventually { await Self.metric(klaxon, "klaxon_circuit_state{receiver=\"issues\"} 1") }
        #expect(opened, "\(klaxon.process.output)")
        #expect(try klaxon.status().outbox_depth > 0)
        try await standIn.start(port: port)

        let drained = await eventually(timeout: 60) { (try? klaxon.status().outbox_depth) == 0 }
        #expect(drained, "\(klaxon.process.output)")
        Self.expectEveryNotificationOnceInOrder(standIn, comments: 3)
        #expect(try klaxon.status().dead_letters == 0)
        #expect(standIn.violations.isEmpty, "\(standIn.violations)")
        await standIn.stop()
    }

    @Test func a429StormIsWaitedOutAndNothingIsLost() async throws {
        let standIn = GitHubStandIn(repo: Self.repo, personalToken: Self.token)
        try await standIn.start()
        // A second receiver whose token GitHub refuses: its deliveries end as dead letters.
        let refused = """
          - name: refused
            github:
              api_url: \(standIn.url)
              repo: \(Self.repo)
              token: github_pat_REFUSED_TOKEN_9999
        """
        let directory = try PackagePaths.temporaryDirectory("klaxon-429")
        let klaxon = try await LiveKlaxon(
            directory: directory, config: Self.config(standIn, extraReceivers: refused, routeTo: "[issues, refused]"),
            environment: ["GITHUB_TOKEN": Self.token])
        defer { klaxon.stop() }
        standIn.script([.tooManyRequests(retryAfter: 1), .tooManyRequests(retryAfter: 1), .rateLimited(resetIn: 2), .tooManyRequests(retryAfter: 1)])

        for minute in 1...3 {
            for title in Self.titles { #expect(await klaxon.post("/api/v1/events", Self.event(title, minute: minute)) == 202) }
        }
        let drained = await eventually(timeout: 60) { (try? klaxon.status().outbox_depth) == 0 }
        #expect(drained, "\(klaxon.process.output)")
        Self.expectEveryNotificationOnceInOrder(standIn, comments: 2)

        // After each rate-limited answer, the next request to the repository came no earlier than asked.
        let repoRequests = standIn.requests.filter { $0.path.hasPrefix("/repos/") && $0.headers["authorization"] == "Bearer \(Self.token)" }
        for (index, waitSeconds) in [1.0, 1.0, 2.0, 1.0].enumerated() {
            let gap = repoRequests[index + 1].at.timeIntervalSince(repoRequests[index].at)
            // x-ratelimit-reset is whole seconds, so that wait may be up to a second shorter.
            #expect(gap >= waitSeconds - (waitSeconds > 1 ? 1.0 : 0.05), "request \(index + 1) came \(gap) s after a rate-limited answer")
        }

        // The refused receiver's deliveries are dead letters whose reasons hold no token.
        let letters = try klaxon.cli(["dlq", "list", "--json"])
        #expect(letters.contains("HTTP 401 bad credentials"), "\(letters)")
        #expect(!letters.contains("REFUSED_TOKEN") && !letters.contains(Self.token))
        #expect(!klaxon.process.output.contains("REFUSED_TOKEN") && !klaxon.process.output.contains(Self.token))
        let metrics = try await Self.metricsText(klaxon)
        #expect(!metrics.contains("REFUSED_TOKEN") && !metrics.contains(Self.token))
        await standIn.stop()
    }

    static func metricsText(_ klaxon: LiveKlaxon) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: klaxon.baseURL + "/metrics"), timeout: .seconds(5))
        return String(buffer: try await response.body.collect(upTo: 1 << 22))
    }

    static func metric(_ klaxon: LiveKlaxon, _ line: String) async -> Bool {
        ((try? await metricsText(klaxon)) ?? "").contains(line)
    }

    struct HookBody: Decodable {
        var fingerprint: String
        var sequence: Int
        var idempotency_key: String
    }

    /// The webhook receiver sends several fingerprints at once (lanes); an outage must still end
    /// with every delivery once and each fingerprint's in order.
    @Test func aWebhookDownForAWhileGetsEverythingOnceInOrder() async throws {
        let port = try freeLoopbackPort()
        let directory = try PackagePaths.temporaryDirectory("klaxon-webhook-outage")
        let klaxon = try await LiveKlaxon(directory: directory, config: """
            pipeline:
              delivery:
                initial_backoff: 100ms
                max_backoff: 400ms
                circuit_failures: 3
                circuit_cool_down: 500ms
            receivers:
              - name: hook
                webhook:
                  url: http://127.0.0.1:\(port)/hook
                  timeout: 2s
            routes:
              - receivers: [hook]
            """)
        defer { klaxon.stop() }
        let titles = (1...8).map { "Webhook outage \($0)" }
        for minute in 1...4 {
            for title in titles { #expect(await klaxon.post("/api/v1/events", Self.event(title, minute: minute)) == 202) }
        }
        let opened = await eventually { await Self.metric(klaxon, "klaxon_circuit_state{receiver=\"hook\"} 1") }
        #expect(opened, "\(klaxon.process.output)")
        let hook = RecordingHTTPServer()
        try await hook.start(port: port)
        defer { hook.stop() }
        let drained = await eventually(timeout: 60) { (try? klaxon.status().outbox_depth) == 0 }
        #expect(drained, "\(klaxon.process.output)")
        let bodies = hook.requests.compactMap { try? JSONDecoder().decode(HookBody.self, from: $0.body) }
        #expect(bodies.count == titles.count * 4)
        #expect(Set(bodies.map(\.idempotency_key)).count == bodies.count, "a delivery arrived twice")
        for fingerprint in Set(bodies.map(\.fingerprint)) {
            #expect(bodies.filter { $0.fingerprint == fingerprint }.map(\.sequence) == [1, 2, 3, 4])
        }
        #expect(try klaxon.status().dead_letters == 0)
    }
}
