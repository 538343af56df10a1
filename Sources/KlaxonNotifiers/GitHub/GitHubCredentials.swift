import Foundation
import KlaxonCore
import KlaxonPipeline
import _CryptoExtras

/// The `Authorization` header for GitHub: a personal token as is, or a GitHub App installation
/// token, bought with a fresh JWT (``GitHubAppJWT``) from
/// `POST /app/installations/{installation_id}/access_tokens` and kept until shortly before its
/// `expires_at`. Installation tokens are opaque strings of no fixed length (GitHub's 2026 token
/// format made that explicit), so nothing here looks at their shape.
package actor GitHubCredentials {
    package enum Mode: Sendable {
        /// A token, resolved at each send (a reference is fetched through its resolver's cache).
        case token(Secret)
        case app(appId: String, installationId: String, key: _RSA.Signing.PrivateKey)
        /// App mode whose PEM key is given by ARN: fetched and parsed each time a token is bought.
        case appKeyReference(appId: String, installationId: String, pem: Secret)
        /// A configured key that could not be read: every send says so.
        case unusableKey
    }

    /// A cached installation token is replaced this long before it expires.
    package static let refreshMargin: TimeInterval = 300

    private let mode: Mode
    private var cached: (token: String, expiresAt: Date)?
    /// How many installation tokens were bought (for tests).
    package private(set) var tokensIssued = 0

    package init(mode: Mode) {
        self.mode = mode
    }

    /// App mode from a PEM private key (PKCS#1 `RSA PRIVATE KEY` or PKCS#8 `PRIVATE KEY`, 2048
    /// bits or more). The error says what is wrong without quoting the key.
    package static func appMode(appId: String, installationId: String, pem: String) throws(KeyProblem) -> Mode {
        do {
            return .app(appId: appId, installationId: installationId, key: try _RSA.Signing.PrivateKey(pemRepresentation: pem))
        } catch {
            throw KeyProblem()
        }
    }

    package struct KeyProblem: Error, CustomStringConvertible {
        package var description: String { "the GitHub App private key is not an RSA private key of 2048 bits or more in PEM form" }
    }

    /// The header value, or the outcome to report when no token could be had.
    package func authorization(api: GitHubAPI, now: Date) async -> Result<String, GitHubFailure> {
        switch mode {
        case .token(let token):
            do {
                return .success("Bearer \(try await token.resolve())")
            } catch {
                return .failure(GitHubFailure(.retryable(after: nil, reason: error.description)))
            }
        case .unusableKey:
            return .failure(GitHubFailure(.permanent(reason: KeyProblem().description)))
        case .app(let appId, let installationId, let key):
            return await installationToken(api: api, now: now, appId: appId, installationId: installationId, key: key)
        case .appKeyReference(let appId, let installationId, let pem):
            if let cached, now.addingTimeInterval(Self.refreshMargin) < cached.expiresAt {
                return .success("Bearer \(cached.token)")
            }
            let text: String
            do {
                text = try await pem.resolve()
            } catch {
                return .failure(GitHubFailure(.retryable(after: nil, reason: error.description)))
            }
            guard case .app(_, _, let key) = try? Self.appMode(appId: appId, installationId: installationId, pem: text) else {
                return .failure(GitHubFailure(.permanent(reason: KeyProblem().description)))
            }
            return await installationToken(api: api, now: now, appId: appId, installationId: installationId, key: key)
        }
    }

    /// The cached installation token, or a new one bought with a JWT signed by `key`.
    private func installationToken(
        api: GitHubAPI, now: Date, appId: String, installationId: String, key: _RSA.Signing.PrivateKey
    ) async -> Result<String, GitHubFailure> {
        if let cached, now.addingTimeInterval(Self.refreshMargin) < cached.expiresAt {
            return .success("Bearer \(cached.token)")
        }
        let jwt: String
        do {
            jwt = try GitHubAppJWT.make(appId: appId, key: key, now: now)
        } catch {
            return .failure(GitHubFailure(.permanent(reason: "the GitHub App private key could not sign a JWT")))
        }
        let answer: GitHubAPI.Answer
        do {
            answer = try await api.call(.post, "/app/installations/\(installationId)/access_tokens", json: nil, authorization: "Bearer \(jwt)")
        } catch {
            return .failure(GitHubFailure(.retryable(after: nil, reason: "installation token: " + HTTPOutcome.describe(error))))
        }
        guard answer.status == 201 || answer.status == 200 else {
            let outcome = GitHubResponse.classify(status: answer.status, headers: answer.rate, body: String(decoding: answer.body, as: UTF8.self), now: now)
            switch outcome {
            case .retryable(let after, let reason): return .failure(GitHubFailure(.retryable(after: after, reason: "installation token: \(reason)")))
            case .permanent(let reason): return .failure(GitHubFailure(.permanent(reason: "installation token: \(reason)")))
            case .ok: return .failure(GitHubFailure(.retryable(after: nil, reason: "installation token: unexpected answer")))
            }
        }
        guard let token = try? JSONDecoder().decode(InstallationToken.self, from: answer.body), !token.token.isEmpty,
              let expiresAt = Timestamp.parse(token.expiresAt)
        else {
            return .failure(GitHubFailure(.retryable(after: nil, reason: "installation token: the answer had no token or expires_at")))
        }
        cached = (token.token, expiresAt)
        tokensIssued += 1
        return .success("Bearer \(token.token)")
    }

    /// Forgets a cached installation token that GitHub refused (it was revoked or expired early).
    package func invalidate() -> Bool {
        switch mode {
        case .app, .appKeyReference: break
        case .token, .unusableKey: return false
        }
        cached = nil
        return true
    }

    private struct InstallationToken: Decodable {
        var token: String
        var expiresAt: String
        enum CodingKeys: String, CodingKey {
            case token
            case expiresAt = "expires_at"
        }
    }
}

/// A send that stopped early, with the outcome to report.
package struct GitHubFailure: Error, Sendable {
    package var outcome: DeliveryOutcome
    package init(_ outcome: DeliveryOutcome) { self.outcome = outcome }
}
