/// moto answers GetCostAndUsage from one queue of seeded results per server, handing the next one
/// to each request it has not seen before. Tests that seed the shared moto and then call must not
/// interleave, or one takes the other's results: they run their seed-and-call under this lock.
package actor MotoCostExplorerQueue {
    package static let shared = MotoCostExplorerQueue()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` with no other seeded Cost Explorer test in between.
    package static func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await shared.acquire()
        do {
            let value = try await body()
            await shared.release()
            return value
        } catch {
            await shared.release()
            throw error
        }
    }

    private func acquire() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
