import Foundation
import KlaxonAWS
import KlaxonCore
import KlaxonTesting
import Testing

@Suite("Cost reports from Cost Explorer", .serialized)
struct CostExplorerSourceTests {
    static func utc(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test("The three periods, across month ends", arguments: [
        ("2026-03-15T10:00:00Z", "2026-03-01", "2026-03-16", "2026-03-14", "2026-03-15", "2026-02-01", "2026-02-16"),
        ("2026-03-31T23:59:59Z", "2026-03-01", "2026-04-01", "2026-03-30", "2026-03-31", "2026-02-01", "2026-03-01"),
        ("2026-03-01T00:00:00Z", "2026-03-01", "2026-03-02", "2026-02-28", "2026-03-01", "2026-02-01", "2026-02-02"),
        ("2026-01-01T12:00:00Z", "2026-01-01", "2026-01-02", "2025-12-31", "2026-01-01", "2025-12-01", "2025-12-02"),
    ])
    func periods(now: String, mtdStart: String, mtdEnd: String, yStart: String, yEnd: String, lastStart: String, lastEnd: String) {
        let periods = CostPeriods(now: Self.utc(now))
        #expect(periods.monthToDate == .init(start: mtdStart, end: mtdEnd))
        #expect(periods.yesterday == .init(start: yStart, end: yEnd))
        #expect(periods.sameDaysLastMonth == .init(start: lastStart, end: lastEnd))
    }

    /// Results in the order the source asks: by service, yesterday, last month.
    static let seeded = #"""
    {"results": [
      {"ResultsByTime": [{"TimePeriod": {"Start": "2026-03-01", "End": "2026-03-16"}, "Total": {}, "Estimated": true, "Groups": [
        {"Keys": ["Amazon Elastic Compute Cloud - Compute"], "Metrics": {"UnblendedCost": {"Amount": "120.5", "Unit": "USD"}}},
        {"Keys": ["Amazon Simple Storage Service"], "Metrics": {"UnblendedCost": {"Amount": "10.25", "Unit": "USD"}}},
        {"Keys": ["Amazon Relational Database Service"], "Metrics": {"UnblendedCost": {"Amount": "50", "Unit": "USD"}}},
        {"Keys": ["AWS Lambda"], "Metrics": {"UnblendedCost": {"Amount": "0.5", "Unit": "USD"}}}]}]},
      {"ResultsByTime": [{"TimePeriod": {"Start": "2026-03-14", "End": "2026-03-15"}, "Total": {"UnblendedCost": {"Amount": "9.75", "Unit": "USD"}}, "Groups": [], "Estimated": true}]},
      {"ResultsByTime": [{"TimePeriod": {"Start": "2026-02-01", "End": "2026-02-16"}, "Total": {"UnblendedCost": {"Amount": "150", "Unit": "USD"}}, "Groups": [], "Estimated": false}]}
    ]}
    """#

    @Test("Month to date by service (top N), yesterday, and the change against last month, from moto's seeded results")
    func report() async throws {
        // moto hands seeded results out in order to requests it has not seen before: seed and
        // call under the lock every seeding test takes.
        let moto = try await MotoServer.shared()
        let report = try await MotoCostExplorerQueue.exclusively {
            try await moto.postAPI("/moto-api/static/ce/cost-and-usage-results", json: Self.seeded)
            let source = CostExplorerSource(explorer: CostExplorerClient(client: moto.client()))
            return try await source.costReport(top: 2, now: Self.utc("2026-03-15T10:00:00Z"))
        }
        #expect(report.currency == "USD")
        #expect(report.periodStart == "2026-03-01" && report.periodEnd == "2026-03-15")
        #expect(report.monthToDate == 181.25)
        #expect(report.topServices == [
            .init(service: "Amazon Elastic Compute Cloud - Compute", amount: 120.5), .init(service: "Amazon Relational Database Service", amount: 50),
        ])
        #expect(report.yesterday == 9.75)
        #expect(report.sameDaysLastMonth == 150)
        #expect(abs((report.changePercent ?? 0) - 20.8333) < 0.001)
    }

    @Test("A role without ce:GetCostAndUsage gets accessDenied")
    func accessDenied() async throws {
        let moto = try await MotoServer.shared()
        let admin = moto.client()
        let user = "no-cost-\(UUID().uuidString.prefix(6))"
        _ = try await admin.query(.iam, "CreateUser", [("UserName", user)])
        let key = try await admin.query(.iam, "CreateAccessKey", [("UserName", user)])
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:GetParameter","Resource":"*"}]}"#
        _ = try await admin.query(.iam, "PutUserPolicy", [("UserName", user), ("PolicyName", "ssm-only"), ("PolicyDocument", policy)])
        let id = try #require(key.first("AccessKeyId")?.text)
        let secret = try #require(key.first("SecretAccessKey")?.text)
        let source = CostExplorerSource(explorer: CostExplorerClient(client: moto.client(credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret))))
        await MotoCostExplorerQueue.exclusively {
            await #expect(throws: CostReportError.accessDenied) {
                _ = try await source.costReport(top: 5, now: Date())
            }
        }
    }
}
