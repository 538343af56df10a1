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
    /// Every token was given in the configuration: a check needs no fetch and no task.
    private let allGiven: Bool

    package init(bearerTokens: [Secret], grafanaTokens: [Secret]) {
        self.bearerTokens = bearerTokens
        self.grafanaTokens = grafanaTokens + bearerTokens
        allGiven = self.grafanaTokens.allSatisfy { $0.reference == nil }
    }

    /// The verdict without suspending, or nil when a token given by ARN has to be resolved
    /// first (then call ``check(authorization:grafanaToken:)``).
    package func checkGiven(authorization: String?, grafanaToken: String?) -> Verdict? {
        guard allGiven else { return nil }
        var ok = false
        if let candidate = authorization.flatMap(Self.bearer) {
            ok = bearerTokens.containsConstantTime(candidate)
        }
        if let grafanaToken {
            ok = grafanaTokens.containsConstantTime(grafanaToken.trimmingWhitespace()) || ok
        }
        return ok ? .accepted : .rejected
    }

    package func check(authorization: String?, grafanaToken: String?) async -> Verdict {
        var ok = false
        var unfetched = false
        if let candidate = authorization.flatMap(Self.bearer) {
            let result = await bearerTokens.containsConstantTime(resolving: candidate)
            ok = ok || result.matched
            unfetched = unfetched || !result.failures.isEmpty
        }
        if let grafanaToken {
            let result = await grafanaTokens.containsConstantTime(resolving: grafanaToken.trimmingWhitespace())
            ok = ok || result.matched
            unfetched = unfetched || !result.failures.isEmpty
        }
        if ok { return .accepted }
        return unfetched ? .unavailable : .rejected
    }

    /// The token of `Bearer <token>` (scheme case-insensitive), or nil for any other scheme.
    /// Read from the UTF-8 bytes: splitting and lower-casing took ~2% of an intake request's CPU (perf).
    private static func bearer(_ authorization: String) -> String? {
        var bytes = Substring(authorization).utf8
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let scheme = bytes[..<space]
        // `| 0x20` lower-cases an ASCII letter and turns no other byte into one.
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        var token = bytes[bytes.index(after: space)...]
        while token.first == UInt8(ascii: " ") { token = token.dropFirst() }
        guard !token.isEmpty else { return nil }
        return Substring(token).trimmingWhitespace()
    }
}
