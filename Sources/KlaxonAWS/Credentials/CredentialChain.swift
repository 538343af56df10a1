import AsyncHTTPClient
import Foundation

/// The SDKs' default chain, in order: environment, shared profile, container endpoint, IMDSv2.
/// The first source that has credentials wins; a source that is configured but broken stops the
/// chain with its error (as the SDKs do), so a typo never silently falls through to another
/// identity.
///
/// Temporary credentials are kept until `refreshMargin` before they expire, then fetched again;
/// if that fetch fails while the old ones are still valid, the old ones are used.
package actor CredentialChain: CredentialProvider {
    package let providers: [any CredentialProvider]
    let refreshMargin: TimeInterval
    let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials?, any Error>?

    package init(_ providers: [any CredentialProvider], refreshMargin: TimeInterval = 5 * 60, now: @escaping @Sendable () -> Date = { Date() }) {
        self.providers = providers
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// environment → profile → container → IMDSv2, from `settings.environment`.
    package static func standard(settings: AWSSettings, httpClient: HTTPClient) -> CredentialChain {
        CredentialChain([
            EnvironmentCredentialProvider(environment: settings.environment),
            ProfileCredentialProvider(settings: settings),
            ContainerCredentialProvider(environment: settings.environment, httpClient: httpClient),
            InstanceMetadataCredentialProvider(environment: settings.environment, httpClient: httpClient),
        ])
    }

    package func credentials() async throws -> AWSCredentials? {
        let time = now()
        if let cached, !cached.needsRefresh(at: time, margin: refreshMargin) { return cached }
        // Callers arriving during a refresh wait for the same fetch instead of starting their own.
        let fetch: Task<AWSCredentials?, any Error>
        if let inFlight {
            fetch = inFlight
        } else {
            let providers = providers
            fetch = Task {
                for provider in providers {
                    if let found = try await provider.credentials() { return found }
                }
                return nil
            }
            inFlight = fetch
        }
        do {
            let found = try await fetch.value
            inFlight = nil
            if let found { cached = found }
            return found
        } catch {
            inFlight = nil
            if let cached, let expiration = cached.expiration, expiration > time { return cached }
            throw error
        }
    }
}
