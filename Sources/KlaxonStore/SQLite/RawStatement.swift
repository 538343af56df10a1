import Foundation
import GRDB
import GRDBSQLite

/// Binds, steps and reads one of GRDB's prepared statements through SQLite's C API.
///
/// The rows a pass writes and reads by the thousand (inbox payloads, alert records, deliveries,
/// audit) bind up to seventeen values each. Through `StatementArguments` every value is boxed in
/// an existential, validated and copied, and reading a `Row` by column name lowercases the name
/// and looks up generic metadata: together more CPU than SQLite's own work on the row (perf,
/// 2026-12-03). The SQL given here must be used only through this type, so that GRDB's record of
/// a statement's bindings never goes stale: every run clears what it bound and resets the
/// statement, also when it fails.
///
/// Get one per transaction (``init(_:sql:)`` looks the statement up in GRDB's cache by its text),
/// then bind and run it once per row.
struct RawStatement {
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?

    init(_ db: Database, sql: String) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        connection = db.sqliteConnection
    }

    // MARK: Binding (1-based, as SQLite numbers parameters)

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ value: Bool, at index: Int32) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    func bind(_ value: Int64?, at index: Int32) {
        if let value { bind(value, at: index) } else { sqlite3_bind_null(handle, index) }
    }

    /// Text; nil binds NULL. SQLite copies the bytes.
    func bind(_ value: String?, at index: Int32) {
        guard var value else { sqlite3_bind_null(handle, index); return }
        value.withUTF8 { bytes in
            // A nil base address (the empty string) would bind NULL.
            if bytes.isEmpty {
                sqlite3_bind_text(handle, index, "", 0, Self.transient)
            } else {
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), Self.transient)
                }
            }
        }
    }

    /// Bytes as a blob; empty bytes bind the empty text, as `SQLiteStorage.blob` does, which a
    /// `CAST(? AS BLOB)` in the SQL turns into the empty blob.
    func bind(blob data: Data, at index: Int32) {
        if data.isEmpty { bind("", at: index); return }
        data.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    // MARK: Running

    /// Runs a statement that returns no rows.
    func run() throws {
        defer { finish() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs a query, handing each row to `body`; the row is valid only during the call.
    func forEachRow(_ body: (Columns) throws -> Void) throws {
        defer { finish() }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(code) }
            try body(Columns(handle: handle))
        }
    }

    private func finish() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message)
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bound bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The current row of a query, read by 0-based column index.
    struct Columns {
        fileprivate let handle: SQLiteStatement

        func isNull(_ index: Int32) -> Bool {
            sqlite3_column_type(handle, index) == SQLITE_NULL
        }

        func int64(_ index: Int32) -> Int64 {
            sqlite3_column_int64(handle, index)
        }

        func int(_ index: Int32) -> Int {
            Int(sqlite3_column_int64(handle, index))
        }

        func bool(_ index: Int32) -> Bool {
            sqlite3_column_int64(handle, index) != 0
        }

        func optionalInt64(_ index: Int32) -> Int64? {
            isNull(index) ? nil : int64(index)
        }

        /// The column as text; nil for NULL.
        func string(_ index: Int32) -> String? {
            guard let text = sqlite3_column_text(handle, index) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, index))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        }

        /// The column's bytes; nil for NULL.
        func data(_ index: Int32) -> Data? {
            if isNull(index) { return nil }
            guard let bytes = sqlite3_column_blob(handle, index) else { return Data() }
            return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, index)))
        }
    }
}
