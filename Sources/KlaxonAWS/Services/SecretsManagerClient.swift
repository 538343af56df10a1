/// Secrets Manager GetSecretValue: config secrets given as ARNs. awsJson 1.1.
///
/// API: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
package struct SecretsManagerClient: Sendable {
    /// A secret's current value (string or binary) and version.
    package struct SecretValue: Sendable, Equatable, Decodable {
        package var arn: String?
        package var name: String?
        package var versionID: String?
        package var secretString: String?
        /// Base64, as the wire carries it.
        package var secretBinary: String?

        enum CodingKeys: String, CodingKey {
            case arn = "ARN", name = "Name", versionID = "VersionId", secretString = "SecretString", secretBinary = "SecretBinary"
        }
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// `secretID` is a name or ARN. A missing secret throws `ResourceNotFoundException`.
    package func getSecretValue(secretID: String, versionStage: String? = nil) async throws -> SecretValue {
        struct Input: Encodable { var SecretId: String; var VersionStage: String? }
        return try await client.json(.secretsManager, "GetSecretValue", Input(SecretId: secretID, VersionStage: versionStage), as: SecretValue.self)
    }

    /// Creates a secret with a string value; returns its ARN. (Tests and set-up scripts.)
    package func createSecret(name: String, secretString: String) async throws -> String {
        struct Input: Encodable { var Name: String; var SecretString: String }
        struct Output: Decodable { var ARN: String }
        return try await client.json(.secretsManager, "CreateSecret", Input(Name: name, SecretString: secretString), as: Output.self).ARN
    }

    /// Stores a new current value (rotation); returns the new version id. (Tests and set-up scripts.)
    @discardableResult
    package func putSecretValue(secretID: String, secretString: String) async throws -> String {
        struct Input: Encodable { var SecretId: String; var SecretString: String }
        struct Output: Decodable { var VersionId: String }
        return try await client.json(.secretsManager, "PutSecretValue", Input(SecretId: secretID, SecretString: secretString), as: Output.self).VersionId
    }
}
