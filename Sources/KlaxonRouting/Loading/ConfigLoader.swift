import Foundation
import KlaxonCore
import Yams

/// Turns configuration text into a ``KlaxonConfig``: parse the YAML, apply defaults, validate
/// everything (collecting every problem with its key path), resolve secrets. Does no I/O of its
/// own: the environment is passed in, and `_file` secrets are read through `readFile`.
package enum ConfigLoader {
    /// Top-level sections other issues will add; named so the message says "not yet", not "typo".
    static let plannedSections: [String] = []

    /// Parse + default + validate. Throws ConfigError listing every issue.
    package static func load(
        yaml: String, environment: [String: String], readFile: (String) throws -> String
    ) throws(ConfigError) -> KlaxonConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(issues: [syntaxIssue(error)])
        }
        // The reader keeps `readFile` only for the duration of this call.
        let outcome: Result<KlaxonConfig, ConfigError> = withoutActuallyEscaping(readFile) { readFile in
            let reader = ConfigReader(environment: environment, readFile: readFile)
            let config = decode(root ?? .mapping(Node.Mapping([])), reader: reader)
            guard reader.issues.isEmpty, let config else { return .failure(ConfigError(issues: reader.issues)) }
            return .success(config)
        }
        return try outcome.get()
    }

    /// The config used when no file is given: a single console receiver and a catch-all route.
    package static func defaultConfig() -> KlaxonConfig {
        KlaxonConfig(
            receivers: [ReceiverConfig(name: "console", kind: .console(ConsoleReceiverConfig()))],
            routes: [RouteConfig(receivers: ["console"])]
        )
    }

    private static let topLevelKeys = ["server", "storage", "ingest", "pipeline", "mute", "receivers", "routes", "chatops", "aws", "sources"] + plannedSections

    private static func decode(_ root: Node, reader: ConfigReader) -> KlaxonConfig? {
        guard let top = reader.mapping(root, at: .root, allowed: topLevelKeys) else { return nil }
        for section in plannedSections where top.has(section) {
            reader.report(top.path(section), "section \"\(section)\" is not supported yet", at: top[section])
        }
        let server = top["server"].map { readServer($0, reader: reader) } ?? ServerConfig()
        let storage = top["storage"].map { readStorage($0, reader: reader) } ?? StorageConfig()
        let ingest = top["ingest"].map { readIngest($0, reader: reader) } ?? IngestConfig()
        let pipeline = top["pipeline"].map { readPipeline($0, reader: reader) } ?? PipelineConfig()
        let mute = top["mute"].map { readMute($0, reader: reader) } ?? MuteConfig()
        let chatops = top["chatops"].map { readChatOps($0, reader: reader) } ?? ChatOpsConfig()
        let aws = top["aws"].map { readAWS($0, reader: reader) } ?? AWSConfig()
        let sources = top["sources"].map { readSources($0, reader: reader) } ?? SourcesConfig()
        let receivers = readReceivers(top, reader: reader)
        let routes = readRoutes(top, receiverNames: receivers.names, reader: reader)
        var config = KlaxonConfig(
            server: server, storage: storage, ingest: ingest, pipeline: pipeline, mute: mute,
            receivers: receivers.configs, routes: routes, chatops: chatops
        )
        config.aws = aws
        config.sources = sources
        if aws.region == nil {
            for (path, node) in reader.secretReferences {
                reader.report(path, "a secret given by ARN is fetched from AWS: add aws.region (and credentials in the environment)", at: node)
            }
        }
        return config
    }

    /// A YAML syntax error as an issue with line and column. Yams' own description quotes the
    /// document, which may hold secrets, so only the problem and its position are kept.
    static func syntaxIssue(_ error: any Error) -> ConfigIssue {
        guard let error = error as? YamlError else {
            return ConfigIssue(path: "", message: "YAML could not be read (\(type(of: error)))")
        }
        func issue(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> ConfigIssue {
            var message = "YAML syntax error: \(problem)"
            if let context, !context.text.isEmpty {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return ConfigIssue(path: "", message: message, line: mark.line, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return issue(problem, context, mark)
        case .reader(let problem, let offset, _, _):
            return ConfigIssue(path: "", message: "YAML could not be read: \(problem)" + (offset.map { " at byte \($0)" } ?? ""))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ConfigIssue(path: "", message: "YAML syntax error: duplicate key \(keys)", line: context.mark.line, column: context.mark.column)
        default:
            return ConfigIssue(path: "", message: "YAML could not be read")
        }
    }
}
