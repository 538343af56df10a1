import Foundation
import KlaxonNotifiers
import KlaxonRouting

extension KlaxonServer {
    /// The credentials mode for a GitHub receiver. A key that does not parse was already refused
    /// at start-up by ``checkGitHubKeys(_:)``; should one get here anyway, every send reports it.
    static func gitHubMode(_ auth: GitHubReceiverConfig.Auth) -> GitHubCredentials.Mode {
        switch auth {
        case .token(let token):
            return .token(token)
        case .app(let appId, let installationId, let key):
            if key.reference != nil { return .appKeyReference(appId: appId, installationId: installationId, pem: key) }
            return (try? GitHubCredentials.appMode(appId: appId, installationId: installationId, pem: key.value)) ?? .unusableKey
        }
    }

    /// Problems with GitHub App keys, one line per receiver, for `klaxon serve` to refuse to start.
    package static func checkGitHubKeys(_ config: KlaxonConfig) -> [String] {
        config.receivers.compactMap { receiver -> String? in
            // A key given by ARN is fetched at first use; a bad one makes each send permanent then.
            guard case .github(let github) = receiver.kind, case .app(let appId, let installationId, let key) = github.auth,
                  key.reference == nil else { return nil }
            do throws(GitHubCredentials.KeyProblem) {
                _ = try GitHubCredentials.appMode(appId: appId, installationId: installationId, pem: key.value)
                return nil
            } catch {
                return "receiver \"\(receiver.name)\": github.private_key: \(error.description)"
            }
        }
    }
}
