import ArgumentParser
import Foundation
import KlaxonApp
import KlaxonCore

struct Silences: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence", abstract: "Silences: suppress the notifications of matching alerts for a while.",
        subcommands: [Add.self, List.self, Expire.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a silence, e.g. klaxon silence add team=web 'priority=~P2|P3' --duration 2h.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Matchers: name=value, name!=value, name=~regex, name!~regex (team, source, priority, fingerprint, any label).")
        var matchers: [String]
        @Option(name: .long, help: "How long: a number and m, h or d.") var duration = "1h"
        @Option(name: .long, help: "Why.") var comment = ""
        @Option(name: .long, help: "Who (audit).") var by = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        func run() async throws {
            let parsedMatchers: [Matcher]
            let length: MuteDuration
            do {
                parsedMatchers = try matchers.map { try Matcher(parsing: $0) }
                length = try MuteDuration(parsing: duration)
            } catch {
                throw ValidationError("\(error)")
            }
            guard !parsedMatchers.isEmpty else { throw ValidationError("give at least one matcher") }
            let context = try await store.open()
            let silence = try await context.addSilence(matchers: parsedMatchers, duration: length, comment: comment, by: by)
            print("Silence \(silence.id) until \(Timestamp.format(silence.endsAt)): \(parsedMatchers.map(\.description).joined(separator: " "))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List silences, newest first.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Print JSON.") var json = false
        @Flag(name: .long, help: "Include expired ones.") var all = false

        func run() async throws {
            let context = try await store.open()
            let now = Date()
            let silences = try await context.storage.allSilences(limit: 1000).filter { all || $0.endsAt > now }
            if json {
                print(try AdminReports.encode(silences.map(AdminReports.SilenceRow.init)))
            } else {
                for silence in silences {
                    let state = silence.isActive(at: now) ? "active" : silence.startsAt > now ? "pending" : "expired"
                    print("\(silence.id)  \(state)  until \(Timestamp.format(silence.endsAt))  by \(silence.createdBy)  \(silence.matchers.map(\.description).joined(separator: " "))  \(silence.comment)")
                }
                if silences.isEmpty { print("No silences.") }
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a silence now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The silence id.") var id: String
        @Option(name: .long, help: "Who (audit).") var by = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        func run() async throws {
            let context = try await store.open()
            guard try await context.expireSilence(id: id, by: by) else { throw ValidationError("no silence with id \(id)") }
            print("Silence \(id) expired.")
        }
    }
}
