import Foundation
import GRDB
import KlaxonCore

// MARK: - InboxStore
extension SQLiteStorage {
    /// Bytes as a bindable value. An empty `Data` would bind as NULL (no base address), so it is
    /// bound as an empty string that the statement casts to an empty BLOB.
    static func blob(_ data: Data) -> DatabaseValue {
        data.isEmpty ? "".databaseValue : data.databaseValue
    }

    package func append(_ items: [InboxItem]) async throws -> [Int64] {
        try await withCheckedThrowingContinuation { continuation in
            append(items) { continuation.resume(with: $0) }
        }
    }

    /// Straight into the group commit, no task: `completion` runs on the appender's writer queue.
    package func append(_ items: [InboxItem], completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void) {
        append(items, offering: nil, completion: completion)
    }

    /// The same; when this call starts a group, its transaction runs through `thread` (see
    /// ``InboxAppender``), and `completion` is called there.
    package func append(_ items: [InboxItem], offering thread: OfferedThread?, completion: @escaping @Sendable (Result<[Int64], any Error>) -> Void) {
        appender.append(items, offering: thread) { result in
            switch result {
            case .success(let ids): completion(.success(ids))
            case .failure(let error): completion(.failure(self.storeError(error, operation: .append)))
            }
        }
    }

    /// From this process's copy while it is complete (see ``HotQueues``). Otherwise a backlog too
    /// large for a copy is read on a reader connection, beside the commits: on the writer, every
    /// pass's read waited for the last pass's commit and held up the intake's appends. Only an
    /// inbox small enough to copy is read again on the writer connection, so that no append
    /// commits between the read and the copy it starts.
    package func pending(limit: Int) async throws -> [InboxEntry] {
        if let entries = hot.pending(limit: limit) { return entries }
        let (entries, whole) = try await read(.pending) { db in try Self.oldestPending(limit, db) }
        guard whole, entries.count <= HotQueues.maxRows else { return entries }
        return try await write(.pending) { [hot] db in
            try self.observeOtherWriters(db)
            let (entries, whole) = try Self.oldestPending(limit, db)
            hot.inboxRead(entries, whole: whole)
            return entries
        }
    }

    /// The oldest `limit` inbox rows, and whether they are all of them.
    private static func oldestPending(_ limit: Int, _ db: Database) throws -> (entries: [InboxEntry], whole: Bool) {
        let statement = try RawStatement(db, sql: """
            SELECT id, kind, body, received_at, request_id, attempts FROM inbox ORDER BY id LIMIT ?
            """)
        statement.bind(limit + 1, at: 1)
        var entries: [InboxEntry] = []
        entries.reserveCapacity(min(limit, 4096))
        var rows = 0
        try statement.forEachRow { row in
            rows += 1
            guard rows <= limit else { return }
            entries.append(InboxEntry(
                id: row.int64(0),
                item: InboxItem(
                    kind: row.string(1) ?? "", body: row.data(2) ?? Data(),
                    receivedAt: StoredTime.date(milliseconds: row.int64(3)), requestId: row.string(4) ?? ""
                ),
                attempts: row.int(5)
            ))
        }
        return (entries, rows <= limit)
    }

    package func recordFailure(inboxId: Int64, error: String, maxAttempts: Int, at: Date) async throws -> Bool {
        let now = StoredTime.milliseconds(at)
        return try await write(.recordFailure) { [hot] db in
            hot.inboxChanged()
            guard let row = try Row.fetchOne(db, sql: """
                SELECT kind, body, received_at, request_id, attempts FROM inbox WHERE id = ?
                """, arguments: [inboxId])
            else { return false }
            let attempts = (row["attempts"] as Int) + 1
            guard attempts >= maxAttempts else {
                try db.execute(sql: "UPDATE inbox SET attempts = ?, last_error = ?, last_failed_at = ? WHERE id = ?",
                               arguments: [attempts, error, now, inboxId])
                return false
            }
            let body: Data = row["body"] ?? Data()
            try db.execute(sql: """
                INSERT INTO dead_letters (kind, origin, error, attempts, created_at, body, request_id, received_at)
                VALUES ('payload', ?, ?, ?, ?, CAST(? AS BLOB), ?, ?)
                """, arguments: [row["kind"] as String, error, attempts, now, Self.blob(body),
                                 row["request_id"] as String, row["received_at"] as Int64])
            try db.execute(sql: "DELETE FROM inbox WHERE id = ?", arguments: [inboxId])
            return true
        }
    }

    package func inboxDepth() async throws -> Int {
        try await read(.inboxDepth) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inbox") ?? 0 }
    }
}
