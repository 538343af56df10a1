import Foundation

/// STS GetCallerIdentity (who the configured credentials are: start-up checks) and AssumeRole
/// (temporary credentials for another role, as cross-account remediation will need).
///
/// API: https://docs.aws.amazon.com/STS/latest/APIReference/
package struct STSClient: Sendable {
    package struct CallerIdentity: Sendable, Equatable {
        package var account: String
        package var arn: String
        package var userID: String
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    package func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await client.query(.sts, "GetCallerIdentity", [])
        guard let account = result.first("Account")?.text, let arn = result.first("Arn")?.text else {
            throw AWSError(reason: .decoding, message: "the GetCallerIdentity answer has no Account or Arn", service: "sts", operation: "GetCallerIdentity")
        }
        return CallerIdentity(account: account, arn: arn, userID: result.first("UserId")?.text ?? "")
    }

    /// Temporary credentials for `roleARN`, valid `durationSeconds` (900–43200).
    package func assumeRole(roleARN: String, sessionName: String, durationSeconds: Int = 3600) async throws -> AWSCredentials {
        let result = try await client.query(.sts, "AssumeRole", [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("DurationSeconds", String(durationSeconds))])
        guard let credentials = result.first("Credentials"), let id = credentials.string("AccessKeyId"), let secret = credentials.string("SecretAccessKey") else {
            throw AWSError(reason: .decoding, message: "the AssumeRole answer has no Credentials", service: "sts", operation: "AssumeRole")
        }
        let expiration = credentials.string("Expiration").flatMap(TemporaryCredentialsDocument.parseDate)
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: credentials.string("SessionToken"), expiration: expiration, source: "assume-role")
    }
}
