import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

/// alerting-infra's fingerprints for its own fixtures, computed outside Swift following
/// lambdas/collector/src/fingerprint.ts (sorted `key=value` joined by `|`, title trimmed and
/// lower-cased; cloudwatch: aws_account, region, alarm_arn; grafana: org_id, rule_id).
/// Each expected hex was produced with `printf '%s' '<input>' | sha256sum`.
@Suite("Fingerprints match alerting-infra")
struct FingerprintTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var path: String
        var kind: PayloadKind
        var input: String
        var sha256: String
        var testDescription: String { path }
    }

    static let vectors: [Vector] = [
        // printf '%s' 'alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:Runners-ASG-InsufficientInstances|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=runners-asg-insufficientinstances' | sha256sum
        Vector(path: "pytorch-alerting-infra/cloudwatch-alarm.json", kind: .cloudwatch,
               input: "alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:Runners-ASG-InsufficientInstances|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=runners-asg-insufficientinstances",
               sha256: "403fe6611829cb5a76fa3b2c70f0c40f46d6e2cd4e2588a324432808d32dd4f1"),
        // same input as above: the OK transition of the same alarm
        Vector(path: "pytorch-alerting-infra/cloudwatch-ok.json", kind: .cloudwatch,
               input: "alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:Runners-ASG-InsufficientInstances|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=runners-asg-insufficientinstances",
               sha256: "403fe6611829cb5a76fa3b2c70f0c40f46d6e2cd4e2588a324432808d32dd4f1"),
        // printf '%s' 'alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:CPU-Utilization-High|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=cpu-utilization-high' | sha256sum
        Vector(path: "pytorch-alerting-infra/cloudwatch-missing-priority.json", kind: .cloudwatch,
               input: "alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:CPU-Utilization-High|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=cpu-utilization-high",
               sha256: "fdf036807759a328308b430cd6528361dcd65310e23c843bcb99062cd7ffd1a7"),
        // printf '%s' 'org_id=1|rule_id=abc123def456|source=grafana|title=datasourcenodata' | sha256sum
        Vector(path: "pytorch-alerting-infra/grafana-firing.json", kind: .grafana,
               input: "org_id=1|rule_id=abc123def456|source=grafana|title=datasourcenodata",
               sha256: "2886b9a6ec55f722cc06b4ac5df45dffd4c6413324da65ce1bfc5400d3eac867"),
        Vector(path: "pytorch-alerting-infra/grafana-resolved.json", kind: .grafana,
               input: "org_id=1|rule_id=abc123def456|source=grafana|title=datasourcenodata",
               sha256: "2886b9a6ec55f722cc06b4ac5df45dffd4c6413324da65ce1bfc5400d3eac867"),
        // printf '%s' 'org_id=1|rule_id=3201e9e1f14b433c|source=grafana|title=test alert that keeps toggling ~every 1 min' | sha256sum
        Vector(path: "pytorch-alerting-infra/grafana-missing-priority.json", kind: .grafana,
               input: "org_id=1|rule_id=3201e9e1f14b433c|source=grafana|title=test alert that keeps toggling ~every 1 min",
               sha256: "90d79901701c8e0e5804fb4e1fb7cd43ed288b07027874e55e5fef155d6157b2"),
        // printf '%s' 'org_id=1|rule_id=xyz789abc123|source=grafana|title=database connection failure' | sha256sum
        Vector(path: "pytorch-alerting-infra/grafana-missing-team.json", kind: .grafana,
               input: "org_id=1|rule_id=xyz789abc123|source=grafana|title=database connection failure",
               sha256: "774722f98afb6a2923e5948b32b2310c9644b2479a8d4cef82e68cf010bb9536"),
        // printf '%s' 'org_id=1|rule_id=test123|source=grafana|title=test alert with no priority anywhere' | sha256sum
        Vector(path: "pytorch-alerting-infra/grafana-absolutely-no-priority.json", kind: .grafana,
               input: "org_id=1|rule_id=test123|source=grafana|title=test alert with no priority anywhere",
               sha256: "041b7f502b5426467bcc2f2c4c50a4e9516138ff01d1384bf16ee8cc1bc5e01f"),
        // printf '%s' 'alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=servercputoohigh' | sha256sum
        Vector(path: "aws-eventbridge/awsdocs-cw-alarm-state-change-single-metric.json", kind: .eventbridge,
               input: "alarm_arn=arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh|aws_account=123456789012|region=us-east-1|source=cloudwatch|title=servercputoohigh",
               sha256: "8fd11ba61c7e61432dacfd02484b7801af5620bccbacc45856705a8b59a96f26"),
    ]

    @Test(arguments: vectors)
    func matchesIndependentHash(_ vector: Vector) throws {
        let decoded = try #require(try Fixture.decode(vector.path, kind: vector.kind).value)
        let alert = try #require(decoded.alerts.first)
        #expect(Fingerprint.canonicalInput(alert) == vector.input)
        #expect(alert.fingerprint == vector.sha256)
    }

    /// The EventBridge single-metric alarm, as CloudWatch would publish it to SNS (same name,
    /// account and ARN), must fingerprint like its EventBridge twin.
    @Test func snsAndEventBridgeTwinsAgree() throws {
        let alarm = #"{"AlarmName":"ServerCpuTooHigh","AlarmDescription":"Goes into alarm when server CPU utilization is too high!","AWSAccountId":"123456789012","NewStateValue":"ALARM","NewStateReason":"Threshold Crossed","StateChangeTime":"2019-10-02T17:04:40.989+0000","Region":"US East (N. Virginia)","AlarmArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh","OldStateValue":"OK","Trigger":{"MetricName":"CPUUtilization","Namespace":"AWS/EC2","Statistic":"AVERAGE","Dimensions":[{"name":"InstanceId","value":"i-12345678901234567"}],"Threshold":50.0}}"#
        let envelope = try JSONEncoder().encode(["Type": "Notification", "MessageId": "m-1", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message": alarm])
        let viaSNS = try Fixture.decoder().decode(envelope, kind: .cloudwatch)
        let viaEventBridge = try Fixture.decoder().decode(try Fixture.data("aws-eventbridge/awsdocs-cw-alarm-state-change-single-metric.json"), kind: .eventbridge)
        #expect(viaSNS.alerts.count == 1)
        #expect(viaSNS.alerts.first?.fingerprint == "8fd11ba61c7e61432dacfd02484b7801af5620bccbacc45856705a8b59a96f26")
        #expect(viaSNS.alerts.first?.fingerprint == viaEventBridge.alerts.first?.fingerprint)
        #expect(viaSNS.alerts.first?.description == viaEventBridge.alerts.first?.description)
        #expect(viaSNS.alerts.first?.links.sourceURL == "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/ServerCpuTooHigh")
    }

    /// The same label set gives the same fingerprint through API v2 and the webhook.
    @Test func alertmanagerRoutesAgree() throws {
        let api = #"[{"labels":{"alertname":"TargetDown","instance":"10.0.1.5:8080","job":"checkout","service":"checkout","severity":"critical"},"startsAt":"2026-11-25T14:15:40Z"}]"#
        let viaAPI = try #require(Fixture.decode(json: api, kind: .alertmanagerAPI).value)
        let viaWebhook = try #require(try Fixture.decode("captured/alertmanager-webhook-sample.json", kind: .alertmanagerWebhook).value)
        #expect(viaAPI.alerts.first?.fingerprint == viaWebhook.alerts.first?.fingerprint)
        #expect(viaAPI.alerts.first?.fingerprint != viaWebhook.alerts.last?.fingerprint)
    }
}
