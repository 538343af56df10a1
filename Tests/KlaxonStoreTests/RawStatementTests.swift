import Foundation
import GRDB
@testable import KlaxonStore
import Testing

/// `RawStatement` binds and reads what GRDB's own API would, and leaves the statement reusable.
@Suite("SQLite store: statements bound and read through SQLite's C API")
struct RawStatementTests {
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, blob BLOB, number INTEGER, flag INTEGER, UNIQUE(text))")
        }
        return queue
    }

    @Test(arguments: ["", "plain", "é ✓ 😀", "quote \" and \\", String(repeating: "x", count: 100_000)])
    func textRoundTripsAsGRDBReadsIt(_ text: String) throws {
        let queue = try database()
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO t (text) VALUES (?)")
            insert.bind(text, at: 1)
            try insert.run()
            #expect(try String.fetchOne(db, sql: "SELECT text FROM t") == text)
            #expect(try Bool.fetchOne(db, sql: "SELECT text IS NULL FROM t") == false)
            let select = try RawStatement(db, sql: "SELECT text FROM t")
            var read: [String?] = []
            try select.forEachRow { read.append($0.string(0)) }
            #expect(read == [text])
        }
    }

    @Test func nilBindsNullAndNullReadsAsNil() throws {
        let queue = try database()
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO t (text, number, blob) VALUES (?, ?, ?)")
            insert.bind(nil as String?, at: 1)
            insert.bind(nil as Int64?, at: 2)
            try insert.run()  // the third parameter was never bound: NULL
            let row = try #require(try Row.fetchOne(db, sql: "SELECT text, number, blob FROM t"))
            #expect(row[0] == nil as String?)
            #expect(row[1] == nil as Int64?)
            #expect(row[2] == nil as Data?)
            let select = try RawStatement(db, sql: "SELECT text, number, blob FROM t")
            try select.forEachRow { columns in
                #expect(columns.string(0) == nil)
                #expect(columns.optionalInt64(1) == nil)
                #expect(columns.data(2) == nil)
                #expect(columns.isNull(0))
            }
        }
    }

    @Test func numbersFlagsAndBlobsRoundTrip() throws {
        let queue = try database()
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO t (text, number, flag, blob) VALUES (?, ?, ?, CAST(? AS BLOB))")
            let rows: [(String, Int64, Bool, Data)] = [
                ("a", .min, true, Data([0, 1, 2, 255])), ("b", .max, false, Data()), ("c", 0, true, Data("{}".utf8)),
            ]
            for (text, number, flag, blob) in rows {
                insert.bind(text, at: 1)
                insert.bind(number, at: 2)
                insert.bind(flag, at: 3)
                insert.bind(blob: blob, at: 4)
                try insert.run()
            }
            // What GRDB reads back.
            let grdb = try Row.fetchAll(db, sql: "SELECT number, flag, blob, typeof(blob) FROM t ORDER BY id")
            #expect(grdb.map { $0[0] as Int64 } == rows.map(\.1))
            #expect(grdb.map { $0[1] as Bool } == rows.map(\.2))
            #expect(grdb.map { $0[2] as Data } == rows.map(\.3))
            #expect(grdb.map { $0[3] as String } == ["blob", "blob", "blob"])
            // And what RawStatement reads back.
            let select = try RawStatement(db, sql: "SELECT number, flag, blob FROM t ORDER BY id")
            var read: [(Int64, Bool, Data?)] = []
            try select.forEachRow { read.append(($0.int64(0), $0.bool(1), $0.data(2))) }
            #expect(read.map(\.0) == rows.map(\.1))
            #expect(read.map(\.1) == rows.map(\.2))
            #expect(read.map(\.2) == rows.map(\.3))
        }
    }

    /// A failed step throws SQLite's code and message, binds nothing into the next run, and the
    /// statement works again after it.
    @Test func aFailureNamesTheConstraintAndLeavesTheStatementUsable() throws {
        let queue = try database()
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO t (text, number) VALUES (?, ?)")
            insert.bind("same", at: 1)
            insert.bind(Int64(1), at: 2)
            try insert.run()
            insert.bind("same", at: 1)
            insert.bind(Int64(2), at: 2)
            let error = try #require(throws: DatabaseError.self) { try insert.run() }
            #expect(error.resultCode == .SQLITE_CONSTRAINT)
            #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            #expect(error.message?.contains("t.text") == true)
            insert.bind("other", at: 1)  // number not bound again: NULL, not the failed run's 2
            try insert.run()
            #expect(try Row.fetchAll(db, sql: "SELECT text, number FROM t ORDER BY id").map { [$0[0] as String?, ($0[1] as Int64?).map(String.init)] }
                == [["same", "1"], ["other", nil]])
        }
    }

    /// A query stopped by an error in its caller's body is reset: the next run starts at row one.
    @Test func aQueryLeftEarlyStartsOverNextTime() throws {
        let queue = try database()
        struct Stop: Error {}
        try queue.write { db in
            try db.execute(sql: "INSERT INTO t (text) VALUES ('1'), ('2'), ('3')")
            let select = try RawStatement(db, sql: "SELECT text FROM t ORDER BY id")
            #expect(throws: Stop.self) { try select.forEachRow { _ in throw Stop() } }
            var read: [String] = []
            try select.forEachRow { read.append($0.string(0) ?? "?") }
            #expect(read == ["1", "2", "3"])
        }
    }
}
