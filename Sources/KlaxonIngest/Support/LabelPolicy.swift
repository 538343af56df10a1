import Foundation
import KlaxonCore

/// Teams and priority from a label set (Alertmanager, Grafana, legacy Grafana tags), as the
/// `ingest:` options say: team labels in order (comma-separated values), the priority label
/// (`P0`…`P3` or `0`…`3`), else the severity label (critical → P1, warning → P2, info → P3),
/// else the configured defaults, recorded in `defaulted`.
///
/// Grafana users often put team and priority in *annotations* (alerting-infra reads `Team`,
/// `TEAM`, `Priority` there), so annotations are the second place looked at, by the same names,
/// case-insensitively.
struct LabelPolicy {
    var options: DecodeOptions

    struct Outcome {
        var teams: [String]
        var priority: Priority
        var defaulted: [String]
    }

    func resolve(labels: [String: String], annotations: [String: String] = [:]) -> Outcome {
        var defaulted: [String] = []
        var teams: [String] = []
        for name in options.teamLabels {
            if let value = labels[name] ?? Self.lookup(annotations, name), !value.isEmpty {
                teams = SchemaLimits.teams(fromList: value)
                if !teams.isEmpty { break }
            }
        }
        if teams.isEmpty {
            teams = SchemaLimits.sanitizeTeams(options.defaultTeams)
            defaulted.append("teams")
        }
        var priority: Priority?
        if let value = labels[options.priorityLabel] ?? Self.lookup(annotations, options.priorityLabel) {
            priority = Self.parsePriority(value)
        }
        if priority == nil, let value = labels[options.severityLabel] ?? Self.lookup(annotations, options.severityLabel) {
            priority = Self.priority(forSeverity: value)
        }
        if priority == nil {
            defaulted.append("priority")
        }
        return Outcome(teams: teams, priority: priority ?? options.defaultPriority, defaulted: defaulted)
    }

    /// `P0`…`P3` or `0`…`3`, case-insensitive, trimmed.
    static func parsePriority(_ text: String) -> Priority? {
        if let priority = Priority(text: text) { return priority }
        switch text.trimmingWhitespace() {
        case "0": return .p0
        case "1": return .p1
        case "2": return .p2
        case "3": return .p3
        default: return nil
        }
    }

    /// critical → P1, warning → P2, info → P3 (case-insensitive); anything else → nil.
    static func priority(forSeverity text: String) -> Priority? {
        switch text.trimmingWhitespace().lowercased() {
        case "critical": return .p1
        case "warning": return .p2
        case "info": return .p3
        default: return nil
        }
    }

    /// Exact key first, then a case-insensitive match.
    static func lookup(_ map: [String: String], _ key: String) -> String? {
        if map.isEmpty { return nil }
        if let value = map[key] { return value }
        let lower = key.lowercased()
        for (name, value) in map where equalLowerCased(name, lower) { return value }
        return nil
    }

    /// `name.lowercased() == lower`, without a lower-cased copy when `name` is ASCII (the usual
    /// label or annotation name).
    private static func equalLowerCased(_ name: String, _ lower: String) -> Bool {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased() == lower }
        guard name.utf8.count == lower.utf8.count else { return false }
        return zip(name.utf8, lower.utf8).allSatisfy { byte, wanted in
            (0x41...0x5A).contains(byte) ? byte | 0x20 == wanted : byte == wanted
        }
    }
}
