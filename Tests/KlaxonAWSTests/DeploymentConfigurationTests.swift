import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// The client configured the way a deployment configures it: nothing but environment variables
/// (keys, region, the SDK's per-service endpoint override), and temporary credentials with a
/// session token, which moto checks as well.
@Suite struct DeploymentConfigurationTests {
    @Test func environmentOnlyConfiguration() async throws {
        let moto = try await MotoServer.shared()
        let home = try PackagePaths.temporaryDirectory("klaxon-aws-home")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = [
            "HOME": home.path, "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
            "AWS_ENDPOINT_URL_SSM": moto.endpoint,
        ]
        let client = try AWSClient.standard(environment: environment)
        let ssm = SSMClient(client: client)
        let name = "/klaxon/alerts/muted_until-\(UUID().uuidString.prefix(8))"
        try await ssm.putParameter(name: name, value: "2026-12-01T22:00:00Z")
        #expect(try await ssm.getParameter(name: name).value == "2026-12-01T22:00:00Z")
        // Only SSM was pointed at moto: SQS would go to the real regional endpoint.
        #expect(client.settings.endpoint(for: .sqs)?.url.absoluteString == "https://sqs.us-east-1.amazonaws.com")
    }

    @Test func assumedRoleCredentialsSignWithTheirSessionToken() async throws {
        let moto = try await MotoServer.shared()
        let client = moto.client()
        let roleName = "klaxon-remediation-\(UUID().uuidString.prefix(8))"
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/klaxon-tests"},"Action":"sts:AssumeRole"}]}"#
        let role = try await client.query(.iam, "CreateRole", [("RoleName", roleName), ("AssumeRolePolicyDocument", trust)])
        let roleARN = try #require(role.first("Arn")?.text)
        _ = try await client.query(.iam, "PutRolePolicy", [
            ("RoleName", roleName), ("PolicyName", "ssm"),
            ("PolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:*","Resource":"*"}]}"#),
        ])
        let temporary = try await STSClient(client: client).assumeRole(roleARN: roleARN, sessionName: "klaxon")
        #expect(temporary.sessionToken?.isEmpty == false)
        #expect(temporary.expiration != nil)

        let ssm = SSMClient(client: moto.client(credentials: temporary))
        let name = "/klaxon/tests/assumed-\(UUID().uuidString.prefix(8))"
        try await ssm.putParameter(name: name, value: "via role")
        #expect(try await ssm.getParameter(name: name).value == "via role")

        // The same keys with the token left out are refused.
        var tokenless = temporary
        tokenless.sessionToken = nil
        await #expect(throws: AWSError.self) { try await SSMClient(client: moto.client(credentials: tokenless)).getParameter(name: name) }
    }
}
