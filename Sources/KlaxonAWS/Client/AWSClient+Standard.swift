import AsyncHTTPClient
import Foundation
import Logging

extension AWSClient {
    /// The client a deployment uses: settings from the environment and shared files (`region`
    /// and `endpoints` from Klaxon's config win when given), credentials from the SDKs' default
    /// chain.
    package static func standard(
        region: String? = nil, endpoints: [String: String] = [:], environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient = .shared, logger: Logger = Logger(label: "klaxon.aws")
    ) throws -> AWSClient {
        let settings = try AWSSettings.load(region: region, endpoints: endpoints, environment: environment)
        return AWSClient(settings: settings, credentials: CredentialChain.standard(settings: settings, httpClient: httpClient), httpClient: httpClient, logger: logger)
    }
}
