/// STS GetCallerIdentity: who the configured credentials are (`klaxon doctor`, start-up checks).
///
/// API: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
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
}
