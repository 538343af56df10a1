import Foundation
import KlaxonRouting

/// Checks inbound credentials: `Authorization: Bearer <token>` on every ingest route, and on the
/// Grafana route also `X-Grafana-Token: <token>`. Several tokens may be valid at once (rotation).
/// Every candidate is compared in constant time, and every configured token is tried, so timing
/// says nothing about which token or how much of it matched.
package struct IngestAuth: Sendable {
    private let bearerTokens: [[UInt8]]
    private let grafanaTokens: [[UInt8]]

    package init(bearerTokens: [String], grafanaTokens: [String]) {
        self.bearerTokens = bearerTokens.filter { !$0.isEmpty }.map { Array($0.utf8) }
        self.grafanaTokens = grafanaTokens.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    package func accepts(authorization: String?, grafanaToken: String?) -> Bool {
        var ok = false
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let candidate = Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
                for token in bearerTokens where Self.constantTimeEquals(token, candidate) { ok = true }
            }
        }
        if let grafanaToken {
            let candidate = Array(grafanaToken.trimmingCharacters(in: .whitespaces).utf8)
            for token in grafanaTokens + bearerTokens where Self.constantTimeEquals(token, candidate) { ok = true }
        }
        return ok
    }

    /// Compares every byte of the expected token whatever the candidate's length.
    package static func constantTimeEquals(_ expected: [UInt8], _ candidate: [UInt8]) -> Bool {
        var difference = UInt8(expected.count == candidate.count ? 0 : 1)
        for index in expected.indices {
            let other = index < candidate.count ? candidate[index] : 0
            difference |= expected[index] ^ other
        }
        return difference == 0 && !expected.isEmpty
    }
}
