import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ServiceLifecycle
import Synchronization

/// A local HTTP endpoint that records every request and answers from a script: the stand-in for
/// a webhook receiver (and, with checks added by later work, for Discord, Slack, Teams, GitHub).
package final class RecordingHTTPServer: Sendable {
    package struct Recorded: Sendable {
        package var method: String
        package var path: String
        package var headers: [String: String]
        package var body: Data
    }

    /// What to answer.
    package struct Answer: Sendable {
        package var status: Int
        package var headers: [String: String]
        package var body: String

        package init(status: Int = 200, headers: [String: String] = [:], body: String = "") {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    private let state = Mutex<(requests: [Recorded], script: [Answer])>(([], []))
    private let server = LoopbackServer()

    package init() {}

    package var requests: [Recorded] { state.withLock { $0.requests } }
    package var port: Int { server.port }
    package var url: String { "http://127.0.0.1:\(port)" }

    /// Answers to give, in order, before falling back to 200.
    package func script(_ answers: [Answer]) {
        state.withLock { $0.script = answers }
    }

    /// Starts listening on `port` (0: a free one) on loopback and returns once it accepts connections.
    package func start(port: Int = 0) async throws {
        let router = Router()
        router.on("/{path+}", method: .post) { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 16 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = self.state.withLock { state -> Answer in
                state.requests.append(Recorded(method: request.method.rawValue, path: request.uri.path, headers: headers, body: Data(buffer: body)))
                return state.script.isEmpty ? Answer() : state.script.removeFirst()
            }
            var fields = HTTPFields()
            for (name, value) in answer.headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: answer.body)))
        }
        await server.start(router, port: port, label: "recording-server")
    }

    package func stop() {
        server.stop()
    }
}
