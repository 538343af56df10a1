@testable import KlaxonIngest

/// CloudWatch (SNS, Lambda), SQS and EventBridge fixtures.
extension FixtureCase {
    static let aws: [FixtureCase] = [
        // aws-cloudwatch-sns/
        .alerts("aws-cloudwatch-sns/alerta-sns-cloudwatch-alarm-notification.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "bucketbytesAlarm", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("1234567890", "eu-west-1", nil),
                             occurredAt: "2019-02-15T23:53:45.093Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-cloudwatch-sns/alerta-sns-cloudwatch-insufficient-data-notification.json", .cloudwatch, [], ignored: 1),
        .fails("aws-cloudwatch-sns/alerta-sns-subscription-confirmation.json", .cloudwatch, .subscriptionConfirmation, "arn:aws:sns:eu-west-1:1234567890:alerta-test"),
        .alerts("aws-cloudwatch-sns/aws-lambda-go-cloudwatch-alarm-sns-payload-multiple-metrics.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "EXAMPLE", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("EXAMPLE", "REGION", "arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE"),
                             occurredAt: "2015-06-03T17:43:27.123Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-cloudwatch-sns/aws-lambda-go-cloudwatch-alarm-sns-payload-single-metric.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "EXAMPLE", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "REGION", "arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE"),
                             occurredAt: "2015-06-03T17:43:27.123Z", defaulted: defaultedBoth),
        ]),
        .fails("aws-cloudwatch-sns/aws-lambda-go-sns-event.json", .cloudwatch, .malformedJSON, "Records[0].Sns.Message: not valid JSON"),
        .alerts("aws-cloudwatch-sns/powertools-cloudwatch-alarm-lambda-action-composite.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "CompositeDemo.Main", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("111122223333", "us-east-1", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:SuppressionDemo.Main"),
                             occurredAt: "2023-08-04T12:56:46.138Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-cloudwatch-sns/powertools-cloudwatch-alarm-lambda-action-single-metric.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "Test alert", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "eu-west-1", "arn:aws:cloudwatch:eu-west-1:912397435824:alarm:test_alarm"),
                             occurredAt: "2024-02-17T11:53:08.431Z", defaulted: defaultedBoth),
        ]),
        .fails("aws-cloudwatch-sns/powertools-sns-event.json", .cloudwatch, .malformedJSON, "Records[0].Sns.Message: not valid JSON"),
        // A SAM CLI mustache template: "{{{message}}}" is not JSON.
        .fails("aws-cloudwatch-sns/sam-cli-template-Sns.json", .cloudwatch, .malformedJSON, "Records[0].Sns.Message: not valid JSON"),

        // aws-sqs/: none carries an alert.
        .fails("aws-sqs/aws-lambda-go-sqs-event.json", .auto, .malformedJSON, "Records[0].body: not valid JSON"),
        .fails("aws-sqs/powertools-snsSqsEvent.json", .auto, .unrecognizedPayload, "Records[0].body: Message: could not tell the source"),
        .fails("aws-sqs/powertools-snsSqsEvent.json", .cloudwatch, .unrecognizedPayload, "Records[0].body: Message: not a CloudWatch alarm: AlarmName is missing"),
        .fails("aws-sqs/powertools-snsSqsFifoEvent.json", .auto, .unrecognizedPayload, "Records[0].body: Message: could not tell the source"),
        .fails("aws-sqs/powertools-sqsDlqTriggerEvent.json", .auto, .malformedJSON, "Records[0].body: not valid JSON"),
        .fails("aws-sqs/powertools-sqsEvent.json", .auto, .malformedJSON, "Records[0].body: not valid JSON"),
        .fails("aws-sqs/sam-cli-template-Sqs.json", .auto, .malformedJSON, "Records[0].body: not valid JSON"),

        // aws-eventbridge/
        .alerts("aws-eventbridge/aws-health-tools-health-event-ec2-issue-affected-entities.json", .eventbridge, [
            AlertExpectation(source: "aws-health", state: .firing, title: "AWS Health AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED",
                             priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("123456789012", "us-west-2", "arn:aws:health:us-west-2::event/AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED_90353408594353980"),
                             occurredAt: "2016-06-05T06:27:57Z", defaulted: ["teams"]),
        ]),
        .alerts("aws-eventbridge/aws-health-tools-health-event-test.json", .eventbridge, [
            AlertExpectation(source: "aws-health", state: .firing, title: "AWS Health AWS_EC2_HEALTH_TEST_EVENT", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("123456789012", "us-east-1", "arn:aws:health:us-east-1::event/AWS_HEALTH_TEST_ALERT"),
                             occurredAt: "2016-06-05T06:27:57Z", defaulted: defaultedBoth),
        ]),
        .fails("aws-eventbridge/aws-health-tools-putevents-entries-ecs-task-patching-scheduledChange.json", .eventbridge, .unrecognizedPayload, "PutEvents request entries"),
        .fails("aws-eventbridge/aws-health-tools-putevents-entries-ecs-task-patching-scheduledChange.json", .auto, .unrecognizedPayload, "PutEvents request entries"),
        .fails("aws-eventbridge/aws-lambda-go-autoscaling-event-launch-successful.json", .eventbridge, .unsupportedEvent, "\"EC2 Instance Launch Successful\" from aws.autoscaling"),
        .fails("aws-eventbridge/aws-lambda-go-codepipeline-execution-state-change-event.json", .eventbridge, .unsupportedEvent, "\"CodePipeline Pipeline Execution State Change\" from aws.codepipeline"),
        .alerts("aws-eventbridge/aws-lambda-go-ecs-container-instance-state-change.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .resolved, title: "ECS container instance i-f3a8506b", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-east-1", "arn:aws:ecs:us-east-1:111122223333:container-instance/b54a2a04-046f-4331-9d74-3f6d7f6ca315"),
                             occurredAt: "2016-12-06T16:41:06.991Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-cw-alarm-state-change-anomaly-detection.json", .eventbridge, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "EC2 CPU Utilization Anomaly", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU Utilization Anomaly"),
                             occurredAt: "2019-10-03T16:00:04.653Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-cw-alarm-state-change-composite-with-suppressor.json", .eventbridge, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "ServiceAggregatedAlarm", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServiceAggregatedAlarm"),
                             occurredAt: "2022-07-22T15:57:45.394Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-cw-alarm-state-change-metric-math.json", .eventbridge, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "TotalNetworkTrafficTooHigh", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:TotalNetworkTrafficTooHigh"),
                             occurredAt: "2019-10-02T17:20:48.554Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-cw-alarm-state-change-single-metric.json", .eventbridge, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "ServerCpuTooHigh", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"),
                             occurredAt: "2019-10-02T17:04:40.989Z", defaulted: defaultedBoth),
        ]),
        // The same event under the cloudwatch kind decodes alike.
        .alerts("aws-eventbridge/awsdocs-cw-alarm-state-change-single-metric.json", .cloudwatch, [
            AlertExpectation(source: "cloudwatch", state: .firing, title: "ServerCpuTooHigh", priority: .p2, teams: unassigned,
                             identity: cloudwatchIdentity("123456789012", "us-east-1", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh"),
                             occurredAt: "2019-10-02T17:04:40.989Z", defaulted: defaultedBoth),
        ], auto: .eventbridge),
        .alerts("aws-eventbridge/awsdocs-ecs-container-instance-state-change.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .resolved, title: "ECS container instance i-f3a8506b", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-east-1", "arn:aws:ecs:us-east-1:111122223333:container-instance/b54a2a04-046f-4331-9d74-3f6d7f6ca315"),
                             occurredAt: "2016-12-06T16:41:06.991Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-ecs-deployment-state-change-completed.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .resolved, title: "ECS deployment servicetest", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-2", "arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"),
                             occurredAt: "2020-05-23T11:11:11Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-ecs-deployment-state-change-failed.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .firing, title: "ECS deployment servicetest", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-2", "arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"),
                             occurredAt: "2020-05-23T11:11:11Z", defaulted: ["teams"]),
        ]),
        .alerts("aws-eventbridge/awsdocs-ecs-service-action-steady-state.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .resolved, title: "ECS service servicetest", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-2", "arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"),
                             occurredAt: "2019-11-19T19:27:22.695Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/awsdocs-ecs-service-action-task-placement-failure.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .firing, title: "ECS service servicetest", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-2", "arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"),
                             occurredAt: "2019-11-06T19:09:33.087Z", defaulted: ["teams"]),
        ]),
        .alerts("aws-eventbridge/awsdocs-ecs-service-action-task-start-impaired.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .firing, title: "ECS service servicetest", priority: .p3, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-2", "arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"),
                             occurredAt: "2019-11-19T19:55:38.725Z", defaulted: ["teams"]),
        ]),
        .alerts("aws-eventbridge/awsdocs-ecs-task-state-change-running.json", .eventbridge, [
            AlertExpectation(source: "ecs", state: .resolved, title: "ECS task family:sample-fargate in FargateCluster", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-2", "arn:aws:ecs:us-west-2:111122223333:cluster/FargateCluster/family:sample-fargate"),
                             occurredAt: "2020-01-23T17:57:58.103Z", defaulted: defaultedBoth),
        ]),
        .alerts("aws-eventbridge/powertools-eventbridge-ec2-instance-state-change.json", .eventbridge, [
            AlertExpectation(source: "ec2", state: .firing, title: "EC2 i-1234567890abcdef0 state", priority: .p2, teams: unassigned,
                             identity: awsEventIdentity("111122223333", "us-west-1", "i-1234567890abcdef0"),
                             occurredAt: "2017-12-22T18:43:48Z", defaulted: defaultedBoth),
        ]),
        .fails("aws-eventbridge/sam-cli-template-ScheduledEvent.json", .eventbridge, .unsupportedEvent, "\"Scheduled Event\" from aws.events"),
    ]
}
