import Foundation
import KlaxonCore
import KlaxonRouting

/// Checks inbound credentials: `Authorization: Bearer <token>` on every ingest route, and on the
/// Grafana route also `X-Grafana-Token: <token>`. Several tokens may be valid at once (rotation).
/// Comparison is `Secret`'s constant-time one, over every configured token, so timing says nothing
/// about which token or how much of it matched.
///
/// A token given by ARN is fetched (through the resolver's cache) when a request is checked. When
/// no token matches and one of them could not be fetched, the answer is ``Verdict/unavailable``
/// (a 503 the sender retries), not a refusal: the credential may well be right.
package struct IngestAuth: Sendable {
    package enum Verdict: Sendable, Equatable {
        case accepted
        case rejected
        case unavailable
    }

    private let bearerTokens: [Secret]
    private let grafanaTokens: [Secret]

    package init(bearerTokens: [Secret], grafanaTokens: [Secret]) {
        self.bearerTokens = bearerTokens
        self.grafanaTokens = grafanaTokens + bearerTokens
    }

    package func check(authorization: String?, grafanaToken: String?) async -> Verdict {
        var ok = false
        var unfetched = false
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let result = await bearerTokens.containsConstantTime(resolving: parts[1].trimmingWhitespace())
                ok = ok || result.matched
                unfetched = unfetched || !result.failures.isEmpty
            }
        }
        if let grafanaToken {
            let result = await grafanaTokens.containsConstantTime(resolving: grafanaToken.trimmingWhitespace())
            ok = ok || result.matched
            unfetched = unfetched || !result.failures.isEmpty
        }
        if ok { return .accepted }
        return unfetched ? .unavailable : .rejected
    }
}
