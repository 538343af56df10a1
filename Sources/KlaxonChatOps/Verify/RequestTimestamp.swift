import Foundation

/// The replay window shared by Discord and Slack: a request's timestamp header must be unix
/// seconds within five minutes of now, either way.
package enum RequestTimestamp {
    package static let tolerance: TimeInterval = 300

    /// Checks `header` against `now`; throws `missingTimestamp`, `malformedTimestamp` or
    /// `staleTimestamp`.
    package static func check(_ header: String?, now: Date) throws(ChatAuthError) {
        guard let header, !header.isEmpty else { throw ChatAuthError(.missingTimestamp) }
        // Digits only: "+1700000000", " 17…", "1.7e9" and the like are garbage, not timestamps.
        guard header.utf8.count <= 12, header.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let seconds = Int64(header)
        else { throw ChatAuthError(.malformedTimestamp) }
        guard abs(Double(seconds) - now.timeIntervalSince1970) <= tolerance else { throw ChatAuthError(.staleTimestamp) }
    }
}
