import Foundation
import KlaxonCore

/// Grafana webhooks → AlertEvents (source `grafana`).
///
/// Unified alerting: one alert per `alerts[]` element. title = `alertname` label (else
/// `rulename`, else the payload title); identity org_id = payload `orgId` as text, rule_id = the
/// alert's `fingerprint` (alerting-infra's fingerprint inputs); teams/priority per
/// ``LabelPolicy``; description/summary/runbook_url from annotations; links from generatorURL,
/// silenceURL, dashboardURL (else panelURL); firing → FIRING at startsAt, resolved → RESOLVED at
/// endsAt (zero time → startsAt → now).
///
/// Legacy (pre-8) webhook: one alert; title = ruleName; rule_id = ruleId; tags act as labels;
/// alerting → FIRING, ok → RESOLVED, no_data → like CloudWatch INSUFFICIENT_DATA
/// (`options.insufficientData`), paused and pending → ignored. It carries no time, so occurred_at
/// is the time of decoding.
struct GrafanaDecoder {
    var options: DecodeOptions

    func decodeUnified(_ webhook: GroupedWebhook, now: Date) throws(DecodeError) -> DecodeResult {
        var result = DecodeResult(kind: .grafana)
        let policy = LabelPolicy(options: options)
        for (index, alert) in webhook.alerts.enumerated() {
            let path = "alerts[\(index)]"
            let labels = alert.labelMap
            let annotations = alert.annotationMap
            guard let title = nonEmpty(labels["alertname"]) ?? nonEmpty(labels["rulename"]) ?? nonEmpty(webhook.groupLabels?["alertname"]?.value) else {
                throw DecodeError(.missingField, "\(path).labels.alertname: is required (Grafana sets it to the rule's name)")
            }
            let state: AlertEvent.State
            switch (alert.status ?? webhook.status ?? "").lowercased() {
            case "firing": state = .firing
            case "resolved": state = .resolved
            case let other:
                throw DecodeError(.invalidField, "\(path).status: expected firing|resolved, got \"\(clip(other, 40))\"")
            }
            let startsAt = try AlertTime.parse(alert.startsAt, field: "\(path).startsAt")
            let endsAt = try AlertTime.parse(alert.endsAt, field: "\(path).endsAt")
            let occurredAt = state == .firing ? (startsAt ?? now) : (endsAt ?? startsAt ?? now)
            let outcome = policy.resolve(labels: labels, annotations: annotations)
            let orgId = webhook.orgId?.value ?? alert.orgId?.value
            var alertEvent = AlertEvent(
                source: "grafana", state: state, title: title,
                description: LabelPolicy.lookup(annotations, "description"),
                summary: LabelPolicy.lookup(annotations, "summary"),
                reason: alert.valueString,
                priority: outcome.priority, occurredAt: occurredAt, teams: outcome.teams,
                resource: Self.resource(labels),
                identity: AlertEvent.Identity(region: nil, orgId: nonEmpty(orgId), ruleId: nonEmpty(alert.fingerprint)),
                links: AlertEvent.Links(
                    runbookURL: LabelPolicy.lookup(annotations, "runbook_url"),
                    dashboardURL: nonEmpty(alert.dashboardURL) ?? nonEmpty(alert.panelURL),
                    sourceURL: alert.generatorURL, silenceURL: alert.silenceURL
                ),
                rawProvider: webhook.rawProvider(for: alert), labels: labels,
                environment: nonEmpty(labels["environment"]),
                defaulted: outcome.defaulted.isEmpty ? nil : outcome.defaulted
            )
            SchemaLimits.conform(&alertEvent, options: options)
            result.alerts.append(alertEvent)
        }
        if webhook.alerts.isEmpty {
            throw DecodeError(.missingField, "alerts: the Grafana notification has no alerts")
        }
        return result
    }

    func decodeLegacy(_ body: Data, now: Date) throws(DecodeError) -> DecodeResult {
        let webhook = try WireDecoding.decode(GrafanaLegacyWebhook.self, from: body, what: "Grafana legacy webhook")
        let raw = try WireDecoding.decode(JSONValue.self, from: body, what: "Grafana legacy webhook")
        guard let title = nonEmpty(webhook.ruleName) ?? nonEmpty(webhook.title) else {
            throw DecodeError(.missingField, "ruleName: is required in a Grafana legacy webhook")
        }
        var result = DecodeResult(kind: .grafana)
        let stateName = (webhook.state ?? "").lowercased()
        let state: AlertEvent.State
        switch stateName {
        case "alerting": state = .firing
        case "ok": state = .resolved
        case "no_data":
            switch options.insufficientData {
            case .ignore:
                result.ignored.append(IgnoredAlert(title: title, reason: "Grafana legacy state no_data (ingest.insufficient_data is ignore)"))
                return result
            case .firing: state = .firing
            case .resolved: state = .resolved
            }
        case "paused", "pending":
            result.ignored.append(IgnoredAlert(title: title, reason: "Grafana legacy state \(stateName) is not an alert transition"))
            return result
        default:
            throw DecodeError(.invalidField, "state: expected alerting|ok|no_data|paused|pending, got \"\(clip(stateName, 40))\"")
        }
        let labels = (webhook.tags ?? [:]).mapValues(\.value)
        let outcome = LabelPolicy(options: options).resolve(labels: labels)
        var alert = AlertEvent(
            source: "grafana", state: state, title: title, description: webhook.message,
            priority: outcome.priority, occurredAt: now, teams: outcome.teams,
            identity: AlertEvent.Identity(orgId: nonEmpty(webhook.orgId?.value), ruleId: nonEmpty(webhook.ruleId?.value)),
            links: AlertEvent.Links(sourceURL: webhook.ruleUrl),
            rawProvider: raw, labels: labels, environment: nonEmpty(labels["environment"]),
            defaulted: outcome.defaulted.isEmpty ? nil : outcome.defaulted
        )
        SchemaLimits.conform(&alert, options: options)
        result.alerts.append(alert)
        return result
    }

    /// `resource_type` / `resource_id` labels (alerting-infra's convention), else `instance`.
    static func resource(_ labels: [String: String]) -> AlertEvent.Resource? {
        let id = nonEmpty(labels["resource_id"]) ?? nonEmpty(labels["instance"])
        let type = nonEmpty(labels["resource_type"])
        guard id != nil || type != nil else { return nil }
        return AlertEvent.Resource(type: type ?? (labels["instance"] != nil ? "instance" : "generic"), id: id,
                                  region: nonEmpty(labels["region"]))
    }
}
