/// Tells which decoder an unlabelled body needs, from its top-level shape (the keys
/// ``JSONSyntax`` reports while checking it, so detection costs no extra parse).
/// The rules, in order, are in docs/ingest/source-detection.md. Envelopes (SNS, Lambda
/// `Records`) are unwrapped by ``AlertDecoder`` before detection runs on what they carry.
package enum SourceDetector {
    /// What a body looks like.
    package enum Detection: Sendable, Hashable {
        case kind(PayloadKind)
        /// `alerts[]`: Grafana unified or Alertmanager webhook; the `version` (and `orgId`) value
        /// decides, which needs the decoded body.
        case groupedWebhook
    }

    package static func detect(_ summary: JSONSyntax.Summary) throws(DecodeError) -> Detection {
        switch summary.topLevel {
        case .array:
            let keys = summary.firstElementKeys
            if summary.elementCount == 0 {
                throw DecodeError(.unrecognizedPayload, "an empty JSON array carries no alerts")
            }
            if keys.contains(.schemaVersion) { return .kind(.normalized) }
            if keys.contains(.labels) { return .kind(.alertmanagerAPI) }
            if keys.contains(.putEventsDetailType) { throw putEventsEntries }
            throw DecodeError(.unrecognizedPayload, "a JSON array whose first element is neither a normalized alert (schema_version) nor an Alertmanager postable alert (labels)")
        case .object:
            let keys = summary.keys
            if keys.contains(.schemaVersion) { return .kind(.normalized) }
            if keys.contains(.alarmName) || keys.contains(.alarmData) { return .kind(.cloudwatch) }
            if keys.contains(.detailType) { return .kind(.eventbridge) }
            if keys.contains(.alerts) { return .groupedWebhook }
            if keys.contains(.evalMatches) || (keys.contains(.ruleName) && keys.contains(.state)) { return .kind(.grafana) }
            if keys.contains(.title) && keys.contains(.severity) { return .kind(.appEvent) }
            throw DecodeError(.unrecognizedPayload, "could not tell the source of this JSON object: expected an SNS envelope (Type, Message), Lambda Records, a CloudWatch alarm (AlarmName), an EventBridge event (detail-type), a Grafana or Alertmanager webhook (alerts), a Grafana legacy webhook (ruleName, state), a normalized alert (schema_version) or an app event (title, severity)")
        default:
            throw DecodeError(.unrecognizedPayload, "expected a JSON object or array, got a \(summary.topLevel.rawValue)")
        }
    }

    /// The health-tools sample is a PutEvents *request*, not what EventBridge delivers.
    static let putEventsEntries = DecodeError(
        .unrecognizedPayload,
        "this is an array of EventBridge PutEvents request entries (Source, DetailType, Detail as a string), not a delivered event; deliver events through an EventBridge rule, which sends {source, detail-type, detail}"
    )
}
