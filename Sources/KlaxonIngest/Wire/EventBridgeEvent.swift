import KlaxonCore

/// An EventBridge event envelope; `detail` is decoded per `source` + `detail-type`.
/// https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
struct EventBridgeEvent<Detail: Decodable>: Decodable {
    var detailType: String?
    var source: String?
    var account: LooseString?
    var time: String?
    var region: String?
    var resources: [String]?
    var detail: Detail?

    enum CodingKeys: String, CodingKey {
        case detailType = "detail-type", source, account, time, region, resources, detail
    }
}

/// Just the routing fields of an EventBridge event, plus the whole event for `raw_provider`.
struct EventBridgeHeader: Decodable {
    var detailType: String?
    var source: String?
    var raw: JSONValue

    enum CodingKeys: String, CodingKey { case detailType = "detail-type", source }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        detailType = try c.decodeIfPresent(String.self, forKey: .detailType)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        raw = try JSONValue(from: decoder)
    }
}

/// The CloudWatch alarm action event a Lambda function receives directly (not via SNS).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda
struct AlarmLambdaActionEvent: Decodable {
    var source: String?
    var alarmArn: String?
    var accountId: LooseString?
    var time: String?
    var region: String?
    var alarmData: AlarmStateChange?
}
