import AsyncHTTPClient
import Crypto
import Foundation
import KlaxonCore
import NIOCore
import NIOFoundationCompat

/// Sends a Discord interaction to a running klaxon as Discord does: Ed25519 over the timestamp
/// and the raw body, with the application's key.
enum LiveDiscordInteraction {
    static func send(_ body: String, to klaxon: LiveKlaxon, key: Curve25519.Signing.PrivateKey) async throws -> (status: Int, body: String) {
        let timestamp = String(Int64(Date().timeIntervalSince1970))
        var request = HTTPClientRequest(url: klaxon.baseURL + "/discord/interactions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Signature-Timestamp", value: timestamp)
        request.headers.add(name: "X-Signature-Ed25519", value: Hex.encode(try key.signature(for: Data((timestamp + body).utf8))))
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
}
