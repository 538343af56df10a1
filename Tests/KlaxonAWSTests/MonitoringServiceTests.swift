import AsyncHTTPClient
import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// CloudWatch (query), Cost Explorer (awsJson 1.1) and Lambda (REST-JSON) against moto.
@Suite struct MonitoringServiceTests {
    @Test func cloudWatchPutMetricDataThenListIt() async throws {
        let moto = try await MotoServer.shared()
        let client = moto.client()
        let namespace = "Klaxon/Tests/\(UUID().uuidString.prefix(8))"
        try await CloudWatchClient(client: client).putMetricData(namespace: namespace, data: [
            .init(name: "DeliveriesFailed", value: 3, dimensions: ["Receiver": "discord-ops"]),
            .init(name: "InboxLagSeconds", value: 0.25, unit: "Seconds"),
        ])
        let listed = try await client.query(.cloudWatch, "ListMetrics", [("Namespace", namespace)])
        let metrics = listed.child("Metrics")?.children("member") ?? []
        #expect(Set(metrics.compactMap { $0.string("MetricName") }) == ["DeliveriesFailed", "InboxLagSeconds"])
        let failed = metrics.first { $0.string("MetricName") == "DeliveriesFailed" }
        #expect(failed?.child("Dimensions")?.children("member").first?.string("Value") == "discord-ops")
    }

    @Test func cloudWatchDescribeAlarms() async throws {
        let moto = try await MotoServer.shared()
        let client = moto.client()
        let name = "klaxon-cpu-\(UUID().uuidString.prefix(8))"
        _ = try await client.query(.cloudWatch, "PutMetricAlarm", [
            ("AlarmName", name), ("MetricName", "CPUUtilization"), ("Namespace", "AWS/EC2"), ("Statistic", "Average"),
            ("Period", "60"), ("EvaluationPeriods", "1"), ("Threshold", "90"), ("ComparisonOperator", "GreaterThanThreshold"),
        ])
        _ = try await client.query(.cloudWatch, "SetAlarmState", [("AlarmName", name), ("StateValue", "ALARM"), ("StateReason", "test: threshold crossed")])
        let alarms = try await CloudWatchClient(client: client).describeAlarms(names: [name])
        #expect(alarms.count == 1)
        #expect(alarms.first?.name == name)
        #expect(alarms.first?.state == "ALARM")
        #expect(alarms.first?.stateReason == "test: threshold crossed")
        #expect(alarms.first?.metricName == "CPUUtilization")
        #expect(try await CloudWatchClient(client: client).describeAlarms(names: ["klaxon-none-\(UUID().uuidString)"]).isEmpty)
    }

    @Test func costExplorerReadsWhatMotoWasSeededWith() async throws {
        let moto = try await MotoServer.shared()
        // moto answers GetCostAndUsage from a queue seeded through its static results endpoint;
        // the first call with a given input takes the next seeded result.
        let start = "2031-0\(Int.random(in: 1...9))-01"
        let results = try await MotoCostExplorerQueue.exclusively {
        try await moto.postAPI("/moto-api/static/ce/cost-and-usage-results", json: """
        {"results": [{"ResultsByTime": [{"TimePeriod": {"Start": "\(start)", "End": "2031-10-01"}, "Total": {}, "Groups": [
          {"Keys": ["Amazon Elastic Compute Cloud - Compute"], "Metrics": {"UnblendedCost": {"Amount": "123.4567", "Unit": "USD"}}},
          {"Keys": ["Amazon Simple Storage Service"], "Metrics": {"UnblendedCost": {"Amount": "7.5", "Unit": "USD"}}}
        ], "Estimated": true}]}]}
        """)
        return try await CostExplorerClient(client: moto.client(region: "eu-west-1")).getCostAndUsage(
            period: .init(start: start, end: "2031-10-01"), granularity: "MONTHLY", groupByDimension: "SERVICE"
        )
        }
        #expect(results.count == 1)
        let groups = results.first?.groups ?? []
        #expect(groups.map(\.keys) == [["Amazon Elastic Compute Cloud - Compute"], ["Amazon Simple Storage Service"]])
        #expect(groups.first?.metrics["UnblendedCost"] == .init(amount: "123.4567", unit: "USD"))
        #expect(results.first?.estimated == true)
    }

    @Test func lambdaAsyncInvoke() async throws {
        let moto = try await MotoServer.shared()
        let client = moto.client()
        // moto runs Lambda code in docker unless told not to; there is no docker daemon here, so
        // its docker-free backend is used: Invoke is accepted and answered, the code is not run.
        try await moto.postAPI("/moto-api/config", json: #"{"lambda": {"use_docker": false}}"#)
        let role = try await client.query(.iam, "CreateRole", [
            ("RoleName", "klaxon-fn-\(UUID().uuidString.prefix(8))"),
            ("AssumeRolePolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#),
        ])
        let roleARN = try #require(role.first("Arn")?.text)
        let name = "klaxon-remediate-\(UUID().uuidString.prefix(8))"
        let create = #"{"FunctionName":"\#(name)","Runtime":"provided.al2023","Role":"\#(roleARN)","Handler":"bootstrap","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}"#
        let created = try await client.send(AWSRequest(method: "POST", path: "/2015-03-31/functions", headers: [("Content-Type", "application/json")], body: Array(create.utf8)), to: .lambda, operation: "CreateFunction")
        #expect(created.status == 201)

        let lambda = LambdaClient(client: client)
        let invocation = try await lambda.invoke(function: name, payload: Array(#"{"incident":"7","action":"restart"}"#.utf8), type: .event)
        #expect(invocation.statusCode == 202)
        #expect(invocation.functionError == nil)

        // A synchronous call returns the function's answer (seeded: the code does not run here).
        try await moto.postAPI("/moto-api/static/lambda-simple/response", json: #"{"results": ["{\"restarted\": true}"], "region": "us-east-1"}"#)
        let answered = try await lambda.invoke(function: name, payload: Array("{}".utf8), type: .requestResponse)
        #expect(answered.statusCode == 200)
        #expect(String(decoding: answered.payload, as: UTF8.self) == #"{"restarted": true}"#)

        // moto's docker-free backend answers for any function name, so the typed error shown
        // here is the signature check on a REST-JSON call.
        let wrong = LambdaClient(client: moto.client(credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "wrong")))
        let error = await #expect(throws: AWSError.self) {
            try await wrong.invoke(function: name, payload: Array("{}".utf8), type: .event)
        }
        #expect(error?.code == "SignatureDoesNotMatch" || error?.code == "InvalidSignatureException")
        #expect(error?.statusCode == 403)
    }
}
