import Foundation
import KlaxonTesting
import Testing

/// The real `klaxon cost` binary against moto's seeded Cost Explorer (signatures checked): the
/// printed text report and `--json`. `--as-of` pins the periods to a day no other test asks about:
/// moto keeps each seeded result for the exact request body it first answered, so a request
/// another test already made would not take this test's results.
@Suite("klaxon cost against moto's Cost Explorer", .serialized)
struct CostCLITests {
    /// In the order the report asks: by service, yesterday, the same days last month.
    static let seeded = #"""
    {"results": [
      {"ResultsByTime": [{"TimePeriod": {"Start": "2025-02-01", "End": "2025-02-11"}, "Total": {}, "Estimated": true, "Groups": [
        {"Keys": ["Amazon Relational Database Service"], "Metrics": {"UnblendedCost": {"Amount": "61.2", "Unit": "USD"}}},
        {"Keys": ["Amazon Simple Storage Service"], "Metrics": {"UnblendedCost": {"Amount": "8.05", "Unit": "USD"}}},
        {"Keys": ["AWS Lambda"], "Metrics": {"UnblendedCost": {"Amount": "0.75", "Unit": "USD"}}}]}]},
      {"ResultsByTime": [{"TimePeriod": {"Start": "2025-02-09", "End": "2025-02-10"}, "Total": {"UnblendedCost": {"Amount": "6.5", "Unit": "USD"}}, "Groups": [], "Estimated": true}]},
      {"ResultsByTime": [{"TimePeriod": {"Start": "2025-01-01", "End": "2025-01-11"}, "Total": {"UnblendedCost": {"Amount": "80", "Unit": "USD"}}, "Groups": [], "Estimated": false}]}
    ]}
    """#

    static let asOf = "2025-02-10T12:00:00Z"
    static let otherAsOf = "2025-04-20T08:00:00Z"

    static func run(_ arguments: [String], moto: MotoServer, config: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = PackagePaths.klaxonBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build klaxon first: \(binary) is missing")
        let environment = ProcessInfo.processInfo.environment.merging(AWSEndToEndTests.environment(moto)) { $1 }
        return try LocalProcess.run(binary, ["cost", "--config", config] + arguments, environment: environment)
    }

    static func configFile() throws -> String {
        let directory = try PackagePaths.temporaryDirectory("klaxon-cost-cli")
        let path = directory.appendingPathComponent("klaxon.yaml").path
        try ("aws:\n  region: us-east-1\n" + AWSEndToEndTests.tail).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("klaxon cost prints month to date by service, yesterday and the change; --json carries the same figures")
    func textAndJSON() async throws {
        let moto = try await MotoServer.shared()
        let config = try Self.configFile()
        let (text, json) = try await MotoCostExplorerQueue.exclusively {
            try await moto.postAPI("/moto-api/static/ce/cost-and-usage-results", json: Self.seeded)
            let text = try Self.run(["--as-of", Self.asOf, "--top", "2"], moto: moto, config: config)
            // Another day, so that none of its requests can match one moto has already answered.
            try await moto.postAPI("/moto-api/static/ce/cost-and-usage-results", json: Self.seeded)
            let json = try Self.run(["--as-of", Self.otherAsOf, "--json"], moto: moto, config: config)
            return (text, json)
        }
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout == """
        Month to date (2025-02-01 to 2025-02-10): 70.00 USD
          Amazon Relational Database Service  61.20 USD
          Amazon Simple Storage Service       8.05 USD
        Yesterday: 6.50 USD
        Same days last month: 80.00 USD (-12.5%)

        """)
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "stdout: \(json.stdout)")
        #expect(report["currency"] as? String == "USD")
        #expect(report["monthToDate"] as? Double == 70, "\(report)")
        #expect(report["periodStart"] as? String == "2025-04-01")
        #expect(report["periodEnd"] as? String == "2025-04-20")
        #expect(report["yesterday"] as? Double == 6.5)
        #expect(report["sameDaysLastMonth"] as? Double == 80)
        let services = try #require(report["topServices"] as? [[String: Any]])
        #expect(services.map { $0["service"] as? String } == ["Amazon Relational Database Service", "Amazon Simple Storage Service", "AWS Lambda"])
        #expect(services.map { $0["amount"] as? Double } == [61.2, 8.05, 0.75])
    }

    @Test("a bad --as-of is refused with exit status 2 and says what is expected")
    func badAsOf() async throws {
        let moto = try await MotoServer.shared()
        let result = try Self.run(["--as-of", "yesterday"], moto: moto, config: try Self.configFile())
        #expect(result.status == 2)
        #expect(result.stderr.contains("--as-of: expected an RFC 3339 time"))
    }
}
