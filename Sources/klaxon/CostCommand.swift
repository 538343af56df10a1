import ArgumentParser
import Foundation
import KlaxonApp

struct Cost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cloud spend from Cost Explorer: month to date by service, yesterday, change against last month.")
    @Option(name: .long, help: "Config file (default: $KLAXON_CONFIG); its aws.region is used.") var config: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, help: "How many services to list.") var top = 10

    func run() async throws {
        do {
            print(try await CostCommand.run(options: ServeOptions(configPath: config), top: top, json: json))
        } catch let problem as ServeOptions.Problem {
            FileHandle.standardError.write(Data("klaxon: \(problem.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
