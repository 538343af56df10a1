@testable import KlaxonIngest

/// Grafana, Alertmanager, alerting-infra and captured fixtures.
extension FixtureCase {
    static let providers: [FixtureCase] = [
        // grafana/ legacy
        .alerts("grafana/alerta-legacy-webhook-alerting.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Zeta CPU alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity(nil, "7"), occurredAt: nil, defaulted: defaultedBoth),
        ]),
        .alerts("grafana/alerta-legacy-webhook-grafana6-tags.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Testing -> Battery Voltage alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity(nil, "58"), occurredAt: nil, defaulted: ["teams"]),
        ]),
        .alerts("grafana/alerta-legacy-webhook-ok.json", .grafana, [
            AlertExpectation(source: "grafana", state: .resolved, title: "Zeta CPU alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity(nil, "7"), occurredAt: nil, defaulted: defaultedBoth),
        ]),
        .alerts("grafana/docs-legacy-webhook-alerting.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Panel Title alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "1"), occurredAt: nil, defaulted: defaultedBoth),
        ]),
        // grafana/ unified
        .alerts("grafana/alerting-lib-webhook-test-default-payload-firing.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "alert1", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "fac0861a85de433a"), occurredAt: nil, defaulted: defaultedBoth),
        ]),
        .alerts("grafana/docs-unified-webhook-firing.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "High memory usage", priority: .p2, teams: ["blue"],
                             identity: grafanaIdentity("1", "c6eadffa33fcdf37"), occurredAt: "2021-10-12T07:51:03.157Z", defaulted: ["priority"]),
            AlertExpectation(source: "grafana", state: .firing, title: "High CPU usage", priority: .p2, teams: ["blue"],
                             identity: grafanaIdentity("1", "bc97ff14869b13e3"), occurredAt: "2021-10-12T07:56:03.157Z", defaulted: ["priority"]),
        ]),
        .alerts("grafana/zulip-alert-9-firing.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Test alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "d8a21484c9c25a60"), occurredAt: "2022-06-17T00:41:00.782Z", defaulted: defaultedBoth),
        ]),
        .alerts("grafana/zulip-alert-9-mixed.json", .grafana, [
            AlertExpectation(source: "grafana", state: .resolved, title: "Test alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "aaafafe0953f0962"), occurredAt: "2022-06-17T01:08:28.652Z", defaulted: defaultedBoth),
            AlertExpectation(source: "grafana", state: .resolved, title: "Test alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "fb31814ac93dbe7d"), occurredAt: "2022-06-17T01:08:28.652Z", defaulted: defaultedBoth),
            AlertExpectation(source: "grafana", state: .firing, title: "Second webhook test", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "6f9cd313db421ef1"), occurredAt: "2022-06-17T01:03:00.782Z", defaulted: defaultedBoth),
        ]),
        .alerts("grafana/zulip-alert-9-resolved.json", .grafana, [
            AlertExpectation(source: "grafana", state: .resolved, title: "Test alert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "d8a21484c9c25a60"), occurredAt: "2022-06-17T00:51:24.067Z", defaulted: defaultedBoth),
        ]),
        .alerts("grafana/zulip-alert-values-v11-firing.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Memory (copy)", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "e6349a25f5ef0e9e"), occurredAt: "2024-03-01T02:09:00Z", defaulted: defaultedBoth),
        ]),

        // alertmanager/
        .alerts("alertmanager/alerta-webhook-v3.json", .alertmanagerWebhook, [
            AlertExpectation(source: "alertmanager", state: .firing, title: "failedConnect", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{__name__="ping_success",alertname="failedConnect",environment="Production",instance="host2",job="pinger",monitor="testlab",service="System",severity="critical",timeout="600"}"#],
                             occurredAt: "2016-08-01T10:27:08.008Z", defaulted: ["teams"]),
        ]),
        .alerts("alertmanager/alerta-webhook-v4.json", .alertmanagerWebhook, [
            AlertExpectation(source: "alertmanager", state: .firing, title: "thing_dead", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="thing_dead",severity="critical"}"#],
                             occurredAt: "2017-08-03T19:17:37.804Z", defaulted: ["teams"]),
        ]),
        .alerts("alertmanager/alertmanager-bot-v4-firing.json", .alertmanagerWebhook, [
            AlertExpectation(source: "alertmanager", state: .firing, title: "Fire", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="Fire",severity="critical"}"#],
                             occurredAt: "2018-11-04T21:43:58.283Z", defaulted: ["teams"]),
        ]),
        .alerts("alertmanager/alertmanager-bot-v4-resolved.json", .alertmanagerWebhook, [
            AlertExpectation(source: "alertmanager", state: .resolved, title: "Fire", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="Fire",severity="critical"}"#],
                             occurredAt: "2018-11-04T21:48:13.283Z", defaulted: ["teams"]),
        ]),
        .alerts("alertmanager/am-examples-ha-postable-alerts.json", .alertmanagerAPI, [
            AlertExpectation(source: "alertmanager", state: .firing, title: "DiskRunningFull", priority: .p2, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="DiskRunningFull",dev="sda1",instance="example1"}"#], occurredAt: nil, defaulted: defaultedBoth),
            AlertExpectation(source: "alertmanager", state: .firing, title: "DiskRunningFull", priority: .p2, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="DiskRunningFull",dev="sda2",instance="example1"}"#], occurredAt: nil, defaulted: defaultedBoth),
            AlertExpectation(source: "alertmanager", state: .firing, title: "DiskRunningFull", priority: .p2, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="DiskRunningFull",dev="sda1",instance="example2"}"#], occurredAt: nil, defaulted: defaultedBoth),
            AlertExpectation(source: "alertmanager", state: .firing, title: "DiskRunningFull", priority: .p2, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="DiskRunningFull",dev="sdb2",instance="example2"}"#], occurredAt: nil, defaulted: defaultedBoth),
            AlertExpectation(source: "alertmanager", state: .firing, title: "DiskRunningFull", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="DiskRunningFull",dev="sda1",instance="example3",severity="critical"}"#], occurredAt: nil, defaulted: ["teams"]),
            AlertExpectation(source: "alertmanager", state: .firing, title: "DiskRunningFull", priority: .p2, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="DiskRunningFull",dev="sda1",instance="example3",severity="warning"}"#], occurredAt: nil, defaulted: ["teams"]),
        ]),
        .alerts("alertmanager/zulip-alertmanager-v4-firing.json", .alertmanagerWebhook, [
            AlertExpectation(source: "alertmanager", state: .firing, title: "High CPU Temperature", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="High CPU Temperature",host="andromeda",severity="critical"}"#],
                             occurredAt: "2020-02-06T00:17:58.432Z", defaulted: ["teams"]),
            AlertExpectation(source: "alertmanager", state: .firing, title: "High CPU Temperature", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="High CPU Temperature",host="andromeda",severity="critical"}"#],
                             occurredAt: "2020-02-06T00:17:58.432Z", defaulted: ["teams"]),
        ]),
        .alerts("captured/alertmanager-webhook-sample.json", .alertmanagerWebhook, [
            AlertExpectation(source: "alertmanager", state: .firing, title: "TargetDown", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="TargetDown",instance="10.0.1.5:8080",job="checkout",service="checkout",severity="critical"}"#],
                             occurredAt: "2026-11-25T14:15:40Z", defaulted: ["teams"]),
            AlertExpectation(source: "alertmanager", state: .resolved, title: "TargetDown", priority: .p1, teams: unassigned,
                             identity: ["alarm_id": #"{alertname="TargetDown",instance="10.0.1.6:8080",job="checkout",service="checkout",severity="critical"}"#],
                             occurredAt: "2026-11-25T14:15:43Z", defaulted: ["teams"]),
        ]),

        // pytorch-alerting-infra/
        .alerts("pytorch-alerting-infra/cloudwatch-alarm.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "Runners-ASG-InsufficientInstances", priority: .p1, teams: ["dev-infra"],
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Runners-ASG-InsufficientInstances"),
                             occurredAt: "2025-09-03T19:10:01.000Z", defaulted: nil),
        ]),
        .alerts("pytorch-alerting-infra/cloudwatch-ok.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .resolved, title: "Runners-ASG-InsufficientInstances", priority: .p1, teams: ["dev-infra"],
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Runners-ASG-InsufficientInstances"),
                             occurredAt: "2025-09-03T19:15:01.000Z", defaulted: nil),
        ]),
        .alerts("pytorch-alerting-infra/cloudwatch-missing-priority.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "CPU-Utilization-High", priority: .p2, teams: ["platform-team"],
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:CPU-Utilization-High"),
                             occurredAt: "2025-09-03T21:00:01.000Z", defaulted: ["priority"]),
        ]),
        // Its Message lacks NewStateValue (and NewStateReason, Trigger): the alarm's state is unknown.
        .fails("pytorch-alerting-infra/cloudwatch-corrupted.json", .cloudwatch, .corruptedMessage, "Message: CloudWatch alarm \"Test-Corrupted-Alarm\" is incomplete: missing NewStateValue, NewStateReason, Trigger"),
        .alerts("pytorch-alerting-infra/grafana-firing.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "DatasourceNoData", priority: .p1, teams: ["dev-infra"],
                             identity: grafanaIdentity("1", "abc123def456"), occurredAt: "2025-09-03T19:10:01.000Z", defaulted: nil),
        ]),
        .alerts("pytorch-alerting-infra/grafana-resolved.json", .grafana, [
            AlertExpectation(source: "grafana", state: .resolved, title: "DatasourceNoData", priority: .p1, teams: ["dev-infra"],
                             identity: grafanaIdentity("1", "abc123def456"), occurredAt: "2025-09-03T19:25:01.000Z", defaulted: nil),
        ]),
        .alerts("pytorch-alerting-infra/grafana-missing-priority.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "TEST Alert that keeps toggling ~every 1 min", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "3201e9e1f14b433c"), occurredAt: "2025-09-16T17:19:40Z", defaulted: defaultedBoth),
        ]),
        .alerts("pytorch-alerting-infra/grafana-missing-team.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Database Connection Failure", priority: .p0, teams: unassigned,
                             identity: grafanaIdentity("1", "xyz789abc123"), occurredAt: "2025-09-03T20:30:01.000Z", defaulted: ["teams"]),
        ]),
        .alerts("pytorch-alerting-infra/grafana-absolutely-no-priority.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "Test Alert With No Priority Anywhere", priority: .p2, teams: ["dev-infra"],
                             identity: grafanaIdentity("1", "test123"), occurredAt: "2025-09-16T17:19:40Z", defaulted: ["priority"]),
        ]),
        // REFERENCE_DATA.md blocks (see Fixtures/SOURCES.md)
        .fails("pytorch-alerting-infra/reference-data-sns-message-hello.json", .auto, .unrecognizedPayload, "could not tell the source"),
        .fails("pytorch-alerting-infra/reference-data-sqs-record-hello.json", .auto, .unrecognizedPayload, "body: could not tell the source"),
        .alerts("pytorch-alerting-infra/reference-data-sqs-record-cloudwatch-alarm.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "[TITLE-TEST-ALARM] Title of Broken Alarm", priority: .p1, teams: ["foobar"],
                             identity: cloudwatchIdentity("308535385114", "us-east-1", "arn:aws:cloudwatch:us-east-1:308535385114:alarm:[TITLE-TEST-ALARM] Title of Broken Alarm"),
                             occurredAt: "2025-09-16T16:59:17.131Z", defaulted: nil),
        ]),
        .alerts("pytorch-alerting-infra/reference-data-cloudwatch-alarm-body.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "[TITLE-TEST-ALARM] Title of Broken Alarm", priority: .p1, teams: ["foobar"],
                             identity: cloudwatchIdentity("308535385114", "us-east-1", "arn:aws:cloudwatch:us-east-1:308535385114:alarm:[TITLE-TEST-ALARM] Title of Broken Alarm"),
                             occurredAt: "2025-09-16T16:59:17.131Z", defaulted: nil),
        ]),
        .alerts("pytorch-alerting-infra/reference-data-sqs-record-grafana-test-notification.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "TestAlert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "57c6d9296de2ad39"), occurredAt: "2025-09-16T17:11:19.283Z", defaulted: defaultedBoth),
        ]),
        .alerts("pytorch-alerting-infra/reference-data-grafana-test-notification-body.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "TestAlert", priority: .p2, teams: unassigned,
                             identity: grafanaIdentity("1", "57c6d9296de2ad39"), occurredAt: "2025-09-16T17:11:19.283Z", defaulted: defaultedBoth),
        ]),
        // A JavaScript object literal as console.log printed it, not JSON.
        .fails("pytorch-alerting-infra/reference-data-sqs-record-grafana-alert-js-literal.txt", .auto, .malformedJSON, "line 2, column 3 (byte 4): expected a string key in double quotes, got 'm'"),
        .alerts("pytorch-alerting-infra/reference-data-grafana-alert-body.json", .grafana, [
            AlertExpectation(source: "grafana", state: .firing, title: "DatasourceNoData", priority: .p1, teams: ["team-is-us"],
                             identity: grafanaIdentity("1", "c50ae7bba42b3626"), occurredAt: "2025-09-16T17:12:20Z", defaulted: nil),
        ]),
        // Its groupKey string has a raw line break (the author's hand edit).
        .fails("pytorch-alerting-infra/reference-data-grafana-second-alert-body-invalid.json", .grafana, .malformedJSON, "line 50, column 92 (byte 2313): control character U+000A in string must be escaped"),
    ]
}
