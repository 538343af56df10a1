import AsyncHTTPClient
import Crypto
import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonTesting
import Synchronization
import Testing

@Suite("Webhook receiver: body, signature, outcomes", .serialized)
struct WebhookNotifierTests {
    static let delivery = Delivery(
        receiver: "hook", fingerprint: "abc123", occurrence: 2, action: .create, sequence: 1,
        alert: AlertSamples.alert(title: "CPU high", at: 1_750_000_000), createdAt: Date(timeIntervalSince1970: 1_750_000_001))

    @Test func signatureIsHMACSHA256OfTheExactBody() throws {
        let body = try WebhookNotifier.body(for: Self.delivery)
        let signature = WebhookNotifier.signature(body: body, secret: Array("s3cret".utf8))
        // Independent check: recompute with swift-crypto over the same bytes, and a known vector.
        let expected = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data("s3cret".utf8)))
        #expect(signature == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        #expect(WebhookNotifier.signature(body: Data("what do ya want for nothing?".utf8), secret: Array("Jefe".utf8))
                == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func bodyCarriesTheCanonicalAlertAndTheAction() throws {
        let body = try WebhookNotifier.body(for: Self.delivery)
        let json = try JSONDecoder().decode(JSONValue.self, from: body)
        #expect(json["action"] == .string("CREATE"))
        #expect(json["idempotency_key"] == .string("abc123:2:hook:CREATE:1"))
        #expect(json["alert"]?["title"] == .string("CPU high"))
        #expect(json["alert"]?["occurred_at"] == .string("2025-06-15T15:06:40.000Z"))
        #expect(json["alert"]?["schema_version"] == .int(1))
    }

    @Test func sendsSignedRequestsAndMapsStatuses() async throws {
        let server = RecordingHTTPServer()
        try await server.start()
        defer { server.stop() }
        server.script([
            .init(status: 204),
            .init(status: 429, headers: ["Retry-After": "7"]),
            .init(status: 503),
            .init(status: 404),
        ])
        let notifier = WebhookNotifier(
            name: "hook", url: "\(server.url)/hook?token=very-secret", secret: "s3cret", headers: ["X-Team": "sre"],
            client: .shared, clock: ManualClock())
        #expect(await notifier.send(Self.delivery) == .ok)
        #expect(await notifier.send(Self.delivery) == .retryable(after: .seconds(7), reason: "HTTP 429 rate limited"))
        #expect(await notifier.send(Self.delivery) == .retryable(after: nil, reason: "HTTP 503"))
        #expect(await notifier.send(Self.delivery) == .permanent(reason: "HTTP 404"))

        let first = try #require(server.requests.first)
        #expect(first.path == "/hook")
        #expect(first.headers["content-type"] == "application/json")
        #expect(first.headers["x-team"] == "sre")
        #expect(first.headers["x-klaxon-idempotency-key"] == "abc123:2:hook:CREATE:1")
        #expect(first.headers["x-klaxon-signature"] == WebhookNotifier.signature(body: first.body, secret: Array("s3cret".utf8)))
    }

    @Test func unreachableIsRetryableAndTheReasonHidesTheURL() async throws {
        let port = try freeLoopbackPort()
        let notifier = WebhookNotifier(name: "hook", url: "http://127.0.0.1:\(port)/hook?token=very-secret", secret: nil, client: .shared, clock: ManualClock())
        let outcome = await notifier.send(Self.delivery)
        guard case .retryable(_, let reason) = outcome else {
            Issue.record("expected retryable, got \(outcome)")
            return
        }
        #expect(!reason.contains("very-secret"))
        #expect(!reason.contains("127.0.0.1"))
    }

    @Test(arguments: [(200, "ok"), (299, "ok"), (408, "retryable"), (429, "retryable"), (500, "retryable"), (599, "retryable"), (400, "permanent"), (401, "permanent"), (410, "permanent")])
    func classification(_ status: Int, expected: String) {
        #expect(HTTPOutcome.classify(status: status, retryAfter: nil, now: Date()).label == expected)
    }

    @Test func consoleLine() {
        let line = ConsoleNotifier.line(for: Self.delivery, format: .text)
        #expect(line == "2025-06-15T15:06:40.000Z CREATE P1 FIRING cloudwatch \"CPU high\" teams=platform fp=abc123 receiver=hook")
    }

    @Test func consoleBatchIsOneWriteWithALineForEachDeliveryInOrder() async {
        let writes = Mutex<[[String]]>([])
        let console = ConsoleNotifier(name: "console", writeLines: { lines in writes.withLock { $0.append(lines) } })
        var batch: [Delivery] = []
        for (index, title) in ["first", "second \"quoted\"", "third"].enumerated() {
            var delivery = Self.delivery
            delivery.alert.title = title
            delivery.fingerprint = "fp\(index)"
            batch.append(delivery)
        }
        #expect(console.maxBatch > 1)
        #expect(await console.send(batch: batch) == .ok)
        #expect(await console.send(Self.delivery) == .ok)
        let seen = writes.withLock { $0 }
        #expect(seen.count == 2)
        #expect(seen.first == batch.map { ConsoleNotifier.line(for: $0, format: .text) })
        #expect(seen.first?[1].contains("\"second 'quoted'\"") == true)
        #expect(seen.last == [ConsoleNotifier.line(for: Self.delivery, format: .text)])
        #expect(ConsoleNotifier.text(of: ["a b", "", "c"]) == Array("a b\n\nc\n".utf8))
        #expect(ConsoleNotifier.text(of: []).isEmpty)
    }

    @Test func consoleGivenOneLineAtATimeGetsEachLineOfABatchAlone() async {
        let lines = Mutex<[String]>([])
        let console = ConsoleNotifier(name: "console", write: { line in lines.withLock { $0.append(line) } })
        #expect(await console.send(batch: [Self.delivery, Self.delivery]) == .ok)
        let line = ConsoleNotifier.line(for: Self.delivery, format: .text)
        #expect(lines.withLock { $0 } == [line, line])
    }
}
