import Foundation

/// Where and as whom to call AWS: the region, the profile, and endpoint overrides, resolved the
/// way the AWS SDKs resolve them from the environment and the shared config files.
///
/// - Region: the explicit value (Klaxon's `aws.region`), `AWS_REGION`, `AWS_DEFAULT_REGION`, the
///   profile's `region`.
/// - Endpoints (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
///   `AWS_ENDPOINT_URL_<SERVICE>`, the profile's `services` section, `AWS_ENDPOINT_URL`, the
///   profile's `endpoint_url`, else `https://<prefix>.<region>.amazonaws.com`. Switched off by
///   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` or `ignore_configured_endpoint_urls = true`.
package struct AWSSettings: Sendable {
    package var region: String
    package var profileName: String
    package var environment: [String: String]
    package var configFile: ProfileFile
    package var credentialsFile: ProfileFile

    package init(region: String, profileName: String = "default", environment: [String: String] = [:], configFile: ProfileFile = ProfileFile(), credentialsFile: ProfileFile = ProfileFile()) {
        self.region = region
        self.profileName = profileName
        self.environment = environment
        self.configFile = configFile
        self.credentialsFile = credentialsFile
    }

    /// Reads the environment and the files it points at. Throws when no region is found.
    package static func load(region explicitRegion: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AWSSettings {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let profile = nonEmpty(environment["AWS_PROFILE"]) ?? "default"
        let config = try ProfileFile.load(path: expand(nonEmpty(environment["AWS_CONFIG_FILE"]) ?? "~/.aws/config", home: home))
        let credentials = try ProfileFile.load(path: expand(nonEmpty(environment["AWS_SHARED_CREDENTIALS_FILE"]) ?? "~/.aws/credentials", home: home))
        let region = nonEmpty(explicitRegion) ?? nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"])
            ?? config.configProfile(profile)?["region"]
        guard let region else {
            throw AWSError.configuration("no AWS region: set aws.region in the config, AWS_REGION, or region in profile \(profile)")
        }
        return AWSSettings(region: region, profileName: profile, environment: environment, configFile: config, credentialsFile: credentials)
    }

    /// The selected profile in the config file.
    package var profile: ProfileFile.Section? { configFile.configProfile(profileName) }

    /// The base URL (scheme, host, optional port and path) to send `service` requests to, and
    /// the region to sign them for.
    package func endpoint(for service: AWSService) -> (url: URL, signingRegion: String)? {
        let signingRegion = service.fixedRegion ?? region
        if let override = configuredEndpoint(for: service), let url = URL(string: override) {
            return (url, signingRegion)
        }
        let suffix = signingRegion.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        guard let url = URL(string: "https://\(service.endpointPrefix).\(signingRegion).\(suffix)") else { return nil }
        return (url, signingRegion)
    }

    /// The override for `service`, if any link of the SDK convention sets one.
    package func configuredEndpoint(for service: AWSService) -> String? {
        let ignore = Self.nonEmpty(environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) ?? profile?["ignore_configured_endpoint_urls"]
        if ignore?.lowercased() == "true" { return nil }
        if let value = Self.nonEmpty(environment["AWS_ENDPOINT_URL_\(service.environmentKey)"]) { return value }
        if let servicesName = profile?["services"],
           let value = Self.nonEmpty(configFile.services(servicesName)?.subProperties[service.configKey]?["endpoint_url"]) {
            return value
        }
        if let value = Self.nonEmpty(environment["AWS_ENDPOINT_URL"]) { return value }
        return profile?["endpoint_url"]
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    static func expand(_ path: String, home: String) -> String {
        path.hasPrefix("~/") ? home + String(path.dropFirst(1)) : path
    }
}
