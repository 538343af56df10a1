import KlaxonCore
import Foundation

/// Signing certificates by URL, fetched once and kept.
///
/// The URL is checked against the allowed hosts *before* anything is fetched, so a message cannot
/// make Klaxon connect anywhere else. Concurrent requests for one URL share a single fetch. A
/// failed fetch is not cached (the next message tries again). At most `capacity` certificates are
/// kept (SNS rotates them rarely; the oldest entry goes first).
package actor SNSCertificateCache {
    /// Fetches the bytes at an allowed URL.
    package typealias Fetch = @Sendable (URL) async throws -> Data

    private let allowedHosts: [HostPattern]
    private let fetch: Fetch
    private let capacity: Int
    private var entries: [String: Task<SNSSigningCertificate, any Error>] = [:]
    private var order: [String] = []

    package init(allowedHosts: [HostPattern], capacity: Int = 32, fetch: @escaping Fetch) {
        self.allowedHosts = allowedHosts
        self.capacity = max(1, capacity)
        self.fetch = fetch
    }

    /// How many certificates are held (for tests of the caching).
    package var count: Int { entries.count }

    package func certificate(at urlText: String) async throws(SNSVerificationError) -> SNSSigningCertificate {
        guard let url = URL(string: urlText), let host = URLComponents(url: url, resolvingAgainstBaseURL: false)?.host else {
            throw SNSVerificationError.malformedMessage("SigningCertURL is not a URL")
        }
        guard allowedHosts.allows(url) else { throw SNSVerificationError.certificateURLRefused(host: host) }
        let task: Task<SNSSigningCertificate, any Error>
        if let existing = entries[urlText] {
            task = existing
        } else {
            let fetch = self.fetch
            task = Task {
                let bytes: Data
                do {
                    bytes = try await fetch(url)
                } catch let error as SNSVerificationError {
                    throw error
                } catch {
                    throw SNSVerificationError.certificateUnavailable(String(describing: type(of: error)))
                }
                return try SNSSigningCertificate(encoded: bytes)
            }
            entries[urlText] = task
            order.append(urlText)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        do {
            return try await task.value
        } catch {
            if entries[urlText] == task {
                entries[urlText] = nil
                order.removeAll { $0 == urlText }
            }
            throw (error as? SNSVerificationError) ?? .certificateUnavailable(String(describing: type(of: error)))
        }
    }
}
