import Foundation

/// A host allowlist entry: which URLs Klaxon may fetch. Used for `sources.sns.signing_cert_hosts`
/// (where an SNS signing certificate may come from, and where a SubscribeURL may point).
///
/// A bare pattern (`sns.*.amazonaws.com`) allows `https` only, on the default port; `*` stands
/// for exactly one DNS label (`us-east-1`), never for a dot, so `sns.evil.com.amazonaws.com` and
/// `sns.x.amazonaws.com.evil.com` do not match. A pattern written with a scheme and port
/// (`http://127.0.0.1:4566`) allows exactly that scheme, host and port — for a local test peer.
package struct HostPattern: Sendable, Equatable, CustomStringConvertible {
    /// Where SNS keeps its signing certificates: `https://sns.<region>.amazonaws.com[.cn]/…`.
    package static let snsDefaults = ["sns.*.amazonaws.com", "sns.*.amazonaws.com.cn"].map { HostPattern($0)! }

    private let scheme: String
    private let labels: [Substring]
    private let port: Int?
    package let description: String

    /// `nil` when the text is not a usable pattern (empty labels, a path, a scheme other than
    /// http/https, a wildcard that is not a whole label).
    package init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var rest = Substring(trimmed)
        var scheme = "https"
        var explicitPort = false
        if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.lowerBound])
            guard scheme == "http" || scheme == "https" else { return nil }
            rest = rest[range.upperBound...]
            explicitPort = true
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/") else { return nil }
        var host = rest
        var port: Int?
        if let colon = rest.lastIndex(of: ":") {
            guard let value = Int(rest[rest.index(after: colon)...]), (1...65535).contains(value) else { return nil }
            port = value
            host = rest[..<colon]
        } else if explicitPort {
            port = scheme == "https" ? 443 : 80
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.isEmpty, labels.allSatisfy({ !$0.isEmpty && ($0 == "*" || !$0.contains("*")) }) else { return nil }
        guard labels.last != "*" else { return nil }
        self.scheme = scheme
        self.labels = labels
        self.port = port
        self.description = text
    }

    /// Whether `url` may be fetched under this pattern: same scheme, every label matching, the
    /// port the pattern names (or the scheme's default), no user info.
    package func allows(_ url: URL) -> Bool {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              components.scheme?.lowercased() == scheme, components.user == nil, components.password == nil,
              let host = components.host?.lowercased(), !host.isEmpty
        else { return false }
        let defaultPort = scheme == "https" ? 443 : 80
        guard (components.port ?? defaultPort) == (port ?? defaultPort) else { return false }
        let hostLabels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard hostLabels.count == labels.count else { return false }
        for (pattern, label) in zip(labels, hostLabels) where pattern != "*" && pattern != label {
            return false
        }
        return hostLabels.allSatisfy { !$0.isEmpty }
    }
}

extension Array where Element == HostPattern {
    /// Whether any pattern allows `url`.
    package func allows(_ url: URL) -> Bool { contains { $0.allows(url) } }
}
