import KlaxonCore
import Testing

/// Parsing secret ARNs (pure): the accepted forms and the refused ones.
@Suite("Secret references (ARNs)")
struct SecretReferenceTests {
    struct Accepted: Sendable, CustomStringConvertible {
        var arn: String
        var kind: SecretReference.Kind
        var resourceID: String
        var jsonKey: String?
        var stage: String?
        var description: String { arn }
    }

    static let sm = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:klaxon/hook-AbCdEf"

    @Test(arguments: [
        Accepted(arn: sm, kind: .secretsManager, resourceID: sm),
        Accepted(arn: sm + ":url", kind: .secretsManager, resourceID: sm, jsonKey: "url"),
        Accepted(arn: sm + ":url::", kind: .secretsManager, resourceID: sm, jsonKey: "url"),
        Accepted(arn: sm + ":hmac:AWSPREVIOUS:", kind: .secretsManager, resourceID: sm, jsonKey: "hmac", stage: "AWSPREVIOUS"),
        Accepted(arn: sm + "::AWSCURRENT:", kind: .secretsManager, resourceID: sm, stage: "AWSCURRENT"),
        Accepted(arn: "arn:aws:ssm:us-east-1:123456789012:parameter/klaxon/token", kind: .ssmParameter,
                 resourceID: "arn:aws:ssm:us-east-1:123456789012:parameter/klaxon/token"),
        Accepted(arn: "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/t", kind: .ssmParameter,
                 resourceID: "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/t"),
    ])
    func accepted(_ row: Accepted) throws {
        let reference = try SecretReference(parsing: row.arn)
        #expect(reference.kind == row.kind)
        #expect(reference.resourceID == row.resourceID)
        #expect(reference.jsonKey == row.jsonKey)
        #expect(reference.versionStage == row.stage)
        #expect(reference.arn == row.arn)
    }

    @Test(arguments: [
        ("arn:aws:s3:::bucket/key", "only Secrets Manager"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret", "secret:NAME"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:key:x", "secret:NAME"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:n:k:s:version-id", "version id"),
        ("arn:aws:secretsmanager:US_EAST:123456789012:secret:n", "region"),
        ("arn:aws:ssm:us-east-1:1234:parameter/x", "12-digit"),
        ("arn:aws:ssm:us-east-1:123456789012:parameter/", "parameter/NAME"),
        ("arn:aws:ssm:us-east-1:123456789012:document/x", "parameter/NAME"),
        ("arn:aws:ssm:us-east-1:123456789012:parameter/x:3", "parameter/NAME"),
        ("arn:nope", "expected an ARN"),
    ])
    func refused(arn: String, problem: String) {
        #expect {
            _ = try SecretReference(parsing: arn)
        } throws: { error in
            (error as? SecretReference.Problem)?.description.contains(problem) == true
        }
    }

    @Test("a reference prints as redacted and compares by ARN, never equal to a given secret")
    func referenceSecrets() throws {
        let reference = try SecretReference(parsing: Self.sm)
        let secret = Secret(reference: reference, keyPath: "receivers[0].webhook.url")
        #expect("\(secret)" == "<redacted>")
        #expect(secret == Secret(reference: reference, keyPath: nil))
        #expect(secret != Secret(Self.sm))
        // A reference never matches its own ARN as a credential.
        #expect(!secret.constantTimeEquals(Self.sm))
        #expect(![secret].containsConstantTime(Self.sm))
    }
}
