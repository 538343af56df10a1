import Foundation
import GRDB
import KlaxonCore

/// A storage failure as a value: a stable `reason` (for logs and metrics), the operation, and a
/// human message that says what was wrong and what to do. It never carries SQL, bound values or
/// payload bytes.
package struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Another connection (often another process, such as the CLI) held the write lock longer
        /// than the busy timeout.
        case busy
        /// A row broke a constraint of the schema (the whole transaction was rolled back).
        case constraint
        /// The file is not a database or is damaged.
        case corrupt
        /// The disk or the database is full.
        case diskFull = "disk_full"
        /// The file could not be opened, read or written.
        case io
        /// The database or its folder is read-only.
        case readOnly = "read_only"
        /// The store was closed.
        case closed
        /// A stored value could not be decoded or a value could not be encoded.
        case encoding
        /// The store is unavailable (the in-memory test hook, or an unexpected SQLite error).
        case unavailable
    }

    package var reason: Reason
    package var operation: StoreOperation
    package var message: String

    package init(_ reason: Reason, operation: StoreOperation, message: String) {
        self.reason = reason
        self.operation = operation
        self.message = message
    }

    package var description: String { "store \(operation.rawValue) failed (\(reason.rawValue)): \(message)" }

    /// Maps any error thrown inside a database access to a `StoreError`.
    /// A batch acknowledged an inbox payload that is no longer there: it was decided and committed
    /// already, so deciding it again would queue its deliveries twice.
    static func alreadyProcessed(inboxId: Int64) -> StoreError {
        StoreError(.constraint, operation: .commit, message: "inbox payload \(inboxId) was already processed (by another process on this database?); nothing of this transaction was written")
    }

    static func from(_ error: any Error, operation: StoreOperation) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError { return from(error, operation: operation) }
        if error is EncodingError || error is DecodingError || error is JSONValue.ParseError || error is AlertEvent.JSONShapeError {
            return StoreError(.encoding, operation: operation, message: "a stored value could not be encoded or decoded (\(type(of: error)))")
        }
        if error is CancellationError {
            return StoreError(.unavailable, operation: operation, message: "the operation was cancelled")
        }
        return StoreError(.unavailable, operation: operation, message: "unexpected error \(type(of: error))")
    }

    private static func from(_ error: DatabaseError, operation: StoreOperation) -> StoreError {
        // sqlite3_errmsg names tables and columns, never bound values; the SQL text is left out.
        let detail = error.message.map { ": \($0)" } ?? ""
        let code = error.resultCode
        switch code {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, operation: operation, message: "the database stayed locked past the busy timeout\(detail); another process may hold a long write, retry")
        case .SQLITE_CONSTRAINT:
            return StoreError(.constraint, operation: operation, message: "a row broke a schema constraint\(detail); nothing of this transaction was written")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.corrupt, operation: operation, message: "the database file is damaged or not a database\(detail); restore it from a backup")
        case .SQLITE_FULL:
            return StoreError(.diskFull, operation: operation, message: "the disk is full\(detail); free space and retry")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.readOnly, operation: operation, message: "the database cannot be written\(detail); check the file's and folder's permissions")
        case .SQLITE_CANTOPEN, .SQLITE_IOERR:
            return StoreError(.io, operation: operation, message: "the database file could not be opened, read or written\(detail); check the path and the disk")
        case .SQLITE_MISUSE where (error.message ?? "").lowercased().contains("closed"):
            return StoreError(.closed, operation: operation, message: "the store was closed")
        default:
            return StoreError(.unavailable, operation: operation, message: "SQLite error \(code.rawValue)\(detail)")
        }
    }
}
