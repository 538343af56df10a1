/// The SSM Parameter Store calls Klaxon makes: the mute gate's parameter and secrets by ARN.
///
/// API: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
package struct SSMClient: Sendable {
    /// A parameter as GetParameter returns it.
    package struct Parameter: Sendable, Equatable, Decodable {
        package var name: String
        package var type: String
        package var value: String
        package var version: Int
        package var arn: String?

        enum CodingKeys: String, CodingKey {
            case name = "Name", type = "Type", value = "Value", version = "Version", arn = "ARN"
        }
    }

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// Reads a parameter (SecureString values decrypted when `withDecryption`). A missing one
    /// throws `AWSError` with code `ParameterNotFound`.
    package func getParameter(name: String, withDecryption: Bool = true) async throws -> Parameter {
        struct Input: Encodable { var Name: String; var WithDecryption: Bool }
        struct Output: Decodable { var Parameter: Parameter }
        return try await client.json(.ssm, "GetParameter", Input(Name: name, WithDecryption: withDecryption), as: Output.self).Parameter
    }

    /// Deletes a parameter; a missing one throws `ParameterNotFound`.
    package func deleteParameter(name: String) async throws {
        struct Input: Encodable { var Name: String }
        struct Output: Decodable {}
        _ = try await client.json(.ssm, "DeleteParameter", Input(Name: name), as: Output.self)
    }

    /// Writes a parameter and returns its new version. Without `overwrite`, an existing one throws
    /// `ParameterAlreadyExists`.
    @discardableResult
    package func putParameter(name: String, value: String, type: String = "String", overwrite: Bool = true) async throws -> Int {
        struct Input: Encodable {
            var name: String, value: String, type: String, overwrite: Bool
            enum CodingKeys: String, CodingKey { case name = "Name", value = "Value", type = "Type", overwrite = "Overwrite" }
        }
        struct Output: Decodable { var Version: Int }
        return try await client.json(.ssm, "PutParameter", Input(name: name, value: value, type: type, overwrite: overwrite), as: Output.self).Version
    }
}
