import Foundation
import Synchronization

/// A real program started by a test (klaxon itself, Prometheus, Alertmanager, amtool), with its
/// output captured to files so a failing test can show it.
package final class LocalProcess: @unchecked Sendable {
    package let name: String
    package let process = Process()
    package let logDirectory: URL
    private let stdoutURL: URL
    private let stderrURL: URL

    package init(name: String, executable: String, arguments: [String], environment: [String: String]? = nil, directory: URL) throws {
        self.name = name
        logDirectory = directory
        stdoutURL = directory.appendingPathComponent("\(name).stdout")
        stderrURL = directory.appendingPathComponent("\(name).stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    package var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    package var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    package var isRunning: Bool { process.isRunning }

    /// Both outputs, for failure messages.
    package var output: String { "--- \(name) stdout ---\n\(stdout)\n--- \(name) stderr ---\n\(stderr)" }

    package func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// SIGTERM, then SIGKILL if it has not gone within `grace` seconds.
    package func stop(grace: TimeInterval = 5) {
        guard process.isRunning else { return }
        signal(SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs a program to completion and returns (status, stdout, stderr).
    package static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 60) throws -> (status: Int32, stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = try LocalProcess(name: "run", executable: executable, arguments: arguments, environment: environment, directory: directory)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning, Date() < deadline { usleep(10_000) }
        if child.isRunning { child.stop(grace: 1) }
        child.process.waitUntilExit()
        return (child.process.terminationStatus, child.stdout, child.stderr)
    }
}

/// Waits for a condition on something outside the test process (a child program, a socket),
/// checking every `interval` until `timeout`. In-process code is driven step by step instead.
package func eventually(timeout: TimeInterval = 30, interval: TimeInterval = 0.05, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
    }
    return try await condition()
}

/// A port nobody listens on right now, for a server a test starts later (or never, to have a
/// port that refuses connections).
///
/// It is picked at random below the kernel's ephemeral range, so neither another test's
/// port-0 bind nor an outgoing connection's source port can take it before the server binds;
/// only a clash with another test's pick remains, one in thousands. Port 0 (bind, read, close)
/// is the fallback when that range is unknown or too small.
package func freeLoopbackPort() throws -> Int {
    let ephemeralStart = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))
        .flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.flatMap { Int($0) } } ?? 0
    let low = 20_000
    if ephemeralStart > low + 1_000 {
        for _ in 0..<64 {
            let candidate = Int.random(in: low..<ephemeralStart)
            if let port = try? bindAndClose(port: candidate) { return port }
        }
    }
    return try bindAndClose(port: 0)
}

/// Binds a TCP socket to 127.0.0.1:`port`, reads the bound port and closes it.
private func bindAndClose(port: Int) throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The package's root folder and its built `klaxon` binary.
package enum PackagePaths {
    package static func root(file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `$KLAXON_BIN`, else `.build/debug/klaxon` under the package root.
    package static var klaxonBinary: String {
        if let path = ProcessInfo.processInfo.environment["KLAXON_BIN"], !path.isEmpty { return path }
        return root().appendingPathComponent(".build/debug/klaxon").path
    }

    package static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
