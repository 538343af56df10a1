import AsyncHTTPClient
import Crypto
import Foundation
import KlaxonCore
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// `/cost` through a running `klaxon serve` whose `aws:` section points it at moto's Cost Explorer
/// (seeded, signatures checked): the chat answer carries what Cost Explorer reported.
@Suite("/cost against klaxon serve and moto's Cost Explorer", .serialized)
struct CostLiveTests {
    /// Results in the order the cost source asks: by service, yesterday, the same days last month.
    static let seeded = #"""
    {"results": [
      {"ResultsByTime": [{"TimePeriod": {"Start": "2026-12-01", "End": "2026-12-02"}, "Total": {}, "Estimated": true, "Groups": [
        {"Keys": ["Amazon Elastic Container Service"], "Metrics": {"UnblendedCost": {"Amount": "42.5", "Unit": "USD"}}},
        {"Keys": ["AWS Lambda"], "Metrics": {"UnblendedCost": {"Amount": "7.5", "Unit": "USD"}}}]}]},
      {"ResultsByTime": [{"TimePeriod": {"Start": "2026-11-30", "End": "2026-12-01"}, "Total": {"UnblendedCost": {"Amount": "3.25", "Unit": "USD"}}, "Groups": [], "Estimated": true}]},
      {"ResultsByTime": [{"TimePeriod": {"Start": "2026-11-01", "End": "2026-11-02"}, "Total": {"UnblendedCost": {"Amount": "40", "Unit": "USD"}}, "Groups": [], "Estimated": false}]}
    ]}
    """#

    @Test func discordCostAnswersFromCostExplorer() async throws {
        let moto = try await MotoServer.shared()
        let directory = try PackagePaths.temporaryDirectory("klaxon-cost")
        let key = Curve25519.Signing.PrivateKey()
        let config = """
        aws:
          region: us-east-1
        chatops:
          discord:
            public_key: "\(Hex.encode(key.publicKey.rawRepresentation))"
            application_id: "123"
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """
        let klaxon = try await LiveKlaxon(directory: directory, config: config, environment: AWSEndToEndTests.environment(moto))
        defer { klaxon.stop() }
        let answer = try await MotoCostExplorerQueue.exclusively {
            try await moto.postAPI("/moto-api/static/ce/cost-and-usage-results", json: Self.seeded)
            let body = #"{"type":2,"id":"1","application_id":"123","token":"tok","guild_id":"9","member":{"user":{"id":"42","username":"ops"}},"data":{"name":"cost","options":[]}}"#
            let answer = try await LiveDiscordInteraction.send(body, to: klaxon, key: key)
            #expect(answer.status == 200)
            return answer.body
        }
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])
        let content = try #require((reply["data"] as? [String: Any])?["content"] as? String, "answer: \(answer)")
        #expect(content.contains("50.00 USD"), "month to date is the sum of the services: \(content)")
        #expect(content.contains("Yesterday: 3.25 USD"), "\(content)")
        #expect(content.contains("• Amazon Elastic Container Service: 42.50 USD"), "\(content)")
        #expect(content.contains("+25.0%"), "50 against 40 last month: \(content)")
        #expect(!content.contains(CostReportError.notConfigured.description))
    }
}
