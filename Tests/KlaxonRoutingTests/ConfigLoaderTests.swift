import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

@Suite("Config loading")
struct ConfigLoaderTests {
    @Test("the minimal config loads with every default")
    func minimalConfig() throws {
        let config = try loadConfig("""
        receivers:
          - name: hook
            webhook:
              url: http://127.0.0.1:9999/hook
        routes:
          - receivers: [hook]
        """)
        #expect(config.receivers.count == 1)
        #expect(config.receivers[0].name == "hook")
        guard case .webhook(let webhook) = config.receivers[0].kind else {
            Issue.record("expected a webhook, got \(config.receivers[0].kind)")
            return
        }
        #expect(webhook.url.value == "http://127.0.0.1:9999/hook")
        #expect(webhook.hmacSecret == nil)
        #expect(webhook.timeout == .seconds(10))
        #expect(webhook.headers.isEmpty)
        #expect(config.routes == [RouteConfig(matchers: [], receivers: ["hook"], continueMatching: false)])
        #expect(config.server.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(config.server.maxBodyBytes == 1_048_576)
        #expect(config.resolvedIngestTokens.isEmpty)
        #expect(config.resolvedGrafanaTokens.isEmpty)
        #expect(config.storage == StorageConfig(path: "./klaxon.db", sync: .normal))
        #expect(config.decodeOptions == DecodeOptions())
        #expect(config.decodeOptions.defaultTeams == ["unassigned"])
        #expect(config.decodeOptions.defaultPriority == .p2)
        #expect(config.pipeline.maxDecodeAttempts == 5)
        #expect(config.pipeline.batchSize == 256)
        #expect(config.pipeline.delivery.maxAge == .seconds(3600))
        #expect(config.pipeline.delivery.initialBackoff == .seconds(1))
        #expect(config.pipeline.delivery.maxBackoff == .seconds(300))
        #expect(config.mute.notifyResolvedWhileMuted)
    }

    static let fullExample = """
    server:
      listen: 0.0.0.0:9090
      max_body_bytes: 2048
      auth:
        tokens: ["inline-token"]
        tokens_env: [KLAXON_INGEST_TOKEN]
        grafana_tokens: ["grafana-inline"]
        grafana_tokens_env: [GRAFANA_TOKEN]
    storage:
      path: /var/lib/klaxon/klaxon.db
      sync: full
    ingest:
      default_teams: [sre, infra]
      default_priority: P1
      insufficient_data: firing
      team_labels: [owner]
      priority_label: prio
      severity_label: level
    pipeline:
      max_decode_attempts: 3
      batch_size: 64
      delivery:
        max_age: 2d
        initial_backoff: 500ms
        max_backoff: 10m
    mute:
      notify_resolved_while_muted: false
    receivers:
      - name: hook
        webhook:
          url_env: HOOK_URL
          hmac_secret_env: HOOK_SECRET
          timeout: 30
          headers: {X-Extra: value}
      - name: stdout
        console: {format: json}
      - name: plain
        console: {}
    routes:
      - matchers: ["team=platform", "priority=~P0|P1"]
        receivers: [hook, stdout]
        continue: true
      - receivers: [stdout]
    """

    @Test("the full example loads with every value taken from it")
    func fullExample() throws {
        let config = try loadConfig(Self.fullExample, environment: [
            "KLAXON_INGEST_TOKEN": "env-token\n", "GRAFANA_TOKEN": "grafana-env",
            "HOOK_URL": "https://hooks.example.com/x", "HOOK_SECRET": "s3cret",
        ])
        #expect(config.server.listen == ListenAddress(host: "0.0.0.0", port: 9090))
        #expect(config.server.maxBodyBytes == 2048)
        #expect(config.resolvedIngestTokens.map(\.value) == ["inline-token", "env-token"])
        #expect(config.resolvedGrafanaTokens.map(\.value) == ["grafana-inline", "grafana-env"])
        #expect(config.storage == StorageConfig(path: "/var/lib/klaxon/klaxon.db", sync: .full))
        #expect(config.decodeOptions == DecodeOptions(
            defaultTeams: ["sre", "infra"], defaultPriority: .p1, insufficientData: .firing,
            teamLabels: ["owner"], priorityLabel: "prio", severityLabel: "level"
        ))
        #expect(config.ingest.decodeOptions == config.decodeOptions)
        #expect(config.pipeline == PipelineConfig(
            maxDecodeAttempts: 3, batchSize: 64,
            delivery: .init(maxAge: .seconds(2 * 86_400), initialBackoff: .milliseconds(500), maxBackoff: .seconds(600))
        ))
        #expect(config.mute.notifyResolvedWhileMuted == false)
        #expect(config.receivers.map(\.name) == ["hook", "stdout", "plain"])
        #expect(config.receivers.map(\.kind.name) == ["webhook", "console", "console"])
        #expect(config.receiver(named: "hook")?.kind == .webhook(WebhookReceiverConfig(
            url: Secret("https://hooks.example.com/x"), hmacSecret: Secret("s3cret"),
            timeout: .seconds(30), headers: ["X-Extra": "value"]
        )))
        #expect(config.receiver(named: "stdout")?.kind == .console(ConsoleReceiverConfig(format: .json)))
        #expect(config.receiver(named: "plain")?.kind == .console(ConsoleReceiverConfig(format: .text)))
        #expect(config.receiver(named: "nope") == nil)
        #expect(config.routes.count == 2)
        #expect(config.routes[0].matchers.map(\.description) == ["team=platform", "priority=~P0|P1"])
        #expect(config.routes[0].receivers == ["hook", "stdout"])
        #expect(config.routes[0].continueMatching)
        #expect(config.routes[1] == RouteConfig(receivers: ["stdout"]))
    }

    @Test("the default config has one console receiver and a catch-all route")
    func defaultConfig() {
        let config = ConfigLoader.defaultConfig()
        #expect(config.receivers == [ReceiverConfig(name: "console", kind: .console(ConsoleReceiverConfig(format: .text)))])
        #expect(config.routes == [RouteConfig(matchers: [], receivers: ["console"], continueMatching: false)])
        #expect(config.server == ServerConfig())
        #expect(config.router.receivers(for: LabelSubject(["team": ["anyone"]])) == ["console"])
        #expect(config.router.receivers(for: LabelSubject([:])) == ["console"])
    }

    @Test("the default config is what a file naming only a console receiver gives")
    func defaultConfigMatchesEquivalentFile() throws {
        let config = try loadConfig("""
        receivers:
          - name: console
            console: {}
        routes:
          - receivers: [console]
        """)
        #expect(config == ConfigLoader.defaultConfig())
    }

    @Test("IPv6 listen addresses are written in brackets")
    func ipv6Listen() throws {
        let config = try loadConfig("server:\n  listen: \"[::1]:0\"\n" + validTail)
        #expect(config.server.listen == ListenAddress(host: "::1", port: 0))
        #expect(config.server.listen.description == "[::1]:0")
    }

    @Test("the planned kinds have a place in the model: a kind name per case")
    func receiverKindNames() {
        #expect(ReceiverKind.webhook(WebhookReceiverConfig(url: Secret("http://x"))).name == "webhook")
        #expect(ReceiverKind.console(ConsoleReceiverConfig()).name == "console")
    }
}
