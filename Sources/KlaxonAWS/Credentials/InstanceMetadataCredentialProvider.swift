import AsyncHTTPClient
import Foundation
import NIOCore

/// EC2 instance role credentials through IMDSv2: `PUT /latest/api/token` first (with a TTL
/// header), then the role name and its credentials with that token. IMDSv1 (no token) is not
/// used.
///
/// The base URL is `http://169.254.169.254`, or `AWS_EC2_METADATA_SERVICE_ENDPOINT`; the
/// provider is off when `AWS_EC2_METADATA_DISABLED=true`.
/// Spec: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-v2-how-it-works.html
package struct InstanceMetadataCredentialProvider: CredentialProvider {
    package static let defaultEndpoint = "http://169.254.169.254"
    static let tokenTTLSeconds = 21600

    package let environment: [String: String]
    let http: HTTPClient
    let timeout: TimeAmount

    package init(environment: [String: String], httpClient: HTTPClient, timeout: TimeAmount = .seconds(1)) {
        self.environment = environment
        self.http = httpClient
        self.timeout = timeout
    }

    var base: String {
        var value = AWSSettings.nonEmpty(environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"]) ?? Self.defaultEndpoint
        while value.hasSuffix("/") { value.removeLast() }
        return value
    }

    package func credentials() async throws -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let token: String
        do {
            token = try await fetch("PUT", "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenTTLSeconds))])
        } catch is IMDSUnavailable {
            // Not on EC2 (nothing listens, or the token is refused): nothing from here.
            return nil
        }
        let tokenHeader = [("X-aws-ec2-metadata-token", token)]
        do {
            let roles = try await fetch("GET", "/latest/meta-data/iam/security-credentials/", headers: tokenHeader)
            guard let role = roles.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
                throw AWSError.credentials("the instance has no IAM role attached")
            }
            let document = try await fetch("GET", "/latest/meta-data/iam/security-credentials/\(role)", headers: tokenHeader)
            return try TemporaryCredentialsDocument.decode(Array(document.utf8), source: "imds")
        } catch is IMDSUnavailable {
            throw AWSError.credentials("IMDS gave a token but not the role credentials")
        }
    }

    private struct IMDSUnavailable: Error {}

    private func fetch(_ method: String, _ path: String, headers: [(String, String)]) async throws -> String {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw IMDSUnavailable()
        }
        guard response.status == .ok else {
            if path == "/latest/api/token" { throw IMDSUnavailable() }
            throw AWSError(reason: .credentials, message: "IMDS answered HTTP \(response.status.code) for \(path.hasSuffix("/") ? "the role list" : "the role credentials")", statusCode: Int(response.status.code))
        }
        return String(buffer: body)
    }
}
