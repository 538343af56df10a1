import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdCore
import KlaxonAWS
import KlaxonChatOps
import KlaxonCore
import KlaxonIngest
import KlaxonNotifiers
import KlaxonPipeline
import KlaxonRouting
import KlaxonStore
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle

/// The composition root: builds every part of a running Klaxon from a configuration.
package struct KlaxonServer: Sendable {
    package let config: KlaxonConfig
    package let storage: any Storage
    package let processor: Processor
    package let dispatcher: Dispatcher
    package let intake: IntakeEndpoint
    package let gitHubWebhook: GitHubWebhookEndpoint
    /// Discord and Slack commands; nil when `chatops:` configures neither.
    package let chatops: ChatOpsEndpoint?
    /// `POST /webhooks/sns`, when `sources.sns` is configured.
    package let sns: SNSEndpoint?
    /// Consumes `sources.sqs.queue_url`, when configured (and AWS is set up).
    package let sqsIntake: SQSIntake?
    package let registry: PrometheusCollectorRegistry
    package let logger: Logger
    package let clock: any WallClock

    package init(
        config: KlaxonConfig, storage: any Storage, clock: any WallClock = SystemWallClock(), logger: Logger,
        httpClient: HTTPClient = .shared, notifiers extraNotifiers: [any Notifier] = [], consoleWrite: (@Sendable (String) -> Void)? = nil,
        costSource: (any CostSource)? = nil, chatFollowUps: ChatFollowUps? = nil, aws: AWSEdge? = nil,
        secretResolver: (any SecretResolver)? = nil
    ) {
        let aws = aws ?? AWSEdge(client: nil, http: httpClient)
        // Secrets given by ARN are fetched at first use, through one cache for the whole server.
        let resolver = secretResolver ?? aws.client.map { _ in
            AWSSecretResolver(ttl: config.aws.secretsTTL, clock: clock) { region in aws.client(region: region) } as any SecretResolver
        }
        let config = resolver.map(config.resolvingSecrets(with:)) ?? config
        self.config = config
        self.storage = storage
        self.clock = clock
        self.logger = logger
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let metrics = PipelineMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let inboxSignal = WakeupSignal()
        let outboxSignal = WakeupSignal()
        var notifiers = Self.makeNotifiers(
            config.receivers, client: httpClient, clock: clock, consoleWrite: consoleWrite, aws: aws, refs: storage,
            storage: storage)
        notifiers.append(contentsOf: extraNotifiers)
        processor = Processor(
            storage: storage, decoder: AlertDecoder(options: config.decodeOptions), router: config.router, clock: clock,
            settings: .init(batchSize: config.pipeline.batchSize, maxDecodeAttempts: config.pipeline.maxDecodeAttempts,
                            notifyResolvedWhileMuted: config.mute.notifyResolvedWhileMuted, linger: config.pipeline.linger),
            logger: logger, metrics: metrics, inboxSignal: inboxSignal, outboxSignal: outboxSignal)
        dispatcher = Dispatcher(
            storage: storage, notifiers: notifiers, clock: clock,
            settings: .init(batchSize: config.pipeline.batchSize, retry: RetryPolicy(
                initialBackoff: config.pipeline.delivery.initialBackoff, maxBackoff: config.pipeline.delivery.maxBackoff,
                maxAge: config.pipeline.delivery.maxAge),
                linger: config.pipeline.linger,
                breaker: .init(failureThreshold: config.pipeline.delivery.circuitFailures, coolDown: config.pipeline.delivery.circuitCoolDown)),
            logger: logger, metrics: metrics, signal: outboxSignal)
        gitHubWebhook = GitHubWebhookEndpoint(config: config, storage: storage, clock: clock, logger: logger, metrics: metrics)
        intake = IntakeEndpoint(
            inbox: storage,
            auth: IngestAuth(bearerTokens: config.resolvedIngestTokens, grafanaTokens: config.resolvedGrafanaTokens),
            maxBodyBytes: config.server.maxBodyBytes, clock: clock, metrics: metrics, signal: inboxSignal)
        chatops = ChatOpsEndpoint(
            config: config.chatops, storage: storage, clock: clock, costSource: costSource,
            followUps: chatFollowUps ?? ChatFollowUps(client: httpClient, logger: logger), logger: logger)
        if let snsConfig = config.sources.sns {
            sns = SNSEndpoint(
                config: snsConfig, verifier: aws.snsVerifier(snsConfig), confirm: aws.confirmSubscription, intake: intake,
                audit: storage, clock: clock, metrics: metrics, logger: logger)
        } else {
            sns = nil
        }
        if let sqsConfig = config.sources.sqs, let client = aws.client {
            sqsIntake = SQSIntake(
                sqs: SQSClient(client: client), settings: .init(sqsConfig), inbox: storage, decoder: AlertDecoder(options: config.decodeOptions),
                clock: clock, logger: logger, metrics: metrics, signal: inboxSignal)
        } else {
            sqsIntake = nil
        }
    }

    static func makeNotifiers(
        _ receivers: [ReceiverConfig], client: HTTPClient, clock: any WallClock, consoleWrite: (@Sendable (String) -> Void)?,
        aws: AWSEdge, refs: (any MessageRefStore)? = nil, storage: (any Storage)? = nil
    ) -> [any Notifier] {
        receivers.map { receiver -> any Notifier in
            switch receiver.kind {
            case .webhook(let webhook):
                return WebhookNotifier(
                    name: receiver.name, url: webhook.url, secret: webhook.hmacSecret, headers: webhook.headers,
                    timeout: webhook.timeout, client: client, clock: clock)
            case .console(let console):
                let format: ConsoleNotifier.Format = console.format == .json ? .json : .text
                if let consoleWrite { return ConsoleNotifier(name: receiver.name, format: format, write: consoleWrite) }
                return ConsoleNotifier(name: receiver.name, format: format)
            case .discord(let discord):
                return ChatNotifiers.discord(receiver.name, discord, client: client, clock: clock, refs: refs)
            case .slack(let slack):
                return ChatNotifiers.slack(receiver.name, slack, client: client, clock: clock, refs: refs)
            case .teams(let teams):
                return ChatNotifiers.teams(receiver.name, teams, client: client, clock: clock)
            case .github(let github):
                return GitHubNotifier(
                    name: receiver.name, apiURL: github.apiURL, repo: github.repo, credentials: GitHubCredentials(mode: Self.gitHubMode(github.auth)),
                    links: storage ?? InMemoryStorage(), states: storage ?? InMemoryStorage(), commentInterval: github.commentInterval, timeout: github.timeout, client: client, clock: clock,
                    templates: ChatNotifiers.gitHubTemplates(github))
            case .sns(let sns):
                let client = aws.client(region: sns.effectiveRegion).map(SNSClient.init(client:))
                return SNSNotifier(name: receiver.name, topicARN: sns.topicARN, publish: SNSPublisher.publish(with: client))
            }
        }
    }

    /// The HTTP router: ingest routes, health, readiness, metrics.
    package func makeRouter() -> Hummingbird.Router<BasicRequestContext> {
        let router = Hummingbird.Router(context: BasicRequestContext.self)
        HTTPRoutes.addIngest(to: router, intake: intake)
        HTTPRoutes.addGitHubWebhook(to: router, endpoint: gitHubWebhook, bodyLimit: max(config.server.maxBodyBytes, 1 << 20))
        if let chatops { ChatOpsRoutes.add(to: router, endpoint: chatops) }
        HTTPRoutes.addSNS(to: router, endpoint: sns, bodyLimit: intake.bodyLimit)
        router.get("/healthz") { _, _ in "ok\n" }
        let storage = self.storage
        router.get("/readyz") { _, _ -> Response in
            do {
                try await storage.ping()
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ready\n")))
            } catch {
                return Response(status: .serviceUnavailable, body: ResponseBody(byteBuffer: ByteBuffer(string: "store unreachable\n")))
            }
        }
        let registry = self.registry
        router.get("/metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            bytes.append(contentsOf: Array(await MetricsText.depthGauges(storage).utf8))
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return router
    }

    /// HTTP/1 with the ingest routes served from the channel pipeline (``IntakeChannelHandler``);
    /// everything else, and what that handler leaves, goes through ``makeRouter()``.
    package var httpServer: HTTPServerBuilder {
        let intake = self.intake
        return .http1(configuration: .init(additionalChannelHandlers: [IntakeChannelHandler(intake: intake)]))
    }

    /// The HTTP application with the processor and dispatcher as its services.
    package func makeApplication(
        extraServices: [any Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            server: httpServer,
            configuration: .init(address: .hostname(config.server.listen.host, port: config.server.listen.port), serverName: "klaxon"),
            services: [processor, dispatcher, HeapTrimmer()] + (chatops.map { [$0.followUps.tracker] } ?? []) + (sqsIntake.map { [$0] } ?? []) + extraServices,
            onServerRunning: onServerRunning,
            logger: logger)
    }
}

/// Gauges read from the store at scrape time, so they are never stale.
enum MetricsText {
    static func depthGauges(_ storage: any Storage) async -> String {
        var text = ""
        func gauge(_ name: String, _ help: String, _ value: Int?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
        }
        gauge("klaxon_inbox_depth", "Payloads accepted and not yet processed.", try? await storage.inboxDepth())
        gauge("klaxon_outbox_depth", "Deliveries queued and not yet made.", try? await storage.outboxDepth())
        gauge("klaxon_dead_letters", "Payloads and deliveries in dead letters.", try? await storage.deadLetterCount())
        return text
    }
}
