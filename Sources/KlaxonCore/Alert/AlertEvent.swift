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

    /// The fields, behind one reference. An alert is copied into its record, every delivery, the
    /// hot queues and each dispatcher pass; as a plain struct each copy retained and released
    /// every string, array and dictionary in it (retain and release, mostly of such copies, were
    /// ~17% of all CPU in `perf`, intake case (c)).
    /// Now a copy is one retain, and a change copies the fields only when they are shared.
    private final class Box: @unchecked Sendable {
        // Mutated only through `unique` below, when this box is known to be unshared.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private struct Fields: Hashable {
        var schemaVersion: Int
        var source: String
        var state: State
        var title: String
        var description: String?
        var summary: String?
        var reason: String?
        var priority: Priority
        var occurredAt: Date
        var teams: [String]
        var resource: Resource?
        var identity: Identity
        var links: Links
        var rawProvider: JSONValue?
        var labels: [String: String]?
        var environment: String?
        var defaulted: [String]?
    }

    private var box: Box

    /// The fields, for a change: copied first when another alert value shares them.
    private var unique: Box {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            return box
        }
    }

    package var schemaVersion: Int {
        get { box.fields.schemaVersion }
        set { unique.fields.schemaVersion = newValue }
    }
    package var source: String {
        get { box.fields.source }
        set { unique.fields.source = newValue }
    }
    package var state: State {
        get { box.fields.state }
        set { unique.fields.state = newValue }
    }
    package var title: String {
        get { box.fields.title }
        set { unique.fields.title = newValue }
    }
    package var description: String? {
        get { box.fields.description }
        set { unique.fields.description = newValue }
    }
    package var summary: String? {
        get { box.fields.summary }
        set { unique.fields.summary = newValue }
    }
    package var reason: String? {
        get { box.fields.reason }
        set { unique.fields.reason = newValue }
    }
    package var priority: Priority {
        get { box.fields.priority }
        set { unique.fields.priority = newValue }
    }
    /// When the provider says the state changed.
    package var occurredAt: Date {
        get { box.fields.occurredAt }
        set { unique.fields.occurredAt = newValue }
    }
    package var teams: [String] {
        get { box.fields.teams }
        set { unique.fields.teams = newValue }
    }
    package var resource: Resource? {
        get { box.fields.resource }
        set { unique.fields.resource = newValue }
    }
    package var identity: Identity {
        get { box.fields.identity }
        set { unique.fields.identity = newValue }
    }
    package var links: Links {
        get { box.fields.links }
        set { unique.fields.links = newValue }
    }
    package var rawProvider: JSONValue? {
        get { box.fields.rawProvider }
        set { unique.fields.rawProvider = newValue }
    }
    // Klaxon's optional additions.
    /// Labels from the provider (Alertmanager/Grafana labels, CloudWatch dimensions…), for matchers.
    package var labels: [String: String]? {
        get { box.fields.labels }
        set { unique.fields.labels = newValue }
    }
    package var environment: String? {
        get { box.fields.environment }
        set { unique.fields.environment = newValue }
    }
    /// Which required fields were filled from configured defaults (`teams`, `priority`).
    package var defaulted: [String]? {
        get { box.fields.defaulted }
        set { unique.fields.defaulted = newValue }
    }

    package init(
        schemaVersion: Int = 1, source: String, state: State, title: String,
        description: String? = nil, summary: String? = nil, reason: String? = nil,
        priority: Priority, occurredAt: Date, teams: [String], resource: Resource? = nil,
        identity: Identity = Identity(), links: Links = Links(), rawProvider: JSONValue? = nil,
        labels: [String: String]? = nil, environment: String? = nil, defaulted: [String]? = nil
    ) {
        box = Box(Fields(
            schemaVersion: schemaVersion, source: source, state: state, title: title, description: description,
            summary: summary, reason: reason, priority: priority, occurredAt: occurredAt, teams: teams,
            resource: resource, identity: identity, links: links, rawProvider: rawProvider, labels: labels,
            environment: environment, defaulted: defaulted))
    }

    package static func == (lhs: AlertEvent, rhs: AlertEvent) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    package func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
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
        let schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        let source = try c.decode(String.self, forKey: .source)
        let state = try c.decode(State.self, forKey: .state)
        let title = try c.decode(String.self, forKey: .title)
        let description = try c.decodeIfPresent(String.self, forKey: .description)
        let summary = try c.decodeIfPresent(String.self, forKey: .summary)
        let reason = try c.decodeIfPresent(String.self, forKey: .reason)
        let priority = try c.decode(Priority.self, forKey: .priority)
        let occurred = try c.decode(String.self, forKey: .occurredAt)
        guard let date = Timestamp.parse(occurred) else {
            throw DecodingError.dataCorruptedError(forKey: .occurredAt, in: c, debugDescription: "not an ISO 8601 date-time: \(occurred)")
        }
        self.init(
            schemaVersion: schemaVersion, source: source, state: state, title: title,
            description: description, summary: summary, reason: reason, priority: priority, occurredAt: date,
            teams: try c.decode([String].self, forKey: .teams),
            resource: try c.decodeIfPresent(Resource.self, forKey: .resource),
            identity: try c.decodeIfPresent(Identity.self, forKey: .identity) ?? Identity(),
            links: try c.decodeIfPresent(Links.self, forKey: .links) ?? Links(),
            rawProvider: try c.decodeIfPresent(JSONValue.self, forKey: .rawProvider),
            labels: try c.decodeIfPresent([String: String].self, forKey: .labels),
            environment: try c.decodeIfPresent(String.self, forKey: .environment),
            defaulted: try c.decodeIfPresent([String].self, forKey: .defaulted))
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
