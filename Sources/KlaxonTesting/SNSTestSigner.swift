import _CryptoExtras
import Crypto
import Foundation
import X509

/// Signs SNS messages the way SNS does, with a key and a self-signed certificate made for the
/// test: for the message types real samples do not cover (SubscriptionConfirmation,
/// UnsubscribeConfirmation) and for routes tested end to end with a local certificate host.
///
/// The signed text is built here from the published rule, independently of the verifier:
/// https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message-verify-message-signature.html
package struct SNSTestSigner: Sendable {
    private let key: _RSA.Signing.PrivateKey
    /// The certificate as PEM, to be served at the message's `SigningCertURL`.
    package let certificatePEM: String

    /// A fresh 2048-bit key and a certificate valid from `validFrom` to `validUntil`.
    package init(validFrom: Date = Date().addingTimeInterval(-3600), validUntil: Date = Date().addingTimeInterval(86_400)) throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName { CommonName("sns.amazonaws.com") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: validFrom, notValidAfter: validUntil, issuer: name, subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: Certificate.Extensions(),
            issuerPrivateKey: Certificate.PrivateKey(key))
        certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// A complete SNS HTTP delivery body (JSON) for `fields`, signed with SignatureVersion
    /// `version` (1: SHA1withRSA, 2: SHA256withRSA). `fields` must hold `Type` and the fields
    /// that type signs; `SignatureVersion`, `Signature` and `SigningCertURL` are added.
    package func signedBody(_ fields: [String: String], version: Int = 2, certURL: String) throws -> Data {
        var fields = fields
        let type = fields["Type"] ?? ""
        let keys = type == "Notification"
            ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
            : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
        var text = ""
        for key in keys {
            guard let value = fields[key] else { continue }
            text += "\(key)\n\(value)\n"
        }
        let data = Data(text.utf8)
        let signature = version == 1
            ? try key.signature(for: Insecure.SHA1.hash(data: data), padding: .insecurePKCS1v1_5)
            : try key.signature(for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
        fields["SignatureVersion"] = String(version)
        fields["Signature"] = signature.rawRepresentation.base64EncodedString()
        fields["SigningCertURL"] = certURL
        return try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    }
}
