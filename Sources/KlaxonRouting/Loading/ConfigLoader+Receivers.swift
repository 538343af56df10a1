import Foundation
import KlaxonCore
import Yams

extension ConfigLoader {
    /// How one receiver kind is read from its YAML mapping.
    struct ReceiverKindReader: Sendable {
        /// The key that introduces the kind (`webhook:`).
        let name: String
        /// The keys its mapping accepts.
        let keys: [String]
        let read: @Sendable (ConfigMapping, ConfigReader) -> ReceiverKind?
    }

    /// The supported kinds. Adding one: a case in ``ReceiverKind``, its settings struct, a row here.
    static let receiverKinds: [ReceiverKindReader] = [
        ReceiverKindReader(
            name: WebhookReceiverConfig.kindName,
            keys: ConfigReader.secretKeys("url") + ConfigReader.secretKeys("hmac_secret") + ["timeout", "headers"],
            read: { map, reader in readWebhook(map, reader: reader).map(ReceiverKind.webhook) }
        ),
        ReceiverKindReader(
            name: ConsoleReceiverConfig.kindName,
            keys: ["format"],
            read: { map, reader in readConsole(map, reader: reader).map(ReceiverKind.console) }
        ),
        ReceiverKindReader(name: DiscordReceiverConfig.kindName, keys: discordKeys, read: { map, reader in readDiscord(map, reader: reader).map(ReceiverKind.discord) }),
        ReceiverKindReader(name: SlackReceiverConfig.kindName, keys: slackKeys, read: { map, reader in readSlack(map, reader: reader).map(ReceiverKind.slack) }),
        ReceiverKindReader(name: TeamsReceiverConfig.kindName, keys: teamsKeys, read: { map, reader in readTeams(map, reader: reader).map(ReceiverKind.teams) }),
        ReceiverKindReader(
            name: GitHubReceiverConfig.kindName, keys: gitHubKeys,
            read: { map, reader in readGitHub(map, reader: reader).map(ReceiverKind.github) }
        ),
        ReceiverKindReader(
            name: SNSReceiverConfig.kindName,
            keys: ["topic_arn", "region"],
            read: { map, reader in readSNSReceiver(map, reader: reader).map(ReceiverKind.sns) }
        ),
    ]

    /// Kinds other issues will add; until then they are refused with "not supported yet".
    static let plannedReceiverKinds: [String] = []

    /// The receivers that parsed, and every name given (even on a receiver with other problems, so
    /// routes naming it are not reported a second time).
    static func readReceivers(_ top: ConfigMapping, reader: ConfigReader) -> (configs: [ReceiverConfig], names: Set<String>) {
        guard let node = top["receivers"] else {
            reader.report(top.path("receivers"), "missing required key", at: top.node)
            return ([], [])
        }
        let path = top.path("receivers")
        guard let items = reader.list(node, at: path) else { return ([], []) }
        if items.isEmpty { reader.report(path, "must not be empty", at: node) }
        var configs: [ReceiverConfig] = []
        var named: [(name: String, map: ConfigMapping)] = []
        let allowed = ["name"] + receiverKinds.map(\.name) + plannedReceiverKinds
        for (index, item) in items.enumerated() {
            guard let map = reader.mapping(item, at: path.index(index), allowed: allowed) else { continue }
            let name = receiverName(map, reader: reader)
            if let name { named.append((name, map)) }
            if let kind = receiverKind(map, reader: reader), let name {
                configs.append(ReceiverConfig(name: name, kind: kind))
            }
        }
        // Every occurrence of a repeated name is reported, so the operator sees all the places.
        let counts = Dictionary(named.map { ($0.name, 1) }, uniquingKeysWith: +)
        for (name, map) in named where counts[name, default: 0] > 1 {
            reader.report(map.path("name"), "duplicate name \"\(name)\"", at: map["name"])
        }
        return (configs, Set(named.map(\.name)))
    }

