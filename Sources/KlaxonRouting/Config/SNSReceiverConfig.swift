/// `receivers[].sns`: publish notifications to an SNS topic.
package struct SNSReceiverConfig: Sendable, Equatable {
    static let kindName = "sns"

    /// `arn:aws:sns:us-east-1:123456789012:pager`.
    package var topicARN: String
    /// The topic's region when it differs from `aws.region` (default: the ARN's region).
    package var region: String?

    package init(topicARN: String, region: String? = nil) {
        self.topicARN = topicARN
        self.region = region
    }

    /// The region to call: the configured one, else the ARN's.
    package var effectiveRegion: String {
        region ?? topicARN.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) ?? "us-east-1"
    }
}
