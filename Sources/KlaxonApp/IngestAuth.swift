import Foundation
import KlaxonCore
import KlaxonRouting

/// Checks inbound credentials: `Authorization: Bearer <token>` on every ingest route, and on the
/// Grafana route also `X-Grafana-Token: <token>`. Several tokens may be valid at once (rotation).
/// Comparison is `Secret`'s constant-time one, over every configured token, so timing says nothing
/// about which token or how much of it matched.
package struct IngestAuth: Sendable {
    private let bearerTokens: [Secret]
    private let grafanaTokens: [Secret]

    package init(bearerTokens: [Secret], grafanaTokens: [Secret]) {
        self.bearerTokens = bearerTokens
        self.grafanaTokens = grafanaTokens + bearerTokens
    }

    package func accepts(authorization: String?, grafanaToken: String?) -> Bool {
        var ok = false
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer",
               bearerTokens.containsConstantTime(parts[1].trimmingWhitespace()) {
                ok = true
            }
        }
        if let grafanaToken, grafanaTokens.containsConstantTime(grafanaToken.trimmingWhitespace()) {
            ok = true
        }
        return ok
    }
}
