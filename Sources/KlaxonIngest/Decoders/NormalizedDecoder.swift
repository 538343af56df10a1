import Foundation
import KlaxonCore

/// Pre-normalized AlertEvent v1 (object or array) → AlertEvents, after
/// ``NormalizedAlertValidator`` accepts every element. Unknown top-level fields are kept: the
/// original object goes to `raw_provider` when the producer sent none.
struct NormalizedDecoder {
    var options: DecodeOptions

    func decode(_ body: Data) throws(DecodeError) -> DecodeResult {
        let value = try WireDecoding.decode(JSONValue.self, from: body, what: "normalized alert")
        let elements: [(JSONValue, String)]
        switch value {
        case .array(let items):
            guard !items.isEmpty else { throw DecodeError(.missingField, "the array of normalized alerts is empty") }
            elements = items.enumerated().map { ($0.element, "[\($0.offset)].") }
        default:
            elements = [(value, "")]
        }
        var issues: [NormalizedAlertValidator.Issue] = []
        var result = DecodeResult(kind: .normalized)
        for (element, prefix) in elements {
            let report = NormalizedAlertValidator.validate(element, prefix: prefix)
            if !report.issues.isEmpty {
                issues += report.issues
                continue
            }
            guard case .object(let object) = element else { continue }
            var alert = Self.alert(from: object)
            if !report.unknownFields.isEmpty, alert.rawProvider == nil {
                alert.rawProvider = element
            }
            SchemaLimits.conform(&alert, options: options)
            result.alerts.append(alert)
        }
        if let first = issues.first {
            let shown = issues.prefix(20).map(\.description).joined(separator: "; ")
            let more = issues.count > 20 ? "; and \(issues.count - 20) more" : ""
            throw DecodeError(first.isMissing ? .missingField : .invalidField, shown + more)
        }
        return result
    }

    /// Builds the alert from a validated object.
    static func alert(from o: [String: JSONValue]) -> AlertEvent {
        let identity = o["identity"]?.objectValue ?? [:]
        let links = o["links"]?.objectValue ?? [:]
        var resource: AlertEvent.Resource?
        if let r = o["resource"]?.objectValue, let type = r["type"]?.stringValue {
            resource = AlertEvent.Resource(type: type, id: r["id"]?.stringValue, region: r["region"]?.stringValue, extra: r["extra"]?.objectValue)
        }
        return AlertEvent(
            schemaVersion: 1,
            source: o["source"]?.stringValue ?? "",
            state: o["state"]?.stringValue == "RESOLVED" ? .resolved : .firing,
            title: o["title"]?.stringValue ?? "",
            description: o["description"]?.stringValue, summary: o["summary"]?.stringValue, reason: o["reason"]?.stringValue,
            priority: o["priority"]?.stringValue.flatMap(Priority.init(rawValue:)) ?? .p2,
            occurredAt: o["occurred_at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
            teams: o["teams"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            resource: resource,
            identity: AlertEvent.Identity(
                awsAccount: identity["aws_account"]?.stringValue, region: identity["region"]?.stringValue,
                alarmArn: identity["alarm_arn"]?.stringValue, orgId: identity["org_id"]?.stringValue,
                ruleId: identity["rule_id"]?.stringValue, accountId: identity["account_id"]?.stringValue,
                alarmId: identity["alarm_id"]?.stringValue
            ),
            links: AlertEvent.Links(
                runbookURL: links["runbook_url"]?.stringValue, dashboardURL: links["dashboard_url"]?.stringValue,
                sourceURL: links["source_url"]?.stringValue, silenceURL: links["silence_url"]?.stringValue
            ),
            rawProvider: o["raw_provider"].flatMap { $0.isNull ? nil : $0 },
            labels: o["labels"]?.objectValue?.compactMapValues(\.stringValue),
            environment: o["environment"]?.stringValue,
            defaulted: o["defaulted"]?.arrayValue?.compactMap(\.stringValue)
        )
    }
}
