import KlaxonCore

/// The `server:` section: where the HTTP edge listens, how much it accepts, who may call it.
package struct ServerConfig: Sendable, Equatable {
    /// Who may post alerts. When both lists are empty the ingest routes are open, which is why
    /// the default listen address is loopback only.
    package struct Auth: Sendable, Equatable {
        /// Accepted as `Authorization: Bearer <token>` on every ingest route.
        package var tokens: [Secret]
        /// Also accepted as the `X-Grafana-Token` header on `/webhooks/grafana`.
        package var grafanaTokens: [Secret]

        package init(tokens: [Secret] = [], grafanaTokens: [Secret] = []) {
            self.tokens = tokens
            self.grafanaTokens = grafanaTokens
        }
    }

    package static let defaultListen = ListenAddress(host: "127.0.0.1", port: 8080)
    package static let defaultMaxBodyBytes = 1_048_576

    package var listen: ListenAddress
    /// Larger request bodies are refused with 413.
    package var maxBodyBytes: Int
    package var auth: Auth

    package init(listen: ListenAddress = ServerConfig.defaultListen, maxBodyBytes: Int = ServerConfig.defaultMaxBodyBytes, auth: Auth = Auth()) {
        self.listen = listen
        self.maxBodyBytes = maxBodyBytes
        self.auth = auth
    }
}
