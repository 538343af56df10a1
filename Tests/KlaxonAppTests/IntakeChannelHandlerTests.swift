import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The ingest fast path in the channel pipeline shares its connections with Hummingbird: on one
/// keep-alive connection, requests it answers and requests it passes on must be answered in the
/// order they were sent, and what it leaves to Hummingbird (chunked bodies) must still work.
@Suite("Ingest in the channel pipeline: ordering with Hummingbird on one connection")
struct IntakeChannelHandlerTests {
    static let event = #"{"title":"disk full","severity":"warning"}"#

    static func post(_ path: String, _ body: String, requestId: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(AppHarness.token)\r\nContent-Type: application/json\r\n"
            + "X-Request-Id: \(requestId)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func chunked(_ path: String, _ body: String, requestId: String) -> String {
        let half = body.utf8.count / 2
        let first = String(body.prefix(half)), second = String(body.dropFirst(half))
        return "POST \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(AppHarness.token)\r\nX-Request-Id: \(requestId)\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + String(first.utf8.count, radix: 16) + "\r\n\(first)\r\n" + String(second.utf8.count, radix: 16) + "\r\n\(second)\r\n0\r\n\r\n"
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let harness = try AppHarness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            // Five requests in one write: ours, Hummingbird's, ours, chunked (Hummingbird's), and
            // a last one that closes the connection.
            let requests = Self.post("/api/v1/events", Self.event, requestId: "one")
                + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                + Self.post("/api/v1/events", Self.event, requestId: "three")
                + Self.chunked("/api/v1/events", Self.event, requestId: "four")
                + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            let answer = try await LoopbackSocket.exchange(port: port, send: requests)
            let statuses = LoopbackSocket.statusLines(answer)
            #expect(statuses == ["HTTP/1.1 202 Accepted", "HTTP/1.1 200 OK", "HTTP/1.1 202 Accepted", "HTTP/1.1 202 Accepted", "HTTP/1.1 200 OK"])
            let ids = ["one", "three", "four"].map { answer.range(of: "\"request_id\":\"\($0)\"")?.lowerBound }
            #expect(ids.allSatisfy { $0 != nil })
            #expect(ids.compactMap { $0 } == ids.compactMap { $0 }.sorted())
        }
        let pending = try await harness.storage.pending(limit: 10)
        #expect(pending.map(\.item.requestId) == ["one", "three", "four"])
        #expect(pending.allSatisfy { $0.item.body == Data(Self.event.utf8) })
    }

    @Test func aWrongTokenOnTheFastPathStoresNothingAndKeepsTheConnection() async throws {
        let harness = try AppHarness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let wrong = Self.post("/api/v1/events", Self.event, requestId: "bad").replacingOccurrences(of: AppHarness.token, with: "nope")
            let answer = try await LoopbackSocket.exchange(
                port: port, send: wrong + Self.post("/api/v1/events", Self.event, requestId: "good") + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let statuses = LoopbackSocket.statusLines(answer)
            #expect(statuses == ["HTTP/1.1 401 Unauthorized", "HTTP/1.1 202 Accepted", "HTTP/1.1 200 OK"])
        }
        #expect(try await harness.storage.pending(limit: 10).map(\.item.requestId) == ["good"])
    }
}

extension IntakeChannelHandlerTests {
    /// The second request's body arrives after the first is answered: the connection must go on
    /// reading (the read asked for while the first answer was pending is not lost).
    @Test func aRequestWhoseBodyArrivesLaterIsStillRead() async throws {
        let harness = try AppHarness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let second = Self.post("/api/v1/events", Self.event, requestId: "two")
            let split = second.index(second.endIndex, offsetBy: -10)
            let answer = try await LoopbackSocket.exchange(port: port, parts: [
                Self.post("/api/v1/events", Self.event, requestId: "one") + String(second[..<split]),
                String(second[split...]) + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            ])
            #expect(LoopbackSocket.statusLines(answer) == ["HTTP/1.1 202 Accepted", "HTTP/1.1 202 Accepted", "HTTP/1.1 200 OK"])
        }
        #expect(try await harness.storage.pending(limit: 10).map(\.item.requestId) == ["one", "two"])
    }

    /// A sender that half-closes after its request still gets the answer (the end of its input
    /// is held behind our reply, like the reads).
    @Test func aSenderThatHalfClosesStillGetsItsAnswer() async throws {
        let harness = try AppHarness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let answer = try await LoopbackSocket.exchange(port: port, parts: [Self.post("/api/v1/events", Self.event, requestId: "only")], halfClose: true)
            #expect(LoopbackSocket.statusLines(answer) == ["HTTP/1.1 202 Accepted"])
            #expect(answer.contains(#""request_id":"only""#))
        }
        #expect(try await harness.storage.pending(limit: 10).map(\.item.requestId) == ["only"])
    }
}

/// A TCP client for one exchange: writes everything, then reads until the server closes.
enum LoopbackSocket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The status lines of the responses in `answer`, in order. (A body need not end in a line
    /// break, so the next status line may follow it on the same line.)
    static func statusLines(_ answer: String) -> [String] {
        answer.matches(of: /HTTP\/1\.1 [0-9]{3} [A-Za-z ]+\r\n/).map { answer[$0.range].trimmingCharacters(in: .newlines) }
    }

    /// On a thread of its own: blocking calls on the cooperative pool would starve the server's tasks.
    static func exchange(port: Int, send: String, timeoutSeconds: Int = 10) async throws -> String {
        try await exchange(port: port, parts: [send], timeoutSeconds: timeoutSeconds)
    }

    /// Sends `parts` 200 ms apart, then (with `halfClose`) shuts down the sending side.
    static func exchange(port: Int, parts: [String], halfClose: Bool = false, timeoutSeconds: Int = 10) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try blockingExchange(port: port, parts: parts, halfClose: halfClose, timeoutSeconds: timeoutSeconds)
                })
            }
        }
    }

    private static func blockingExchange(port: Int, parts: [String], halfClose: Bool, timeoutSeconds: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect() to port \(port) failed") }
        for (index, part) in parts.enumerated() {
            if index > 0 { usleep(200_000) }
            let bytes = Array(part.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard n > 0 else { throw Failure(description: "write() failed") }
                written += n
            }
        }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            guard n > 0 else { throw Failure(description: "read() failed or timed out after \(received.count) bytes: \(String(decoding: received, as: UTF8.self))") }
            received.append(contentsOf: buffer[..<n])
        }
        return String(decoding: received, as: UTF8.self)
    }
}

