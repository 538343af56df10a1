import Foundation
import KlaxonCore

/// EventBridge events → AlertEvents, dispatched on `source` + `detail-type`.
///
/// Mapped: CloudWatch Alarm State Change (source `cloudwatch`, same fingerprint as the SNS
/// route), EC2 Instance State-change Notification (`ec2`), ECS task / deployment / service /
/// container-instance events (`ecs`), AWS Health events (`aws-health`). Anything else is an
/// `unsupportedEvent` error naming the detail-type (it goes to dead letters). The decisions per
/// event are in docs/ingest/source-detection.md.
struct EventBridgeDecoder {
    var options: DecodeOptions

    func decode(_ body: Data, now: Date, alarmsOnly: Bool = false) throws(DecodeError) -> DecodeResult {
        let header = try WireDecoding.decode(EventBridgeHeader.self, from: body, what: "EventBridge event")
        guard let detailType = header.detailType else {
            throw DecodeError(.missingField, "detail-type: is required in an EventBridge event")
        }
        let source = header.source ?? ""
        var result = DecodeResult(kind: alarmsOnly ? .cloudwatch : .eventbridge)
        switch (source, detailType) {
        case ("aws.cloudwatch", "CloudWatch Alarm State Change"):
            let event = try WireDecoding.decode(EventBridgeEvent<AlarmStateChange>.self, from: body, what: "EventBridge event")
            guard let change = event.detail, let name = nonEmpty(change.alarmName) else {
                throw DecodeError(.missingField, "detail.alarmName: is required")
            }
            let facts = AlarmFacts(change: change, name: name, account: event.account?.value, arn: event.resources?.first,
                                   region: event.region, time: event.time, raw: header.raw)
            try CloudWatchDecoder(options: options).append(facts, to: &result, now: now)
            return result
        default:
            if alarmsOnly {
                throw DecodeError(.unsupportedEvent, "the cloudwatch kind takes only \"CloudWatch Alarm State Change\" events, got \"\(clip(detailType))\" from \(clip(source))")
            }
        }
        switch (source, detailType) {
        case ("aws.ec2", "EC2 Instance State-change Notification"):
            try ec2(body, raw: header.raw, into: &result, now: now)
        case ("aws.ecs", "ECS Task State Change"):
            try ecsTask(body, raw: header.raw, into: &result, now: now)
        case ("aws.ecs", "ECS Deployment State Change"), ("aws.ecs", "ECS Service Action"):
            try ecsService(body, raw: header.raw, deployment: detailType == "ECS Deployment State Change", into: &result, now: now)
        case ("aws.ecs", "ECS Container Instance State Change"):
            try ecsContainerInstance(body, raw: header.raw, into: &result, now: now)
        case ("aws.health", _) where detailType.hasPrefix("AWS Health"):
            try health(body, raw: header.raw, into: &result, now: now)
        default:
            throw DecodeError(.unsupportedEvent, "EventBridge event \"\(clip(detailType))\" from \(clip(source.isEmpty ? "(no source)" : source)) is not mapped to alerts (mapped: CloudWatch Alarm State Change, EC2 Instance State-change Notification, ECS Task/Deployment/Service/Container Instance events, AWS Health Event)")
        }
        return result
    }

    // MARK: EC2

    private func ec2(_ body: Data, raw: JSONValue, into result: inout DecodeResult, now: Date) throws(DecodeError) {
        let event = try WireDecoding.decode(EventBridgeEvent<EC2InstanceStateDetail>.self, from: body, what: "EventBridge event")
        guard let instance = event.detail?.instanceId ?? event.detail?.instanceIdUnderscore, !instance.isEmpty else {
            throw DecodeError(.missingField, "detail.instance-id: is required")
        }
        let stateName = event.detail?.state ?? ""
        let title = "EC2 \(instance) state"
        let state: AlertEvent.State
        switch stateName {
        case "running": state = .resolved
        case "stopped", "terminated": state = .firing
        default:
            result.ignored.append(IgnoredAlert(title: title, reason: "EC2 state \"\(clip(stateName))\" is transitional (only running, stopped and terminated are mapped)"))
            return
        }
        result.alerts.append(try awsAlert(
            source: "ec2", title: title, state: state, priority: nil, event: event,
            description: "Instance \(instance) is \(stateName).", reason: "state: \(stateName)",
            resource: AlertEvent.Resource(type: "instance", id: instance, region: event.region),
            alarmId: instance, time: event.time, raw: raw, now: now
        ))
    }

