import KlaxonCore

/// A grouped notification: Alertmanager's webhook (version 4; 3 has the same shape) and
/// Grafana's unified-alerting webhook, which extends it (`orgId`, `silenceURL`, `dashboardURL`,
/// `panelURL`, `values`, `title`, `message`; its `version` is "1").
/// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
/// https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
struct GroupedWebhook: Decodable {
    struct Alert: Decodable {
        var status: String?
        var labels: [String: LooseString]?
        var annotations: [String: LooseString]?
        var startsAt: String?
        var endsAt: String?
        var generatorURL: String?
        var fingerprint: String?
        var silenceURL: String?
        var dashboardURL: String?
        var panelURL: String?
        var valueString: String?
        var orgId: LooseString?
        /// The alert object as sent, for `raw_provider`.
        var raw: JSONValue

        enum CodingKeys: String, CodingKey {
            case status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint, silenceURL
            case dashboardURL, panelURL, valueString, orgId
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            labels = try c.decodeIfPresent([String: LooseString].self, forKey: .labels)
            annotations = try c.decodeIfPresent([String: LooseString].self, forKey: .annotations)
            startsAt = try c.decodeIfPresent(String.self, forKey: .startsAt)
            endsAt = try c.decodeIfPresent(String.self, forKey: .endsAt)
            generatorURL = try c.decodeIfPresent(String.self, forKey: .generatorURL)
            fingerprint = try c.decodeIfPresent(String.self, forKey: .fingerprint)
            silenceURL = try c.decodeIfPresent(String.self, forKey: .silenceURL)
            dashboardURL = try c.decodeIfPresent(String.self, forKey: .dashboardURL)
            panelURL = try c.decodeIfPresent(String.self, forKey: .panelURL)
            valueString = try c.decodeIfPresent(String.self, forKey: .valueString)
            orgId = try c.decodeIfPresent(LooseString.self, forKey: .orgId)
            raw = try JSONValue(from: decoder)
        }

        var labelMap: [String: String] { (labels ?? [:]).mapValues(\.value) }
        var annotationMap: [String: String] { (annotations ?? [:]).mapValues(\.value) }
    }

    var version: LooseString?
    var status: String?
    var receiver: String?
    var groupKey: LooseString?
    var externalURL: String?
    var orgId: LooseString?
    var groupLabels: [String: LooseString]?
    var alerts: [Alert]

    /// Group context kept next to each alert in `raw_provider`.
    var groupContext: [String: JSONValue] {
        var context: [String: JSONValue] = [:]
        if let receiver { context["receiver"] = .string(receiver) }
        if let groupKey { context["groupKey"] = .string(groupKey.value) }
        if let externalURL { context["externalURL"] = .string(externalURL) }
        if let version { context["version"] = .string(version.value) }
        if let orgId { context["orgId"] = .string(orgId.value) }
        if let groupLabels { context["groupLabels"] = .object(groupLabels.mapValues { .string($0.value) }) }
        return context
    }

    /// `raw_provider` for one alert of the group: `{"alert": {…as sent…}, "group": {…}}`.
    func rawProvider(for alert: Alert) -> JSONValue {
        .object(["alert": alert.raw, "group": .object(groupContext)])
    }
}

/// An Alertmanager API v2 postable alert (`POST /api/v2/alerts` takes an array of them).
/// https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml (postableAlert)
struct PostableAlert: Decodable {
    var labels: [String: LooseString]?
    var annotations: [String: LooseString]?
    var startsAt: String?
    var endsAt: String?
    var generatorURL: String?
    var raw: JSONValue

    enum CodingKeys: String, CodingKey { case labels, annotations, startsAt, endsAt, generatorURL }

    /// Reads an alert from an already parsed array element (the fast path). `nil` when a field
    /// has the wrong shape: the caller then decodes with `Codable` to get a precise error.
    init?(json: JSONValue) {
        guard case .object(let o) = json else { return nil }
        func map(_ key: String) -> [String: LooseString]?? {
            switch o[key] {
            case nil, .null?: return .some(nil)
            case .object(let values)?:
                var out: [String: LooseString] = [:]
                for (name, value) in values {
                    guard let text = LooseString(json: value) else { return nil }
                    out[name] = text
                }
                return .some(out)
            default: return nil
            }
        }
        func text(_ key: String) -> String?? {
            switch o[key] {
            case nil, .null?: return .some(nil)
            case .string(let value)?: return .some(value)
            default: return nil
            }
        }
        guard let labels = map("labels"), let annotations = map("annotations"), let startsAt = text("startsAt"),
              let endsAt = text("endsAt"), let generatorURL = text("generatorURL") else { return nil }
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        raw = json
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        labels = try c.decodeIfPresent([String: LooseString].self, forKey: .labels)
        annotations = try c.decodeIfPresent([String: LooseString].self, forKey: .annotations)
        startsAt = try c.decodeIfPresent(String.self, forKey: .startsAt)
        endsAt = try c.decodeIfPresent(String.self, forKey: .endsAt)
        generatorURL = try c.decodeIfPresent(String.self, forKey: .generatorURL)
        raw = try JSONValue(from: decoder)
    }
}

/// Grafana's legacy (pre-8) alerting webhook.
/// https://grafana.com/docs/grafana/v7.5/alerting/notifications/#webhook
struct GrafanaLegacyWebhook: Decodable {
    var ruleName: String?
    var ruleId: LooseString?
    var ruleUrl: String?
    var state: String?
    var title: String?
    var message: String?
    var orgId: LooseString?
    var tags: [String: LooseString]?
}
