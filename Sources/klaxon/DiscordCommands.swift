import ArgumentParser
import Foundation
import KlaxonApp

struct DiscordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discord", abstract: "Discord chat-ops tools.", subcommands: [RegisterCommands.self])

    struct RegisterCommands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register-commands",
            abstract: "Register Klaxon's slash commands with Discord (PUT /applications/{id}/commands); prints the JSON it sends.")
        @Option(name: .long, help: "Config file with chatops.discord (default: $KLAXON_CONFIG).") var config: String?
        @Option(name: .long, help: "Register for this server (guild) id only: instant, where global commands take a while.") var guild: String?
        @Flag(name: .long, help: "Print the request without sending it.") var dryRun = false

        func run() async throws {
            do {
                let environment = ProcessInfo.processInfo.environment
                let (resolved, _) = try ServeOptions(configPath: config, environment: environment).resolve(generateToken: { "" })
                let registration = try DiscordCommandRegistration(config: resolved)
                let plan = try registration.plan(guild: guild)
                print("PUT \(plan.url)")
                print(plan.body)
                if dryRun { return }
                let token = try registration.botToken(environment: environment)
                let count = try await registration.send(plan, token: token)
                print("Registered \(count) commands.")
            } catch let problem as ServeOptions.Problem {
                FileHandle.standardError.write(Data("klaxon: \(problem.description)\n".utf8))
                throw ExitCode(1)
            } catch let problem as DiscordRegistrationError {
                FileHandle.standardError.write(Data("klaxon: \(problem.description)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
