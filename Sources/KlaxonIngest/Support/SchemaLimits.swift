import Foundation
import KlaxonCore

/// The limits of AlertEvent schema v1 that every produced alert must meet, and the shaping that
/// makes provider data meet them (truncation, team sanitation, URL checks).
/// Schema: fixtures/pytorch-alerting-infra/alert-event.schema.json.
package enum SchemaLimits {
    package static let title = 500
    package static let description = 4000
    package static let summary = 1000
    package static let reason = 2000
    package static let teamLength = 50
    package static let maxTeams = 10
    package static let urlLength = 2048
    package static let alarmIdLength = 1024

    /// Cuts `text` to at most `limit` Unicode scalars (JSON Schema counts code points), ending a
    /// cut text with `…` so readers see it was cut.
    package static func truncate(_ text: String, to limit: Int) -> String {
        // A scalar takes at least one byte: text of at most `limit` bytes is short enough.
        if text.utf8.count <= limit { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(limit - 1))
        view.append("…")
        return String(view)
    }

    /// `nil` for nil or blank text, else the text truncated to `limit`.
    static func optional(_ text: String?, _ limit: Int) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : truncate(trimmed, to: limit)
    }

    /// A team name as the schema wants it: trimmed, lower-cased, every character outside
    /// `[a-zA-Z0-9_-]` replaced by `-`, at most 50 characters. `nil` when nothing is left.
    package static func sanitizeTeam(_ raw: String) -> String? {
        if isSanitized(raw) { return raw }
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in trimmed.unicodeScalars {
            guard count < teamLength else { break }
            count += 1
            switch scalar.value {
            case 0x41...0x5A: out.append(Unicode.Scalar(scalar.value + 32)!)
            case 0x61...0x7A, 0x30...0x39, 0x5F, 0x2D: out.append(scalar)
            default: out.append("-")
            }
        }
        return String(out)
    }

    /// A team name that ``sanitizeTeam(_:)`` would return unchanged: 1–50 bytes of `[a-z0-9_-]`.
    /// Most are (decoders sanitize once, `conform` checks again), and this needs no copy.
    private static func isSanitized(_ team: String) -> Bool {
        let utf8 = team.utf8
        guard !utf8.isEmpty, utf8.count <= teamLength else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case 0x61...0x7A, 0x30...0x39, 0x5F, 0x2D: true
            default: false
            }
        }
    }

    /// Sanitized, de-duplicated (order kept), at most 10.
    package static func sanitizeTeams(_ raw: [String]) -> [String] {
        var teams: [String] = []
        teams.reserveCapacity(min(raw.count, maxTeams))
        // At most ten names are kept, so a scan of those kept is cheaper than hashing each one.
        for name in raw {
            guard let team = sanitizeTeam(name), !teams.contains(team) else { continue }
            teams.append(team)
            if teams.count == maxTeams { break }
        }
        return teams
    }

    /// Splits a comma-separated team list (`dev-infra, sre`) and sanitizes it.
    package static func teams(fromList list: String) -> [String] {
        sanitizeTeams(list.split(separator: ",").map(String.init))
    }

    /// An absolute http(s) URL of at most 2048 characters, or `nil`. A bare host such as
    /// `www.time.com` gets `https://` in front (alerting-infra accepts those too); anything else
    /// that is not http(s) is dropped, so produced alerts always satisfy `format: uri`.
    package static func link(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty, text.utf8.count <= urlLength else { return nil }
        if isHTTPURL(text) { return text }
        if !text.contains("://"), !text.contains(" "), let first = text.first, first.isLetter || first.isNumber {
            let candidate = "https://" + text
            if isHTTPURL(candidate), candidate.utf8.count <= urlLength, hostOf(candidate)?.contains(".") == true {
                return candidate
            }
        }
        return nil
    }

    /// `true` for `http://host…` / `https://host…` with a non-empty host and no whitespace or
    /// control characters.
    package static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        for scalar in text.unicodeScalars where scalar.value <= 0x20 || scalar.value == 0x7F {
            return false
        }
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first?
            .split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first?
            .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        else { return false }
        let hostOnly = host.split(separator: "@").last ?? host
        return !hostOnly.isEmpty && hostOnly.first != ":"
    }

    private static func hostOf(_ url: String) -> Substring? {
        guard let range = url.range(of: "://") else { return nil }
        return url[range.upperBound...].split(separator: "/", maxSplits: 1).first
    }

    /// Brings a produced alert within the schema's limits: truncates the texts, sanitizes teams
    /// (falling back to the configured default, recorded in `defaulted`), keeps only http(s) links.
    package static func conform(_ alert: inout AlertEvent, options: DecodeOptions) {
        alert.title = truncate(alert.title.trimmingWhitespace(), to: title)
        alert.description = optional(alert.description, description)
        alert.summary = optional(alert.summary, summary)
        alert.reason = optional(alert.reason, reason)
        alert.teams = sanitizeTeams(alert.teams)
        if alert.teams.isEmpty {
            alert.teams = sanitizeTeams(options.defaultTeams)
            if alert.teams.isEmpty { alert.teams = ["unassigned"] }
            markDefaulted(&alert, "teams")
        }
        alert.links = AlertEvent.Links(
            runbookURL: link(alert.links.runbookURL), dashboardURL: link(alert.links.dashboardURL),
            sourceURL: link(alert.links.sourceURL), silenceURL: link(alert.links.silenceURL)
        )
        if let id = alert.identity.alarmId, id.unicodeScalars.count > alarmIdLength {
            alert.identity.alarmId = "sha256:" + Fingerprint.hash(id)
        }
        if let labels = alert.labels, labels.isEmpty { alert.labels = nil }
    }

    static func markDefaulted(_ alert: inout AlertEvent, _ field: String) {
        var list = alert.defaulted ?? []
        if !list.contains(field) { list.append(field) }
        alert.defaulted = list
    }
}
