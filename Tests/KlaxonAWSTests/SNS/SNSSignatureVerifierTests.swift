import KlaxonCore
import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

@Suite("SNS message signatures")
struct SNSSignatureVerifierTests {
    /// When the recorded messages were signed (the certificate was valid then).
    static let signedAt = Date(timeIntervalSince1970: 1_659_048_829)

    @Test("AWS's recorded notifications verify (certificate dates not checked: it expired in 2022)", arguments: SNSFixtures.notifications)
    func recordedNotificationsVerify(name: String) async throws {
        let verifier = SNSSignatureVerifier(certificates: SNSFixtures.cache(), checkCertificateDates: false)
        try await verifier.verify(try SNSFixtures.message(name), now: Date())
    }

    @Test("The recorded certificate is refused today, with the date check on", arguments: SNSFixtures.notifications)
    func expiredCertificateRefused(name: String) async throws {
        let verifier = SNSSignatureVerifier(certificates: SNSFixtures.cache())
        await #expect(throws: SNSVerificationError.certificateNotValidNow) {
            try await verifier.verify(try SNSFixtures.message(name), now: Date())
        }
        // …and accepted at the time it was in use, so the refusal above is about the dates.
        try await verifier.verify(try SNSFixtures.message(name), now: Self.signedAt)
    }

    /// Changes an attacker might make to a signed message.
    static let tamperings: [(String, @Sendable (inout SNSMessage) -> Void)] = [
        ("message", { $0.message += " " }),
        ("message id", { $0.messageId = "00000000-0000-0000-0000-000000000000" }),
        ("timestamp", { $0.timestamp = "2022-07-28T22:53:50.654Z" }),
        ("topic", { $0.topicArn = "arn:aws:sns:us-east-2:295079676684:other" }),
        ("subject added or changed", { $0.subject = ($0.subject ?? "") + "!" }),
        ("type", { $0.kind = .unsubscribeConfirmation }),
        ("signature version", { $0.signatureVersion = $0.signatureVersion == "1" ? "2" : "1" }),
        ("signature bytes", { message in
            var bytes = Data(base64Encoded: message.signature)!
            bytes[bytes.count / 2] ^= 0x01
            message.signature = bytes.base64EncodedString()
        }),
    ]

    @Test("A tampered copy fails", arguments: SNSFixtures.notifications, tamperings.indices)
    func tamperedCopyFails(name: String, tampering: Int) async throws {
        let verifier = SNSSignatureVerifier(certificates: SNSFixtures.cache(), checkCertificateDates: false)
        var message = try SNSFixtures.message(name)
        Self.tamperings[tampering].1(&message)
        await #expect(throws: SNSVerificationError.signatureInvalid, "\(Self.tamperings[tampering].0)") {
            try await verifier.verify(message, now: Self.signedAt)
        }
    }

    @Test("A tampered body (Message edited in the JSON) fails")
    func tamperedBodyFails() async throws {
        let text = String(decoding: try SNSFixtures.data(SNSFixtures.notifications[1]), as: UTF8.self)
        let edited = text.replacingOccurrences(of: #""Message": "Hello world""#, with: #""Message": "Hello world!""#)
        #expect(edited != text)
        let verifier = SNSSignatureVerifier(certificates: SNSFixtures.cache(), checkCertificateDates: false)
        await #expect(throws: SNSVerificationError.signatureInvalid) {
            try await verifier.verify(try SNSMessage(json: Data(edited.utf8)), now: Self.signedAt)
        }
    }

    @Test("Unknown signature versions are refused before any fetch", arguments: ["", "3", "01", "SHA256"])
    func unknownVersion(version: String) async throws {
        let fetches = FetchCounter()
        let verifier = SNSSignatureVerifier(certificates: SNSFixtures.cache(fetches: fetches), checkCertificateDates: false)
        var message = try SNSFixtures.message(SNSFixtures.notifications[0])
        message.signatureVersion = version
        await #expect(throws: SNSVerificationError.unsupportedSignatureVersion) {
            try await verifier.verify(message, now: Self.signedAt)
        }
        #expect(fetches.count == 0)
    }

    @Test("A certificate URL off the allowed hosts is refused and never fetched", arguments: [
        "https://sns.us-east-2.amazonaws.com.evil.example/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "https://evil.example/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "http://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "https://sns.us-east-2.amazonaws.com:8443/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "https://user@sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "https://s3.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
    ])
    func foreignCertificateHost(url: String) async throws {
        let fetches = FetchCounter()
        let verifier = SNSSignatureVerifier(certificates: SNSFixtures.cache(fetches: fetches), checkCertificateDates: false)
        var message = try SNSFixtures.message(SNSFixtures.notifications[1])
        message.signingCertURL = url
        await #expect(throws: SNSVerificationError.certificateURLRefused(host: "")) {
            try await verifier.verify(message, now: Self.signedAt)
        }
        #expect(fetches.count == 0)
    }

    @Test("The certificate is fetched once and cached across messages")
    func certificateCached() async throws {
        let fetches = FetchCounter()
        let cache = SNSFixtures.cache(fetches: fetches)
        let verifier = SNSSignatureVerifier(certificates: cache, checkCertificateDates: false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in SNSFixtures.notifications + SNSFixtures.notifications {
                group.addTask { try await verifier.verify(try SNSFixtures.message(name), now: Self.signedAt) }
            }
            try await group.waitForAll()
        }
        #expect(fetches.count == 1)
        #expect(await cache.count == 1)
    }

    @Test("A failed certificate fetch is not cached")
    func failedFetchRetried() async throws {
        let fetches = FetchCounter()
        let cache = SNSCertificateCache(allowedHosts: HostPattern.snsDefaults) { _ in
            fetches.increment()
            throw URLError(.timedOut)
        }
        let verifier = SNSSignatureVerifier(certificates: cache, checkCertificateDates: false)
        let message = try SNSFixtures.message(SNSFixtures.notifications[0])
        for _ in 0..<2 {
            await #expect(throws: SNSVerificationError.certificateUnavailable("")) {
                try await verifier.verify(message, now: Self.signedAt)
            }
        }
        #expect(fetches.count == 2)
        #expect(await cache.count == 0)
    }

    @Test("Garbage where the certificate should be is refused")
    func garbageCertificate() async throws {
        let cache = SNSCertificateCache(allowedHosts: HostPattern.snsDefaults) { _ in Data("<html>not a cert</html>".utf8) }
        let verifier = SNSSignatureVerifier(certificates: cache, checkCertificateDates: false)
        await #expect(throws: SNSVerificationError.certificateInvalid("")) {
            try await verifier.verify(try SNSFixtures.message(SNSFixtures.notifications[0]), now: Self.signedAt)
        }
    }
}
