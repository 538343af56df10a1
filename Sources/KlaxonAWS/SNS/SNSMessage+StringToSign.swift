/// The canonical text SNS signs, per message type.
///
/// https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message-verify-message-signature.html:
/// each included field contributes its name, a newline, its value and a newline, in this order —
/// Notification: Message, MessageId, Subject (only when present), Timestamp, TopicArn, Type;
/// SubscriptionConfirmation and UnsubscribeConfirmation: Message, MessageId, SubscribeURL,
/// Timestamp, Token, TopicArn, Type.
extension SNSMessage {
    package var stringToSign: String {
        var pairs: [(String, String)] = [("Message", message), ("MessageId", messageId)]
        switch kind {
        case .notification:
            if let subject { pairs.append(("Subject", subject)) }
            pairs.append(contentsOf: [("Timestamp", timestamp), ("TopicArn", topicArn)])
        case .subscriptionConfirmation, .unsubscribeConfirmation:
            pairs.append(contentsOf: [
                ("SubscribeURL", subscribeURL ?? ""), ("Timestamp", timestamp), ("Token", token ?? ""), ("TopicArn", topicArn),
            ])
        }
        pairs.append(("Type", kind.rawValue))
        var text = ""
        for (name, value) in pairs {
            text += name + "\n" + value + "\n"
        }
        return text
    }
}
