import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// SSM against moto with signature checking on.
@Suite struct SSMTests {
    @Test func putThenGetAParameter() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/\(UUID().uuidString)"
        let version = try await ssm.putParameter(name: name, value: "2026-12-01T20:00:00Z")
        #expect(version == 1)
        #expect(try await ssm.putParameter(name: name, value: "2026-12-02T08:00:00Z", overwrite: true) == 2)
        let parameter = try await ssm.getParameter(name: name)
        #expect(parameter.value == "2026-12-02T08:00:00Z")
        #expect(parameter.version == 2)
        #expect(parameter.type == "String")
    }

    @Test func secureStringsComeBackDecrypted() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/secure-\(UUID().uuidString)"
        try await ssm.putParameter(name: name, value: "xoxb-secret", type: "SecureString")
        #expect(try await ssm.getParameter(name: name, withDecryption: true).value == "xoxb-secret")
    }

    @Test func aMissingParameterIsATypedError() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let error = await #expect(throws: AWSError.self) {
            try await ssm.getParameter(name: "/klaxon/tests/missing-\(UUID().uuidString)")
        }
        #expect(error?.code == "ParameterNotFound")
        #expect(error?.statusCode == 400)
        #expect(error?.requestID?.isEmpty == false)
        #expect(error?.isRetryable == false)
    }

    @Test func overwritingWithoutPermissionIsRefused() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/once-\(UUID().uuidString)"
        try await ssm.putParameter(name: name, value: "a", overwrite: false)
        let error = await #expect(throws: AWSError.self) {
            try await ssm.putParameter(name: name, value: "b", overwrite: false)
        }
        #expect(error?.code == "ParameterAlreadyExists")
    }
}

/// moto really checks the signature: the right key id with a wrong secret is refused, and the
/// error names neither secret.
@Suite struct SignatureIsCheckedTests {
    @Test func aWrongSecretIsRefused() async throws {
        let moto = try await MotoServer.shared()
        let wrong = AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "not-the-secret-\(UUID().uuidString)")
        let ssm = SSMClient(client: moto.client(credentials: wrong))
        let error = await #expect(throws: AWSError.self) {
            try await ssm.getParameter(name: "/klaxon/any")
        }
        #expect(error?.code == "SignatureDoesNotMatch" || error?.code == "InvalidSignatureException", "\(String(describing: error))")
        #expect(error?.statusCode == 403 || error?.statusCode == 400)
        let text = "\(String(describing: error))"
        #expect(!text.contains(wrong.secretAccessKey))
        #expect(!text.contains(moto.secretAccessKey))
    }

    @Test func anUnknownKeyIsRefused() async throws {
        let moto = try await MotoServer.shared()
        let unknown = AWSCredentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever")
        let ssm = SSMClient(client: moto.client(credentials: unknown))
        let error = await #expect(throws: AWSError.self) {
            try await ssm.getParameter(name: "/klaxon/any")
        }
        #expect(error?.code == "UnrecognizedClientException" || error?.code == "InvalidClientTokenId")
    }

    @Test func theRightSecretIsAccepted() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/signed-\(UUID().uuidString)"
        try await ssm.putParameter(name: name, value: "ok")
        #expect(try await ssm.getParameter(name: name).value == "ok")
    }
}

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

/// A separately started moto really goes away when stopped (tests must not leave servers behind).
@Suite struct MotoLifecycleTests {
    @Test func stopEndsMoto() async throws {
        let moto = try await MotoServer.start()
        #expect(try await STSClient(client: moto.client()).getCallerIdentity().account == "123456789012")
        moto.stop()
        let sts = STSClient(client: AWSClient(
            settings: AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": moto.endpoint]),
            credentials: StaticCredentialProvider(moto.credentials), httpClient: .shared, retry: .none, timeout: .seconds(1)
        ))
        let error = await #expect(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error?.reason == .transport)
    }
}
