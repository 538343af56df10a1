/// The `aws:` section: what every AWS client Klaxon builds shares.
///
/// Credentials are never configured here: they come from the standard chain (environment, shared
/// profile, container credentials, instance metadata). Endpoints are overridden the SDK way, with
/// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`.
package struct AWSConfig: Sendable, Equatable {
    /// `us-east-1`; `nil` means the environment's (`AWS_REGION`, `AWS_DEFAULT_REGION`, profile).
    package var region: String?
    /// `secrets_ttl`: how long a secret fetched by ARN is used before it is fetched again.
    package var secretsTTL: Duration = AWSConfig.defaultSecretsTTL

    /// Five minutes: a rotated secret is picked up within that, at one call per secret per TTL.
    package static let defaultSecretsTTL: Duration = .seconds(300)

    package init(region: String? = nil, secretsTTL: Duration = AWSConfig.defaultSecretsTTL) {
        self.region = region
        self.secretsTTL = secretsTTL
    }
}
