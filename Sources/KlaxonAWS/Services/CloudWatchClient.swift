import Foundation

/// CloudWatch PutMetricData (Klaxon's own health metrics) and DescribeAlarms (the state of the
/// alarms that page through Klaxon). Query protocol.
///
/// API: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/
package struct CloudWatchClient: Sendable {
    /// One data point.
    package struct Datum: Sendable, Equatable {
        package var name: String
        package var value: Double
        package var unit: String
        package var dimensions: [String: String]
        package var timestamp: Date?

        package init(name: String, value: Double, unit: String = "Count", dimensions: [String: String] = [:], timestamp: Date? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
            self.dimensions = dimensions
            self.timestamp = timestamp
        }
    }

    /// A metric alarm as DescribeAlarms lists it.
    package struct Alarm: Sendable, Equatable {
        package var name: String
        package var arn: String?
        package var state: String
        package var stateReason: String?
        package var namespace: String?
        package var metricName: String?
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Sends up to 1000 data points in one call (CloudWatch's limit).
    package func putMetricData(namespace: String, data: [Datum]) async throws {
        precondition(data.count <= 1000, "PutMetricData takes at most 1000 data points")
        var parameters = [("Namespace", namespace)]
        for (index, datum) in data.enumerated() {
            let prefix = "MetricData.member.\(index + 1)"
            parameters += [("\(prefix).MetricName", datum.name), ("\(prefix).Value", Self.number(datum.value)), ("\(prefix).Unit", datum.unit)]
            if let timestamp = datum.timestamp {
                parameters.append(("\(prefix).Timestamp", ISO8601DateFormatter().string(from: timestamp)))
            }
            for (dimensionIndex, (name, value)) in datum.dimensions.sorted(by: { $0.key < $1.key }).enumerated() {
                parameters += [("\(prefix).Dimensions.member.\(dimensionIndex + 1).Name", name), ("\(prefix).Dimensions.member.\(dimensionIndex + 1).Value", value)]
            }
        }
        _ = try await client.query(.cloudWatch, "PutMetricData", parameters)
    }

    /// Metric alarms, optionally only those named or in one state (`ALARM`, `OK`,
    /// `INSUFFICIENT_DATA`). Follows `NextToken` to the end.
    package func describeAlarms(names: [String] = [], state: String? = nil) async throws -> [Alarm] {
        var alarms: [Alarm] = []
        var nextToken: String?
        repeat {
            var parameters: [(String, String)] = []
            for (index, name) in names.enumerated() { parameters.append(("AlarmNames.member.\(index + 1)", name)) }
            if let state { parameters.append(("StateValue", state)) }
            if let nextToken { parameters.append(("NextToken", nextToken)) }
            let result = try await client.query(.cloudWatch, "DescribeAlarms", parameters)
            for member in result.child("MetricAlarms")?.children("member") ?? [] {
                alarms.append(Alarm(
                    name: member.string("AlarmName") ?? "", arn: member.string("AlarmArn"), state: member.string("StateValue") ?? "",
                    stateReason: member.string("StateReason"), namespace: member.string("Namespace"), metricName: member.string("MetricName")
                ))
            }
            nextToken = result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
        } while nextToken != nil
        return alarms
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