    // MARK: AWS Health

    private func health(_ body: Data, raw: JSONValue, into result: inout DecodeResult, now: Date) throws(DecodeError) {
        let event = try WireDecoding.decode(EventBridgeEvent<HealthEventDetail>.self, from: body, what: "EventBridge event")
        guard let detail = event.detail, let code = nonEmpty(detail.eventTypeCode) else {
            throw DecodeError(.missingField, "detail.eventTypeCode: is required in an AWS Health event")
        }
        let state: AlertEvent.State = detail.statusCode?.lowercased() == "closed" ? .resolved : .firing
        let priority: Priority?
        switch detail.eventTypeCategory?.lowercased() {
        case "issue", "investigation": priority = .p2
        case "scheduledchange", "accountnotification": priority = .p3
        default: priority = nil
        }
        let entities = detail.affectedEntities ?? []
        let entityId = entities.first?.entityValue ?? event.resources?.first
        var extra: [String: JSONValue] = [:]
        if entities.count > 1 {
            extra["affected_entities"] = .array(entities.compactMap { $0.entityValue.map(JSONValue.string) })
        }
        var labels: [String: String] = [:]
        if let service = detail.service { labels["service"] = service }
        if let category = detail.eventTypeCategory { labels["category"] = category }
        for (key, value) in entities.first?.tags ?? [:] where labels[key] == nil { labels[key] = value }
        let description = detail.eventDescription?.first(where: { $0.language == "en_US" })?.latestDescription
            ?? detail.eventDescription?.first?.latestDescription
        var alert = try awsAlert(
            source: "aws-health", title: "AWS Health \(code)", state: state, priority: priority, event: event,
            description: description, reason: detail.statusCode.map { "status: \($0)" },
            resource: AlertEvent.Resource(type: (detail.service ?? "aws").lowercased(), id: entityId, region: event.region,
                                          extra: extra.isEmpty ? nil : extra),
            alarmId: detail.eventArn ?? code, time: event.time, raw: raw, now: now
        )
        alert.labels = labels
        SchemaLimits.conform(&alert, options: options)
        result.alerts.append(alert)
    }

    // MARK: shared

    /// An alert for an AWS service event: teams from the defaults (AWS events name no owner),
    /// priority from the event or the default, identity = account, region, the event's id.
    func awsAlert<D>(
        source: String, title: String, state: AlertEvent.State, priority: Priority?, event: EventBridgeEvent<D>,
        description: String?, reason: String?, resource: AlertEvent.Resource?, alarmId: String,
        time: String?, raw: JSONValue, now: Date
    ) throws(DecodeError) -> AlertEvent {
        var defaulted = ["teams"]
        if priority == nil { defaulted.append("priority") }
        var occurredAt = now
        if let time = time ?? event.time {
            guard let parsed = Timestamp.parse(time) else {
                throw DecodeError(.invalidField, "time: expected an ISO 8601 date-time, got \"\(clip(time))\"")
            }
            occurredAt = parsed
        }
        let region = event.region.flatMap { $0.isEmpty ? nil : $0 }
        var alert = AlertEvent(
            source: source, state: state, title: title, description: description, reason: reason,
            priority: priority ?? options.defaultPriority, occurredAt: occurredAt, teams: options.defaultTeams,
            resource: resource,
            identity: AlertEvent.Identity(region: region, accountId: event.account?.value, alarmId: alarmId),
            rawProvider: raw, defaulted: defaulted
        )
        SchemaLimits.conform(&alert, options: options)
        return alert
    }
}

/// Cuts a provider value echoed in a message to a readable length.
func clip(_ text: String, _ limit: Int = 80) -> String {
    SchemaLimits.truncate(text, to: limit)
}
