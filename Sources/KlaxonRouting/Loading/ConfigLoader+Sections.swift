import Foundation
import KlaxonCore
import Yams

/// The plain sections: server, storage, ingest, pipeline, mute. Each starts from its defaults and
/// overrides what the YAML gives, reporting what it cannot use.
extension ConfigLoader {
    static func readServer(_ node: Node, reader: ConfigReader) -> ServerConfig {
        var config = ServerConfig()
        guard let map = reader.mapping(node, at: ConfigPath.root.key("server"), allowed: ["listen", "max_body_bytes", "auth"]) else { return config }
        if let listenNode = map["listen"], let text = reader.string(listenNode, at: map.path("listen")) {
            if let address = ListenAddress(parsing: text) {
                config.listen = address
            } else {
                reader.report(map.path("listen"), "expected host:port, got \"\(text)\"", at: listenNode)
            }
        }
        if let value = reader.int(map, "max_body_bytes", minimum: 1) { config.maxBodyBytes = value }
        if let authNode = map["auth"] {
            let keys = ConfigReader.secretKeys("tokens") + ConfigReader.secretKeys("grafana_tokens")
            if let auth = reader.mapping(authNode, at: map.path("auth"), allowed: keys) {
                config.auth = ServerConfig.Auth(
                    tokens: reader.secretList(auth, "tokens"),
                    grafanaTokens: reader.secretList(auth, "grafana_tokens")
                )
            }
        }
        return config
    }

    static func readStorage(_ node: Node, reader: ConfigReader) -> StorageConfig {
        var config = StorageConfig()
        guard let map = reader.mapping(node, at: ConfigPath.root.key("storage"), allowed: ["path", "sync"]) else { return config }
        if let path = reader.nonEmptyString(map, "path") { config.path = path }
        if let sync = reader.choice(map, "sync", as: StorageConfig.Sync.self) { config.sync = sync }
        return config
    }

    static func readIngest(_ node: Node, reader: ConfigReader) -> IngestConfig {
        var options = DecodeOptions()
        let allowed = ["default_teams", "default_priority", "insufficient_data", "team_labels", "priority_label", "severity_label"]
        guard let map = reader.mapping(node, at: ConfigPath.root.key("ingest"), allowed: allowed) else { return IngestConfig() }
        if let teams = reader.stringList(map, "default_teams", nonEmpty: true) { options.defaultTeams = teams }
        if let priorityNode = map["default_priority"], let text = reader.string(priorityNode, at: map.path("default_priority")) {
            if let priority = Priority(text: text) {
                options.defaultPriority = priority
            } else {
                let expected = Priority.allCases.map(\.rawValue).joined(separator: "|")
                reader.report(map.path("default_priority"), "expected \(expected), got \"\(text)\"", at: priorityNode)
            }
        }
        let insufficient: [DecodeOptions.InsufficientData] = [.ignore, .firing, .resolved]
        if let value = reader.choice(map, "insufficient_data", options: insufficient) { options.insufficientData = value }
        if let labels = reader.stringList(map, "team_labels", nonEmpty: true) { options.teamLabels = labels }
        if let label = reader.nonEmptyString(map, "priority_label") { options.priorityLabel = label }
        if let label = reader.nonEmptyString(map, "severity_label") { options.severityLabel = label }
        return IngestConfig(decodeOptions: options)
    }

    static func readPipeline(_ node: Node, reader: ConfigReader) -> PipelineConfig {
        var config = PipelineConfig()
        let path = ConfigPath.root.key("pipeline")
        guard let map = reader.mapping(node, at: path, allowed: ["max_decode_attempts", "batch_size", "linger", "delivery"]) else { return config }
        if let value = reader.int(map, "max_decode_attempts", minimum: 1) { config.maxDecodeAttempts = value }
        if let value = reader.int(map, "batch_size", minimum: 1) { config.batchSize = value }
        if let value = reader.duration(map, "linger", allowZero: true) { config.linger = value }
        if let deliveryNode = map["delivery"],
           let delivery = reader.mapping(deliveryNode, at: map.path("delivery"), allowed: ["max_age", "initial_backoff", "max_backoff", "circuit_failures", "circuit_cool_down"]) {
            if let value = reader.duration(delivery, "max_age") { config.delivery.maxAge = value }
            if let value = reader.int(delivery, "circuit_failures", minimum: 1) { config.delivery.circuitFailures = value }
            if let value = reader.duration(delivery, "circuit_cool_down") { config.delivery.circuitCoolDown = value }
            let initial = reader.duration(delivery, "initial_backoff")
            let maximum = reader.duration(delivery, "max_backoff")
            if let initial { config.delivery.initialBackoff = initial }
            if let maximum { config.delivery.maxBackoff = maximum }
            // Compare only what the YAML set and parsed, so a bad value is not reported twice.
            if initial != nil || maximum != nil, config.delivery.initialBackoff > config.delivery.maxBackoff {
                let key = initial != nil ? "initial_backoff" : "max_backoff"
                reader.report(delivery.path(key), "initial_backoff must not be longer than max_backoff", at: delivery[key])
            }
        }
        return config
    }

    static func readMute(_ node: Node, reader: ConfigReader) -> MuteConfig {
        var config = MuteConfig()
        guard let map = reader.mapping(node, at: ConfigPath.root.key("mute"), allowed: ["notify_resolved_while_muted", "ssm_parameter"]) else { return config }
        if let value = reader.bool(map, "notify_resolved_while_muted") { config.notifyResolvedWhileMuted = value }
        config.ssmParameter = readSSMParameter(map, reader: reader)
        return config
    }

    /// `ssm_parameter`: a parameter name (`/encache/alerts/dlq_muted_until`), `true` for
    /// ``MuteConfig/defaultSSMParameter``, `false` (or absent) to keep the mute in the database.
    private static func readSSMParameter(_ map: ConfigMapping, reader: ConfigReader) -> String? {
        guard let node = map["ssm_parameter"], let text = reader.string(node, at: map.path("ssm_parameter")) else { return nil }
        if let flag = node.bool { return flag ? MuteConfig.defaultSSMParameter : nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/_.-"))
        guard text.hasPrefix("/"), text.count <= 1011, text.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            reader.report(map.path("ssm_parameter"), "expected an SSM parameter name such as /klaxon/alerts/muted_until (or true for that default), got \"\(text.prefix(80))\"", at: node)
            return nil
        }
        return text
    }
}
