import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat

/// Signs and sends requests to AWS services, with the standard retry mode, and turns error
/// answers into `AWSError` values. The protocol helpers (`json`, `query`, `rest…`) and the service
/// clients (`SSMClient`, `SQSClient`, …) are built on `send`.
///
/// Built once per process (or Lambda cold start) and shared; it holds no per-request state.
package final class AWSClient: Sendable {
    package let settings: AWSSettings
    package let credentials: any CredentialProvider
    package let retry: RetryStrategy
    let http: HTTPClient
    let logger: Logger
    let timeout: TimeAmount
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - credentials: usually `CredentialChain.standard(settings:httpClient:)`.
    ///   - sleep: waits between retries; injectable so tests can record the delays.
    package init(
        settings: AWSSettings, credentials: any CredentialProvider, httpClient: HTTPClient,
        retry: RetryStrategy = .standard, timeout: TimeAmount = .seconds(30), logger: Logger = Logger(label: "klaxon.aws"),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.settings = settings
        self.credentials = credentials
        self.http = httpClient
        self.retry = retry
        self.timeout = timeout
        self.logger = logger
        self.now = now
        self.sleep = sleep
    }

    /// Sends `request` to `service`, retrying what the standard mode retries. Returns a 2xx
    /// answer or throws `AWSError`.
    package func send(_ request: AWSRequest, to service: AWSService, operation: String) async throws -> AWSResponse {
        guard let endpoint = settings.endpoint(for: service) else {
            throw AWSError(reason: .configuration, message: "the endpoint configured for \(service.sdkID) is not a URL", service: service.signingName, operation: operation)
        }
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await sendOnce(request, to: service, operation: operation, endpoint: endpoint.url, signingRegion: endpoint.signingRegion)
            } catch let error as AWSError {
                guard error.isRetryable, attempt < retry.maxAttempts else { throw error }
                let delay = retry.delay(afterAttempt: attempt)
                logger.debug("retrying AWS call", metadata: [
                    "service": "\(service.signingName)", "operation": "\(operation)", "attempt": "\(attempt)",
                    "code": "\(error.code ?? error.reason.rawValue)", "delay_ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
                ])
                try await sleep(delay)
            }
        }
    }

    private func sendOnce(_ request: AWSRequest, to service: AWSService, operation: String, endpoint: URL, signingRegion: String) async throws -> AWSResponse {
        guard let found = try await credentials.credentials() else {
            throw AWSError(reason: .credentials, message: "no AWS credentials found (environment, profile \(settings.profileName), container endpoint, IMDS): configure one of them", service: service.signingName, operation: operation)
        }
        let host = Self.hostHeader(endpoint)
        let basePath = endpoint.path == "/" ? "" : endpoint.path
        let query = URIEncoding.form(request.query)
        var headers = request.headers
        headers.removeAll { $0.name.lowercased() == "host" }
        headers.insert(("Host", host), at: 0)
        let signable = SignableRequest(method: request.method, path: basePath + request.path, query: query, headers: headers, body: request.body)
        let signer = SigV4Signer(credentials: found, region: signingRegion, service: service.signingName, options: service.signing)
        let signed = signer.sign(signable, at: now()).request

        var scheme = endpoint.scheme ?? "https"
        if scheme != "http" && scheme != "https" { scheme = "https" }
        var outgoing = HTTPClientRequest(url: "\(scheme)://\(host)\(signed.target)")
        outgoing.method = .init(rawValue: request.method)
        for header in signed.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }

        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(outgoing, timeout: timeout)
            body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        } catch {
            throw AWSError(reason: .transport, message: "no answer from \(host): \(Self.transportSummary(error))", service: service.signingName, operation: operation)
        }
        let answer = AWSResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: body))
        guard (200..<300).contains(answer.status) else {
            throw AWSErrorParser.parse(answer, service: service, operation: operation)
        }
        return answer
    }

    /// `host` or `host:port` when the port is not the scheme's default.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        if (url.scheme == "https" && port == 443) || (url.scheme == "http" && port == 80) { return host }
        return "\(host):\(port)"
    }

    /// A short, bounded description of a transport failure (no URLs with credentials in them:
    /// AWS URLs never carry any, but presigned ones would, so only the error type is named).
    static func transportSummary(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: type(of: error)) + " \(error)".prefix(200)
    }
}
