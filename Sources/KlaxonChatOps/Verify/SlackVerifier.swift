import Crypto
import Foundation
import KlaxonCore

/// Checks that a request comes from Slack: `X-Slack-Signature` is `v0=` and the hex HMAC-SHA256,
/// keyed with the app's signing secret, of `v0:{X-Slack-Request-Timestamp}:{raw body}`; a
/// timestamp more than five minutes off is refused against replays.
///
/// Spec: https://api.slack.com/authentication/verifying-requests-from-slack
package struct SlackVerifier: Sendable {
    package static let signatureHeader = "X-Slack-Signature"
    package static let timestampHeader = "X-Slack-Request-Timestamp"

    private let key: SymmetricKey

    /// `signingSecret` is read from configuration by reference; it is kept only as a key.
    package init(signingSecret: String) {
        key = SymmetricKey(data: Array(signingSecret.utf8))
    }

    package func verify(signature: String?, timestamp: String?, body: some DataProtocol, now: Date) throws(ChatAuthError) {
        guard let signature, !signature.isEmpty else { throw ChatAuthError(.missingSignature) }
        guard let timestamp, !timestamp.isEmpty else { throw ChatAuthError(.missingTimestamp) }
        guard signature.hasPrefix("v0="), let given = Hex.decode(signature.dropFirst(3)), given.count == 32 else {
            throw ChatAuthError(.malformedSignature)
        }
        try RequestTimestamp.check(timestamp, now: now)
        var message = Array("v0:\(timestamp):".utf8)
        message.append(contentsOf: body)
        // isValidAuthenticationCode compares in constant time.
        guard HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: message, using: key) else {
            throw ChatAuthError(.badSignature)
        }
    }

    /// The header value Slack would send for `body` at `timestamp` (for the stand-ins and bench).
    package func signature(timestamp: String, body: some DataProtocol) -> String {
        var message = Array("v0:\(timestamp):".utf8)
        message.append(contentsOf: body)
        return "v0=" + Hex.encode(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }
}
