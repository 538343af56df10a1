import Foundation
import _CryptoExtras

/// The JSON Web Token a GitHub App signs to ask for installation access tokens.
///
/// Claims as GitHub documents them ("Generating a JSON Web Token (JWT) for a GitHub App",
/// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
/// `iat` 60 seconds in the past (clock drift), `exp` no more than 10 minutes after it is issued
/// (Klaxon uses 9), `iss` the app id; `alg` RS256, i.e. RSASSA-PKCS1-v1_5 with SHA-256. swift-crypto's
/// `_RSA` defaults to PSS, so the padding is asked for explicitly.
package enum GitHubAppJWT {
    /// How long before `now` the token says it was issued.
    package static let backdate: TimeInterval = 60
    /// How long after `now` it expires (GitHub allows at most 10 minutes from issue).
    package static let lifetime: TimeInterval = 540

    /// A signed JWT for `appId` at `now`.
    package static func make(appId: String, key: _RSA.Signing.PrivateKey, now: Date) throws -> String {
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let issuer = Int64(appId).map(String.init) ?? "\"" + appId.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" } + "\""
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        let claims = #"{"iat":\#(seconds - Int64(backdate)),"exp":\#(seconds + Int64(lifetime)),"iss":\#(issuer)}"#
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let signature = try key.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }

    /// Base64url without padding (RFC 7515 §2).
    package static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The inverse of ``base64URL(_:)``.
    package static func decodeBase64URL(_ text: some StringProtocol) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}
