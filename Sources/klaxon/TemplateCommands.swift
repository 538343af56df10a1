import ArgumentParser
import Foundation
import KlaxonApp
import KlaxonCore

struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "template", abstract: "Message templates.", subcommands: [Preview.self])

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print exactly the HTTP body a receiver would send for an alert.")
        @Option(name: .long, help: "The receiver's name in the config.") var receiver: String
        @Option(name: .long, help: "An alert payload (canonical alert JSON, or any format Klaxon accepts).") var file: String
        @Option(name: .long, help: "CREATE, COMMENT or CLOSE (default: CREATE when firing, CLOSE when resolved).") var action: String?
        @Option(name: .long, help: "Config file (default: $KLAXON_CONFIG).") var config: String?

        func run() async throws {
            var lifecycleAction: Lifecycle.Action?
            if let action {
                guard let parsed = Lifecycle.Action(rawValue: action.uppercased()), parsed.notifies else {
                    throw ValidationError("--action must be CREATE, COMMENT or CLOSE")
                }
                lifecycleAction = parsed
            }
            do {
                let (resolved, _) = try ServeOptions(configPath: config).resolve(generateToken: { "" })
                guard let alert = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
                let body = try TemplatePreview.body(config: resolved, receiver: receiver, alertJSON: alert, action: lifecycleAction)
                FileHandle.standardOutput.write(body)
            } catch let problem as ServeOptions.Problem {
                FileHandle.standardError.write(Data("klaxon: \(problem.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
