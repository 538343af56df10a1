import AsyncHTTPClient
import Foundation
import KlaxonAWS
import KlaxonCore
import KlaxonRouting
import NIOCore

/// The outbound HTTP the SNS endpoint makes: fetching signing certificates and visiting
/// SubscribeURLs. One value per server, so every message shares the certificate cache.
///
/// Tests replace the two closures to count or redirect calls; the checks (allowed hosts, no
/// redirects, bounded bodies) stay in ``SNSCertificateCache`` and ``SNSEndpoint``.
package struct AWSEdge: Sendable {
    package let certificateFetch: SNSCertificateCache.Fetch
    package let confirmSubscription: SNSEndpoint.Confirm

    package init(certificateFetch: @escaping SNSCertificateCache.Fetch, confirmSubscription: @escaping SNSEndpoint.Confirm) {
        self.certificateFetch = certificateFetch
        self.confirmSubscription = confirmSubscription
    }

    /// Plain HTTPS with `client`.
    package init(config: KlaxonConfig, client: HTTPClient) {
        let fetcher = SNSCertificateFetcher(client: client)
        certificateFetch = { url in try await fetcher.fetch(url) }
        confirmSubscription = { url in
            let response = try await client.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
            // A redirect is not followed to another host: its own status is the answer.
            if response.history.count > 1, let first = response.history.first { return Int(first.responseHead.status.code) }
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        }
    }

    /// A verifier with its own certificate cache, limited to the configured hosts.
    func snsVerifier(_ config: SNSSourceConfig) -> SNSSignatureVerifier {
        SNSSignatureVerifier(certificates: SNSCertificateCache(allowedHosts: config.signingCertHosts, fetch: certificateFetch))
    }
}
