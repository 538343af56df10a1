import AsyncHTTPClient
import Foundation
import KlaxonAWS
import KlaxonCore
import KlaxonRouting
import NIOCore

/// Klaxon's way out to AWS: the one `AWSClient` a process builds (when the configuration needs
/// AWS at all), and the plain-HTTPS calls of the SNS endpoint — fetching signing certificates and
/// visiting SubscribeURLs. One value per server, so every message shares the certificate cache.
///
/// Tests replace the two closures to count or redirect calls; the checks (allowed hosts, no
/// redirects, bounded bodies) stay in ``SNSCertificateCache`` and ``SNSEndpoint``.
package struct AWSEdge: Sendable {
    /// `nil` when nothing in the configuration calls AWS.
    package let client: AWSClient?
    package let certificateFetch: SNSCertificateCache.Fetch
    package let confirmSubscription: SNSEndpoint.Confirm
    private let http: HTTPClient

    package init(
        client: AWSClient? = nil, http: HTTPClient = .shared, certificateFetch: @escaping SNSCertificateCache.Fetch,
        confirmSubscription: @escaping SNSEndpoint.Confirm
    ) {
        self.client = client
        self.http = http
        self.certificateFetch = certificateFetch
        self.confirmSubscription = confirmSubscription
    }

    /// Plain HTTPS with `http`; with `client`, certificates come from an overridden SNS endpoint
    /// when one is configured (moto, see ADR 0050).
    package init(client: AWSClient?, http: HTTPClient) {
        self.client = client
        self.http = http
        let fetcher = SNSCertificateFetcher(client: http)
        if let client, client.settings.configuredEndpoint(for: .sns) != nil {
            certificateFetch = { url in
                let response = try await client.send(AWSRequest(method: "GET", path: url.path), to: .sns, operation: "GetSigningCertificate")
                guard response.body.count <= SNSCertificateFetcher.maxBytes else {
                    throw SNSVerificationError.certificateUnavailable("the answer is not a certificate-sized body")
                }
                return Data(response.body)
            }
        } else {
            certificateFetch = { url in try await fetcher.fetch(url) }
        }
        confirmSubscription = { url in
            let response = try await http.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
            // A redirect is not followed to another host: its own status is the answer.
            if response.history.count > 1, let first = response.history.first { return Int(first.responseHead.status.code) }
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        }
    }

    /// The AWS client for `config`, or `nil` when no part of it uses AWS (so a self-hosted Klaxon
    /// never needs a region or credentials). Throws a start-up problem when no region is found.
    package static func client(for config: KlaxonConfig, environment: [String: String], http: HTTPClient) throws -> AWSClient? {
        let usesSNSReceiver = config.receivers.contains { if case .sns = $0.kind { return true } else { return false } }
        // An explicit `aws.region` also asks for a client: it is what `/cost` reads Cost Explorer with.
        let needed = config.mute.ssmParameter != nil || config.sources.sqs != nil || usesSNSReceiver || config.aws.region != nil
        let settings: AWSSettings
        do {
            settings = try AWSSettings.load(region: config.aws.region, environment: environment)
        } catch {
            // The SNS endpoint alone needs AWS only for an overridden SNS endpoint (moto).
            guard needed else { return nil }
            throw ServeOptions.Problem(description: "AWS is needed (aws.region, mute.ssm_parameter, sources.sqs or an sns receiver) but cannot be set up: \(error)")
        }
        guard needed || (config.sources.sns != nil && settings.configuredEndpoint(for: .sns) != nil) else { return nil }
        return AWSClient(settings: settings, credentials: CredentialChain.standard(settings: settings, httpClient: http), httpClient: http)
    }

    /// A verifier with its own certificate cache, limited to the configured hosts.
    func snsVerifier(_ config: SNSSourceConfig) -> SNSSignatureVerifier {
        SNSSignatureVerifier(certificates: SNSCertificateCache(allowedHosts: config.signingCertHosts, fetch: certificateFetch))
    }

    /// The same client, calling `region` (an SNS receiver's topic elsewhere).
    func client(region: String) -> AWSClient? {
        guard let client else { return nil }
        guard client.settings.region != region else { return client }
        var settings = client.settings
        settings.region = region
        return AWSClient(settings: settings, credentials: client.credentials, httpClient: http, retry: client.retry)
    }
}
