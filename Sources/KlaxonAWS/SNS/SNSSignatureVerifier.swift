import KlaxonCore
import _CryptoExtras
import Crypto
import Foundation

/// Checks that an SNS message was signed by SNS: the certificate named by `SigningCertURL`
/// (fetched only from an allowed host, see ``HostPattern``) must be valid now, and its key must
/// verify the RSA PKCS#1 v1.5 signature over the message's ``SNSMessage/stringToSign`` with SHA-1
/// (SignatureVersion 1) or SHA-256 (SignatureVersion 2).
///
/// https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
package struct SNSSignatureVerifier: Sendable {
    private let certificates: SNSCertificateCache
    private let checkCertificateDates: Bool

    /// `checkCertificateDates` is `false` only in the test that verifies AWS's recorded
    /// messages, whose certificate expired in 2022.
    package init(certificates: SNSCertificateCache, checkCertificateDates: Bool = true) {
        self.certificates = certificates
        self.checkCertificateDates = checkCertificateDates
    }

    /// Returns normally when the message verifies; throws ``SNSVerificationError`` otherwise.
    package func verify(_ message: SNSMessage, now: Date) async throws(SNSVerificationError) {
        let padding = _RSA.Signing.Padding.insecurePKCS1v1_5
        guard message.signatureVersion == "1" || message.signatureVersion == "2" else {
            throw SNSVerificationError.unsupportedSignatureVersion
        }
        guard let signatureBytes = Data(base64Encoded: message.signature), !signatureBytes.isEmpty else {
            throw SNSVerificationError.signatureInvalid
        }
        let certificate = try await certificates.certificate(at: message.signingCertURL)
        if checkCertificateDates, !certificate.isValid(at: now) {
            throw SNSVerificationError.certificateNotValidNow
        }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signatureBytes)
        let signed = Data(message.stringToSign.utf8)
        let valid: Bool
        if message.signatureVersion == "1" {
            valid = certificate.publicKey.isValidSignature(signature, for: Insecure.SHA1.hash(data: signed), padding: padding)
        } else {
            valid = certificate.publicKey.isValidSignature(signature, for: SHA256.hash(data: signed), padding: padding)
        }
        guard valid else { throw SNSVerificationError.signatureInvalid }
    }
}
