import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Downloads a signing certificate over HTTP(S) for ``SNSCertificateCache``.
///
/// The cache has already checked the URL against the allowed hosts; this refuses any redirect
/// (a redirected answer would come from a host nobody checked), any status but 200, and any body
/// larger than ``maxBytes`` (a certificate is about 2 KB).
package struct SNSCertificateFetcher: Sendable {
    package static let maxBytes = 64 * 1024

    private let client: HTTPClient
    private let timeout: TimeAmount

    package init(client: HTTPClient, timeout: TimeAmount = .seconds(10)) {
        self.client = client
        self.timeout = timeout
    }

    package func fetch(_ url: URL) async throws -> Data {
        let request = HTTPClientRequest(url: url.absoluteString)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw SNSVerificationError.certificateUnavailable("request failed (\(type(of: error)))")
        }
        guard response.history.count <= 1 else {
            throw SNSVerificationError.certificateUnavailable("the certificate URL redirected")
        }
        guard response.status == .ok else {
            throw SNSVerificationError.certificateUnavailable("HTTP \(response.status.code)")
        }
        do {
            let body = try await response.body.collect(upTo: Self.maxBytes)
            return Data(buffer: body)
        } catch {
            throw SNSVerificationError.certificateUnavailable("the answer is not a certificate-sized body")
        }
    }
}
