import KlaxonAWS
import KlaxonNotifiers
import KlaxonPipeline

/// SNS Publish for the `sns` receiver, with AWS errors mapped to delivery outcomes: what the
/// SDKs retry (throttling, 5xx, no answer) is retryable, anything else — `NotFound`,
/// `AuthorizationError`, `InvalidParameter` — permanent. Reasons carry only the AWS error code.
package enum SNSPublisher {
    package static func publish(with sns: SNSClient?) -> SNSNotifier.Publish {
        { publication in
            guard let sns else { return .permanent(reason: "sns_no_aws_client") }
            do {
                try await sns.publish(topicARN: publication.topicARN, message: publication.message, subject: publication.subject, attributes: publication.attributes)
                return .ok
            } catch let error as AWSError {
                let reason = "sns_" + (error.code ?? error.reason.rawValue)
                return error.isRetryable ? .retryable(after: nil, reason: reason) : .permanent(reason: reason)
            } catch {
                return .retryable(after: nil, reason: "sns_\(type(of: error))")
            }
        }
    }
}
