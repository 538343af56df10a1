/// Cost Explorer GetCostAndUsage: the figures behind `/cost` and `klaxon cost`. awsJson 1.1,
/// one endpoint (`ce.us-east-1.amazonaws.com`) signed for us-east-1 whatever the region.
///
/// API: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
package struct CostExplorerClient: Sendable {
    /// `{Amount, Unit}`; the amount stays a decimal string as AWS sends it.
    package struct Metric: Sendable, Equatable, Codable {
        package var amount: String
        package var unit: String

        package init(amount: String, unit: String) {
            self.amount = amount
            self.unit = unit
        }

        enum CodingKeys: String, CodingKey { case amount = "Amount", unit = "Unit" }
    }

    package struct Group: Sendable, Equatable, Decodable {
        package var keys: [String]
        package var metrics: [String: Metric]

        enum CodingKeys: String, CodingKey { case keys = "Keys", metrics = "Metrics" }
    }

    package struct Period: Sendable, Equatable, Codable {
        /// `YYYY-MM-DD`, start inclusive, end exclusive.
        package var start: String
        package var end: String

        package init(start: String, end: String) {
            self.start = start
            self.end = end
        }

        enum CodingKeys: String, CodingKey { case start = "Start", end = "End" }
    }

    package struct ResultByTime: Sendable, Equatable, Decodable {
        package var timePeriod: Period
        package var total: [String: Metric]?
        package var groups: [Group]?
        package var estimated: Bool?

        enum CodingKeys: String, CodingKey { case timePeriod = "TimePeriod", total = "Total", groups = "Groups", estimated = "Estimated" }
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Cost for `period` at `granularity` (`DAILY`, `MONTHLY`), optionally grouped by a
    /// dimension (`SERVICE`). Follows `NextPageToken`. Access denied throws
    /// `AccessDeniedException`.
    package func getCostAndUsage(period: Period, granularity: String = "MONTHLY", metrics: [String] = ["UnblendedCost"], groupByDimension: String? = nil) async throws -> [ResultByTime] {
        struct GroupBy: Encodable { var `Type` = "DIMENSION"; var Key: String }
        struct Input: Encodable { var TimePeriod: Period; var Granularity: String; var Metrics: [String]; var GroupBy: [GroupBy]?; var NextPageToken: String? }
        struct Output: Decodable { var ResultsByTime: [ResultByTime]?; var NextPageToken: String? }
        var results: [ResultByTime] = []
        var token: String?
        repeat {
            let input = Input(TimePeriod: period, Granularity: granularity, Metrics: metrics, GroupBy: groupByDimension.map { [GroupBy(Key: $0)] }, NextPageToken: token)
            let output = try await client.json(.costExplorer, "GetCostAndUsage", input, as: Output.self)
            results += output.ResultsByTime ?? []
            token = output.NextPageToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return results
    }
}
