import Foundation
import KlaxonCore

/// Canonical alerts for tests that need one and don't care which.
package enum AlertSamples {
    package static func alert(
        title: String = "CPU high", state: AlertEvent.State = .firing, at seconds: TimeInterval = 1_750_000_000,
        source: String = "cloudwatch", priority: Priority = .p1, teams: [String] = ["platform"], labels: [String: String]? = nil
    ) -> AlertEvent {
        AlertEvent(
            source: source, state: state, title: title, priority: priority,
            occurredAt: Date(timeIntervalSince1970: seconds), teams: teams,
            identity: .init(awsAccount: "123456789012", region: "us-east-1", alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:\(title)"),
            labels: labels)
    }
}
