import AsyncHTTPClient
import Foundation
import KlaxonTesting
import NIOCore
import NIOFoundationCompat
import Testing

/// Real senders: amtool, Prometheus and Alertmanager from Debian, talking to a real `klaxon serve`.
@Suite("Real Prometheus, Alertmanager and amtool send to Klaxon", .serialized)
struct LivePeersTests {
    static func tool(_ name: String) throws -> String {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw ToolMissing(name: name)
    }

    struct ToolMissing: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) is not installed; scripts/test.sh installs it (apt-get install prometheus prometheus-alertmanager)" }
    }

    static func webhookConfig(_ hook: RecordingHTTPServer) -> String {
        """
        receivers:
          - name: hook
            webhook:
              url: \(hook.url)/hook
        routes:
          - receivers: [hook]
        """
    }

    static func httpConfig(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("amtool-http.yaml").path
        try "authorization:\n  type: Bearer\n  credentials: \(LiveKlaxon.token)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    struct HookBody: Decodable {
        var action: String
        var fingerprint: String
        var alert: Alert
        struct Alert: Decodable {
            var title: String
            var state: String
            var source: String
            var priority: String
            var teams: [String]
        }
    }

    static func hookBodies(_ hook: RecordingHTTPServer) -> [HookBody] {
        hook.requests.compactMap { try? JSONDecoder().decode(HookBody.self, from: $0.body) }
    }

    @Test func amtoolAlertAddReachesKlaxonsAlertmanagerAPI() async throws {
        let amtool = try Self.tool("amtool")
        let directory = try PackagePaths.temporaryDirectory("klaxon-amtool")
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let klaxon = try await LiveKlaxon(directory: directory, config: Self.webhookConfig(hook))
        defer { klaxon.stop() }
        let http = try Self.httpConfig(in: directory)
        let start = Self.rfc3339(Date().addingTimeInterval(-120))

        let add = try LocalProcess.run(amtool, [
            "alert", "add", "alertname=DiskAlmostFull", "team=storage", "severity=warning", "instance=db-1",
            "--annotation=summary=Disk 91% full", "--start=\(start)",
            "--alertmanager.url=\(klaxon.baseURL)", "--http.config.file=\(http)",
        ])
        #expect(add.status == 0, "amtool: \(add.stderr)")
        let created = await eventually { Self.hookBodies(hook).contains { $0.action == "CREATE" } }
        #expect(created, "\(klaxon.process.output)")
        let first = try #require(Self.hookBodies(hook).first)
        #expect(first.alert.title == "DiskAlmostFull")
        #expect(first.alert.source == "alertmanager")
        #expect(first.alert.priority == "P2")
        #expect(first.alert.teams == ["storage"])

        let resolve = try LocalProcess.run(amtool, [
            "alert", "add", "alertname=DiskAlmostFull", "team=storage", "severity=warning", "instance=db-1",
            "--start=\(start)", "--end=\(Self.rfc3339(Date().addingTimeInterval(-60)))",
            "--alertmanager.url=\(klaxon.baseURL)", "--http.config.file=\(http)",
        ])
        #expect(resolve.status == 0, "amtool: \(resolve.stderr)")
        let closed = await eventually { Self.hookBodies(hook).contains { $0.action == "CLOSE" } }
        #expect(closed, "\(klaxon.process.output)")
        let rows = try klaxon.alerts()
        #expect(rows.count == 1)
        #expect(rows.first?.status == "CLOSED")
        #expect(rows.first?.last_action == "CLOSE")
        #expect(Set(Self.hookBodies(hook).map(\.fingerprint)).count == 1)
    }

    @Test func prometheusSendsAnAlwaysFiringRule() async throws {
        let prometheus = try Self.tool("prometheus")
        let directory = try PackagePaths.temporaryDirectory("klaxon-prometheus")
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let klaxon = try await LiveKlaxon(directory: directory, config: Self.webhookConfig(hook))
        defer { klaxon.stop() }
        let rules = directory.appendingPathComponent("rules.yml").path
        try """
        groups:
          - name: klaxon-test
            interval: 1s
            rules:
              - alert: AlwaysFiring
                expr: vector(1)
                labels:
                  team: platform
                  severity: critical
                annotations:
                  summary: always firing test alert
        """.write(toFile: rules, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("prometheus.yml").path
        try """
        global:
          evaluation_interval: 1s
        rule_files: [\(rules)]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ["127.0.0.1:\(klaxon.port)"]
              authorization:
                type: Bearer
                credentials: \(LiveKlaxon.token)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let server = try LocalProcess(name: "prometheus", executable: prometheus, arguments: [
            "--config.file=\(config)", "--storage.tsdb.path=\(directory.appendingPathComponent("tsdb").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--rules.alert.resend-delay=1s",
        ], directory: directory)
        defer { server.stop() }

        let commented = await eventually(timeout: 60) { Self.hookBodies(hook).filter { $0.alert.title == "AlwaysFiring" }.count >= 2 }
        #expect(commented, "\(server.output)\n\(klaxon.process.output)")
        let actions = Self.hookBodies(hook).map(\.action)
        #expect(actions.first == "CREATE")
        #expect(actions.dropFirst().allSatisfy { $0 == "COMMENT" })
        let row = try #require(try klaxon.alerts().first)
        #expect(row.title == "AlwaysFiring")
        #expect(row.priority == "P1")
        #expect(row.teams == ["platform"])
        #expect(row.occurrences == 1)
        #expect(row.status == "OPEN")
    }

    @Test func alertmanagerWebhookDeliversFiringThenResolved() async throws {
        let alertmanager = try Self.tool("prometheus-alertmanager")
        let amtool = try Self.tool("amtool")
        let directory = try PackagePaths.temporaryDirectory("klaxon-alertmanager")
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let klaxon = try await LiveKlaxon(directory: directory, config: Self.webhookConfig(hook))
        defer { klaxon.stop() }
        let config = directory.appendingPathComponent("alertmanager.yml").path
        try """
        route:
          receiver: klaxon
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: klaxon
            webhook_configs:
              - url: \(klaxon.baseURL)/webhooks/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: \(LiveKlaxon.token)
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let server = try LocalProcess(name: "alertmanager", executable: alertmanager, arguments: [
            "--config.file=\(config)", "--storage.path=\(directory.appendingPathComponent("am").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ], directory: directory)
        defer { server.stop() }
        let amURL = "http://127.0.0.1:\(port)"
        let up = await eventually { (try? await HTTPClient.shared.execute(HTTPClientRequest(url: "\(amURL)/-/ready"), timeout: .seconds(2)).status.code) == 200 }
        try #require(up, "\(server.output)")

        let start = Self.rfc3339(Date().addingTimeInterval(-120))
        let add = try LocalProcess.run(amtool, ["alert", "add", "alertname=QueueBacklog", "team=payments", "priority=P0", "--start=\(start)", "--alertmanager.url=\(amURL)"])
        #expect(add.status == 0, "\(add.stderr)")
        let created = await eventually(timeout: 60) { Self.hookBodies(hook).contains { $0.action == "CREATE" } }
        #expect(created, "\(server.output)\n\(klaxon.process.output)")

        let resolve = try LocalProcess.run(amtool, [
            "alert", "add", "alertname=QueueBacklog", "team=payments", "priority=P0", "--start=\(start)",
            "--end=\(Self.rfc3339(Date().addingTimeInterval(-1)))", "--alertmanager.url=\(amURL)",
        ])
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let closed = await eventually(timeout: 60) { Self.hookBodies(hook).contains { $0.action == "CLOSE" } }
        #expect(closed, "\(server.output)\n\(klaxon.process.output)")
        let first = try #require(Self.hookBodies(hook).first)
        #expect(first.alert.priority == "P0")
        #expect(first.alert.teams == ["payments"])
        let row = try #require(try klaxon.alerts().first)
        #expect(row.status == "CLOSED")
        #expect(row.occurrences == 1)
    }
}
