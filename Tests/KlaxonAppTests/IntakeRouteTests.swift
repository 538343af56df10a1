import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// Every case runs twice: through the Hummingbird routes alone (`router`), and over real HTTP
/// through `klaxon serve`'s server (`live`), whose channel pipeline answers ingest requests itself.
@Suite("HTTP intake: auth, limits, bad input, durability before 2xx")
struct IntakeRouteTests {
    static let bearer: HTTPFields = [.authorization: "Bearer \(AppHarness.token)", .contentType: "application/json"]

    @Test(arguments: AppHarness.Transport.allCases, [nil, "Bearer wrong", "Bearer ", "Basic dGVzdA==", "bearer test-token-1x", "test-token-1"] as [String?])
    func refusesBadTokensAndStoresNothing(_ transport: AppHarness.Transport, _ authorization: String?) async throws {
        let harness = try AppHarness()
        try await harness.test(transport) { client in
            var headers: HTTPFields = [.contentType: "application/json"]
            if let authorization { headers[.authorization] = authorization }
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: headers, body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == #"{"error":"unauthorized"}"#)
            }
        }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test(arguments: AppHarness.Transport.allCases)
    func bearerIsCaseInsensitiveAndGrafanaHeaderWorksOnlyOnGrafana(_ transport: AppHarness.Transport) async throws {
        let harness = try AppHarness()
        try await harness.test(transport) { client in
            try await client.execute(uri: "/webhooks/grafana", method: .post, headers: [HTTPField.Name("X-Grafana-Token")!: "grafana-token"], body: ByteBuffer(data: try Fixture.data("grafana-firing.json"))) { response in
                #expect(response.status == .accepted)
            }
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [HTTPField.Name("X-Grafana-Token")!: "grafana-token"], body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "bearer \(AppHarness.token)"], body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .accepted)
            }
        }
        #expect(try await harness.storage.inboxDepth() == 2)
    }

    @Test(arguments: AppHarness.Transport.allCases)
    func oversizeBodyIs413(_ transport: AppHarness.Transport) async throws {
        let harness = try AppHarness()
        let big = ByteBuffer(string: "[" + String(repeating: "1,", count: 40_000) + "1]")
        try await harness.test(transport) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: Self.bearer, body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test(arguments: AppHarness.Transport.allCases, [
        ("{\"a\": 1,}", "malformed JSON"),
        ("{\"a\": ", "malformed JSON"),
        ("not json", "malformed JSON"),
        ("", "empty body"),
    ])
    func malformedBodyIs400WithTheProblem(_ transport: AppHarness.Transport, _ example: (body: String, expected: String)) async throws {
        let (body, expected) = example
        let harness = try AppHarness()
        try await harness.test(transport) { client in
            try await client.execute(uri: "/webhooks/alertmanager", method: .post, headers: Self.bearer, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let reply = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(reply["error"]?.contains(expected) == true)
            }
        }
        #expect(try await harness.storage.inboxDepth() == 0)
    }

    @Test(arguments: AppHarness.Transport.allCases)
    func acceptedMeansStored(_ transport: AppHarness.Transport) async throws {
        let harness = try AppHarness()
        try await harness.test(transport) { client in
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: Self.bearer, body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .accepted)
                #expect(String(buffer: response.body).contains("\"status\":\"accepted\""))
            }
            try await client.execute(uri: "/api/v2/alerts", method: .post, headers: Self.bearer, body: ByteBuffer(string: #"[{"labels":{"alertname":"X","team":"web"}}]"#)) { response in
                #expect(response.status == .ok)
            }
        }
        let pending = try await harness.storage.pending(limit: 10)
        #expect(pending.map(\.item.kind) == ["cloudwatch", "alertmanager-api"])
        #expect(pending.first?.item.body == (try Fixture.data("cloudwatch-alarm.json")))
    }

    @Test(arguments: AppHarness.Transport.allCases)
    func healthReadinessAndMetrics(_ transport: AppHarness.Transport) async throws {
        let harness = try AppHarness()
        try await harness.test(transport) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: Self.bearer, body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("klaxon_payloads_received_total{kind=\"cloudwatch\"} 1"))
                #expect(text.contains("klaxon_inbox_depth 1"))
                #expect(text.contains("klaxon_outbox_depth 0"))
            }
            await harness.storage.setFailing(true)
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: Self.bearer, body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test(arguments: AppHarness.Transport.allCases, [("abc-123:x.y_z", true), ("a\"b", false), ("", false), (String(repeating: "x", count: 65), false)])
    func requestIdsAreEchoedOnlyWhenSafe(_ transport: AppHarness.Transport, _ example: (id: String, kept: Bool)) async throws {
        let (id, kept) = example
        let harness = try AppHarness()
        try await harness.test(transport) { client in
            var headers = Self.bearer
            headers[HTTPField.Name("X-Request-Id")!] = id
            try await client.execute(uri: "/api/v1/events", method: .post, headers: headers, body: ByteBuffer(string: #"{"title":"t","severity":"info"}"#)) { response in
                #expect(response.status == .accepted)
                let reply = try JSONDecoder().decode([String: JSONValue].self, from: Data(buffer: response.body))
                #expect((reply["request_id"] == .string(id)) == kept)
            }
        }
    }
}
