import KlaxonCore

/// What Klaxon needs from a CloudWatch alarm state change, whichever way it was delivered (SNS
/// alarm JSON, EventBridge "CloudWatch Alarm State Change", Lambda alarm action). One mapping
/// (``CloudWatchDecoder/alert(from:now:)``) turns it into an alert, so the same alarm gets the
/// same fingerprint by every route.
struct AlarmFacts {
    var name: String
    var description: String?
    var account: String?
    var arn: String?
    /// Region when the ARN has none: a display name (`EU (Ireland)`) or a code.
    var regionHint: String?
    var stateValue: String?
    var reason: String?
    var time: String?
    var dimensions: [(name: String, value: String)] = []
    var namespace: String?
    var metricName: String?
    var statistic: String?
    var threshold: Double?
    var comparison: String?
    var alarmRule: String?
    var raw: JSONValue

    /// `us-east-1` from `arn:aws:cloudwatch:us-east-1:123456789012:alarm:Name`.
    static func region(fromARN arn: String?) -> String? {
        guard let arn else { return nil }
        let parts = arn.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "arn", !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }

    var region: String? {
        if let fromARN = Self.region(fromARN: arn) { return fromARN }
        guard let hint = regionHint, !hint.isEmpty else { return nil }
        return AWSRegionName.code(for: hint)
    }
}

extension AlarmFacts {
    init(message m: CloudWatchAlarmMessage, name: String) {
        self.init(
            name: name, description: m.alarmDescription, account: m.awsAccountId?.value, arn: m.alarmArn,
            regionHint: m.region, stateValue: m.newStateValue, reason: m.newStateReason, time: m.stateChangeTime,
            raw: m.raw
        )
        if let trigger = m.trigger {
            namespace = trigger.namespace
            metricName = trigger.metricName
            statistic = trigger.statistic
            threshold = trigger.threshold
            comparison = trigger.comparisonOperator
            for dimension in trigger.dimensions ?? [] {
                if let name = dimension.name, let value = dimension.value?.value { dimensions.append((name, value)) }
            }
            for query in trigger.metrics ?? [] {
                guard let metric = query.metricStat?.metric else { continue }
                namespace = namespace ?? metric.namespace
                metricName = metricName ?? metric.metricName
                for dimension in metric.dimensions ?? [] {
                    if let name = dimension.name, let value = dimension.value?.value, !dimensions.contains(where: { $0.name == name && $0.value == value }) {
                        dimensions.append((name, value))
                    }
                }
            }
        }
    }

    init(change: AlarmStateChange, name: String, account: String?, arn: String?, region: String?, time: String?, raw: JSONValue) {
        self.init(
            name: name, description: change.configuration?.description, account: account, arn: arn,
            regionHint: region, stateValue: change.state?.value, reason: change.state?.reason,
            time: change.state?.timestamp ?? time, alarmRule: change.configuration?.alarmRule, raw: raw
        )
        for query in change.configuration?.metrics ?? [] {
            guard let metric = query.metricStat?.metric else { continue }
            namespace = namespace ?? metric.namespace
            metricName = metricName ?? metric.name
            statistic = statistic ?? query.metricStat?.stat
            for (key, value) in (metric.dimensions ?? [:]).sorted(by: { $0.key < $1.key })
            where !dimensions.contains(where: { $0.name == key && $0.value == value.value }) {
                dimensions.append((key, value.value))
            }
        }
    }
}
