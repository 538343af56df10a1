import KlaxonApp
import Synchronization
import Testing

@Suite("Follow-ups in flight are waited for")
struct ChatFollowUpTrackerTests {
    @Test func drainWaitsForEveryStartedFollowUp() async {
        let tracker = ChatFollowUpTracker()
        let done = Mutex(0)
        let gate = AsyncStream<Void>.makeStream()
        for _ in 0..<5 {
            tracker.start {
                for await _ in gate.stream { break }
                done.withLock { $0 += 1 }
            }
        }
        #expect(tracker.inFlight == 5)
        for _ in 0..<5 { gate.continuation.yield() }
        await tracker.drain()
        #expect(done.withLock { $0 } == 5)
        #expect(tracker.inFlight == 0)
    }
}
