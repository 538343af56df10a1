import Foundation
import Synchronization

/// A level-triggered "there is work" signal between the edge, the processor and the dispatcher.
///
/// `signal()` never blocks and needs no task: the HTTP edge calls it from the inbox's writer
/// thread. `wait(timeout:)` returns at the first signal since the last wait, at the timeout, or
/// when the waiting task is cancelled (graceful shutdown). One waiter at a time.
package final class WakeupSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// Counts waits, so that a timer or cancellation of an earlier wait cannot end a later one.
        var generation = 0
        /// The wait that timed out or was cancelled before its continuation was installed.
        var expired: Int?
    }

    private let state = Mutex(State())
    private let count = Atomic(0)

    package init() {}

    /// How many times ``signal()`` was called so far: a reader that compares it with the last
    /// value it saw learns whether work arrived meanwhile, without waiting.
    package var signals: Int { count.load(ordering: .relaxed) }

    package func signal() {
        count.add(1, ordering: .relaxed)
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    package func wait(timeout: Duration) async {
        let generation = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.generation += 1
            return state.generation
        }
        guard let generation else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.expire(generation: generation)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if Task.isCancelled || state.pending || state.expired == generation {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            expire(generation: generation)
        }
        timer.cancel()
    }

    private func expire(generation: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard generation == state.generation else { return nil }
            guard let waiter = state.waiter else {
                state.expired = generation
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
