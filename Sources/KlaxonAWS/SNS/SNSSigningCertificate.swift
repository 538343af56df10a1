import _CryptoExtras
import Crypto
import Foundation
import X509

/// The public key of an SNS signing certificate, with the dates it may be used between.
package struct SNSSigningCertificate: Sendable {
    package let publicKey: _RSA.Signing.PublicKey
    package let notValidBefore: Date
    package let notValidAfter: Date

    /// Parses a PEM (or DER) X.509 certificate holding an RSA key.
    package init(encoded bytes: Data) throws(SNSVerificationError) {
        let certificate: Certificate
        do {
            if let text = String(data: bytes, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") {
                certificate = try Certificate(pemEncoded: text)
            } else {
                certificate = try Certificate(derEncoded: Array(bytes))
            }
        } catch {
            throw SNSVerificationError.certificateInvalid("not an X.509 certificate")
        }
        guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else {
            throw SNSVerificationError.certificateInvalid("its key is not RSA")
        }
        publicKey = key
        notValidBefore = certificate.notValidBefore
        notValidAfter = certificate.notValidAfter
    }

    package func isValid(at now: Date) -> Bool {
        notValidBefore <= now && now <= notValidAfter
    }
}
