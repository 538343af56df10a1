import KlaxonCore

/// The alarm JSON CloudWatch publishes to SNS (the SNS `Message`).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
struct CloudWatchAlarmMessage: Decodable {
    struct Dimension: Decodable {
        var name: String?
        var value: LooseString?
    }

    struct MetricDataQuery: Decodable {
        struct MetricStat: Decodable {
            struct Metric: Decodable {
                var dimensions: [Dimension]?
                var metricName: String?
                var namespace: String?
                enum CodingKeys: String, CodingKey { case dimensions = "Dimensions", metricName = "MetricName", namespace = "Namespace" }
            }
            var metric: Metric?
            var stat: String?
            enum CodingKeys: String, CodingKey { case metric = "Metric", stat = "Stat" }
        }
        var id: String?
        var expression: String?
        var label: String?
        var metricStat: MetricStat?
        enum CodingKeys: String, CodingKey { case id = "Id", expression = "Expression", label = "Label", metricStat = "MetricStat" }
    }

    struct Trigger: Decodable {
        var metricName: String?
        var namespace: String?
        var statistic: String?
        var dimensions: [Dimension]?
        var metrics: [MetricDataQuery]?
        var threshold: Double?
        var comparisonOperator: String?

        enum CodingKeys: String, CodingKey {
            case metricName = "MetricName", namespace = "Namespace", statistic = "Statistic"
            case dimensions = "Dimensions", metrics = "Metrics", threshold = "Threshold"
            case comparisonOperator = "ComparisonOperator"
        }
    }

    var alarmName: String?
    var alarmDescription: String?
    var awsAccountId: LooseString?
    var newStateValue: String?
    var newStateReason: String?
    var stateChangeTime: String?
    var region: String?
    var alarmArn: String?
    var trigger: Trigger?
    /// The whole message, for `raw_provider`.
    var raw: JSONValue

    enum CodingKeys: String, CodingKey {
        case alarmName = "AlarmName", alarmDescription = "AlarmDescription", awsAccountId = "AWSAccountId"
        case newStateValue = "NewStateValue", newStateReason = "NewStateReason"
        case stateChangeTime = "StateChangeTime", region = "Region", alarmArn = "AlarmArn", trigger = "Trigger"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alarmName = try c.decodeIfPresent(String.self, forKey: .alarmName)
        alarmDescription = try c.decodeIfPresent(String.self, forKey: .alarmDescription)
        awsAccountId = try c.decodeIfPresent(LooseString.self, forKey: .awsAccountId)
        newStateValue = try c.decodeIfPresent(String.self, forKey: .newStateValue)
        newStateReason = try c.decodeIfPresent(String.self, forKey: .newStateReason)
        stateChangeTime = try c.decodeIfPresent(String.self, forKey: .stateChangeTime)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        alarmArn = try c.decodeIfPresent(String.self, forKey: .alarmArn)
        trigger = try c.decodeIfPresent(Trigger.self, forKey: .trigger)
        raw = try JSONValue(from: decoder)
    }
}

/// The alarm state change as EventBridge delivers it (`detail` of "CloudWatch Alarm State
/// Change") and as a CloudWatch Lambda alarm action delivers it (`alarmData`).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
struct AlarmStateChange: Decodable {
    struct State: Decodable {
        var value: String?
        var reason: String?
        var timestamp: String?
    }

    struct Configuration: Decodable {
        struct Query: Decodable {
            struct MetricStat: Decodable {
                struct Metric: Decodable {
                    var namespace: String?
                    var name: String?
                    var dimensions: [String: LooseString]?
                }
                var metric: Metric?
                var stat: String?
            }
            var id: String?
            var expression: String?
            var label: String?
            var metricStat: MetricStat?
        }
        var description: String?
        var metrics: [Query]?
        var alarmRule: String?
    }

    var alarmName: String?
    var state: State?
    var configuration: Configuration?
}
