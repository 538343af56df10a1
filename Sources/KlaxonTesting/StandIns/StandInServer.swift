import Foundation
import HTTPTypes
import Hummingbird
import KlaxonCore
import NIOCore
import NIOFoundationCompat
import Synchronization

/// One request as a stand-in saw it.
package struct StandInRequest: Sendable {
    package var method: String
    package var path: String
    /// The raw query string, without `?`.
    package var query: String?
    /// Header names lower-cased.
    package var headers: [String: String]
    package var body: Data
    /// The status the stand-in answered with (nil while unanswered, or never).
    package var answeredStatus: Int?

    /// The body as JSON, when it is.
    package var json: JSONValue? { try? JSONValue.parse(data: body) }

    /// A query parameter's value.
    package func queryValue(_ name: String) -> String? {
        URLComponents(string: "http://x/?" + (query ?? ""))?.queryItems?.first { $0.name == name }?.value
    }
}

/// What a stand-in answers.
package struct StandInReply: Sendable, Equatable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package static func json(_ status: Int, _ value: JSONValue, headers: [String: String] = [:]) -> StandInReply {
        StandInReply(status: status, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: value.serialized())
    }

    package static func text(_ status: Int, _ text: String, headers: [String: String] = [:]) -> StandInReply {
        StandInReply(status: status, headers: headers.merging(["Content-Type": "text/plain"]) { $1 }, body: Data(text.utf8))
    }
}

/// A fault a stand-in can be told to produce, for the next requests or until cleared.
package enum StandInFault: Sendable, Equatable {
    /// The platform's 429 with its retry hint (seconds, may be fractional).
    case rateLimited(retryAfter: Double)
    /// HTTP 500.
    case serverError
    /// Answer normally, after this long.
    case slow(Duration)
    /// Accept the request and never answer (the client's timeout ends it).
    case noAnswer
    /// Answer normally (so that a fault after it hits a later request).
    case none
    /// Answer with this instead of the platform's answer (e.g. a Slack `{"ok":false,"error":…}`).
    case answer(StandInReply)
}

/// A real HTTP server on 127.0.0.1 that records every request and answers through a platform's
/// handler (see ``DiscordStandIn``, ``SlackStandIn``, ``TeamsStandIn``), or with a fault.
package final class StandInServer: Sendable {
    private let handlerBox = Mutex<(@Sendable (StandInRequest) -> StandInReply)?>(nil)
    private let rateLimitReply: @Sendable (Double) -> StandInReply
    private let state = Mutex<(requests: [StandInRequest], faults: [StandInFault], persistent: StandInFault?)>(([], [], nil))
    private let limiter = Mutex<(count: Int, per: Duration, answered: [ContinuousClock.Instant])?>(nil)
    private let server = LoopbackServer()

    package init(rateLimitReply: @escaping @Sendable (Double) -> StandInReply) {
        self.rateLimitReply = rateLimitReply
    }

    /// The platform's answer to a request that has no fault (set by the stand-in that owns this server).
    package func setHandler(_ handler: @escaping @Sendable (StandInRequest) -> StandInReply) {
        handlerBox.withLock { $0 = handler }
    }

    private func handler(_ request: StandInRequest) -> StandInReply {
        handlerBox.withLock { $0 }?(request) ?? .text(503, "stand-in has no handler")
    }

    /// Every request received, in order.
    package var requests: [StandInRequest] { state.withLock { $0.requests } }
    package var port: Int { server.port }
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Faults for the next requests, one each, in order; then normal answers again.
    package func inject(_ faults: [StandInFault]) {
        state.withLock { $0.faults.append(contentsOf: faults) }
    }

    /// A fault for every request until set to nil (an outage).
    package func setPersistentFault(_ fault: StandInFault?) {
        state.withLock { $0.persistent = fault }
    }

    /// Enforces the platform's own rate limit: past `count` requests in any `per`, a request gets
    /// the platform's 429 with the time until the window frees up (nil turns it off).
    package func enforceRateLimit(count: Int, per: Duration) {
        limiter.withLock { $0 = (count, per, []) }
    }

    /// The seconds to wait when the rate limit is reached now, else nil (and the request counts).
    private func rateLimitWait() -> Double? {
        limiter.withLock { state -> Double? in
            guard var current = state else { return nil }
            let now = ContinuousClock.now
            current.answered.removeAll { now - $0 >= current.per }
            defer { state = current }
            guard current.answered.count >= current.count, let oldest = current.answered.first else {
                current.answered.append(now)
                return nil
            }
            let wait = current.per - (now - oldest)
            return max(0.001, Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        }
    }

    /// Starts listening on a free loopback port and returns once it accepts connections.
    package func start() async throws {
        let router = Router()
        let handle: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 16 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let recorded = StandInRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers, body: Data(buffer: body))
            let (index, fault) = self.state.withLock { state -> (Int, StandInFault?) in
                state.requests.append(recorded)
                let fault = state.faults.isEmpty ? state.persistent : state.faults.removeFirst()
                return (state.requests.count - 1, fault)
            }
            let reply: StandInReply
            switch fault {
            case .rateLimited(let seconds)?: reply = self.rateLimitReply(seconds)
            case .serverError?: reply = .text(500, "internal error (stand-in fault)")
            case .slow(let delay)?:
                try await Task.sleep(for: delay)
                reply = self.handler(recorded)
            case .answer(let canned)?: reply = canned
            case .none?: reply = self.handler(recorded)
            case .noAnswer?:
                // Hold the request open; the caller's timeout (or stop()) ends it.
                try await Task.sleep(for: .seconds(120))
                reply = .text(504, "stand-in gave up")
            case nil:
                if let wait = self.rateLimitWait() {
                    reply = self.rateLimitReply(wait)
                } else {
                    reply = self.handler(recorded)
                }
            }
            self.state.withLock { $0.requests[index].answeredStatus = reply.status }
            var fields = HTTPFields()
            for (name, value) in reply.headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(data: reply.body)))
        }
        for method in [HTTPRequest.Method.post, .patch, .get, .put, .delete] {
            router.on("**", method: method, use: handle)
        }
        await server.start(router, port: 0, label: "stand-in")
    }

    package func stop() {
        server.stop()
    }
}
