import Foundation
import KlaxonCore

/// Turns a stored body into canonical alerts: checks the JSON, unwraps AWS envelopes (SNS HTTP
/// notification, Lambda SNS event, SQS event), detects the source when asked to, and runs the
/// decoder for the kind.
///
/// Time: Alertmanager API v2 alerts are resolved or not relative to *now*, and payloads without
/// a time use now; the decoder reads it from the injected clock once per ``decode(_:kind:)``
/// (or takes it explicitly in ``decode(_:kind:now:)``).
package struct AlertDecoder: Sendable {
    package var options: DecodeOptions
    private let clock: any WallClock

    /// Envelopes nest at most this deep (SQS → SNS → message is 2).
    static let maxEnvelopeDepth = 3

    package init(options: DecodeOptions, clock: any WallClock = SystemWallClock()) {
        self.options = options
        self.clock = clock
    }

    /// Decodes `body` as `kind` (``PayloadKind/auto`` detects it), with now from the clock.
    package func decode(_ body: Data, kind: PayloadKind) throws(DecodeError) -> DecodeResult {
        try decode(body, kind: kind, now: clock.now())
    }

    /// Decodes `body` as `kind` with an explicit now.
    package func decode(_ body: Data, kind: PayloadKind, now: Date) throws(DecodeError) -> DecodeResult {
        try decode(body, kind: kind, now: now, depth: 0)
    }

    private func decode(_ body: Data, kind: PayloadKind, now: Date, depth: Int) throws(DecodeError) -> DecodeResult {
        let summary: JSONSyntax.Summary
        switch JSONSyntax.scan(body) {
        case .success(let value): summary = value
        case .failure(let error): throw DecodeError(.malformedJSON, "not valid JSON: \(error)")
        }
        if summary.topLevel == .object {
            if summary.keys.contains(.records) {
                return try decodeRecords(body, kind: kind, now: now, depth: depth)
            }
            if summary.keys.contains(.receiptHandle), summary.keys.contains(.body) {
                let record = try WireDecoding.decode(RecordsEvent.Record.self, from: body, what: "SQS message")
                return try decodeRecord(record, path: "body", kind: kind, now: now, depth: depth)
            }
            if summary.keys.contains(.type), summary.keys.contains(.message) || summary.keys.contains(.topicArn) {
                let envelope = try WireDecoding.decode(SNSEnvelope.self, from: body, what: "SNS message")
                return try decodeSNS(envelope, path: "Message", kind: kind, now: now, depth: depth)
            }
        }
        switch kind {
        case .cloudwatch:
            return try CloudWatchDecoder(options: options).decode(body, summary: summary, now: now)
        case .eventbridge:
            if summary.topLevel == .array, summary.firstElementKeys.contains(.putEventsDetailType) {
                throw SourceDetector.putEventsEntries
            }
            return try EventBridgeDecoder(options: options).decode(body, now: now)
        case .grafana:
            if summary.keys.contains(.alerts) {
                let webhook = try WireDecoding.decode(GroupedWebhook.self, from: body, what: "Grafana webhook")
                return try GrafanaDecoder(options: options).decodeUnified(webhook, now: now)
            }
            if summary.keys.contains(.evalMatches) || summary.keys.contains(.ruleName) {
                return try GrafanaDecoder(options: options).decodeLegacy(body, now: now)
            }
            throw DecodeError(.unrecognizedPayload, "not a Grafana webhook: expected alerts[] (unified alerting) or ruleName and state (legacy)")
        case .alertmanagerWebhook:
            guard summary.topLevel == .object else {
                throw DecodeError(.invalidField, "expected an Alertmanager webhook object, got a JSON \(summary.topLevel.rawValue)")
            }
            let webhook = try WireDecoding.decode(GroupedWebhook.self, from: body, what: "Alertmanager webhook")
            return try AlertmanagerDecoder(options: options).decodeWebhook(webhook, now: now)
        case .alertmanagerAPI:
            guard summary.topLevel == .array else {
                throw DecodeError(.invalidField, "expected a JSON array of postable alerts, got a JSON \(summary.topLevel.rawValue)")
            }
            return try AlertmanagerDecoder(options: options).decodeAPI(body, now: now)
        case .normalized:
            return try NormalizedDecoder(options: options).decode(body)
        case .appEvent:
            return try AppEventDecoder(options: options).decode(body, now: now)
        case .auto:
            switch try SourceDetector.detect(summary) {
            case .kind(let detected):
                return try decode(body, kind: detected, now: now, depth: depth)
            case .groupedWebhook:
                let webhook = try WireDecoding.decode(GroupedWebhook.self, from: body, what: "webhook")
                let version = webhook.version?.value ?? ""
                if (version == "4" || version == "3"), webhook.orgId == nil {
                    return try AlertmanagerDecoder(options: options).decodeWebhook(webhook, now: now)
                }
                return try GrafanaDecoder(options: options).decodeUnified(webhook, now: now)
            }
        }
    }

    private func decodeSNS(_ envelope: SNSEnvelope, path: String, kind: PayloadKind, now: Date, depth: Int) throws(DecodeError) -> DecodeResult {
        switch envelope.type {
        case "Notification":
            guard let message = envelope.message else {
                throw DecodeError(.missingField, "\(path): is required in an SNS Notification")
            }
            return try decodeInner(Data(message.utf8), path: path, kind: kind, now: now, depth: depth)
        case "SubscriptionConfirmation", "UnsubscribeConfirmation":
            throw DecodeError(.subscriptionConfirmation, "SNS \(envelope.type ?? "") for topic \(envelope.topicArn ?? "(unknown)") is not an alert; it is handled by the SNS subscription flow")
        default:
            throw DecodeError(.unrecognizedPayload, "SNS message Type \"\(clip(envelope.type ?? "", 40))\" is not a Notification")
        }
    }

    private func decodeRecords(_ body: Data, kind: PayloadKind, now: Date, depth: Int) throws(DecodeError) -> DecodeResult {
        let event = try WireDecoding.decode(RecordsEvent.self, from: body, what: "Lambda event")
        guard !event.records.isEmpty else { throw DecodeError(.missingField, "Records: the event has no records") }
        var combined: DecodeResult?
        for (index, record) in event.records.enumerated() {
            let part: DecodeResult
            if let sns = record.sns {
                part = try decodeSNS(sns, path: "Records[\(index)].Sns.Message", kind: kind, now: now, depth: depth)
            } else {
                part = try decodeRecord(record, path: "Records[\(index)].body", kind: kind, now: now, depth: depth)
            }
            if combined == nil {
                combined = part
            } else {
                combined!.alerts += part.alerts
                combined!.ignored += part.ignored
            }
        }
        return combined!
    }

    private func decodeRecord(_ record: RecordsEvent.Record, path: String, kind: PayloadKind, now: Date, depth: Int) throws(DecodeError) -> DecodeResult {
        guard let body = record.body else {
            throw DecodeError(.unrecognizedPayload, "\(path): neither an SNS record (Sns) nor an SQS record (body)")
        }
        let innerKind = kind == .auto ? (record.sourceHint ?? .auto) : kind
        return try decodeInner(Data(body.utf8), path: path, kind: innerKind, now: now, depth: depth)
    }

    private func decodeInner(_ data: Data, path: String, kind: PayloadKind, now: Date, depth: Int) throws(DecodeError) -> DecodeResult {
        guard depth < Self.maxEnvelopeDepth else {
            throw DecodeError(.unrecognizedPayload, "\(path): envelopes nested more than \(Self.maxEnvelopeDepth) deep")
        }
        do {
            return try decode(data, kind: kind, now: now, depth: depth + 1)
        } catch {
            throw error.prefixed(path)
        }
    }
}
