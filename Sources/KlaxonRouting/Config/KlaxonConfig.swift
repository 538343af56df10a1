import KlaxonCore

/// Klaxon's whole configuration, decoded, defaulted and validated by ``ConfigLoader``. Secrets are
/// already resolved (from the YAML, the environment or files) into ``Secret`` values.
package struct KlaxonConfig: Sendable, Equatable {
    package var server: ServerConfig
    package var storage: StorageConfig
    package var ingest: IngestConfig
    package var pipeline: PipelineConfig
    package var mute: MuteConfig
    /// Names are unique.
    package var receivers: [ReceiverConfig]
    /// In evaluation order; every receiver name they use is defined in ``receivers``.
    package var routes: [RouteConfig]
    /// Discord and Slack commands (the `chatops:` section); empty when not configured.
    package var chatops: ChatOpsConfig
    /// `aws:`: the region AWS clients use.
    package var aws = AWSConfig()
    /// `sources:`: SNS subscription endpoint (and SQS intake).
    package var sources = SourcesConfig()

    package init(
        server: ServerConfig = ServerConfig(), storage: StorageConfig = StorageConfig(),
        ingest: IngestConfig = IngestConfig(), pipeline: PipelineConfig = PipelineConfig(),
        mute: MuteConfig = MuteConfig(), receivers: [ReceiverConfig], routes: [RouteConfig],
        chatops: ChatOpsConfig = ChatOpsConfig()
    ) {
        self.chatops = chatops
        self.server = server
        self.storage = storage
        self.ingest = ingest
        self.pipeline = pipeline
        self.mute = mute
        self.receivers = receivers
        self.routes = routes
    }

    /// What the decoders are given (the `ingest:` section).
    package var decodeOptions: DecodeOptions { ingest.decodeOptions }

    /// Tokens accepted as `Authorization: Bearer <token>` on every ingest route.
    package var resolvedIngestTokens: [Secret] { server.auth.tokens }

    /// Tokens accepted as `X-Grafana-Token` on `/webhooks/grafana` (in addition to the bearer
    /// tokens of ``resolvedIngestTokens``).
    package var resolvedGrafanaTokens: [Secret] { server.auth.grafanaTokens }

    /// The receiver with this name, if any.
    package func receiver(named name: String) -> ReceiverConfig? {
        receivers.first { $0.name == name }
    }

    /// The routing tree compiled from ``routes``.
    package var router: Router { Router(routes: routes) }
}
