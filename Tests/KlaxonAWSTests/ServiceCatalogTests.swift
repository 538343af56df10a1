import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// The services remediation work will use have descriptors only; each answers a read-only call
/// through the generic protocol helpers, signed and checked by moto. This is what "adding a
/// service" costs before a typed client is written.
@Suite struct ServiceCatalogTests {
    @Test func ecsListClusters() async throws {
        let moto = try await MotoServer.shared()
        struct Input: Encodable {}
        struct Output: Decodable { var clusterArns: [String] }
        let client = moto.client()
        struct Create: Encodable { var clusterName: String }
        let name = "klaxon-\(UUID().uuidString.prefix(8))"
        _ = try await client.json(.ecs, "CreateCluster", Create(clusterName: name), as: AWSEmpty.self)
        let output = try await client.json(.ecs, "ListClusters", Input(), as: Output.self)
        #expect(output.clusterArns.contains { $0.hasSuffix("cluster/\(name)") })
    }

    @Test func ec2DescribeRegionsAndItsErrors() async throws {
        let moto = try await MotoServer.shared()
        let answer = try await moto.client().query(.ec2, "DescribeRegions", [("RegionName.1", "eu-west-1")])
        #expect(answer.name == "DescribeRegionsResponse")
        #expect(answer.child("regionInfo")?.children("item").first?.string("regionName") == "eu-west-1")
        let error = await #expect(throws: AWSError.self) {
            try await moto.client().query(.ec2, "DescribeInstances", [("InstanceId.1", "i-0123456789abcdef0")])
        }
        #expect(error?.code == "InvalidInstanceID.NotFound")
    }

    @Test(arguments: [(AWSService.rds, "DescribeDBInstances", "DBInstances"), (AWSService.elastiCache, "DescribeCacheClusters", "CacheClusters")])
    func queryServicesAnswer(_ service: AWSService, _ operation: String, _ member: String) async throws {
        let moto = try await MotoServer.shared()
        let result = try await moto.client().query(service, operation, [])
        #expect(result.name == "\(operation)Result")
        #expect(result.child(member) != nil)
    }

    // Route 53 and CloudFront (REST-XML, global) are not called here: with signature checking
    // on, moto 5.2.1 refuses boto3's own ListHostedZones / ListDistributions too (checked), so
    // such a test could not tell a signer bug from moto's. Their endpoints are in SettingsTests.
}
