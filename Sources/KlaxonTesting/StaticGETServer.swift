import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A local HTTP endpoint that answers GETs from a table of paths and records every GET it was
/// asked (path and query): the stand-in for SNS's certificate host and its SubscribeURL.
package final class StaticGETServer: Sendable {
    private let routes: Mutex<[String: (status: Int, body: Data)]>
    private let recorded = Mutex<[String]>([])
    private let server = LoopbackServer()

    /// `routes` maps a path (`/cert.pem`) to the body answered with 200; anything else is 404.
    package init(routes: [String: Data] = [:]) {
        self.routes = Mutex(routes.mapValues { (200, $0) })
    }

    /// Every GET seen, as `path` or `path?query`, in order.
    package var requests: [String] { recorded.withLock { $0 } }
    package var port: Int { server.port }
    package var url: String { "http://127.0.0.1:\(port)" }

    package func set(path: String, status: Int = 200, body: Data) {
        routes.withLock { $0[path] = (status, body) }
    }

    package func start() async throws {
        let router = Router()
        router.on("/{path+}", method: .get) { request, _ -> Response in
            let path = request.uri.path
            let query = request.uri.query.map { "?" + $0 } ?? ""
            self.recorded.withLock { $0.append(path + query) }
            guard let answer = self.routes.withLock({ $0[path] }) else {
                return Response(status: .notFound)
            }
            return Response(status: .init(code: answer.status), body: .init(byteBuffer: ByteBuffer(data: answer.body)))
        }
        await server.start(router, port: 0, label: "static-get-server")
    }

    package func stop() {
        server.stop()
    }
}
