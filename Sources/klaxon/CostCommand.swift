import ArgumentParser
import Foundation
import KlaxonApp
import KlaxonCore

struct Cost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cloud spend from Cost Explorer: month to date by service, yesterday, change against last month.")
    @Option(name: .long, help: "Config file (default: $KLAXON_CONFIG); its aws.region is used.") var config: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, help: "How many services to list.") var top = 10
    @Option(name: .customLong("as-of"), help: "Report as it stood at this time (RFC 3339, e.g. 2026-11-30T23:00:00Z); default now.") var asOf: String?

    func run() async throws {
        do {
            var now = Date()
            if let asOf {
                guard let date = Timestamp.parse(asOf) else {
                    FileHandle.standardError.write(Data("klaxon: --as-of: expected an RFC 3339 time such as 2026-11-30T23:00:00Z, got \"\(asOf.prefix(40))\"\n".utf8))
                    throw ExitCode(2)
                }
                now = date
            }
            print(try await CostCommand.run(options: ServeOptions(configPath: config), top: top, json: json, now: now))
        } catch let problem as ServeOptions.Problem {
            FileHandle.standardError.write(Data("klaxon: \(problem.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
