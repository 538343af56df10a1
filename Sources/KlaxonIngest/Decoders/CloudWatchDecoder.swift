import Foundation
import KlaxonCore

/// CloudWatch alarm JSON → AlertEvent (source `cloudwatch`).
///
/// Accepts the alarm JSON CloudWatch publishes to SNS (after the envelope is unwrapped by
/// ``AlertDecoder``), the Lambda alarm-action event, and the EventBridge "CloudWatch Alarm State
/// Change" event. Mapping: title = AlarmName; metadata lines of AlarmDescription give teams,
/// priority, runbook, summary, dashboard (``CloudWatchDescription``); identity = AWSAccountId,
/// the region of AlarmArn, AlarmArn (alerting-infra's fingerprint inputs); ALARM → FIRING,
/// OK → RESOLVED, INSUFFICIENT_DATA per `options.insufficientData`.
struct CloudWatchDecoder {
    var options: DecodeOptions

    func decode(_ body: Data, summary: JSONSyntax.Summary, now: Date) throws(DecodeError) -> DecodeResult {
        let facts: AlarmFacts
        if summary.keys.contains(.alarmData) {
            let event = try WireDecoding.decode(AlarmLambdaActionEvent.self, from: body, what: "CloudWatch alarm action event")
            let raw = try WireDecoding.decode(JSONValue.self, from: body, what: "CloudWatch alarm action event")
            guard let change = event.alarmData, let name = nonEmpty(change.alarmName) else {
                throw DecodeError(.missingField, "alarmData.alarmName: is required")
            }
            facts = AlarmFacts(change: change, name: name, account: event.accountId?.value, arn: event.alarmArn,
                               region: event.region, time: event.time, raw: raw)
        } else if summary.keys.contains(.detailType) {
            return try EventBridgeDecoder(options: options).decode(body, now: now, alarmsOnly: true)
        } else {
            let message = try WireDecoding.decode(CloudWatchAlarmMessage.self, from: body, what: "CloudWatch alarm")
            guard let name = nonEmpty(message.alarmName) else {
                throw DecodeError(.unrecognizedPayload, "not a CloudWatch alarm: AlarmName is missing (expected the alarm JSON CloudWatch publishes to SNS)")
            }
            guard message.newStateValue != nil else {
                var missing = ["NewStateValue"]
                if message.newStateReason == nil { missing.append("NewStateReason") }
                if message.trigger == nil { missing.append("Trigger") }
                throw DecodeError(.corruptedMessage, "CloudWatch alarm \"\(SchemaLimits.truncate(name, to: 100))\" is incomplete: missing \(missing.joined(separator: ", ")); without NewStateValue its state is unknown")
            }
            facts = AlarmFacts(message: message, name: name)
        }
        var result = DecodeResult(kind: .cloudwatch)
        try append(facts, to: &result, now: now)
        return result
    }

    /// Maps one alarm and adds it (or its ignore reason) to `result`.
    func append(_ facts: AlarmFacts, to result: inout DecodeResult, now: Date) throws(DecodeError) {
        let state: AlertEvent.State
        switch facts.stateValue?.uppercased() {
        case "ALARM": state = .firing
        case "OK": state = .resolved
        case "INSUFFICIENT_DATA":
            switch options.insufficientData {
            case .ignore:
                result.ignored.append(IgnoredAlert(title: facts.name, reason: "CloudWatch state INSUFFICIENT_DATA (ingest.insufficient_data is ignore)"))
                return
            case .firing: state = .firing
            case .resolved: state = .resolved
            }
        case nil:
            throw DecodeError(.corruptedMessage, "CloudWatch alarm \"\(SchemaLimits.truncate(facts.name, to: 100))\" has no state value")
        default:
            throw DecodeError(.invalidField, "NewStateValue: expected ALARM|OK|INSUFFICIENT_DATA, got \"\(SchemaLimits.truncate(facts.stateValue ?? "", to: 40))\"")
        }
        result.alerts.append(try alert(from: facts, state: state, now: now))
    }

