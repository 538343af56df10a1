import KlaxonApp
import Testing

@Suite("Memory tuning")
struct MemoryTuningTests {
    /// The calls are looked up by name at run time; on Linux (glibc) both must be found, or
    /// `klaxon serve` would silently keep glibc's default arenas and never trim.
    @Test func glibcsAllocatorCallsAreFoundOnLinux() {
        #if os(Linux)
        #expect(MemoryTuning.isAvailable)
        MemoryTuning.trimHeap()
        #endif
    }
}
