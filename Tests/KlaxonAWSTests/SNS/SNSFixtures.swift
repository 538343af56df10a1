import KlaxonCore
import Foundation
import KlaxonAWS

/// The recorded AWS messages and their certificate (Fixtures/aws-sns-signature, see SOURCES.md).
enum SNSFixtures {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("aws-sns-signature")
    static let certificateName = "SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem"
    static let notifications = [
        "php-validator-http-notification-1-sigv1.json",
        "php-validator-http-notification-2-sigv2.json",
        "php-validator-http-notification-3-sigv1-with-subject.json",
        "php-validator-http-notification-4-sigv2-with-subject.json",
    ]

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func message(_ name: String) throws -> SNSMessage {
        try SNSMessage(json: try data(name))
    }

    /// A certificate cache with the default (AWS) host patterns whose fetch answers the recorded
    /// certificate for its URL only, and counts the fetches.
    static func cache(fetches: FetchCounter = FetchCounter()) -> SNSCertificateCache {
        SNSCertificateCache(allowedHosts: HostPattern.snsDefaults) { url in
            fetches.increment()
            guard url.absoluteString == "https://sns.us-east-2.amazonaws.com/\(certificateName)" else {
                throw URLError(.fileDoesNotExist)
            }
            return try data(certificateName)
        }
    }
}

import Synchronization

final class FetchCounter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
