import Foundation

/// The canonical alert, schema v1 of alerting-infra's `alert-event.schema.json`.
///
/// Every decoder produces these; everything downstream (fingerprint, lifecycle, routing,
/// notifiers) reads only these. Klaxon adds optional fields (`labels`, `environment`,
/// `defaulted`, `fingerprint`) that are left out of the JSON when empty, so producers and
/// consumers of the plain schema keep working.
package struct AlertEvent: Sendable, Hashable, Codable {
    package enum State: String, Sendable, Hashable, Codable {
        case firing = "FIRING"
        case resolved = "RESOLVED"
    }

    /// What the alert is about. `type` is free text in Klaxon (alerting-infra uses
    /// runner | instance | job | service | generic).
    package struct Resource: Sendable, Hashable, Codable {
        package var type: String
        package var id: String?
        package var region: String?
        package var extra: [String: JSONValue]?

        package init(type: String, id: String? = nil, region: String? = nil, extra: [String: JSONValue]? = nil) {
            self.type = type
            self.id = id
            self.region = region
            self.extra = extra
        }
    }

    /// Identity fields that keep alerts of different accounts, regions and rules apart.
    ///
    /// The schema names `account_id`, `region` and `alarm_id`; alerting-infra's collector (and
    /// its fingerprint) uses `aws_account`, `alarm_arn`, `org_id` and `rule_id`. Klaxon accepts
    /// and emits both sets, so either kind of producer round-trips unchanged.
    package struct Identity: Sendable, Hashable, Codable {
        package var awsAccount: String?
        package var region: String?
        package var alarmArn: String?
        package var orgId: String?
        package var ruleId: String?
        package var accountId: String?
        package var alarmId: String?

        package init(
            awsAccount: String? = nil, region: String? = nil, alarmArn: String? = nil,
            orgId: String? = nil, ruleId: String? = nil, accountId: String? = nil, alarmId: String? = nil
        ) {
            self.awsAccount = awsAccount
            self.region = region
            self.alarmArn = alarmArn
            self.orgId = orgId
            self.ruleId = ruleId
            self.accountId = accountId
            self.alarmId = alarmId
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case awsAccount = "aws_account"
            case region
            case alarmArn = "alarm_arn"
            case orgId = "org_id"
            case ruleId = "rule_id"
            case accountId = "account_id"
            case alarmId = "alarm_id"
        }

        /// The fields that are set and non-empty, by their JSON name.
        package var presentFields: [(name: String, value: String)] {
            let all: [(String, String?)] = [
                ("aws_account", awsAccount), ("region", region), ("alarm_arn", alarmArn),
                ("org_id", orgId), ("rule_id", ruleId), ("account_id", accountId), ("alarm_id", alarmId),
            ]
            return all.compactMap { name, value in
                guard let value, !value.isEmpty else { return nil }
                return (name, value)
            }
        }
    }

    package struct Links: Sendable, Hashable, Codable {
        package var runbookURL: String?
        package var dashboardURL: String?
        package var sourceURL: String?
        package var silenceURL: String?

        package init(runbookURL: String? = nil, dashboardURL: String? = nil, sourceURL: String? = nil, silenceURL: String? = nil) {
            self.runbookURL = runbookURL
            self.dashboardURL = dashboardURL
            self.sourceURL = sourceURL
            self.silenceURL = silenceURL
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case runbookURL = "runbook_url"
            case dashboardURL = "dashboard_url"
            case sourceURL = "source_url"
            case silenceURL = "silence_url"
        }
    }

    package var schemaVersion: Int
    package var source: String
    package var state: State
    package var title: String
    package var description: String?
    package var summary: String?
    package var reason: String?
    package var priority: Priority
    /// When the provider says the state changed.
    package var occurredAt: Date
    package var teams: [String]
    package var resource: Resource?
    package var identity: Identity
    package var links: Links
    package var rawProvider: JSONValue?

    // Klaxon's optional additions.
    /// Labels from the provider (Alertmanager/Grafana labels, CloudWatch dimensions…), for matchers.
    package var labels: [String: String]?
    package var environment: String?
    /// Which required fields were filled from configured defaults (`teams`, `priority`).
    package var defaulted: [String]?

    package init(
        schemaVersion: Int = 1, source: String, state: State, title: String,
        description: String? = nil, summary: String? = nil, reason: String? = nil,
        priority: Priority, occurredAt: Date, teams: [String], resource: Resource? = nil,
        identity: Identity = Identity(), links: Links = Links(), rawProvider: JSONValue? = nil,
        labels: [String: String]? = nil, environment: String? = nil, defaulted: [String]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.source = source
        self.state = state
        self.title = title
        self.description = description
        self.summary = summary
        self.reason = reason
        self.priority = priority
        self.occurredAt = occurredAt
        self.teams = teams
        self.resource = resource
        self.identity = identity
        self.links = links
        self.rawProvider = rawProvider
        self.labels = labels
        self.environment = environment
        self.defaulted = defaulted
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schemaVersion = "schema_version"
        case source, state, title, description, summary, reason, priority
        case occurredAt = "occurred_at"
        case teams, resource, identity, links
        case rawProvider = "raw_provider"
        case labels, environment, defaulted
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        source = try c.decode(String.self, forKey: .source)
        state = try c.decode(State.self, forKey: .state)
        title = try c.decode(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        priority = try c.decode(Priority.self, forKey: .priority)
        let occurred = try c.decode(String.self, forKey: .occurredAt)
        guard let date = Timestamp.parse(occurred) else {
            throw DecodingError.dataCorruptedError(forKey: .occurredAt, in: c, debugDescription: "not an ISO 8601 date-time: \(occurred)")
        }
        occurredAt = date
        teams = try c.decode([String].self, forKey: .teams)
        resource = try c.decodeIfPresent(Resource.self, forKey: .resource)
        identity = try c.decodeIfPresent(Identity.self, forKey: .identity) ?? Identity()
        links = try c.decodeIfPresent(Links.self, forKey: .links) ?? Links()
        rawProvider = try c.decodeIfPresent(JSONValue.self, forKey: .rawProvider)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels)
        environment = try c.decodeIfPresent(String.self, forKey: .environment)
        defaulted = try c.decodeIfPresent([String].self, forKey: .defaulted)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(source, forKey: .source)
        try c.encode(state, forKey: .state)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode(priority, forKey: .priority)
        try c.encode(Timestamp.format(occurredAt), forKey: .occurredAt)
        try c.encode(teams, forKey: .teams)
        try c.encodeIfPresent(resource, forKey: .resource)
        try c.encode(identity, forKey: .identity)
        try c.encode(links, forKey: .links)
        try c.encodeIfPresent(rawProvider, forKey: .rawProvider)
        if let labels, !labels.isEmpty { try c.encode(labels, forKey: .labels) }
        try c.encodeIfPresent(environment, forKey: .environment)
        if let defaulted, !defaulted.isEmpty { try c.encode(defaulted, forKey: .defaulted) }
    }

    /// The severity shown to people: from the priority, or `success` once resolved.
    package var displaySeverity: Severity {
        state == .resolved ? .success : priority.severity
    }

    /// The alert's fingerprint (see ``Fingerprint``).
    package var fingerprint: String { Fingerprint.of(self) }
}
