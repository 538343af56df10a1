import AsyncHTTPClient
import Foundation
import NIOCore

/// The container credentials endpoint that ECS, EKS Pod Identity and Lambda's runtime provide.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is a path on `http://169.254.170.2`;
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` a whole URL (https, or http to a loopback or the
/// ECS/EKS link-local hosts only). The `Authorization` header carries
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`'s contents (re-read each time: the file rotates),
/// else `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
/// Spec: https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
package struct ContainerCredentialProvider: CredentialProvider {
    package static let ecsHost = "http://169.254.170.2"
    static let allowedHTTPHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]"]

    package let environment: [String: String]
    let http: HTTPClient

    package init(environment: [String: String], httpClient: HTTPClient) {
        self.environment = environment
        self.http = httpClient
    }

    /// The URL to ask, or nil when neither variable is set.
    package func endpoint() throws -> String? {
        if let relative = AWSSettings.nonEmpty(environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]) {
            return Self.ecsHost + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = AWSSettings.nonEmpty(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"]) else { return nil }
        guard let url = URL(string: full), let scheme = url.scheme, let host = url.host else {
            throw AWSError.credentials("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        if scheme == "http", !Self.allowedHTTPHosts.contains(host) {
            throw AWSError.credentials("AWS_CONTAINER_CREDENTIALS_FULL_URI uses http to \(host): only loopback and the ECS/EKS link-local hosts may use http")
        }
        guard scheme == "http" || scheme == "https" else {
            throw AWSError.credentials("AWS_CONTAINER_CREDENTIALS_FULL_URI must be http or https")
        }
        return full
    }

    func authorization() throws -> String? {
        if let path = AWSSettings.nonEmpty(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]) {
            do {
                return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw AWSError.credentials("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)")
            }
        }
        return AWSSettings.nonEmpty(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"])
    }

    package func credentials() async throws -> AWSCredentials? {
        guard let url = try endpoint() else { return nil }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let token = try authorization() {
            guard !token.contains("\r"), !token.contains("\n") else {
                throw AWSError.credentials("the container authorization token contains a line break")
            }
            request.headers.add(name: "Authorization", value: token)
        }
        let body: ByteBuffer
        let status: UInt
        do {
            let response = try await http.execute(request, timeout: .seconds(5))
            status = response.status.code
            body = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw AWSError(reason: .credentials, message: "the container credentials endpoint did not answer: \(type(of: error))")
        }
        guard status == 200 else {
            throw AWSError(reason: .credentials, message: "the container credentials endpoint answered HTTP \(status)", statusCode: Int(status))
        }
        return try TemporaryCredentialsDocument.decode(Array(buffer: body), source: "container")
    }
}
