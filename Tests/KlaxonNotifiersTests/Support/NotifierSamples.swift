import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline

/// Alerts and deliveries for the notifier tests: fixed values, so golden files are stable.
enum NotifierSamples {
    static let at = Date(timeIntervalSince1970: 1_750_000_000)

    static func alert(state: AlertEvent.State = .firing, priority: Priority = .p1, description: String? = "CPUUtilization > 90 for 3 datapoints within 15 minutes") -> AlertEvent {
        AlertEvent(
            source: "cloudwatch", state: state, title: "prod-api-CPU-high", description: description,
            summary: "API hosts are running hot", reason: "Threshold Crossed: 3 datapoints [95.1, 97.3, 93.0] were greater than the threshold (90.0).",
            priority: priority, occurredAt: at, teams: ["platform", "api"],
            resource: AlertEvent.Resource(type: "service", id: "prod-api", region: "us-east-1"),
            identity: AlertEvent.Identity(awsAccount: "123456789012", region: "us-east-1", alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-api-CPU-high"),
            links: AlertEvent.Links(runbookURL: "https://runbooks.example.com/api-cpu", dashboardURL: "https://grafana.example.com/d/api", sourceURL: "https://console.aws.amazon.com/cloudwatch/home#alarmsV2:alarm/prod-api-CPU-high"))
    }

    /// An EC2 instance state change as the EventBridge decoder shapes it (state kept in raw_provider).
    static func ec2(state: String) -> AlertEvent {
        AlertEvent(
            source: "ec2", state: state == "running" ? .resolved : .firing, title: "EC2 i-0abcd1234ef567890 state",
            description: "Instance i-0abcd1234ef567890 is \(state).", reason: "state: \(state)", priority: .p2, occurredAt: at, teams: ["infra"],
            resource: AlertEvent.Resource(type: "instance", id: "i-0abcd1234ef567890", region: "eu-west-1"),
            identity: AlertEvent.Identity(region: "eu-west-1", alarmId: "i-0abcd1234ef567890"),
            rawProvider: .object(["detail-type": .string("EC2 Instance State-change Notification"),
                                  "detail": .object(["instance-id": .string("i-0abcd1234ef567890"), "state": .string(state)])]))
    }

    static func delivery(_ alert: AlertEvent = alert(), action: Lifecycle.Action = .create, receiver: String = "ops", fingerprint: String? = nil, occurrence: Int = 1) -> Delivery {
        Delivery(
            receiver: receiver, fingerprint: fingerprint ?? alert.fingerprint, occurrence: occurrence, action: action,
            sequence: action == .comment ? 2 : 1, alert: alert, createdAt: at)
    }

    static func create() -> Delivery { delivery() }
    static func comment() -> Delivery { delivery(action: .comment) }
    static func close() -> Delivery { delivery(alert(state: .resolved), action: .close) }

    static func discord(_ style: DiscordMessageBuilder.Style = .embed, buttons: Bool = false, overrides: [String: String] = [:]) throws -> DiscordMessageBuilder {
        DiscordMessageBuilder(
            style: style, templates: try MessageTemplates(defaults: DiscordTemplates.defaults, overrides: overrides),
            username: "🟡 Staging Bot", avatarURL: "https://cdn.example.com/klaxon-staging.png", buttons: buttons)
    }

    static func slack(buttons: Bool = true) throws -> SlackMessageBuilder {
        SlackMessageBuilder(templates: try MessageTemplates(defaults: SlackTemplates.defaults), buttons: buttons)
    }

    static func teams(approval: String? = nil) throws -> TeamsCardBuilder {
        TeamsCardBuilder(templates: try MessageTemplates(defaults: TeamsTemplates.defaults, overrides: approval.map { ["approval_url": $0] } ?? [:]))
    }
}
