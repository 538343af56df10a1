import Hummingbird
import Synchronization

/// Serves a Hummingbird router on 127.0.0.1 for a test's local endpoint (stand-ins, recording
/// servers), and stops it. Every local endpoint in the tests runs through this one helper.
package final class LoopbackServer: Sendable {
    private let state = Mutex<(port: Int, task: Task<Void, any Error>?)>((0, nil))

    package init() {}

    /// The bound port (0 before ``start(_:port:label:)`` returns).
    package var port: Int { state.withLock { $0.port } }

    /// Listens on `port` (0: any free one) and returns once connections are accepted.
    package func start(_ router: Router<BasicRequestContext>, port: Int = 0, label: String) async {
        let ready = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in ready.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: .init(label: label))
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        state.withLock { $0.task = running }
        for await bound in ready.stream {
            state.withLock { $0.port = bound }
            break
        }
    }

    /// Stops listening without waiting.
    package func stop() {
        state.withLock { $0.task?.cancel() }
    }

    /// Stops listening and waits until the port is closed (so it can be bound again).
    package func stopAndWait() async {
        let task = state.withLock { $0.task }
        task?.cancel()
        _ = try? await task?.value
    }
}
