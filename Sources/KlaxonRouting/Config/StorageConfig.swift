/// The `storage:` section: where the embedded SQLite database lives and how hard it syncs.
package struct StorageConfig: Sendable, Equatable {
    /// How durable a commit is.
    package enum Sync: String, Sendable, Equatable, CaseIterable {
        /// WAL with `synchronous=NORMAL`: an accepted alert survives the process being killed.
        case normal
        /// `synchronous=FULL`: also survives power loss, at the price of an fsync per group commit.
        case full
    }

    package static let defaultPath = "./klaxon.db"

    package var path: String
    package var sync: Sync

    package init(path: String = StorageConfig.defaultPath, sync: Sync = .normal) {
        self.path = path
        self.sync = sync
    }
}
