import Foundation
import KlaxonCore
import Testing
@testable import KlaxonIngest

@Suite("Shaping provider data into schema v1")
struct ShapingTests {
    @Test(arguments: [
        ("Team is us", "team-is-us"), (" Dev_Infra ", "dev_infra"), ("ops/on-call", "ops-on-call"),
        ("équipe", "-quipe"), (String(repeating: "a", count: 60), String(repeating: "a", count: 50)),
        // Already clean: returned as given (the fast path), also at exactly 50 characters.
        ("dev-infra_2", "dev-infra_2"), (String(repeating: "b", count: 50), String(repeating: "b", count: 50)),
        (String(repeating: "é", count: 60), String(repeating: "-", count: 50)),
    ])
    func sanitizesTeams(_ raw: String, _ expected: String) {
        #expect(SchemaLimits.sanitizeTeam(raw) == expected)
    }

    @Test func teamListsAreSplitDeduplicatedAndCapped() {
        #expect(SchemaLimits.teams(fromList: "a, B ,a,,c") == ["a", "b", "c"])
        let many = (1...12).map { "t\($0)" }.joined(separator: ",")
        #expect(SchemaLimits.teams(fromList: many).count == 10)
        #expect(SchemaLimits.sanitizeTeam("   ") == nil)
    }

    /// Team and priority names are looked up in annotations case-insensitively, ASCII or not.
    @Test func annotationNamesMatchWhateverTheirCase() {
        #expect(LabelPolicy.lookup(["TEAM": "sre"], "team") == "sre")
        #expect(LabelPolicy.lookup(["Priority": "P1", "x": "y"], "priority") == "P1")
        #expect(LabelPolicy.lookup(["teams": "sre"], "team") == nil)
        #expect(LabelPolicy.lookup(["te@m": "sre"], "te`m") == nil)
        #expect(LabelPolicy.lookup(["ÉQUIPE": "sre"], "équipe") == "sre")
        // U+212A KELVIN SIGN lower-cases to an ASCII "k".
        #expect(LabelPolicy.lookup(["\u{212A}ey": "v"], "key") == "v")
    }

    @Test func truncatesToTheSchemaLimits() throws {
        let long = String(repeating: "x", count: 1100)
        let body = #"{"version":"4","status":"firing","groupKey":"{}","alerts":[{"status":"firing","labels":{"alertname":"\#(long)","team":"Platform Team"},"annotations":{"description":"\#(String(repeating: "d", count: 5000))"}}]}"#
        let alert = try #require(Fixture.decode(json: body, kind: .alertmanagerWebhook).value?.alerts.first)
        #expect(alert.title.unicodeScalars.count == 500)
        #expect(alert.title.hasSuffix("…"))
        #expect(alert.description?.unicodeScalars.count == 4000)
        #expect(alert.teams == ["platform-team"])
        #expect(alert.identity.alarmId?.hasPrefix("sha256:") == true)
    }

