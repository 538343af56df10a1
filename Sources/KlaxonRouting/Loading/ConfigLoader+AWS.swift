import Foundation
import KlaxonCore
import Yams

/// The AWS-facing sections: `aws:` and `sources:`.
extension ConfigLoader {
    static func readAWS(_ node: Node, reader: ConfigReader) -> AWSConfig {
        var config = AWSConfig()
        guard let map = reader.mapping(node, at: ConfigPath.root.key("aws"), allowed: ["region", "secrets_ttl"]) else { return config }
        if let ttl = reader.duration(map, "secrets_ttl") {
            if ttl >= .seconds(1) { config.secretsTTL = ttl } else { reader.report(map.path("secrets_ttl"), "must be at least 1s", at: map["secrets_ttl"]) }
        }
        if let node = map["region"], let region = reader.string(node, at: map.path("region")) {
            if isRegionName(region) {
                config.region = region
            } else {
                reader.report(map.path("region"), "expected an AWS region such as us-east-1, got \"\(region.prefix(40))\"", at: node)
            }
        }
        return config
    }

    static func readSources(_ node: Node, reader: ConfigReader) -> SourcesConfig {
        var config = SourcesConfig()
        guard let map = reader.mapping(node, at: ConfigPath.root.key("sources"), allowed: ["sns", "sqs"]) else { return config }
        if let snsNode = map["sns"] { config.sns = readSNSSource(snsNode, at: map.path("sns"), reader: reader) }
        if let sqsNode = map["sqs"] { config.sqs = readSQSSource(sqsNode, at: map.path("sqs"), reader: reader) }
        return config
    }

    private static func readSQSSource(_ node: Node, at path: ConfigPath, reader: ConfigReader) -> SQSSourceConfig? {
        let keys = ["queue_url", "kind", "max_messages", "wait_seconds", "visibility_timeout"]
        guard let map = reader.mapping(node, at: path, allowed: keys) else { return nil }
        guard map.has("queue_url") else {
            reader.report(map.path("queue_url"), "missing required key: the URL of the queue to consume", at: map.node)
            return nil
        }
        guard let url = reader.nonEmptyString(map, "queue_url") else { return nil }
        guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              components.host?.isEmpty == false, components.path.count > 1
        else {
            reader.report(map.path("queue_url"), "expected a queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/alerts", at: map["queue_url"])
            return nil
        }
        var config = SQSSourceConfig(queueURL: url)
        if let kind = reader.nonEmptyString(map, "kind") {
            if sqsKinds.contains(kind) {
                config.kind = kind
            } else {
                let expected = sqsKinds.joined(separator: "|")
                reader.report(map.path("kind"), "expected \(expected), got \"\(kind.prefix(40))\"", at: map["kind"])
            }
        }
        if let value = reader.int(map, "max_messages", minimum: 1) {
            if value <= 10 { config.maxMessages = value } else { reader.report(map.path("max_messages"), "SQS returns at most 10 messages per receive", at: map["max_messages"]) }
        }
        if let value = reader.int(map, "wait_seconds", minimum: 0) {
            if value <= 20 { config.waitSeconds = value } else { reader.report(map.path("wait_seconds"), "SQS long-polls for at most 20 seconds", at: map["wait_seconds"]) }
        }
        if let value = reader.duration(map, "visibility_timeout") {
            let seconds = Int(value.components.seconds)
            if (2...43_200).contains(seconds) {
                config.visibilityTimeoutSeconds = seconds
            } else {
                reader.report(map.path("visibility_timeout"), "must be between 2s and 12h", at: map["visibility_timeout"])
            }
        }
        return config
    }

    private static func readSNSSource(_ node: Node, at path: ConfigPath, reader: ConfigReader) -> SNSSourceConfig? {
        guard let map = reader.mapping(node, at: path, allowed: ["topics", "signing_cert_hosts"]) else { return nil }
        guard map.has("topics") else {
            reader.report(map.path("topics"), "missing required key: the topic ARNs whose messages are accepted", at: map.node)
            return nil
        }
        var config = SNSSourceConfig(topics: [])
        if let topics = reader.stringList(map, "topics", nonEmpty: true) {
            for (index, topic) in topics.enumerated() where !isTopicARN(topic) {
                reader.report(map.path("topics").index(index), "expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"\(topic.prefix(80))\"", at: nil)
            }
            config.topics = topics
        }
        if let hosts = reader.stringList(map, "signing_cert_hosts", nonEmpty: true) {
            var patterns: [HostPattern] = []
            for (index, text) in hosts.enumerated() {
                if let pattern = HostPattern(text) {
                    patterns.append(pattern)
                } else {
                    reader.report(map.path("signing_cert_hosts").index(index), "expected a host pattern such as sns.*.amazonaws.com or http://127.0.0.1:4566, got \"\(text.prefix(80))\"", at: nil)
                }
            }
            config.signingCertHosts = patterns
        }
        return config
    }

    /// Decoder hints a queue may carry (raw values of KlaxonIngest's `PayloadKind`, which never
    /// change); `auto` also unwraps SNS envelopes and honours a `source` message attribute.
    static let sqsKinds = ["auto", "cloudwatch", "eventbridge", "grafana", "normalized"]

    /// `arn:<partition>:sns:<region>:<12-digit account>:<name>`.
    static func isTopicARN(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "sns",
              isRegionName(String(parts[3])), parts[4].count == 12, parts[4].allSatisfy(\.isNumber), !parts[5].isEmpty
        else { return false }
        return true
    }

    /// Lower-case letters, digits and dashes, with a dash: `us-east-1`, `cn-north-1`, `us-gov-west-1`.
    static func isRegionName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && text.contains("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
