import AsyncHTTPClient
import KlaxonAWS
import KlaxonCore
import KlaxonRouting

/// Puts the global mute in SSM when `mute.ssm_parameter` is set (see docs/aws-sources.md).
enum SSMMuteGate {
    /// Failing open must also be quick: the processor reads the gate once per batch, so an SSM
    /// that does not answer may hold a batch for at most two 2-second attempts, not the client's
    /// default 30 seconds (the HTTP client keeps retrying a refused connection until the deadline).
    static let readTimeout: Int64 = 2

    /// `storage` itself, or `storage` with its mute redirected to the SSM parameter.
    static func wrap(_ storage: any Storage, config: KlaxonConfig, client: AWSClient?, http: HTTPClient = .shared) -> any Storage {
        guard let name = config.mute.ssmParameter, let client else { return storage }
        let quick = AWSClient(
            settings: client.settings, credentials: client.credentials, httpClient: http,
            retry: RetryStrategy(maxAttempts: 2, base: .milliseconds(200)), timeout: .seconds(readTimeout))
        return StorageWithMute(base: storage, mute: SSMMuteStore(ssm: SSMClient(client: quick), parameterName: name))
    }
}
