import KlaxonCore
@testable import KlaxonRouting
import Testing

@Suite("Config: aws, sources.sns, mute.ssm_parameter")
struct AWSConfigTests {
    static let tail = "receivers:\n  - name: out\n    console: {}\nroutes:\n  - receivers: [out]\n"

    @Test("The interface example loads as written")
    func interfaceExample() throws {
        let config = try loadConfig("""
            aws:
              region: us-east-1
            mute:
              ssm_parameter: /klaxon/alerts/muted_until
            sources:
              sns:
                topics: ["arn:aws:sns:us-east-1:123456789012:alerts"]
                signing_cert_hosts: ["sns.*.amazonaws.com"]

            """ + Self.tail)
        #expect(config.aws.region == "us-east-1")
        #expect(config.mute.ssmParameter == "/klaxon/alerts/muted_until")
        #expect(config.sources.sns?.topics == ["arn:aws:sns:us-east-1:123456789012:alerts"])
        #expect(config.sources.sns?.signingCertHosts.map(\.description) == ["sns.*.amazonaws.com"])
    }

    @Test("sources.sqs with its defaults and with every key")
    func sqs() throws {
        let url = "https://sqs.us-east-1.amazonaws.com/123456789012/alerts"
        #expect(try loadConfig("sources:\n  sqs:\n    queue_url: \(url)\n" + Self.tail).sources.sqs == SQSSourceConfig(queueURL: url))
        let full = try loadConfig("sources:\n  sqs:\n    queue_url: \(url)\n    kind: cloudwatch\n    max_messages: 5\n    wait_seconds: 0\n    visibility_timeout: 2m\n" + Self.tail)
        #expect(full.sources.sqs == SQSSourceConfig(queueURL: url, kind: "cloudwatch", maxMessages: 5, waitSeconds: 0, visibilityTimeoutSeconds: 120))
    }

    @Test("Defaults: no region, mute in the database, SNS off; SNS hosts default to AWS's")
    func defaults() throws {
        let config = try loadConfig(Self.tail)
        #expect(config.aws.region == nil)
        #expect(config.mute.ssmParameter == nil)
        #expect(config.sources.sns == nil)
        let sns = try loadConfig("sources:\n  sns:\n    topics: [\"arn:aws:sns:eu-west-1:123456789012:a\"]\n" + Self.tail).sources.sns
        #expect(sns?.signingCertHosts == HostPattern.snsDefaults)
    }

    @Test("mute.ssm_parameter: a name, true for the default, false for none", arguments: [
        ("/encache/alerts/dlq_muted_until", "/encache/alerts/dlq_muted_until"),
        ("true", MuteConfig.defaultSSMParameter),
        ("false", nil),
    ] as [(String, String?)])
    func ssmParameter(text: String, expected: String?) throws {
        #expect(try loadConfig("mute:\n  ssm_parameter: \(text)\n" + Self.tail).mute.ssmParameter == expected)
    }

    @Test("Bad AWS settings are reported with their key path", arguments: [
        ("aws:\n  region: \"US East\"\n", "aws.region: expected an AWS region such as us-east-1, got \"US East\""),
        ("aws:\n  endpoint: x\n", "aws.endpoint: unknown key"),
        ("mute:\n  ssm_parameter: muted\n", "mute.ssm_parameter: expected an SSM parameter name such as /klaxon/alerts/muted_until (or true for that default), got \"muted\""),
        ("sources:\n  sns: {}\n", "sources.sns.topics: missing required key: the topic ARNs whose messages are accepted"),
        ("sources:\n  sns:\n    topics: []\n", "sources.sns.topics: must not be empty"),
        ("sources:\n  sns:\n    topics: [alerts]\n", "sources.sns.topics[0]: expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"alerts\""),
        ("sources:\n  sns:\n    topics: [\"arn:aws:sqs:us-east-1:123456789012:q\"]\n", "sources.sns.topics[0]: expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"arn:aws:sqs:us-east-1:123456789012:q\""),
        ("sources:\n  sns:\n    topics: [\"arn:aws:sns:us-east-1:123456789012:a\"]\n    signing_cert_hosts: [\"*\"]\n", "sources.sns.signing_cert_hosts[0]: expected a host pattern such as sns.*.amazonaws.com or http://127.0.0.1:4566, got \"*\""),
        ("sources:\n  kafka: {}\n", "sources.kafka: unknown key"),
        ("sources:\n  sqs: {}\n", "sources.sqs.queue_url: missing required key: the URL of the queue to consume"),
        ("sources:\n  sqs:\n    queue_url: alerts\n", "sources.sqs.queue_url: expected a queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/alerts"),
        ("sources:\n  sqs:\n    queue_url: https://sqs.us-east-1.amazonaws.com/1/q\n    max_messages: 11\n", "sources.sqs.max_messages: SQS returns at most 10 messages per receive"),
        ("sources:\n  sqs:\n    queue_url: https://sqs.us-east-1.amazonaws.com/1/q\n    wait_seconds: 21\n", "sources.sqs.wait_seconds: SQS long-polls for at most 20 seconds"),
        ("sources:\n  sqs:\n    queue_url: https://sqs.us-east-1.amazonaws.com/1/q\n    visibility_timeout: 1s\n", "sources.sqs.visibility_timeout: must be between 2s and 12h"),
        ("sources:\n  sqs:\n    queue_url: https://sqs.us-east-1.amazonaws.com/1/q\n    kind: prometheus\n", "sources.sqs.kind: expected auto|cloudwatch|eventbridge|grafana|normalized, got \"prometheus\""),
    ])
    func invalid(yaml: String, expected: String) {
        #expect(pathsAndMessages(configIssues(yaml + Self.tail)) == [expected])
    }
}