    func alert(from facts: AlarmFacts, state: AlertEvent.State, now: Date) throws(DecodeError) -> AlertEvent {
        let meta = CloudWatchDescription(parsing: facts.description)
        var defaulted: [String] = []
        var teams = meta.teams.map(SchemaLimits.teams(fromList:)) ?? []
        if teams.isEmpty {
            teams = options.defaultTeams
            defaulted.append("teams")
        }
        let priority = meta.priority.flatMap(LabelPolicy.parsePriority)
        if priority == nil { defaulted.append("priority") }
        let occurredAt: Date
        if let time = facts.time {
            guard let parsed = Timestamp.parse(time) else {
                throw DecodeError(.invalidField, "StateChangeTime: expected an ISO 8601 date-time, got \"\(SchemaLimits.truncate(time, to: 40))\"")
            }
            occurredAt = parsed
        } else {
            occurredAt = now
        }
        let region = facts.region
        var labels: [String: String] = [:]
        for dimension in facts.dimensions { labels[dimension.name] = dimension.value }
        let title = facts.name.trimmingWhitespace()
        var alert = AlertEvent(
            source: "cloudwatch", state: state, title: title,
            description: meta.description, summary: meta.summary, reason: facts.reason,
            priority: priority ?? options.defaultPriority, occurredAt: occurredAt, teams: teams,
            resource: resource(facts, region: region),
            identity: AlertEvent.Identity(awsAccount: nonEmpty(facts.account), region: region, alarmArn: nonEmpty(facts.arn)),
            links: AlertEvent.Links(
                runbookURL: meta.runbook, dashboardURL: meta.dashboard,
                sourceURL: region.map { Self.consoleURL(region: $0, alarmName: title) }
            ),
            rawProvider: facts.raw, labels: labels, defaulted: defaulted.isEmpty ? nil : defaulted
        )
        SchemaLimits.conform(&alert, options: options)
        return alert
    }

    /// `https://console.aws.amazon.com/cloudwatch/home?region=R#alarmsV2:alarm/NAME`, the name
    /// percent-encoded like JavaScript's `encodeURIComponent`.
    static func consoleURL(region: String, alarmName: String) -> String {
        "https://console.aws.amazon.com/cloudwatch/home?region=\(percentEncode(region))#alarmsV2:alarm/\(percentEncode(alarmName))"
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
                 UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// The most telling dimension as the resource; metric facts in `extra`.
    private func resource(_ facts: AlarmFacts, region: String?) -> AlertEvent.Resource? {
        let preference: [(dimension: String, type: String)] = [
            ("InstanceId", "instance"), ("AutoScalingGroupName", "autoscaling-group"), ("ServiceName", "service"),
            ("FunctionName", "function"), ("DBInstanceIdentifier", "db-instance"), ("DBClusterIdentifier", "db-cluster"),
            ("LoadBalancer", "load-balancer"), ("LoadBalancerName", "load-balancer"), ("TargetGroup", "target-group"),
            ("QueueName", "queue"), ("TopicName", "topic"), ("BucketName", "bucket"), ("TableName", "table"),
            ("ClusterName", "cluster"), ("CacheClusterId", "cache-cluster"), ("ApiName", "api"),
        ]
        var type = "generic"
        var id: String?
        for (dimension, kind) in preference {
            if let match = facts.dimensions.first(where: { $0.name == dimension }) {
                type = kind
                id = match.value
                break
            }
        }
        if id == nil, let first = facts.dimensions.first {
            id = first.value
        }
        if facts.alarmRule != nil, id == nil { type = "composite-alarm" }
        var extra: [String: JSONValue] = [:]
        if let value = facts.metricName { extra["metric_name"] = .string(value) }
        if let value = facts.namespace { extra["namespace"] = .string(value) }
        if let value = facts.statistic { extra["statistic"] = .string(value) }
        if let value = facts.threshold { extra["threshold"] = .double(value) }
        if let value = facts.comparison { extra["comparison_operator"] = .string(value) }
        if let value = facts.alarmRule { extra["alarm_rule"] = .string(value) }
        if id == nil, extra.isEmpty { return nil }
        return AlertEvent.Resource(type: type, id: id, region: region, extra: extra.isEmpty ? nil : extra)
    }
}

func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
    return text
}
