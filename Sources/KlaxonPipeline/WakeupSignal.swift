import Foundation

/// A level-triggered "there is work" signal between the edge, the processor and the dispatcher.
///
/// `signal()` never blocks; `wait(timeout:)` returns at the first signal since the last wait, at the
/// timeout, or when the waiting task is cancelled (graceful shutdown).
package actor WakeupSignal {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    package init() {}

    package func signal() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    package func wait(timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        generation += 1
        let myGeneration = generation
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.timeOut(generation: myGeneration)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled || pending {
                    pending = false
                    continuation.resume()
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.timeOut(generation: myGeneration) }
        }
        timer.cancel()
    }

    private func timeOut(generation: Int) {
        guard generation == self.generation, let waiter else { return }
        self.waiter = nil
        waiter.resume()
    }
}
