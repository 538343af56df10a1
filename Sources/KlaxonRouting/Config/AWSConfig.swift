/// The `aws:` section: what every AWS client Klaxon builds shares.
///
/// Credentials are never configured here: they come from the standard chain (environment, shared
/// profile, container credentials, instance metadata). Endpoints are overridden the SDK way, with
/// `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`.
package struct AWSConfig: Sendable, Equatable {
    /// `us-east-1`; `nil` means the environment's (`AWS_REGION`, `AWS_DEFAULT_REGION`, profile).
    package var region: String?

    package init(region: String? = nil) {
        self.region = region
    }
}
