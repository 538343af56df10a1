import Foundation
import KlaxonAWS
import Testing

@Suite("SNS message decoding and string to sign")
struct SNSMessageTests {
    @Test("The string to sign of a notification with a subject, from the published rule")
    func notificationStringToSign() throws {
        let message = try SNSFixtures.message("php-validator-http-notification-3-sigv1-with-subject.json")
        #expect(message.stringToSign == """
            Message
            Hello world
            MessageId
            11405cc3-9ac7-56d5-b45d-079e8f7a8edf
            Subject
            Hello world
            Timestamp
            2022-07-28T22:53:49.654Z
            TopicArn
            arn:aws:sns:us-east-2:295079676684:publish-and-verify-6e11fed2-fcdf-4c52-9dc4-36ef43f37f84
            Type
            Notification

            """)
    }

    @Test("Without a subject, the Subject pair is left out")
    func notificationWithoutSubject() throws {
        let message = try SNSFixtures.message("php-validator-http-notification-1-sigv1.json")
        #expect(message.subject == nil)
        #expect(!message.stringToSign.contains("Subject"))
        #expect(message.stringToSign.hasPrefix("Message\n"))
        #expect(message.stringToSign.hasSuffix("Type\nNotification\n"))
    }

    @Test("A confirmation signs SubscribeURL and Token, in order")
    func confirmationStringToSign() {
        let message = SNSMessage(
            kind: .subscriptionConfirmation, messageId: "m", topicArn: "arn:t", message: "hi", timestamp: "ts",
            signatureVersion: "2", signature: "", signingCertURL: "", subscribeURL: "https://s/?x", token: "tok")
        #expect(message.stringToSign == "Message\nhi\nMessageId\nm\nSubscribeURL\nhttps://s/?x\nTimestamp\nts\nToken\ntok\nTopicArn\narn:t\nType\nSubscriptionConfirmation\n")
    }

    @Test("Bodies that are not SNS messages are refused with the field named", arguments: [
        ("not json", "not valid JSON"),
        ("[1]", "not a JSON object"),
        (#"{"Type":"Notification"}"#, "MessageId is missing"),
        (#"{"Type":"Notification","MessageId":1}"#, "MessageId must be a string"),
    ])
    func malformed(body: String, expected: String) {
        #expect {
            _ = try SNSMessage(json: Data(body.utf8))
        } throws: { error in
            (error as? SNSVerificationError)?.reason == "malformed_message" && "\(error)".contains(expected)
        }
    }

    @Test("Unknown message types are refused", arguments: [#"{"Type":"Hello"}"#, #"{"Type":"notification"}"#])
    func unknownType(body: String) {
        #expect(throws: SNSVerificationError.unsupportedType) { _ = try SNSMessage(json: Data(body.utf8)) }
    }

    @Test("A confirmation without its Token is refused")
    func confirmationNeedsToken() {
        let body = #"{"Type":"SubscriptionConfirmation","MessageId":"m","TopicArn":"t","Message":"x","Timestamp":"t","SignatureVersion":"2","Signature":"","SigningCertURL":"u","SubscribeURL":"s"}"#
        #expect(throws: SNSVerificationError.malformedMessage("")) { _ = try SNSMessage(json: Data(body.utf8)) }
    }
}
