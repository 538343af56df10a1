import AsyncHTTPClient
import Crypto
import Foundation
import KlaxonCore
import KlaxonPipeline
import NIOCore
import NIOFoundationCompat

/// POSTs the canonical alert with its lifecycle action to a URL.
///
/// Body: `{"version":"1","receiver","action","fingerprint","occurrence","sequence","idempotency_key","alert":{AlertEvent}}`.
/// With a secret, `X-Klaxon-Signature: sha256=<hex HMAC-SHA256 of the body>` lets the receiver
/// check the sender. `X-Klaxon-Idempotency-Key` repeats the delivery key so a receiver can drop
/// the rare duplicate (a retry after a lost answer). 2xx → ok; 408, 429 (with Retry-After), 5xx and
/// network failures → retryable; other 4xx → permanent. Reasons never contain the URL.
///
/// The URL and the HMAC key are ``Secret``s resolved at each send (a reference is fetched through
/// its resolver's cache); one that cannot be fetched makes the send retryable.
package struct WebhookNotifier: Notifier {
    package let name: String
    private let url: Secret
    private let secret: Secret?
    private let headers: [(String, String)]
    private let timeout: Duration
    private let client: HTTPClient
    private let clock: any WallClock

    package init(name: String, url: Secret, secret: Secret?, headers: [String: String] = [:], timeout: Duration = .seconds(10), client: HTTPClient, clock: any WallClock) {
        self.name = name
        self.url = url
        self.secret = secret
        self.headers = headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.timeout = timeout
        self.client = client
        self.clock = clock
    }

    /// With the URL and key given as text.
    package init(name: String, url: String, secret: String?, headers: [String: String] = [:], timeout: Duration = .seconds(10), client: HTTPClient, clock: any WallClock) {
        self.init(name: name, url: Secret(url), secret: secret.map(Secret.init), headers: headers, timeout: timeout, client: client, clock: clock)
    }

    /// The JSON body sent for a delivery.
    package static func body(for delivery: Delivery) throws -> Data {
        let payload = WebhookPayload(
            version: "1", receiver: delivery.receiver, action: delivery.action.rawValue, fingerprint: delivery.fingerprint,
            occurrence: delivery.occurrence, sequence: delivery.sequence, idempotencyKey: delivery.idempotencyKey, alert: delivery.alert)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(payload)
    }

    /// `sha256=<hex>` over the exact body bytes.
    package static func signature(body: Data, secret: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + mac.hexString
    }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        let body: Data
        do {
            body = try Self.body(for: delivery)
        } catch {
            return .permanent(reason: "could not encode the alert")
        }
        let url: String
        var key: [UInt8]?
        do {
            url = try await self.url.resolve()
            if let secret { key = Array(try await secret.resolve().utf8) }
        } catch {
            return .retryable(after: nil, reason: error.description)
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "klaxon")
        request.headers.add(name: "X-Klaxon-Idempotency-Key", value: delivery.idempotencyKey)
        if let key {
            request.headers.add(name: "X-Klaxon-Signature", value: Self.signature(body: body, secret: key))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
            // Drain a little of the body so the connection can be reused; the content is not used.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return HTTPOutcome.classify(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"), now: clock.now())
        } catch {
            return .retryable(after: nil, reason: HTTPOutcome.describe(error))
        }
    }
}

private struct WebhookPayload: Encodable {
    var version: String
    var receiver: String
    var action: String
    var fingerprint: String
    var occurrence: Int
    var sequence: Int
    var idempotencyKey: String
    var alert: AlertEvent

    enum CodingKeys: String, CodingKey {
        case version, receiver, action, fingerprint, occurrence, sequence
        case idempotencyKey = "idempotency_key"
        case alert
    }
}
