import Foundation
import KlaxonCore

/// ECS events. Titles are stable across states so a failure and its recovery share a fingerprint:
/// `ECS task <group> in <cluster>`, `ECS deployment <service>`, `ECS service <service>`,
/// `ECS container instance <id>`.
extension EventBridgeDecoder {
    func ecsTask(_ body: Data, raw: JSONValue, into result: inout DecodeResult, now: Date) throws(DecodeError) {
        let event = try WireDecoding.decode(EventBridgeEvent<ECSTaskDetail>.self, from: body, what: "EventBridge event")
        guard let detail = event.detail else { throw DecodeError(.missingField, "detail: is required") }
        let cluster = lastPathComponent(detail.clusterArn) ?? "unknown-cluster"
        let group = detail.group ?? lastPathComponent(detail.taskDefinitionArn) ?? lastPathComponent(detail.taskArn) ?? "task"
        let title = "ECS task \(group) in \(cluster)"
        let status = detail.lastStatus ?? ""
        let state: AlertEvent.State
        var reason: String?
        switch status {
        case "RUNNING":
            state = .resolved
            reason = "task running"
        case "STOPPED":
            let failedContainers = (detail.containers ?? []).filter { ($0.exitCode ?? 0) != 0 }
            let failedToStart = detail.stopCode == "TaskFailedToStart"
            guard failedToStart || !failedContainers.isEmpty else {
                result.ignored.append(IgnoredAlert(title: title, reason: "ECS task stopped without a failure (no non-zero exit code, stopCode \(detail.stopCode ?? "none"))"))
                return
            }
            state = .firing
            var parts: [String] = []
            if let stopped = detail.stoppedReason { parts.append(stopped) }
            for container in failedContainers {
                parts.append("\(container.name ?? "container") exited with \(container.exitCode ?? 0)\(container.reason.map { ": \($0)" } ?? "")")
            }
            reason = parts.joined(separator: "; ")
        default:
            result.ignored.append(IgnoredAlert(title: title, reason: "ECS task state \"\(clip(status))\" is transitional (only RUNNING and failed STOPPED are mapped)"))
            return
        }
        result.alerts.append(try awsAlert(
            source: "ecs", title: title, state: state, priority: state == .firing ? .p2 : nil, event: event,
            description: nil, reason: reason,
            resource: AlertEvent.Resource(type: "ecs-task", id: detail.taskArn, region: event.region),
            alarmId: "\(detail.clusterArn ?? cluster)/\(group)", time: detail.stoppedAt ?? detail.updatedAt,
            raw: raw, now: now
        ))
    }

    func ecsService(_ body: Data, raw: JSONValue, deployment: Bool, into result: inout DecodeResult, now: Date) throws(DecodeError) {
        let event = try WireDecoding.decode(EventBridgeEvent<ECSServiceEventDetail>.self, from: body, what: "EventBridge event")
        guard let detail = event.detail, let name = nonEmpty(detail.eventName) else {
            throw DecodeError(.missingField, "detail.eventName: is required")
        }
        let serviceArn = event.resources?.first
        let service = lastPathComponent(serviceArn) ?? "unknown-service"
        let title = deployment ? "ECS deployment \(service)" : "ECS service \(service)"
        let eventType = (detail.eventType ?? "").uppercased()
        let state: AlertEvent.State
        var priority: Priority?
        if deployment {
            switch name {
            case "SERVICE_DEPLOYMENT_FAILED":
                state = .firing
                priority = .p2
            case "SERVICE_DEPLOYMENT_COMPLETED": state = .resolved
            default:
                result.ignored.append(IgnoredAlert(title: title, reason: "ECS deployment event \(clip(name)) is not a failure or a completion"))
                return
            }
        } else if eventType == "ERROR" || eventType == "WARN" {
            state = .firing
            priority = eventType == "ERROR" ? .p2 : .p3
        } else if name.hasSuffix("STEADY_STATE") {
            state = .resolved
        } else {
            result.ignored.append(IgnoredAlert(title: title, reason: "ECS service event \(clip(name)) (\(eventType.isEmpty ? "no eventType" : eventType)) is informational"))
            return
        }
        var alert = try awsAlert(
            source: "ecs", title: title, state: state, priority: priority, event: event,
            description: nil, reason: [name, detail.reason].compactMap { $0 }.joined(separator: ": "),
            resource: AlertEvent.Resource(type: "ecs-service", id: serviceArn, region: event.region),
            alarmId: serviceArn ?? service, time: detail.createdAt ?? detail.updatedAt, raw: raw, now: now
        )
        alert.labels = ["event_name": name, "event_type": eventType]
        result.alerts.append(alert)
    }

    func ecsContainerInstance(_ body: Data, raw: JSONValue, into result: inout DecodeResult, now: Date) throws(DecodeError) {
        let event = try WireDecoding.decode(EventBridgeEvent<ECSContainerInstanceDetail>.self, from: body, what: "EventBridge event")
        guard let detail = event.detail, let arn = nonEmpty(detail.containerInstanceArn) else {
            throw DecodeError(.missingField, "detail.containerInstanceArn: is required")
        }
        let id = detail.ec2InstanceId ?? lastPathComponent(arn) ?? arn
        let title = "ECS container instance \(id)"
        let state: AlertEvent.State = detail.agentConnected == false ? .firing : .resolved
        result.alerts.append(try awsAlert(
            source: "ecs", title: title, state: state, priority: state == .firing ? .p2 : nil, event: event,
            description: nil,
            reason: "status \(detail.status ?? "unknown"), agent \(detail.agentConnected == false ? "disconnected" : "connected")",
            resource: AlertEvent.Resource(type: "ecs-container-instance", id: arn, region: event.region),
            alarmId: arn, time: detail.updatedAt, raw: raw, now: now
        ))
    }

    func lastPathComponent(_ arn: String?) -> String? {
        guard let arn, let last = arn.split(separator: "/").last ?? arn.split(separator: ":").last, !last.isEmpty else { return nil }
        if !arn.contains("/") { return arn.split(separator: ":").last.map(String.init) }
        return String(last)
    }
}
