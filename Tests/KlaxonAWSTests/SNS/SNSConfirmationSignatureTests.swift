import KlaxonCore
import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// Confirmation messages sign other fields than notifications; no recorded real one with its
/// certificate exists in the fixtures, so these are signed here with a test key.
@Suite("SNS confirmation signatures")
struct SNSConfirmationSignatureTests {
    static let certURL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem"

    static func confirmation(_ type: String) -> [String: String] {
        [
            "Type": type,
            "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
            "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
            "TopicArn": "arn:aws:sns:eu-west-1:123456789012:alerts",
            "Message": "You have chosen to subscribe to the topic arn:aws:sns:eu-west-1:123456789012:alerts.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            "SubscribeURL": "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:alerts&Token=2336412f37",
            "Timestamp": "2026-12-01T12:00:00.000Z",
        ]
    }

    static func cache(for signer: SNSTestSigner) -> SNSCertificateCache {
        SNSCertificateCache(allowedHosts: HostPattern.snsDefaults) { url in
            guard url.absoluteString == certURL else { throw URLError(.fileDoesNotExist) }
            return Data(signer.certificatePEM.utf8)
        }
    }

    @Test("Signed confirmations verify, with either signature version", arguments: ["SubscriptionConfirmation", "UnsubscribeConfirmation"], [1, 2])
    func confirmationsVerify(type: String, version: Int) async throws {
        let signer = try SNSTestSigner()
        let body = try signer.signedBody(Self.confirmation(type), version: version, certURL: Self.certURL)
        let message = try SNSMessage(json: body)
        #expect(message.kind.rawValue == type)
        #expect(message.token != nil && message.subscribeURL != nil)
        try await SNSSignatureVerifier(certificates: Self.cache(for: signer)).verify(message, now: Date())
    }

    @Test("A confirmation with another token or SubscribeURL fails", arguments: ["Token", "SubscribeURL"])
    func tamperedConfirmation(field: String) async throws {
        let signer = try SNSTestSigner()
        var message = try SNSMessage(json: try signer.signedBody(Self.confirmation("SubscriptionConfirmation"), certURL: Self.certURL))
        if field == "Token" { message.token = "0" + (message.token ?? "") } else { message.subscribeURL = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=y" }
        await #expect(throws: SNSVerificationError.signatureInvalid) {
            try await SNSSignatureVerifier(certificates: Self.cache(for: signer)).verify(message, now: Date())
        }
    }

    @Test("A certificate not yet valid, or expired, is refused", arguments: [-2.0, 2.0])
    func certificateDates(daysFromNow: Double) async throws {
        let now = Date()
        let edge = now.addingTimeInterval(daysFromNow * 86_400)
        let signer = daysFromNow > 0
            ? try SNSTestSigner(validFrom: edge, validUntil: edge.addingTimeInterval(86_400))
            : try SNSTestSigner(validFrom: edge.addingTimeInterval(-86_400), validUntil: edge)
        let message = try SNSMessage(json: try signer.signedBody(Self.confirmation("SubscriptionConfirmation"), certURL: Self.certURL))
        await #expect(throws: SNSVerificationError.certificateNotValidNow) {
            try await SNSSignatureVerifier(certificates: Self.cache(for: signer)).verify(message, now: now)
        }
    }

    @Test("Another key's signature fails under this certificate")
    func otherKey() async throws {
        let signer = try SNSTestSigner()
        let impostor = try SNSTestSigner()
        let message = try SNSMessage(json: try impostor.signedBody(Self.confirmation("SubscriptionConfirmation"), certURL: Self.certURL))
        await #expect(throws: SNSVerificationError.signatureInvalid) {
            try await SNSSignatureVerifier(certificates: Self.cache(for: signer)).verify(message, now: Date())
        }
    }
}
