import KlaxonCore
import KlaxonPipeline

/// The `sns` receiver: publishes each notification to a topic, for email/SMS fan-out or paging.
///
/// The message is built by ``SNSPublication``; the publishing itself is the injected `publish`
/// (KlaxonApp wires SNS Publish through KlaxonAWS and maps AWS errors to outcomes: throttling,
/// 5xx and no answer are retryable, anything else — a missing topic, denied access — permanent).
package struct SNSNotifier: Notifier {
    package typealias Publish = @Sendable (SNSPublication) async -> DeliveryOutcome

    package let name: String
    private let topicARN: String
    private let publish: Publish

    package init(name: String, topicARN: String, publish: @escaping Publish) {
        self.name = name
        self.topicARN = topicARN
        self.publish = publish
    }

    package func send(_ delivery: Delivery) async -> DeliveryOutcome {
        await publish(SNSPublication(topicARN: topicARN, delivery: delivery))
    }
}
