import KlaxonCore

extension KlaxonConfig {
    /// The same configuration with every secret that may be given by ARN bound to `resolver`, so
    /// its user fetches it at first use with ``Secret/resolve()``. Given secrets are unchanged.
    ///
    /// Bound: ingest tokens, the Slack signing secret, and the receivers' webhook URLs, HMAC key,
    /// Slack bot token, GitHub token, App private key and webhook secret. The Discord bot token
    /// (used by `klaxon discord register-commands`) is read at once and refuses ARNs when the
    /// configuration loads.
    package func resolvingSecrets(with resolver: any SecretResolver) -> KlaxonConfig {
        func bind(_ secret: Secret) -> Secret { secret.resolving(with: resolver) }
        var config = self
        config.server.auth.tokens = server.auth.tokens.map(bind)
        config.server.auth.grafanaTokens = server.auth.grafanaTokens.map(bind)
        if let slack = chatops.slack { config.chatops.slack?.signingSecret = bind(slack.signingSecret) }
        config.receivers = receivers.map { receiver in
            var receiver = receiver
            switch receiver.kind {
            case .webhook(var webhook):
                webhook.url = bind(webhook.url)
                webhook.hmacSecret = webhook.hmacSecret.map(bind)
                receiver.kind = .webhook(webhook)
            case .discord(var discord):
                discord.webhookURL = bind(discord.webhookURL)
                receiver.kind = .discord(discord)
            case .slack(var slack):
                switch slack.transport {
                case .webhook(let url): slack.transport = .webhook(url: bind(url))
                case .webAPI(let apiURL, let token, let channel): slack.transport = .webAPI(apiURL: apiURL, token: bind(token), channel: channel)
                }
                receiver.kind = .slack(slack)
            case .teams(var teams):
                teams.webhookURL = bind(teams.webhookURL)
                receiver.kind = .teams(teams)
            case .github(var github):
                switch github.auth {
                case .token(let token): github.auth = .token(bind(token))
                case .app(let appId, let installationId, let key): github.auth = .app(appId: appId, installationId: installationId, privateKey: bind(key))
                }
                github.webhookSecret = github.webhookSecret.map(bind)
                receiver.kind = .github(github)
            case .console, .sns:
                break
            }
            return receiver
        }
        return config
    }
}
