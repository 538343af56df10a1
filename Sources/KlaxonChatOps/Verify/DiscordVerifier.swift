import Crypto
import Foundation
import KlaxonCore

/// Checks that an interaction request comes from Discord: `X-Signature-Ed25519` is the Ed25519
/// signature of `X-Signature-Timestamp` followed by the raw body, made with the application's key.
///
/// Spec: https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
/// Discord checks the endpoint with invalid signatures and expects 401 for each, so every failure
/// here — missing header, bad hex, stale or garbage timestamp, bad signature — is one error.
package struct DiscordVerifier: Sendable {
    package static let signatureHeader = "X-Signature-Ed25519"
    package static let timestampHeader = "X-Signature-Timestamp"

    private let key: Curve25519.Signing.PublicKey

    /// `publicKeyHex` is the 32-byte key shown on the application's page, as 64 hex digits.
    package init?(publicKeyHex: String) {
        guard let bytes = Hex.decode(publicKeyHex), bytes.count == 32,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        else { return nil }
        self.key = key
    }

    /// Throws ``ChatAuthError`` unless the signature verifies and the timestamp is fresh.
    package func verify(signature: String?, timestamp: String?, body: some DataProtocol, now: Date) throws(ChatAuthError) {
        guard let signature, !signature.isEmpty else { throw ChatAuthError(.missingSignature) }
        guard let timestamp, !timestamp.isEmpty else { throw ChatAuthError(.missingTimestamp) }
        guard let signatureBytes = Hex.decode(signature), signatureBytes.count == 64 else { throw ChatAuthError(.malformedSignature) }
        try RequestTimestamp.check(timestamp, now: now)
        guard Self.isValid(signature: signatureBytes, message: Array(timestamp.utf8) + Array(body), key: key) else {
            throw ChatAuthError(.badSignature)
        }
    }

    /// The bare Ed25519 check, for the table tests over published vectors.
    package static func isValid(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return isValid(signature: signature, message: message, key: key)
    }

    private static func isValid(signature: [UInt8], message: [UInt8], key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: message)
    }
}
