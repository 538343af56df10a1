import Foundation

/// The metadata CloudWatch users put in `AlarmDescription`, one `KEY=value` per line or several
/// on one line separated by `|` (`TEAM=dev-infra | PRIORITY=P1 | RUNBOOK=https://…`).
///
/// Keys (case-insensitive): `TEAM` / `TEAMS` (comma-separated), `PRIORITY`, `RUNBOOK`, `SUMMARY`,
/// `DASHBOARD`. Every other line (or `|` segment of a line with metadata) is description. A
/// literal two-character `\n` is read as a line break too: descriptions copied from a console or
/// a JSON-escaped template arrive that way (see REFERENCE_DATA.md in alerting-infra).
struct CloudWatchDescription: Equatable {
    var description: String?
    var teams: String?
    var priority: String?
    var runbook: String?
    var summary: String?
    var dashboard: String?

    init(parsing text: String?) {
        guard let text, !text.isEmpty else { return }
        let normalized = text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\r\n", with: "\n")
        var kept: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let segments = line.split(separator: "|", omittingEmptySubsequences: false)
            var rest: [Substring] = []
            var sawMetadata = false
            for segment in segments {
                if take(segment) { sawMetadata = true } else { rest.append(segment) }
            }
            if sawMetadata {
                let remainder = rest.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " | ")
                if !remainder.isEmpty { kept.append(remainder) }
            } else {
                kept.append(String(line))
            }
        }
        let joined = kept.joined(separator: "\n").trimmingWhitespace()
        description = joined.isEmpty ? nil : joined
    }

    /// Consumes `KEY=value` if KEY is a metadata key.
    private mutating func take(_ segment: Substring) -> Bool {
        guard let equals = segment.firstIndex(of: "=") else { return false }
        let key = segment[..<equals].trimmingWhitespace().uppercased()
        let value = segment[segment.index(after: equals)...].trimmingWhitespace()
        switch key {
        case "TEAM", "TEAMS": teams = value
        case "PRIORITY": priority = value
        case "RUNBOOK": runbook = value
        case "SUMMARY": summary = value
        case "DASHBOARD": dashboard = value
        default: return false
        }
        return true
    }
}
