import Foundation
import KlaxonCore

/// Alertmanager payloads → AlertEvents (source `alertmanager` for both, so the same label set
/// gives the same fingerprint whether it came from amtool/Prometheus or an Alertmanager webhook).
///
/// title = `alertname` label (else the label set); identity.alarm_id = the sorted label set in
/// Prometheus' text form (``LabelSetText``); teams/priority per ``LabelPolicy``;
/// description (else `message`), summary and runbook_url (else `runbook`) from annotations;
/// source_url = generatorURL.
///
/// API v2 postable alerts carry no status: an alert whose `endsAt` is set and not after `now` is
/// RESOLVED at endsAt, any other is FIRING at startsAt (missing → now). Webhook alerts carry
/// their status.
struct AlertmanagerDecoder {
    var options: DecodeOptions

    func decodeAPI(_ body: Data, now: Date) throws(DecodeError) -> DecodeResult {
        let alerts = try Self.postableAlerts(body)
        guard !alerts.isEmpty else {
            throw DecodeError(.missingField, "the postable alerts array is empty")
        }
        var result = DecodeResult(kind: .alertmanagerAPI)
        for (index, alert) in alerts.enumerated() {
            let path = "[\(index)]"
            let labels = (alert.labels ?? [:]).mapValues(\.value)
            guard !labels.isEmpty else { throw DecodeError(.missingField, "\(path).labels: at least one label is required") }
            let startsAt = try AlertTime.parse(alert.startsAt, field: "\(path).startsAt")
            let endsAt = try AlertTime.parse(alert.endsAt, field: "\(path).endsAt")
            let resolved = endsAt.map { $0 <= now } ?? false
            result.alerts.append(make(
                labels: labels, annotations: (alert.annotations ?? [:]).mapValues(\.value),
                state: resolved ? .resolved : .firing,
                occurredAt: resolved ? endsAt! : (startsAt ?? now),
                generatorURL: alert.generatorURL, raw: alert.raw
            ))
        }
        return result
    }

    /// The hot path of `POST /api/v2/alerts`: one pass over the bytes into ``JSONValue``, then the
    /// fields. Anything unexpected is decoded again with `Codable` for a precise error.
    static func postableAlerts(_ body: Data) throws(DecodeError) -> [PostableAlert] {
        if case .array(let elements)? = try? JSONValue.parse(body) {
            var alerts: [PostableAlert] = []
            alerts.reserveCapacity(elements.count)
            for element in elements {
                guard let alert = PostableAlert(json: element) else { break }
                alerts.append(alert)
            }
            if alerts.count == elements.count { return alerts }
        }
        return try WireDecoding.decode([PostableAlert].self, from: body, what: "Alertmanager postable alerts")
    }

    func decodeWebhook(_ webhook: GroupedWebhook, now: Date) throws(DecodeError) -> DecodeResult {
        guard !webhook.alerts.isEmpty else {
            throw DecodeError(.missingField, "alerts: the Alertmanager notification has no alerts")
        }
        var result = DecodeResult(kind: .alertmanagerWebhook)
        for (index, alert) in webhook.alerts.enumerated() {
            let path = "alerts[\(index)]"
            let labels = alert.labelMap
            guard !labels.isEmpty else { throw DecodeError(.missingField, "\(path).labels: at least one label is required") }
            let state: AlertEvent.State
            switch (alert.status ?? webhook.status ?? "").lowercased() {
            case "firing": state = .firing
            case "resolved": state = .resolved
            case let other:
                throw DecodeError(.invalidField, "\(path).status: expected firing|resolved, got \"\(clip(other, 40))\"")
            }
            let startsAt = try AlertTime.parse(alert.startsAt, field: "\(path).startsAt")
            let endsAt = try AlertTime.parse(alert.endsAt, field: "\(path).endsAt")
            result.alerts.append(make(
                labels: labels, annotations: alert.annotationMap, state: state,
                occurredAt: state == .firing ? (startsAt ?? now) : (endsAt ?? startsAt ?? now),
                generatorURL: alert.generatorURL, raw: webhook.rawProvider(for: alert)
            ))
        }
        return result
    }

    private func make(
        labels: [String: String], annotations: [String: String], state: AlertEvent.State,
        occurredAt: Date, generatorURL: String?, raw: JSONValue
    ) -> AlertEvent {
        let labelText = LabelSetText.render(labels)
        let outcome = LabelPolicy(options: options).resolve(labels: labels, annotations: annotations)
        var alert = AlertEvent(
            source: "alertmanager", state: state, title: nonEmpty(labels["alertname"]) ?? labelText,
            description: annotations["description"] ?? annotations["message"],
            summary: annotations["summary"],
            priority: outcome.priority, occurredAt: occurredAt, teams: outcome.teams,
            resource: GrafanaDecoder.resource(labels),
            identity: AlertEvent.Identity(alarmId: labelText),
            links: AlertEvent.Links(runbookURL: annotations["runbook_url"] ?? annotations["runbook"], sourceURL: generatorURL),
            rawProvider: raw, labels: labels, environment: nonEmpty(labels["environment"]),
            defaulted: outcome.defaulted.isEmpty ? nil : outcome.defaulted
        )
        SchemaLimits.conform(&alert, options: options)
        return alert
    }
}
