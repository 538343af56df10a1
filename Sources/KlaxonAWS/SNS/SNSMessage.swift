import Foundation

/// A message Amazon SNS POSTs to an HTTP(S) subscription, decoded far enough to verify it.
///
/// Shapes: https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html,
/// …/http-subscription-confirmation-json.html, …/http-unsubscribe-confirmation-json.html.
/// Every field is kept exactly as sent (no trimming, no unescaping beyond JSON's own): the
/// signature covers the decoded string values byte for byte.
package struct SNSMessage: Sendable, Equatable {
    /// The `Type` field. Only these three are signed in a way Klaxon verifies.
    package enum Kind: String, Sendable, Equatable {
        case notification = "Notification"
        case subscriptionConfirmation = "SubscriptionConfirmation"
        case unsubscribeConfirmation = "UnsubscribeConfirmation"
    }

    package var kind: Kind
    package var messageId: String
    package var topicArn: String
    /// Only notifications may carry one; `nil` when absent (or JSON `null`).
    package var subject: String?
    package var message: String
    package var timestamp: String
    /// `1` (SHA1withRSA) or `2` (SHA256withRSA).
    package var signatureVersion: String
    /// Base64 of the RSA PKCS#1 v1.5 signature.
    package var signature: String
    package var signingCertURL: String
    /// Confirmations only: the URL that confirms the subscription.
    package var subscribeURL: String?
    /// Confirmations only.
    package var token: String?
    package var unsubscribeURL: String?

    package init(
        kind: Kind, messageId: String, topicArn: String, subject: String? = nil, message: String, timestamp: String,
        signatureVersion: String, signature: String, signingCertURL: String, subscribeURL: String? = nil,
        token: String? = nil, unsubscribeURL: String? = nil
    ) {
        self.kind = kind
        self.messageId = messageId
        self.topicArn = topicArn
        self.subject = subject
        self.message = message
        self.timestamp = timestamp
        self.signatureVersion = signatureVersion
        self.signature = signature
        self.signingCertURL = signingCertURL
        self.subscribeURL = subscribeURL
        self.token = token
        self.unsubscribeURL = unsubscribeURL
    }

    /// Decodes an HTTP delivery body. Throws ``SNSVerificationError`` (`malformed_message`,
    /// `unsupported_type`) naming the field that is wrong; never quotes the body.
    package init(json body: Data) throws(SNSVerificationError) {
        let object: [String: Any]
        do {
            guard let decoded = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw SNSVerificationError.malformedMessage("the body is not a JSON object")
            }
            object = decoded
        } catch let error as SNSVerificationError {
            throw error
        } catch {
            throw SNSVerificationError.malformedMessage("the body is not valid JSON")
        }
        func field(_ key: String, required: Bool) throws(SNSVerificationError) -> String? {
            switch object[key] {
            case nil, is NSNull:
                if required { throw SNSVerificationError.malformedMessage("\(key) is missing") }
                return nil
            case let text as String:
                return text
            default:
                throw SNSVerificationError.malformedMessage("\(key) must be a string")
            }
        }
        guard let typeText = try field("Type", required: true), let kind = Kind(rawValue: typeText) else {
            throw SNSVerificationError.unsupportedType
        }
        let isConfirmation = kind != .notification
        self.init(
            kind: kind,
            messageId: try field("MessageId", required: true)!,
            topicArn: try field("TopicArn", required: true)!,
            subject: kind == .notification ? try field("Subject", required: false) : nil,
            message: try field("Message", required: true)!,
            timestamp: try field("Timestamp", required: true)!,
            signatureVersion: try field("SignatureVersion", required: true)!,
            signature: try field("Signature", required: true)!,
            signingCertURL: try field("SigningCertURL", required: true)!,
            subscribeURL: try field("SubscribeURL", required: isConfirmation),
            token: try field("Token", required: isConfirmation),
            unsubscribeURL: try field("UnsubscribeURL", required: false)
        )
    }
}
