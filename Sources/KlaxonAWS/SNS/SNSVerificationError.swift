/// Why an SNS message was not accepted.
///
/// ``reason`` is a stable, bounded word for logs and metrics; ``description`` says what was wrong
/// and carries no message content, certificate or URL query (a SubscribeURL holds a token).
package struct SNSVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable, Equatable {
        case malformedMessage = "malformed_message"
        case unsupportedType = "unsupported_type"
        case unsupportedSignatureVersion = "unsupported_signature_version"
        case certificateURLRefused = "certificate_url_refused"
        case certificateUnavailable = "certificate_unavailable"
        case certificateInvalid = "certificate_invalid"
        case certificateNotValidNow = "certificate_not_valid_now"
        case signatureInvalid = "signature_invalid"
        case topicNotAllowed = "topic_not_allowed"
    }

    private let code: Code
    /// What was wrong, safe to log and to return to the caller.
    package let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Stable reason for metrics and logs.
    package var reason: String { code.rawValue }

    package static func malformedMessage(_ what: String) -> Self { Self(.malformedMessage, "not an SNS message: \(what)") }
    package static let unsupportedType = Self(.unsupportedType, "Type must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation")
    package static let unsupportedSignatureVersion = Self(.unsupportedSignatureVersion, "SignatureVersion must be 1 (SHA1withRSA) or 2 (SHA256withRSA)")
    package static func certificateURLRefused(host: String) -> Self {
        Self(.certificateURLRefused, "SigningCertURL host \"\(host.prefix(80))\" is not an allowed SNS host (sources.sns.signing_cert_hosts; https only)")
    }
    package static func certificateUnavailable(_ why: String) -> Self { Self(.certificateUnavailable, "the signing certificate could not be fetched: \(why)") }
    package static func certificateInvalid(_ why: String) -> Self { Self(.certificateInvalid, "the signing certificate is unusable: \(why)") }
    package static let certificateNotValidNow = Self(.certificateNotValidNow, "the signing certificate is expired or not yet valid")
    package static let signatureInvalid = Self(.signatureInvalid, "the message signature does not verify")
    package static let topicNotAllowed = Self(.topicNotAllowed, "TopicArn is not in sources.sns.topics")

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
