import AsyncHTTPClient
import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonStore
import KlaxonTesting
import NIOCore
import Testing

@Suite("Discord notifier against the Discord stand-in", .serialized)
struct DiscordNotifierTests {
    static func notifier(_ standIn: DiscordStandIn, refs: InMemoryStorage?, style: DiscordMessageBuilder.Style = .embed, url: String? = nil,
                         timeout: Duration = .seconds(5)) throws -> DiscordNotifier {
        DiscordNotifier(
            name: "ops", url: url ?? standIn.webhookURL, builder: try NotifierSamples.discord(style, buttons: true), editOnResolve: true, refs: refs,
            client: .shared, timeout: timeout, clock: ManualClock(NotifierSamples.at))
    }

    @Test func postsTheEmbedThenEditsItInPlaceOnResolve() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        let notifier = try Self.notifier(standIn, refs: refs)

        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        let first = try #require(standIn.server.requests.first)
        #expect(first.method == "POST")
        #expect(first.queryValue("wait") == "true")
        let id = try #require(standIn.messages.first?.id)
        let fingerprint = NotifierSamples.create().fingerprint
        #expect(try await refs.messageRef(receiver: "ops", fingerprint: fingerprint, occurrence: 1) == id)

        #expect(await notifier.send(NotifierSamples.close()) == .ok)
        let requests = standIn.server.requests
        #expect(requests.map(\.method) == ["POST", "PATCH", "POST"])
        #expect(requests[1].path.hasSuffix("/messages/\(id)"))
        let messages = standIn.messages
        #expect(messages.count == 2)
        let edited = messages[0].message
        #expect(edited["embeds"]?.arrayValue?.first?["color"] == .int(0x00DD00))
        #expect(edited["embeds"]?.arrayValue?.first?["title"]?.stringValue?.contains("RESOLVED") == true)
        #expect(edited["username"] == .string("🟡 Staging Bot"))
        #expect(messages[1].message["content"] == .string("✅ Resolved: **prod-api-CPU-high**"))
    }

    @Test func aResolveWhoseOriginalWasDeletedPostsTheResolvedEmbed() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        try await refs.setMessageRef(receiver: "ops", fingerprint: NotifierSamples.close().fingerprint, occurrence: 1, ref: "999", at: NotifierSamples.at)
        let notifier = try Self.notifier(standIn, refs: refs)
        #expect(await notifier.send(NotifierSamples.close()) == .ok)
        #expect(standIn.server.requests.map(\.answeredStatus) == [404, 200])
        #expect(standIn.messages.first?.message["embeds"]?.arrayValue?.first?["color"] == .int(0x00DD00))
    }

    @Test func aBatchBecomesOneMessageAndIsNotKeptForEditing() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        let notifier = try Self.notifier(standIn, refs: refs)
        #expect(notifier.maxBatch == 10)
        #expect(notifier.sendRate == SendRate(count: 5, per: .seconds(2)))
        let batch = (0..<10).map { NotifierSamples.delivery(NotifierSamples.alert(description: String(repeating: "x", count: 3000)), fingerprint: "fp\($0)") }
        #expect(await notifier.send(batch: batch) == .ok)
        #expect(standIn.server.requests.count == 1)
        #expect(standIn.messages.first?.message["embeds"]?.arrayValue?.count == 10)
        #expect(try await refs.messageRef(receiver: "ops", fingerprint: "fp0", occurrence: 1) == nil)
    }

    @Test func aMixedBatchEditsTheResolvedOriginalAndCarriesItsLineWithTheNewEmbeds() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let refs = InMemoryStorage()
        let notifier = try Self.notifier(standIn, refs: refs)
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        let originalID = try #require(standIn.messages.first?.id)
        let other = NotifierSamples.delivery(NotifierSamples.alert(priority: .p2), fingerprint: "fp-other")
        #expect(await notifier.send(batch: [NotifierSamples.close(), other]) == .ok)
        #expect(standIn.server.requests.map(\.method) == ["POST", "PATCH", "POST"])
        let batched = try #require(standIn.messages.last?.message)
        #expect(batched["content"] == .string("✅ Resolved: **prod-api-CPU-high**"))
        #expect(batched["embeds"]?.arrayValue?.map { $0["color"] } == [.int(0xFF9900)])
        #expect(standIn.messages.first { $0.id == originalID }?.message["embeds"]?.arrayValue?.first?["color"] == .int(0x00DD00))
    }

    @Test func rateLimitHonoursDiscordsRetryAfter() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        standIn.server.inject([.rateLimited(retryAfter: 0.75)])
        let notifier = try Self.notifier(standIn, refs: nil)
        #expect(await notifier.send(NotifierSamples.create()) == .retryable(after: .milliseconds(750), reason: "Discord 429 rate limited"))
        #expect(await notifier.send(NotifierSamples.create()) == .ok)
        #expect(standIn.messages.count == 1)
    }

    @Test func failuresAreRetryableOrPermanentAndNeverShowTheWebhookURL() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        var reasons: [String] = []
        standIn.server.inject([.serverError, .noAnswer])
        let fast = try Self.notifier(standIn, refs: nil, timeout: .milliseconds(300))
        for _ in 0..<2 {
            let outcome = await fast.send(NotifierSamples.create())
            guard case .retryable(_, let reason) = outcome else {
                Issue.record("expected retryable, got \(outcome)")
                continue
            }
            reasons.append(reason)
        }
        let wrongToken = try Self.notifier(standIn, refs: nil, url: "\(standIn.server.baseURL)/api/webhooks/\(standIn.webhookID)/not-the-token-s3cr3t")
        let refused = await wrongToken.send(NotifierSamples.create())
        guard case .permanent(let reason) = refused else {
            Issue.record("expected permanent, got \(refused)")
            return
        }
        reasons.append(reason)
        let down = try Self.notifier(standIn, refs: nil, url: "http://127.0.0.1:9/api/webhooks/1/closed-port-s3cr3t")
        if case .retryable(_, let reason) = await down.send(NotifierSamples.create()) { reasons.append(reason) } else { Issue.record("closed port must be retryable") }
        #expect(reasons.count == 4)
        for reason in reasons {
            #expect(!reason.contains(standIn.token))
            #expect(!reason.contains("s3cr3t"))
            #expect(!reason.contains("127.0.0.1"))
            #expect(!reason.contains("/api/webhooks"))
        }
    }

    @Test func plainStyleAndAWebhookURLWithAThreadKeepsItsQuery() {
        #expect(DiscordNotifier.url("https://discord.com/api/webhooks/1/abc?thread_id=42", messageID: nil, wait: true)
                == "https://discord.com/api/webhooks/1/abc?thread_id=42&wait=true")
        #expect(DiscordNotifier.url("https://discord.com/api/webhooks/1/abc/", messageID: "77", wait: false)
                == "https://discord.com/api/webhooks/1/abc/messages/77")
    }

    @Test func theStandInRefusesAMessageOverALimitWithDiscords400() async throws {
        let standIn = DiscordStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        var request = HTTPClientRequest(url: standIn.webhookURL + "?wait=true")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(.init(string: #"{"content":"\#(String(repeating: "x", count: 2001))"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 400)
        #expect(String(buffer: body).contains("50035"))
        #expect(standIn.messages.isEmpty)
    }
}