    private static func receiverName(_ map: ConfigMapping, reader: ConfigReader) -> String? {
        guard let node = map["name"] else {
            reader.report(map.path("name"), "missing required key", at: map.node)
            return nil
        }
        guard let name = reader.string(node, at: map.path("name")) else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            reader.report(map.path("name"), "expected letters, digits, '-', '_' or '.', got \"\(name)\"", at: node)
            // Still known to routes, so they do not also report it as unknown.
            return name.isEmpty ? nil : name
        }
        return name
    }

    private static func receiverKind(_ map: ConfigMapping, reader: ConfigReader) -> ReceiverKind? {
        let given = map.entries.map(\.key).filter { $0 != "name" }
        guard given.count == 1 else {
            let supported = receiverKinds.map(\.name).joined(separator: ", ")
            let got = given.isEmpty ? "none" : "\(given.count) (\(given.joined(separator: ", ")))"
            reader.report(map.path, "expected exactly one receiver kind (\(supported)), got \(got)", at: map.node)
            return nil
        }
        let kindName = given[0]
        guard let kind = receiverKinds.first(where: { $0.name == kindName }) else {
            reader.report(map.path, "receiver kind \"\(kindName)\" is not supported yet", at: map[kindName])
            return nil
        }
        guard let node = map[kindName], let settings = reader.mapping(node, at: map.path(kindName), allowed: kind.keys) else { return nil }
        return kind.read(settings, reader)
    }

    private static func readWebhook(_ map: ConfigMapping, reader: ConfigReader) -> WebhookReceiverConfig? {
        let issuesBefore = reader.issues.count
        let url = reader.secret(map, "url", required: true)
        if let url, url.reference == nil, !isHTTPURL(url.value) {
            let key = ConfigReader.secretKeys("url").first(where: map.has) ?? "url"
            reader.report(map.path(key), "not an http(s) URL", at: map[key])
        }
        let hmacSecret = reader.secret(map, "hmac_secret", required: false)
        let timeout = reader.duration(map, "timeout") ?? WebhookReceiverConfig.defaultTimeout
        let headers = map["headers"].flatMap { readHeaders($0, at: map.path("headers"), reader: reader) } ?? [:]
        guard let url, reader.issues.count == issuesBefore else { return nil }
        return WebhookReceiverConfig(url: url, hmacSecret: hmacSecret, timeout: timeout, headers: headers)
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Header names are RFC 9110 tokens; values must not contain line breaks. Values are never
    /// echoed (an `Authorization` header is a secret).
    private static func readHeaders(_ node: Node, at path: ConfigPath, reader: ConfigReader) -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            reader.report(path, "expected a mapping, got \(ConfigReader.describe(node))", at: node)
            return nil
        }
        let tokenCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-.^_`|~"))
        var headers: [String: String] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = reader.string(keyNode, at: path) else { continue }
            let valuePath = path.key(name)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && tokenCharacters.contains($0) }) else {
                reader.report(valuePath, "not a valid HTTP header name", at: keyNode)
                continue
            }
            guard let value = reader.string(valueNode, at: valuePath) else { continue }
            guard !value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                reader.report(valuePath, "header value must not contain line breaks", at: valueNode)
                continue
            }
            headers[name] = value
        }
        return headers
    }

    private static func readConsole(_ map: ConfigMapping, reader: ConfigReader) -> ConsoleReceiverConfig? {
        ConsoleReceiverConfig(format: reader.choice(map, "format", as: ConsoleReceiverConfig.Format.self) ?? .text)
    }

    private static func readSNSReceiver(_ map: ConfigMapping, reader: ConfigReader) -> SNSReceiverConfig? {
        guard map.has("topic_arn") else {
            reader.report(map.path("topic_arn"), "missing required key", at: map.node)
            return nil
        }
        guard let topic = reader.nonEmptyString(map, "topic_arn") else { return nil }
        guard isTopicARN(topic) else {
            reader.report(map.path("topic_arn"), "expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"\(topic.prefix(80))\"", at: map["topic_arn"])
            return nil
        }
        var config = SNSReceiverConfig(topicARN: topic)
        if let node = map["region"], let region = reader.string(node, at: map.path("region")) {
            guard isRegionName(region) else {
                reader.report(map.path("region"), "expected an AWS region such as us-east-1, got \"\(region.prefix(40))\"", at: node)
                return nil
            }
            config.region = region
        }
        return config
    }
}
