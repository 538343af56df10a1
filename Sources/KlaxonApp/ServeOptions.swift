import Foundation
import KlaxonCore
import KlaxonRouting

/// What `klaxon serve` (and the other commands) are told on the command line and in the
/// environment, resolved against the config file.
///
/// Precedence, highest first: flag, environment (`KLAXON_CONFIG`, `KLAXON_LISTEN`, `KLAXON_DATA`,
/// `KLAXON_INGEST_TOKEN`), config file, built-in default (127.0.0.1:8080, `./klaxon.db`, one
/// console receiver).
package struct ServeOptions: Sendable {
    package var configPath: String?
    package var listen: String?
    package var dataPath: String?
    package var environment: [String: String]

    package init(configPath: String? = nil, listen: String? = nil, dataPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configPath = configPath
        self.listen = listen
        self.dataPath = dataPath
        self.environment = environment
    }

    /// A configuration problem found before anything starts.
    package struct Problem: Error, CustomStringConvertible {
        package var description: String
    }

    /// The effective configuration. When no ingest token is configured anywhere, one is generated
    /// and returned so the caller can print it once.
    package func resolve(generateToken: () -> String = ServeOptions.randomToken) throws -> (config: KlaxonConfig, generatedToken: String?) {
        var config: KlaxonConfig
        if let path = configPath ?? environment["KLAXON_CONFIG"], !path.isEmpty {
            let yaml: String
            do {
                yaml = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw Problem(description: "cannot read config file \(path): \(error.localizedDescription)")
            }
            do {
                config = try ConfigLoader.load(yaml: yaml, environment: environment, readFile: { try String(contentsOfFile: $0, encoding: .utf8) })
            } catch {
                throw Problem(description: "invalid config \(path):\n\(error.description)")
            }
        } else {
            config = ConfigLoader.defaultConfig()
        }
        if let listen = listen ?? environment["KLAXON_LISTEN"], !listen.isEmpty {
            guard let address = ListenAddress(parsing: listen) else {
                throw Problem(description: "listen address \"\(listen)\" is not HOST:PORT")
            }
            config.server.listen = address
        }
        if let data = dataPath ?? environment["KLAXON_DATA"], !data.isEmpty {
            config.storage.path = data
        }
        if let token = environment["KLAXON_INGEST_TOKEN"], !token.isEmpty {
            config.server.auth.tokens.append(Secret(token))
        }
        var generated: String?
        if config.server.auth.tokens.isEmpty {
            let token = generateToken()
            config.server.auth.tokens.append(Secret(token))
            generated = token
        }
        return (config, generated)
    }

    /// 32 random bytes as hex.
    package static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
    }
}
