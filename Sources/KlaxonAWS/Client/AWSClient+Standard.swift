import AsyncHTTPClient
import Foundation
import Logging

extension AWSClient {
    /// The client a deployment uses: settings from the environment and shared files (region
    /// `region` if given), credentials from the SDKs' default chain.
    package static func standard(
        region: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient = .shared, logger: Logger = Logger(label: "klaxon.aws")
    ) throws -> AWSClient {
        let settings = try AWSSettings.load(region: region, environment: environment)
        return AWSClient(settings: settings, credentials: CredentialChain.standard(settings: settings, httpClient: httpClient), httpClient: httpClient, logger: logger)
    }
}
