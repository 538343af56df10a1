import Foundation

/// Something that hands out credentials: a fixed pair, the environment, a profile, the container
/// endpoint, IMDS, or the chain of those.
package protocol CredentialProvider: Sendable {
    /// Current credentials, or nil when this source has none configured (the chain moves on).
    /// Throws when the source is configured but broken (a chain stops there, as the SDKs do).
    func credentials() async throws -> AWSCredentials?
}

/// Credentials given directly (tests, or keys a caller already holds).
package struct StaticCredentialProvider: CredentialProvider {
    package let value: AWSCredentials

    package init(_ value: AWSCredentials) { self.value = value }

    package func credentials() async throws -> AWSCredentials? { value }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
package struct EnvironmentCredentialProvider: CredentialProvider {
    package let environment: [String: String]

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    package func credentials() async throws -> AWSCredentials? {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty else { return nil }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw AWSError.credentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither")
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"], source: "environment")
    }
}
