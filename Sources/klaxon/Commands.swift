import ArgumentParser
import Foundation
import KlaxonApp
import KlaxonCore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run Klaxon: HTTP intake, processor and dispatcher.")

    @Option(name: .long, help: "Config file (default: $KLAXON_CONFIG; none: one console receiver).")
    var config: String?

    @Option(name: .long, help: "HOST:PORT to listen on (default: $KLAXON_LISTEN, then 127.0.0.1:8080).")
    var listen: String?

    @Option(name: .long, help: "SQLite database path (default: $KLAXON_DATA, then ./klaxon.db).")
    var data: String?

    func run() async throws {
        do {
            try await ServeCommand.run(ServeOptions(configPath: config, listen: listen, dataPath: data))
        } catch let problem as ServeOptions.Problem {
            FileHandle.standardError.write(Data("klaxon: \(problem.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Alerts Klaxon knows.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open and closed alerts, most recently seen first.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Print JSON.") var json = false
        @Option(name: .long, help: "At most this many.") var limit = 1000

        func run() async throws {
            let context = try await store.open()
            let rows = try await AdminReports.alerts(context.storage, limit: limit)
            if json {
                print(try AdminReports.encode(rows))
            } else {
                for row in rows {
                    print("\(row.fingerprint.prefix(12))  \(row.status.padding(toLength: 6, withPad: " ", startingAt: 0)) \(row.priority) \(row.source.padding(toLength: 12, withPad: " ", startingAt: 0)) x\(row.occurrences) \(row.lastAction ?? "-")  \(row.title)")
                }
            }
        }
    }
}

struct Mute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mute every notification for a while (30m, 4h, 1d).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "How long: a number and m, h or d.") var duration: String = "1d"
    @Option(name: .long, help: "Who is muting (audit).") var by = ProcessInfo.processInfo.environment["USER"] ?? "cli"

    func run() async throws {
        let parsed: MuteDuration
        do {
            parsed = try MuteDuration(parsing: duration)
        } catch {
            throw ValidationError("\(error)")
        }
        let context = try await store.open()
        let until = try await context.mute(for: parsed, by: by)
        print("Muted until \(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(until)))) (\(parsed.text)).")
    }
}

struct Unmute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "End the mute: alerts fire again.")
    @OptionGroup var store: StoreOptions
    @Option(name: .long, help: "Who is unmuting (audit).") var by = ProcessInfo.processInfo.environment["USER"] ?? "cli"

    func run() async throws {
        let context = try await store.open()
        try await context.unmute(by: by)
        print("Alerts active — notifications will be sent again.")
    }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mute state and queue depths.")
    @OptionGroup var store: StoreOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let context = try await store.open()
        let status = try await AdminReports.status(context.storage, now: Date())
        if json {
            print(try AdminReports.encode(status))
        } else {
            var mute = status.muted ? "muted until \(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(status.mutedUntil))))" : "not muted"
            if status.muteUnreadable == true { mute += " (the mute gate could not be read: alerts go through)" }
            print("\(mute); open alerts \(status.openAlerts); inbox \(status.inboxDepth); outbox \(status.outboxDepth); dead letters \(status.deadLetters); active silences \(status.activeSilences)")
        }
    }
}

struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dlq", abstract: "Dead letters: payloads that never decoded, deliveries that never went out.", subcommands: [List.self, Replay.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, newest first.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let context = try await store.open()
            let rows = try await AdminReports.deadLetters(context.storage)
            if json {
                print(try AdminReports.encode(rows))
            } else {
                for row in rows { print("\(row.id)  \(row.kind)  \(row.origin)  attempts=\(row.attempts)  \(row.createdAt)  \(row.error)") }
                if rows.isEmpty { print("No dead letters.") }
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead letters back: payloads into the inbox, deliveries into the outbox.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The dead letter id.") var id: Int64?
        @Flag(name: .long, help: "Replay every dead letter.") var all = false

        func validate() throws {
            if (id == nil) == !all { throw ValidationError("give a dead letter ID or --all") }
        }

        func run() async throws {
            let context = try await store.open()
            let ids = all ? try await context.storage.deadLetters(limit: Int.max).map(\.id) : [id!]
            var replayed = 0
            for id in ids where try await context.storage.replayDeadLetter(id: id, at: Date()) { replayed += 1 }
            if !all, replayed == 0 { throw ValidationError("no dead letter with id \(id!)") }
            print("Replayed \(replayed) dead letter\(replayed == 1 ? "" : "s").")
        }
    }
}

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a config file and report every problem with its key path.")
        @Argument(help: "The YAML file.") var file: String

        func run() async throws {
            do {
                let (config, _) = try ServeOptions(configPath: file, environment: ProcessInfo.processInfo.environment).resolve(generateToken: { "" })
                print("\(file): OK (\(config.receivers.count) receivers, \(config.routes.count) routes)")
            } catch let problem as ServeOptions.Problem {
                FileHandle.standardError.write(Data("\(problem.description)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
