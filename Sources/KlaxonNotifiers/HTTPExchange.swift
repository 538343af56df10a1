import AsyncHTTPClient
import Foundation
import KlaxonPipeline
import NIOCore
import NIOFoundationCompat

/// One HTTP request and its answer, for the chat notifiers. A transport failure becomes a
/// retryable outcome whose reason never contains the URL (webhook URLs carry tokens).
package struct HTTPExchange: Sendable {
    package struct Answer: Sendable {
        package var status: Int
        package var headers: [String: String]
        package var body: Data

        package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// A header by name, case-insensitive.
        package func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.first { $0.key.lowercased() == lowered }?.value
        }
    }

    private let client: HTTPClient
    private let timeout: Duration

    package init(client: HTTPClient, timeout: Duration) {
        self.client = client
        self.timeout = timeout
    }

    /// Sends `body` as JSON. At most 1 MiB of the answer is read.
    package func send(_ method: String, url: String, body: Data, headers: [(String, String)] = []) async -> Result<Answer, DeliveryFailure> {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "klaxon")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(ByteBuffer(data: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
        } catch {
            return .failure(DeliveryFailure(reason: HTTPOutcome.describe(error)))
        }
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name] = header.value }
        // The status has arrived: the destination has acted. A body that cannot be read (too
        // large, cut off) must not turn a sent message into a retry, so it reads as empty.
        let body = (try? await response.body.collect(upTo: 1024 * 1024)).map { Data(buffer: $0) } ?? Data()
        return .success(Answer(status: Int(response.status.code), headers: fields, body: body))
    }
}

/// A send that did not reach an answer; always retryable.
package struct DeliveryFailure: Error, Sendable {
    package var reason: String
}
