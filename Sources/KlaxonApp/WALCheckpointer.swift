import KlaxonStore
import Logging
import ServiceLifecycle

/// Checkpoints the SQLite WAL in the background, so that no commit stalls on a large checkpoint
/// (see `SQLiteStorage.checkpoint()`): every `interval`, a PASSIVE checkpoint on its own
/// connection copies what the WAL holds into the database file.
package struct WALCheckpointer: Service {
    let storage: SQLiteStorage
    let interval: Duration
    let logger: Logger

    package init(storage: SQLiteStorage, interval: Duration = .milliseconds(250), logger: Logger) {
        self.storage = storage
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        var failing = false
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            do {
                try await storage.checkpoint()
                failing = false
            } catch let error as StoreError where error.reason == .busy {
                // Another checkpoint (the writer's backstop) is running: try again next time.
                continue
            } catch {
                // The writer's own checkpoint is the backstop; say so once, not every interval.
                if !failing { logger.warning("background WAL checkpoint failed", metadata: ["step": "wal_checkpoint", "error": "\(error)"]) }
                failing = true
            }
        }
    }
}
