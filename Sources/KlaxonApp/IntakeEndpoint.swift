import Foundation
import KlaxonCore
import KlaxonIngest
import KlaxonPipeline
import KlaxonRouting
import NIOCore
import NIOFoundationCompat

/// The intake hot path, kept apart from Hummingbird's request handling so that it can also be
/// served from a plain NIO channel handler: authenticate, bound the size, check the JSON syntax,
/// append the raw bytes to the inbox, and answer only once they are committed.
package struct IntakeEndpoint: Sendable {
    /// What to answer.
    package struct Reply: Sendable, Equatable {
        package var status: Int
        package var body: String

        package init(status: Int, body: String) {
            self.status = status
            self.body = body
        }
    }

    private let inbox: any InboxStore
    private let auth: IngestAuth
    private let maxBodyBytes: Int
    private let clock: any WallClock
    private let metrics: PipelineMetrics
    private let signal: WakeupSignal

    package init(inbox: any InboxStore, auth: IngestAuth, maxBodyBytes: Int, clock: any WallClock, metrics: PipelineMetrics, signal: WakeupSignal) {
        self.inbox = inbox
        self.auth = auth
        self.maxBodyBytes = maxBodyBytes
        self.clock = clock
        self.metrics = metrics
        self.signal = signal
    }

    package var bodyLimit: Int { maxBodyBytes }

    /// Checks the credentials; `nil` when they are good, else the reply to send (nothing stored).
    package func authenticate(kind: PayloadKind, authorization: String?, grafanaToken: String?) async -> Reply? {
        reply(to: await auth.check(authorization: authorization, grafanaToken: kind == .grafana ? grafanaToken : nil))
    }

    /// The same check without suspending; `.some(nil)` when the credentials are good, `nil` when
    /// a token given by ARN must be fetched first (call the async ``authenticate(kind:authorization:grafanaToken:)``).
    package func authenticateGiven(kind: PayloadKind, authorization: String?, grafanaToken: String?) -> Reply?? {
        auth.checkGiven(authorization: authorization, grafanaToken: kind == .grafana ? grafanaToken : nil).map(reply(to:))
    }

    private func reply(to verdict: IngestAuth.Verdict) -> Reply? {
        switch verdict {
        case .accepted:
            return nil
        case .rejected:
            metrics.rejected(reason: "unauthorized")
            return Reply(status: 401, body: #"{"error":"unauthorized"}"#)
        case .unavailable:
            metrics.rejected(reason: "secret_unavailable")
            return Reply(status: 503, body: #"{"error":"an ingest token given by ARN could not be fetched; retry later"}"#)
        }
    }

    /// Accepts an authenticated body of at most `bodyLimit` bytes.
    /// `successStatus` is 202 for Klaxon's own routes and 200 for the Alertmanager API, whose
    /// generated clients (amtool) treat any other status as a failure.
    package func accept(kind: PayloadKind, body: ByteBuffer, requestId: String, successStatus: Int = 202) async -> Reply {
        await withCheckedContinuation { continuation in
            accept(kind: kind, body: body, requestId: requestId, successStatus: successStatus) { continuation.resume(returning: $0) }
        }
    }

    /// ``accept(kind:body:requestId:successStatus:)`` for a caller outside Swift concurrency (the
    /// NIO intake handler): `completion` gets the reply at once for a body refused, else once the
    /// payload is committed (or could not be), on the thread that committed it: the inbox's
    /// writer, or `thread` when the caller offered one (its event loop; see ``InboxStore``).
    package func accept(
        kind: PayloadKind, body: ByteBuffer, requestId: String, successStatus: Int = 202,
        offering thread: OfferedThread? = nil, completion: @escaping @Sendable (Reply) -> Void
    ) {
        guard body.readableBytes > 0 else {
            metrics.rejected(reason: "empty_body")
            return completion(Reply(status: 400, body: #"{"error":"empty body: expected a JSON document"}"#))
        }
        let problem = body.withUnsafeReadableBytes { JSONSyntax.check($0) }
        if let problem {
            metrics.rejected(reason: "malformed_json")
            return completion(Reply(status: 400, body: #"{"error":"# + JSONLogHandler.quote("malformed JSON: \(problem.description)") + "}"))
        }
        let item = InboxItem(kind: kind.rawValue, body: Data(buffer: body, byteTransferStrategy: .noCopy), receivedAt: clock.now(), requestId: requestId)
        inbox.append([item], offering: thread) { [metrics, signal] result in
            switch result {
            case .success(let ids):
                metrics.received(kind: kind.rawValue)
                signal.signal()
                if successStatus == 200 { return completion(Reply(status: 200, body: "")) }
                completion(Reply(status: successStatus, body: #"{"status":"accepted","id":\#(ids.first ?? 0),"request_id":"\#(requestId)"}"#))
            case .failure:
                metrics.rejected(reason: "store_unavailable")
                completion(Reply(status: 503, body: #"{"error":"the inbox could not store the payload; retry later"}"#))
            }
        }
    }
}
