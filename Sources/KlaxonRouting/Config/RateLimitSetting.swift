/// How fast Klaxon sends to one destination: the platform's documented limit (the default),
/// another `count` per `per`, or not paced at all.
///
/// Config: `rate_limit: 5/2s`, `rate_limit: 30/1m`, `rate_limit: off`. A destination that is not
/// the platform itself (a relay, a proxy that queues, a local stand-in) may take more than the
/// platform's limit; pointed at the platform, a faster setting only earns 429s.
package enum RateLimitSetting: Sendable, Equatable {
    case platformDefault
    case off
    case every(count: Int, per: Duration)

    /// Parses `off` or `<count>/<duration>` (`5/2s`, `80/1m`). Nil for anything else.
    package init?(configText text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "off" {
            self = .off
            return
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), count > 0, count <= 1_000_000,
              let per = Duration(configText: String(parts[1])), per > .zero
        else { return nil }
        self = .every(count: count, per: per)
    }
}
