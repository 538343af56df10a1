import AsyncHTTPClient
import Foundation
import KlaxonPipeline
import NIOCore
import NIOFoundationCompat

/// The few GitHub REST calls Klaxon makes, with the headers GitHub asks every client to send
/// (https://docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api):
/// `Accept: application/vnd.github+json`, `X-GitHub-Api-Version: 2022-11-28`, a `User-Agent`.
package struct GitHubAPI: Sendable {
    package struct Answer: Sendable {
        package var status: Int
        package var rate: GitHubResponse.RateHeaders
        package var body: Data
    }

    package enum Method: Sendable { case post, patch }

    package static let apiVersion = "2022-11-28"

    let baseURL: String
    let client: HTTPClient
    let timeout: Duration

    package init(baseURL: String, client: HTTPClient, timeout: Duration) {
        self.baseURL = baseURL
        self.client = client
        self.timeout = timeout
    }

    /// Sends one request. Throws only transport errors (their description never holds a secret:
    /// see ``HTTPOutcome/describe(_:)``).
    package func call(_ method: Method, _ path: String, json: Data?, authorization: String) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        switch method {
        case .post: request.method = .POST
        case .patch: request.method = .PATCH
        }
        request.headers.add(name: "Accept", value: "application/vnd.github+json")
        request.headers.add(name: "X-GitHub-Api-Version", value: Self.apiVersion)
        request.headers.add(name: "User-Agent", value: "klaxon")
        request.headers.add(name: "Authorization", value: authorization)
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: json))
        }
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
        let body = try await response.body.collect(upTo: 1 << 20)
        let headers = response.headers
        return Answer(
            status: Int(response.status.code),
            rate: .init(retryAfter: headers.first(name: "retry-after"), remaining: headers.first(name: "x-ratelimit-remaining"),
                        reset: headers.first(name: "x-ratelimit-reset")),
            body: Data(buffer: body))
    }

    /// Encodes a request body (sorted keys, so requests are stable for golden files).
    package static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
