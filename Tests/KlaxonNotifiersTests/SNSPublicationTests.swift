import Foundation
import KlaxonCore
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonTesting
import Testing

@Suite("SNS receiver: subject, message, attributes")
struct SNSPublicationTests {
    static let topic = "arn:aws:sns:us-east-1:123456789012:pager"
    /// Golden files sit next to this source file (read by path: no resource bundle needed).
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func delivery(_ alert: AlertEvent, action: Lifecycle.Action = .create) -> Delivery {
        Delivery(receiver: "pager", fingerprint: "9f2c1e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6", occurrence: 1,
                 action: action, sequence: 1, alert: alert, createdAt: Date(timeIntervalSince1970: 1_750_000_000))
    }

    static var fullAlert: AlertEvent {
        var alert = AlertSamples.alert(title: "Runners-ASG-InsufficientInstances")
        alert.summary = "The runner pool cannot scale out."
        alert.description = "Threshold Crossed: 1 datapoint [0.0] was less than the threshold (1.0)."
        alert.resource = .init(type: "autoscaling_group", id: "gh-ci-runners", region: "us-east-1")
        alert.links.runbookURL = "https://runbooks.example/asg"
        return alert
    }

    @Test("Message and subject match the golden files", arguments: [
        ("sns-firing-create", Lifecycle.Action.create, AlertEvent.State.firing),
        ("sns-resolved-close", .close, .resolved),
    ])
    func golden(name: String, action: Lifecycle.Action, state: AlertEvent.State) throws {
        var alert = Self.fullAlert
        alert.state = state
        let publication = SNSPublication(topicARN: Self.topic, delivery: Self.delivery(alert, action: action))
        let rendered = "Subject: \(publication.subject)\n" + publication.attributes.sorted { $0.key < $1.key }.map { "Attribute \($0.key)=\($0.value)\n" }.joined() + "\n" + publication.message + "\n"
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("\(name).txt"), encoding: .utf8)
        #expect(rendered == expected)
    }

    @Test("Subjects are ASCII, one line, under 100 characters", arguments: [
        String(repeating: "x", count: 300), "Température élevée — 東京", "line\nbreak\ttab", "🔥🔥🔥",
    ])
    func subjectLimits(title: String) {
        let publication = SNSPublication(topicARN: Self.topic, delivery: Self.delivery(AlertSamples.alert(title: title)))
        #expect(publication.subject.count < 100)
        #expect(publication.subject.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) })
        #expect(publication.subject.hasPrefix("[P1] FIRING: "))
    }

    @Test("A huge description is cut, the header kept")
    func messageBound() {
        var alert = AlertSamples.alert()
        alert.description = String(repeating: "é", count: 100_000)
        let message = SNSPublication(topicARN: Self.topic, delivery: Self.delivery(alert)).message
        #expect(message.utf8.count <= SNSPublication.maxMessageBytes)
        #expect(message.hasPrefix("[P1] FIRING (CREATE)\nCPU high\n"))
        #expect(message.hasSuffix("[truncated]"))
    }

    @Test("The notifier publishes what SNSPublication builds and reports the publisher's outcome")
    func notifierPassesThrough() async {
        let seen = Recorder()
        let notifier = SNSNotifier(name: "pager", topicARN: Self.topic) { publication in
            await seen.add(publication)
            return .retryable(after: nil, reason: "throttled")
        }
        let delivery = Self.delivery(Self.fullAlert)
        #expect(await notifier.send(delivery) == .retryable(after: nil, reason: "throttled"))
        #expect(await seen.items == [SNSPublication(topicARN: Self.topic, delivery: delivery)])
    }
}

actor Recorder {
    var items: [SNSPublication] = []
    func add(_ item: SNSPublication) { items.append(item) }
}
