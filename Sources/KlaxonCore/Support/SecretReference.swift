/// A secret given by ARN: an AWS Secrets Manager secret or an SSM Parameter Store parameter
/// (normally a SecureString), fetched when first used.
///
/// Forms accepted (the ARN text is what the configuration holds):
/// - `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>` — the secret's string;
///   with `:<json-key>` after it, that key of the secret's JSON object, and with a further
///   `:<version-stage>` that stage (ECS's `valueFrom` convention:
///   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html).
///   A version id (the fourth field of that convention) is not supported.
/// - `arn:<partition>:ssm:<region>:<account>:parameter/<name>` — the parameter, decrypted.
///
/// Parsing is pure so configuration validation can report a malformed ARN with its key path.
package struct SecretReference: Sendable, Equatable, Hashable {
    package enum Kind: String, Sendable, Equatable, Hashable {
        case secretsManager = "secretsmanager"
        case ssmParameter = "ssm"

        /// How errors name it: "Secrets Manager secret", "SSM parameter".
        package var displayName: String {
            switch self {
            case .secretsManager: return "Secrets Manager secret"
            case .ssmParameter: return "SSM parameter"
            }
        }
    }

    /// The ARN as configured (with any JSON key and stage).
    package let arn: String
    package let kind: Kind
    package let region: String
    package let account: String
    /// What the API call names: the secret's ARN (without key and stage) or the parameter's ARN.
    package let resourceID: String
    /// Secrets Manager only: the key of the secret's JSON object to take.
    package let jsonKey: String?
    /// Secrets Manager only: the version stage to read (`AWSCURRENT` when absent).
    package let versionStage: String?

    /// A problem with the ARN's shape, said without quoting more than the ARN's first fields.
    package struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        package let description: String
    }

    /// Whether `text` is meant as an ARN (starts with `arn:`); such text is parsed, never used as
    /// a secret's own value.
    package static func looksLikeARN(_ text: String) -> Bool { text.hasPrefix("arn:") }

    package init(parsing text: String) throws(Problem) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn", parts[1].hasPrefix("aws") else {
            throw Problem(description: "expected an ARN such as arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME or arn:aws:ssm:REGION:ACCOUNT:parameter/NAME")
        }
        guard ["secretsmanager", "ssm"].contains(parts[2]) else {
            throw Problem(description: "only Secrets Manager (secretsmanager) and SSM Parameter Store (ssm) ARNs can hold a secret")
        }
        let region = parts[3], account = parts[4]
        guard Self.isRegion(region) else { throw Problem(description: "the ARN's region field is not an AWS region") }
        guard account.count == 12, account.allSatisfy(\.isNumber) else { throw Problem(description: "the ARN's account field is not a 12-digit account id") }
        switch parts[2] {
        case "secretsmanager":
            guard parts.count >= 7, parts[5] == "secret", !parts[6].isEmpty else {
                throw Problem(description: "a Secrets Manager ARN ends in secret:NAME")
            }
            guard parts.count <= 10 else { throw Problem(description: "a Secrets Manager ARN has at most secret:NAME:JSON-KEY:VERSION-STAGE:VERSION-ID") }
            if parts.count == 10, !parts[9].isEmpty {
                throw Problem(description: "a version id in a Secrets Manager ARN is not supported; use a version stage")
            }
            kind = .secretsManager
            resourceID = parts[0...6].joined(separator: ":")
            jsonKey = parts.count > 7 && !parts[7].isEmpty ? parts[7] : nil
            versionStage = parts.count > 8 && !parts[8].isEmpty ? parts[8] : nil
        case "ssm":
            guard parts.count == 6, parts[5].hasPrefix("parameter/"), parts[5].count > "parameter/".count else {
                throw Problem(description: "an SSM ARN ends in parameter/NAME (no version or label)")
            }
            kind = .ssmParameter
            resourceID = text
            jsonKey = nil
            versionStage = nil
        default:
            throw Problem(description: "only Secrets Manager (secretsmanager) and SSM Parameter Store (ssm) ARNs can hold a secret")
        }
        arn = text
        self.region = region
        self.account = account
    }

    private static func isRegion(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && text.contains("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