    @Test(arguments: [
        (DecodeOptions.InsufficientData.ignore, nil as AlertEvent.State?),
        (.firing, .firing),
        (.resolved, .resolved),
    ])
    func insufficientData(_ option: DecodeOptions.InsufficientData, _ state: AlertEvent.State?) throws {
        let result = try #require(try Fixture.decode("aws-cloudwatch-sns/alerta-sns-cloudwatch-insufficient-data-notification.json",
                                                     kind: .cloudwatch, options: DecodeOptions(insufficientData: option)).value)
        if let state {
            #expect(result.alerts.map(\.state) == [state])
            #expect(result.alerts.first?.title == "notificationCountAlarm")
            #expect(result.ignored.isEmpty)
        } else {
            #expect(result.alerts.isEmpty)
            #expect(result.ignored == [IgnoredAlert(title: "notificationCountAlarm", reason: "CloudWatch state INSUFFICIENT_DATA (ingest.insufficient_data is ignore)")])
        }
    }

    @Test func configuredDefaultsAreUsedAndRecorded() throws {
        let options = DecodeOptions(defaultTeams: ["SRE Team"], defaultPriority: .p3)
        let alert = try #require(try Fixture.decode("aws-cloudwatch-sns/alerta-sns-cloudwatch-alarm-notification.json", kind: .cloudwatch, options: options).value?.alerts.first)
        #expect(alert.teams == ["sre-team"])
        #expect(alert.priority == .p3)
        #expect(alert.defaulted == ["teams", "priority"])
    }

    @Test func configuredLabelNamesAreRead() throws {
        let options = DecodeOptions(teamLabels: ["owner"], priorityLabel: "urgency", severityLabel: "level")
        let body = #"[{"labels":{"alertname":"A","owner":"db,web","urgency":"P0","team":"ignored"}},{"labels":{"alertname":"B","level":"info"}}]"#
        let alerts = try #require(Fixture.decode(json: body, kind: .alertmanagerAPI, options: options).value?.alerts)
        #expect(alerts[0].teams == ["db", "web"] && alerts[0].priority == .p0 && alerts[0].defaulted == nil)
        #expect(alerts[1].priority == .p3 && alerts[1].defaulted == ["teams"])
    }

    @Test func unknownProviderFieldsStayInRawProvider() throws {
        let alert = try #require(try Fixture.decode("grafana/zulip-alert-values-v11-firing.json", kind: .grafana).value?.alerts.first)
        #expect(alert.rawProvider?["alert"]?["imageURL"] == .string("https://grafana.com/assets/img/blog/mixed_styles.png"))
        #expect(alert.rawProvider?["alert"]?["values"]?["minute"] == .int(9))
        #expect(alert.rawProvider?["group"]?["receiver"] == .string("Debug webhook"))
        let ec2 = try #require(try Fixture.decode("aws-eventbridge/powertools-eventbridge-ec2-instance-state-change.json", kind: .eventbridge).value?.alerts.first)
        #expect(ec2.rawProvider?["replay-name"] == .string("replay_archive"))
    }

    @Test func cloudWatchMetadataLinesAndLinks() throws {
        let alert = try #require(try Fixture.decode("pytorch-alerting-infra/cloudwatch-alarm.json", kind: .cloudwatch).value?.alerts.first)
        #expect(alert.description == nil)
        #expect(alert.links.runbookURL == "https://runbooks.example.org/asg-scaling")
        #expect(alert.links.sourceURL == "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/Runners-ASG-InsufficientInstances")
        #expect(alert.resource == AlertEvent.Resource(type: "autoscaling-group", id: "gh-ci-canary", region: "us-east-1", extra: [
            "metric_name": .string("GroupDesiredCapacity"), "namespace": .string("AWS/AutoScaling"), "statistic": .string("AVERAGE"),
            "threshold": .double(2), "comparison_operator": .string("LessThanThreshold"),
        ]))
        #expect(alert.labels == ["AutoScalingGroupName": "gh-ci-canary"])
        #expect(alert.reason?.hasPrefix("Threshold Crossed: 1 out of the last 1 datapoints") == true)
    }

    @Test(arguments: [
        ("Our Alert Description.\n\nCould be multi-line\nTEAM=some-team\nPRIORITY=P1\nRUNBOOK=https://r.example\nDashboard=https://d.example\n",
         CloudWatchDescription.Expect(description: "Our Alert Description.\n\nCould be multi-line", teams: "some-team", priority: "P1", runbook: "https://r.example", summary: nil, dashboard: "https://d.example")),
        ("TEAM=dev-infra | PRIORITY=P1 | RUNBOOK=https://runbooks.example.org/x?a=b",
         CloudWatchDescription.Expect(description: nil, teams: "dev-infra", priority: "P1", runbook: "https://runbooks.example.org/x?a=b", summary: nil, dashboard: nil)),
        ("Disk full | check /var\nteams=a,b\nsummary=Disk almost full",
         CloudWatchDescription.Expect(description: "Disk full | check /var", teams: "a,b", priority: nil, runbook: nil, summary: "Disk almost full", dashboard: nil)),
        (#"Body of alarm.\nStats:\nTEAM=foobar\nPriority=P1"#,
         CloudWatchDescription.Expect(description: "Body of alarm.\nStats:", teams: "foobar", priority: "P1", runbook: nil, summary: nil, dashboard: nil)),
    ])
    func parsesAlarmDescriptions(_ text: String, _ expected: CloudWatchDescription.Expect) {
        let parsed = CloudWatchDescription(parsing: text)
        #expect(CloudWatchDescription.Expect(description: parsed.description, teams: parsed.teams, priority: parsed.priority,
                                             runbook: parsed.runbook, summary: parsed.summary, dashboard: parsed.dashboard) == expected)
    }

    @Test(arguments: [
        ("https://x.example/a b", nil as String?), ("www.time.com", "https://www.time.com"), ("javascript:alert(1)", nil),
        ("http://localhost:9093/#/alerts", "http://localhost:9093/#/alerts"), ("the following link http://test-url", nil),
    ])
    func linksAreHTTPOnly(_ raw: String, _ expected: String?) {
        #expect(SchemaLimits.link(raw) == expected)
    }
}

extension CloudWatchDescription {
    struct Expect: Equatable, Sendable {
        var description, teams, priority, runbook, summary, dashboard: String?
    }
}
