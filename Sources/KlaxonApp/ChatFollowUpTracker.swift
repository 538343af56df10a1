import ServiceLifecycle
import Synchronization

/// Follow-ups run after their request has been answered, so they cannot be children of the
/// request's task. This keeps track of the ones in flight and, as a service, waits for them on
/// graceful shutdown, so a SIGTERM right after `/status` still delivers the report (each one is
/// bounded: three retries and a per-request timeout).
package final class ChatFollowUpTracker: Service, Sendable {
    private struct State {
        var next = 0
        var running: [Int: Task<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// Starts `work` now, outside the caller's task.
    package func start(_ work: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let id = state.next
            state.next += 1
            // Created under the lock, so its own removal cannot run before it is inserted.
            state.running[id] = Task {
                await work()
                self.state.withLock { _ = $0.running.removeValue(forKey: id) }
            }
        }
    }

    /// How many follow-ups are in flight.
    package var inFlight: Int { state.withLock { $0.running.count } }

    /// Waits for every follow-up in flight.
    package func drain() async {
        while true {
            let tasks = state.withLock { Array($0.running.values) }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }

    package func run() async throws {
        try? await gracefulShutdown()
        await drain()
    }
}
