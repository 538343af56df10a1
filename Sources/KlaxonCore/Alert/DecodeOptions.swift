import Foundation

/// How decoders fill what a payload leaves out. Comes from the `ingest:` section of the config.
package struct DecodeOptions: Sendable, Hashable {
    /// What a CloudWatch INSUFFICIENT_DATA state becomes.
    package enum InsufficientData: String, Sendable, Hashable, Codable {
        /// Record it and produce no alert (the default), with the reason.
        case ignore
        case firing
        case resolved
    }

    /// Teams when the payload names none; the alert records `teams` in `defaulted`.
    package var defaultTeams: [String]
    /// Priority when the payload gives none; the alert records `priority` in `defaulted`.
    package var defaultPriority: Priority
    package var insufficientData: InsufficientData
    /// Label names read for teams (Alertmanager, Grafana), in order; values are comma-separated.
    package var teamLabels: [String]
    /// Label name read for the priority (`P0`…`P3`).
    package var priorityLabel: String
    /// Label name read for severity when there is no priority label: critical → P1, warning → P2,
    /// info → P3.
    package var severityLabel: String

    package init(
        defaultTeams: [String] = ["unassigned"], defaultPriority: Priority = .p2,
        insufficientData: InsufficientData = .ignore, teamLabels: [String] = ["team", "teams"],
        priorityLabel: String = "priority", severityLabel: String = "severity"
    ) {
        self.defaultTeams = defaultTeams
        self.defaultPriority = defaultPriority
        self.insufficientData = insufficientData
        self.teamLabels = teamLabels
        self.priorityLabel = priorityLabel
        self.severityLabel = severityLabel
    }
}
