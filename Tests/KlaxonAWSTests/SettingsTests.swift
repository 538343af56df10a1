import Foundation
import KlaxonAWS
import Testing

@Suite struct SettingsTests {
    static let config = ProfileFile(parsing: """
    [default]
    region = ap-southeast-2
    endpoint_url = http://profile-global:1
    services = mine

    [services mine]
    ssm =
      endpoint_url = http://profile-ssm:2
    cost_explorer =
      endpoint_url = http://profile-ce:3
    """)

    /// (environment, service, expected endpoint): the SDK precedence, most specific first.
    @Test(arguments: [
        (["AWS_ENDPOINT_URL_SSM": "http://env-ssm:9", "AWS_ENDPOINT_URL": "http://env-global:8"], AWSService.ssm, "http://env-ssm:9"),
        (["AWS_ENDPOINT_URL": "http://env-global:8"], AWSService.ssm, "http://profile-ssm:2"),
        (["AWS_ENDPOINT_URL": "http://env-global:8"], AWSService.sqs, "http://env-global:8"),
        ([:], AWSService.sqs, "http://profile-global:1"),
        ([:], AWSService.costExplorer, "http://profile-ce:3"),
        (["AWS_ENDPOINT_URL_COST_EXPLORER": "http://env-ce:7"], AWSService.costExplorer, "http://env-ce:7"),
        (["AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://env-sm:6"], AWSService.secretsManager, "http://env-sm:6"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL_SSM": "http://env-ssm:9"], AWSService.ssm, "https://ssm.ap-southeast-2.amazonaws.com"),
    ])
    func endpointOverrides(_ environment: [String: String], _ service: AWSService, _ expected: String) {
        let settings = AWSSettings(region: "ap-southeast-2", environment: environment, configFile: Self.config)
        #expect(settings.endpoint(for: service)?.url.absoluteString == expected)
    }

    @Test(arguments: [
        (AWSService.ssm, "eu-west-1", "https://ssm.eu-west-1.amazonaws.com", "eu-west-1"),
        (AWSService.cloudWatch, "eu-west-1", "https://monitoring.eu-west-1.amazonaws.com", "eu-west-1"),
        (AWSService.costExplorer, "eu-west-1", "https://ce.us-east-1.amazonaws.com", "us-east-1"),
        (AWSService.sqs, "cn-north-1", "https://sqs.cn-north-1.amazonaws.com.cn", "cn-north-1"),
    ])
    func defaultEndpoints(_ service: AWSService, _ region: String, _ url: String, _ signingRegion: String) {
        let endpoint = AWSSettings(region: region).endpoint(for: service)
        #expect(endpoint?.url.absoluteString == url)
        #expect(endpoint?.signingRegion == signingRegion)
    }

    @Test func regionPrecedence() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-home-\(UUID().uuidString)").path
        #expect(try AWSSettings.load(region: "us-west-1", environment: ["AWS_REGION": "eu-west-1", "HOME": home]).region == "us-west-1")
        #expect(try AWSSettings.load(environment: ["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2", "HOME": home]).region == "eu-west-1")
        #expect(try AWSSettings.load(environment: ["AWS_DEFAULT_REGION": "eu-west-2", "HOME": home]).region == "eu-west-2")
        let error = #expect(throws: AWSError.self) { try AWSSettings.load(environment: ["HOME": home]) }
        #expect(error?.reason == .configuration)
    }

    @Test func serviceKeysFollowTheSDKConvention() {
        #expect(AWSService.costExplorer.environmentKey == "COST_EXPLORER")
        #expect(AWSService.secretsManager.configKey == "secrets_manager")
        #expect(AWSService.dynamoDB.environmentKey == "DYNAMODB")
    }
}
