/// Which decoder a body is meant for. Routes pick one (`/webhooks/grafana` → ``grafana``); the
/// raw values are what the inbox stores in its `kind` column, so they never change.
package enum PayloadKind: String, Sendable, CaseIterable, Hashable {
    /// `POST /api/v2/alerts`: a JSON array of Alertmanager postable alerts (what Prometheus and
    /// amtool send). https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml
    case alertmanagerAPI = "alertmanager-api"
    /// Alertmanager webhook, version 4 (version 3 has the same shape and is accepted).
    /// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
    case alertmanagerWebhook = "alertmanager-webhook"
    /// Grafana webhooks: unified alerting (`alerts[]`) and legacy (`evalMatches`, `ruleName`, `state`).
    case grafana
    /// CloudWatch alarms: SNS HTTP envelope, Lambda SNS event, SQS event, bare alarm JSON, the
    /// Lambda alarm-action event and the EventBridge "CloudWatch Alarm State Change" event.
    case cloudwatch
    /// EventBridge events: CloudWatch alarm state change, EC2 instance state change, ECS task /
    /// deployment / service / container-instance events, AWS Health events.
    case eventbridge
    /// Pre-normalized AlertEvent v1 (an object or an array of objects).
    case normalized
    /// `POST /api/v1/events`: Klaxon's application event (see docs/ingest/app-events.md).
    case appEvent = "app-event"
    /// Detect from the payload (see docs/ingest/source-detection.md).
    case auto
}
