import AsyncHTTPClient
import Foundation
import KlaxonAWS
import KlaxonTesting
import Synchronization
import Testing

@Suite struct CredentialChainTests {
    @Test func environmentComesFirst() async throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token", "AWS_REGION": "eu-west-1"]
        let settings = try AWSSettings.load(environment: environment)
        let found = try #require(try await CredentialChain.standard(settings: settings, httpClient: .shared).credentials())
        #expect(found.accessKeyID == "AKIAENV")
        #expect(found.sessionToken == "env-token")
        #expect(found.source == "environment")
        #expect(settings.region == "eu-west-1")
    }

    @Test func anIdWithoutASecretIsAnError() async throws {
        let provider = EnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV"])
        let error = await #expect(throws: AWSError.self) { try await provider.credentials() }
        #expect(error?.reason == .credentials)
    }

    @Test func profilesFromTheSharedFiles() async throws {
        let directory = try PackagePaths.temporaryDirectory("klaxon-aws-profile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let credentialsPath = directory.appendingPathComponent("credentials").path
        let configPath = directory.appendingPathComponent("config").path
        try """
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = default-secret

        # the one Klaxon runs as
        [ops]
        aws_access_key_id = AKIAOPS
        aws_secret_access_key = ops-secret ; trailing comment
        aws_session_token = ops-token
        """.write(toFile: credentialsPath, atomically: true, encoding: .utf8)
        try """
        [default]
        region = us-west-2

        [profile ops]
        region = eu-central-1
        services = local
        endpoint_url = http://127.0.0.1:1

        [services local]
        ssm =
          endpoint_url = http://127.0.0.1:4566
        dynamodb =
          endpoint_url = http://127.0.0.1:8000
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = ["AWS_PROFILE": "ops", "AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_CONFIG_FILE": configPath, "HOME": directory.path]
        let settings = try AWSSettings.load(environment: environment)
        #expect(settings.region == "eu-central-1")
        let found = try #require(try await CredentialChain.standard(settings: settings, httpClient: .shared).credentials())
        #expect(found.accessKeyID == "AKIAOPS")
        #expect(found.secretAccessKey == "ops-secret")
        #expect(found.sessionToken == "ops-token")
        #expect(found.source == "profile:ops")
        #expect(settings.endpoint(for: .ssm)?.url.absoluteString == "http://127.0.0.1:4566")
        #expect(settings.endpoint(for: .dynamoDB)?.url.absoluteString == "http://127.0.0.1:8000")
        #expect(settings.endpoint(for: .sqs)?.url.absoluteString == "http://127.0.0.1:1")

        let fallback = try AWSSettings.load(environment: ["AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_CONFIG_FILE": configPath, "HOME": directory.path])
        #expect(fallback.region == "us-west-2")
        #expect(try await ProfileCredentialProvider(settings: fallback).credentials()?.accessKeyID == "AKIADEFAULT")
    }

    @Test func aNamedProfileThatIsMissingIsAnError() async throws {
        let settings = AWSSettings(region: "us-east-1", profileName: "nope", environment: ["AWS_PROFILE": "nope"])
        let error = await #expect(throws: AWSError.self) { try await ProfileCredentialProvider(settings: settings).credentials() }
        #expect(error?.message.contains("nope") == true)
    }

    @Test func containerCredentialsWithTheTokenFromAFile() async throws {
        let standIn = MetadataStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let directory = try PackagePaths.temporaryDirectory("klaxon-aws-container")
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token").path
        try (standIn.authorizationToken + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let environment = [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(standIn.url)/container/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer ignored-when-the-file-is-set",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let settings = AWSSettings(region: "us-east-1", environment: environment)
        let found = try #require(try await CredentialChain.standard(settings: settings, httpClient: .shared).credentials())
        #expect(found.accessKeyID == "ASIASTANDIN1")
        #expect(found.sessionToken == "standin-token-1")
        #expect(found.source == "container")
        #expect(found.expiration != nil)
        #expect(standIn.log == ["GET /container/credentials auth"])
    }

    @Test func containerCredentialsRefuseAWrongToken() async throws {
        let standIn = MetadataStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let provider = ContainerCredentialProvider(environment: [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(standIn.url)/container/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer wrong",
        ], httpClient: .shared)
        let error = await #expect(throws: AWSError.self) { try await provider.credentials() }
        #expect(error?.statusCode == 401)
        #expect(error.map { "\($0)" }?.contains("wrong") == false)
    }

    @Test(arguments: ["http://10.0.0.5/creds", "http://example.com/creds", "ftp://127.0.0.1/creds"])
    func containerFullURIsThatAreRefused(_ uri: String) throws {
        let provider = ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri], httpClient: .shared)
        #expect(throws: AWSError.self) { try provider.endpoint() }
    }

    @Test func relativeURIsGoToTheECSHost() throws {
        let provider = ContainerCredentialProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], httpClient: .shared)
        #expect(try provider.endpoint() == "http://169.254.170.2/v2/credentials/abc")
    }

    @Test func imdsV2AsksForATokenFirst() async throws {
        let standIn = MetadataStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        let settings = AWSSettings(region: "us-east-1", environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": standIn.url + "/"])
        let found = try #require(try await CredentialChain.standard(settings: settings, httpClient: .shared).credentials())
        #expect(found.accessKeyID == "ASIASTANDIN1")
        #expect(found.source == "imds")
        #expect(standIn.log == ["PUT /latest/api/token ttl=21600", "GET role-list token", "GET role-credentials token"])
    }

    @Test func noSourceAtAllMeansNoCredentials() async throws {
        // IMDS pointed at a port nobody listens on: not on EC2.
        let port = try freeLoopbackPort()
        let settings = AWSSettings(region: "us-east-1", environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)"])
        #expect(try await CredentialChain.standard(settings: settings, httpClient: .shared).credentials() == nil)
    }

    @Test func temporaryCredentialsAreRefreshedBeforeTheyExpire() async throws {
        let standIn = MetadataStandIn()
        try await standIn.start()
        defer { standIn.stop() }
        standIn.setLifetime(3600)
        let clock = Mutex(Date())
        let chain = CredentialChain(
            [InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": standIn.url], httpClient: .shared)],
            refreshMargin: 300, now: { clock.withLock { $0 } }
        )
        #expect(try await chain.credentials()?.accessKeyID == "ASIASTANDIN1")
        // Still 10 minutes away from the margin: cached.
        clock.withLock { $0 = $0.addingTimeInterval(3600 - 300 - 600) }
        #expect(try await chain.credentials()?.accessKeyID == "ASIASTANDIN1")
        #expect(standIn.issuedCount == 1)
        // Inside the margin: fetched again.
        clock.withLock { $0 = $0.addingTimeInterval(600 + 1) }
        #expect(try await chain.credentials()?.accessKeyID == "ASIASTANDIN2")
        #expect(standIn.issuedCount == 2)
    }

    @Test func theEnvironmentBeatsTheContainerEndpoint() async throws {
        let settings = AWSSettings(region: "us-east-1", environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/never-asked",
        ])
        #expect(try await CredentialChain.standard(settings: settings, httpClient: .shared).credentials()?.source == "environment")
    }
}
