#if canImport(Glibc)
import Glibc
#endif
import ServiceLifecycle

/// Keeps `klaxon serve`'s resident memory close to what it actually holds.
///
/// Klaxon keeps no alert state in memory: a pass decodes a batch, commits it and lets it go. But
/// glibc's allocator gives every contending thread an arena of its own (up to 8 per core), and
/// keeps freed memory in them, so after a burst the process stays as large as the burst made it.
/// Measured with bench/intake.py at 200k open alerts (release build): ~265–282 MB resident by
/// default, ~164 MB with two arenas, ~94 MB with two arenas and the heap trimmed every 5 s.
/// Elsewhere (not glibc) these are no-ops.
package enum MemoryTuning {
    /// Caps the allocator at two arenas. Call before the server starts its threads. An explicit
    /// `MALLOC_ARENA_MAX` in the environment wins.
    package static func limitArenas(environment: [String: String]) {
        #if canImport(Glibc)
        guard environment["MALLOC_ARENA_MAX"] == nil, let mallopt = glibc("mallopt", as: Mallopt.self) else { return }
        _ = mallopt(arenaMax, 2)
        #endif
    }

    /// Whether the allocator's tuning calls were found (glibc's `mallopt` and `malloc_trim`).
    package static var isAvailable: Bool {
        #if canImport(Glibc)
        glibc("mallopt", as: Mallopt.self) != nil && glibc("malloc_trim", as: MallocTrim.self) != nil
        #else
        false
        #endif
    }

    /// Hands freed heap memory back to the system.
    package static func trimHeap() {
        #if canImport(Glibc)
        _ = glibc("malloc_trim", as: MallocTrim.self)?(0)
        #endif
    }

    #if canImport(Glibc)
    // <malloc.h> is not part of Swift's Glibc module, so its two functions are looked up by name.
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    /// `M_ARENA_MAX` in glibc's <malloc.h>.
    private static let arenaMax: Int32 = -8

    private static func glibc<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }
    #endif
}

/// Trims the heap every `interval` (a few milliseconds of work), so memory freed after a burst
/// goes back to the system instead of staying resident.
package struct HeapTrimmer: Service {
    let interval: Duration

    package init(interval: Duration = .seconds(5)) {
        self.interval = interval
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            MemoryTuning.trimHeap()
        }
    }
}
