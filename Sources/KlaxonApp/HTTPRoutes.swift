import Foundation
import HTTPTypes
import Hummingbird
import KlaxonCore
import KlaxonIngest
import NIOCore

/// The HTTP edge: it only moves bytes between Hummingbird and the endpoints.
package enum HTTPRoutes {
    /// Ingest routes and the decoder each one feeds.
    package static let ingestRoutes: [(path: RouterPath, kind: PayloadKind)] = [
        ("/api/v2/alerts", .alertmanagerAPI),
        ("/webhooks/alertmanager", .alertmanagerWebhook),
        ("/webhooks/grafana", .grafana),
        ("/webhooks/cloudwatch", .cloudwatch),
        ("/webhooks/eventbridge", .eventbridge),
        ("/api/v1/alerts", .normalized),
        ("/api/v1/events", .appEvent),
        ("/webhooks/auto", .auto),
    ]

    static let grafanaTokenField = HTTPField.Name("X-Grafana-Token")!
    static let requestIdField = HTTPField.Name("X-Request-Id")!

    package static func addIngest(to router: Hummingbird.Router<BasicRequestContext>, intake: IntakeEndpoint) {
        for (path, kind) in ingestRoutes {
            let successStatus = kind == .alertmanagerAPI ? 200 : 202
            router.post(path) { request, _ -> Response in
                let requestId = request.headers[requestIdField].flatMap(RequestID.accepting) ?? RequestID.next()
                if let refusal = await intake.authenticate(
                    kind: kind, authorization: request.headers[.authorization], grafanaToken: request.headers[grafanaTokenField]
                ) {
                    return reply(refusal, requestId: requestId)
                }
                if let length = request.headers[.contentLength].flatMap(Int.init), length > intake.bodyLimit {
                    return reply(tooLarge(intake.bodyLimit), requestId: requestId)
                }
                var request = request
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: intake.bodyLimit)
                } catch is NIOTooManyBytesError {
                    return reply(tooLarge(intake.bodyLimit), requestId: requestId)
                }
                return reply(await intake.accept(kind: kind, body: body, requestId: requestId, successStatus: successStatus), requestId: requestId)
            }
        }
    }

    static func tooLarge(_ limit: Int) -> IntakeEndpoint.Reply {
        IntakeEndpoint.Reply(status: 413, body: #"{"error":"body larger than the \#(limit)-byte limit"}"#)
    }

    static func reply(_ reply: IntakeEndpoint.Reply, requestId: String) -> Response {
        var headers: HTTPFields = [requestIdField: requestId]
        if !reply.body.isEmpty { headers[.contentType] = "application/json" }
        return Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body))
        )
    }
}

/// Request ids: a per-process random prefix and a counter, cheap enough for every request.
package enum RequestID {
    private static let prefix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private static let counter = AtomicCounter()

    package static func next() -> String { "\(prefix)-\(counter.increment())" }

    /// A caller's `X-Request-Id` when it is 1–64 characters of `[A-Za-z0-9._:-]`; anything else
    /// is replaced (it is echoed in JSON replies and stored with the payload).
    package static func accepting(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                continue
            default:
                return nil
            }
        }
        return text
    }
}

import Synchronization

final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
