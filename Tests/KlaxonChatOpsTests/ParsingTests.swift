import Foundation
import KlaxonChatOps
import KlaxonCore
import KlaxonTesting
import Testing

@Suite("Reading Discord interactions and Slack requests")
struct ParsingTests {
    @Test func discordDocsExampleReadsAsAnUnknownCommandWithItsActor() throws {
        let parsed = try DiscordInteraction.parse(try Fixture.data("api-docs-application-command-interaction-slash-with-options.json"))
        guard case .request(let request, let applicationID, let token) = parsed else {
            Issue.record("expected a request, got \(parsed)")
            return
        }
        #expect(request.command == .unknown("cardsearch"))
        #expect(request.actor == ChatActor(platform: .discord, userID: "53908232506183680", name: "Mason", roles: ["539082325061836999"]))
        #expect(token == "A_UNIQUE_TOKEN")
        #expect(applicationID == "")  // the docs' example has none; the edge uses the configured id
    }

    static func interaction(type: Int = 2, data: String, user: String = #""member":{"user":{"id":"42","username":"ops"},"roles":["9"]}"#) -> Data {
        Data(#"{"type":\#(type),"id":"1","application_id":"777","token":"tok","\#(user.dropFirst()),"data":\#(data)}"#.utf8)
    }

    @Test("slash commands and their options", arguments: [
        (#"{"name":"mute-alerts"}"#, ChatCommand.mute(duration: nil, scope: nil)),
        (#"{"name":"mute-alerts","options":[{"type":3,"name":"duration","value":"4h"}]}"#, .mute(duration: "4h", scope: nil)),
        (#"{"name":"mute-alerts","options":[{"type":3,"name":"duration","value":"2h"},{"type":3,"name":"team","value":"web"}]}"#,
         .mute(duration: "2h", scope: ChatScope(kind: .team, value: "web"))),
        (#"{"name":"mute-alerts","options":[{"type":3,"name":"service","value":"api"}]}"#, .mute(duration: nil, scope: ChatScope(kind: .service, value: "api"))),
        (#"{"name":"mute-alerts","options":[{"type":3,"name":"team","value":"web"},{"type":3,"name":"priority","value":"P3"}]}"#,
         .mute(duration: nil, scope: ChatScope(terms: [.init(kind: .team, value: "web"), .init(kind: .priority, value: "P3")]))),
        (#"{"name":"unmute-alerts"}"#, .unmute),
        (#"{"name":"status"}"#, .status),
        (#"{"name":"help"}"#, .help),
        (#"{"name":"silences"}"#, .silences),
        (#"{"name":"cost"}"#, .cost),
        (#"{"name":"ack","options":[{"type":3,"name":"alert","value":"abc123"}]}"#, .ack(alert: "abc123")),
        (#"{"name":"ack","options":[{"type":4,"name":"alert","value":123456}]}"#, .ack(alert: "123456")),
        (#"{"name":"nope"}"#, .unknown("nope")),
    ])
    func slash(_ data: String, _ expected: ChatCommand) throws {
        let parsed = try DiscordInteraction.parse(Self.interaction(data: data))
        #expect(parsed == .request(ChatRequest(command: expected, actor: ChatActor(platform: .discord, userID: "42", name: "ops", roles: ["9"])), applicationID: "777", token: "tok"))
    }

    @Test("button clicks carry ChatAction custom ids", arguments: [
        ("klaxon_ack:0123abcd", ChatCommand.button(.acknowledge, fingerprint: "0123abcd")),
        ("klaxon_silence_1h:ff00", .button(.silenceOneHour, fingerprint: "ff00")),
        ("klaxon_ack:", .unknown("klaxon_ack:")),
        ("other:1", .unknown("other:1")),
    ])
    func button(_ customID: String, _ expected: ChatCommand) throws {
        let body = Self.interaction(type: 3, data: #"{"custom_id":"\#(customID)","component_type":2}"#, user: #""user":{"id":"7","global_name":"Dee"}"#)
        let parsed = try DiscordInteraction.parse(body)
        // `user` without `member`: the click came from a direct message with the bot.
        #expect(parsed == .request(ChatRequest(command: expected, actor: ChatActor(platform: .discord, userID: "7", name: "Dee"), inDirectMessage: true), applicationID: "777", token: "tok"))
    }

    @Test("where a Discord interaction came from", arguments: [
        (#""member":{"user":{"id":"42"}},"guild_id":"5""#, false), (#""member":{"user":{"id":"42"}},"guild_id":"5","context":0"#, false),
        (#""user":{"id":"42"},"context":1"#, true), (#""user":{"id":"42"}"#, true), (#""member":{"user":{"id":"42"}},"context":2"#, true),
    ])
    func discordDirectMessage(_ user: String, _ inDirectMessage: Bool) throws {
        let parsed = try DiscordInteraction.parse(Self.interaction(data: #"{"name":"mute-alerts"}"#, user: user))
        guard case .request(let request, _, _) = parsed else {
            Issue.record("expected a request, got \(parsed)")
            return
        }
        #expect(request.inDirectMessage == inDirectMessage)
    }

    @Test("where a Slack command came from", arguments: [
        ("channel_id=C1&channel_name=ops", false), ("channel_id=G8PSS9T3V&channel_name=privategroup", false),
        ("channel_id=D024BE91L&channel_name=directmessage", true), ("channel_id=D1", true), ("channel_name=directmessage", true), ("", false),
    ])
    func slackDirectMessage(_ channel: String, _ inDirectMessage: Bool) throws {
        let body = "user_id=U1&user_name=ops&command=%2Fklaxon&text=mute&\(channel)"
        #expect(try SlackRequest.parseCommand(Data(body.utf8)).request.inDirectMessage == inDirectMessage)
    }

    @Test("where a Slack button click came from", arguments: [("C111", false), ("D111", true)])
    func slackButtonDirectMessage(_ channel: String, _ inDirectMessage: Bool) throws {
        let payload = #"{"type":"block_actions","user":{"id":"U9"},"channel":{"id":"\#(channel)"},"actions":[{"action_id":"klaxon_ack","value":"ab12"}]}"#
        let body = "payload=" + payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try SlackRequest.parseInteraction(Data(body.utf8)).request.inDirectMessage == inDirectMessage)
    }

    @Test("unreadable interactions", arguments: [
        ("not json", ChatParseError.Reason.notJSON), (#"{"type":4}"#, .unsupportedType),
        (#"{"type":2,"token":"t","application_id":"1","data":{"name":"help"}}"#, .missingField),
        (#"{"type":2,"application_id":"1","user":{"id":"1"},"data":{"name":"help"}}"#, .missingField),
        (#"{"type":2,"token":"t","user":{"id":"1"}}"#, .missingField),
    ])
    func unreadable(_ body: String, _ reason: ChatParseError.Reason) {
        #expect(throws: ChatParseError.self) { try DiscordInteraction.parse(Data(body.utf8)) }
        #expect((try? DiscordInteraction.parse(Data(body.utf8))) == nil)
        do {
            _ = try DiscordInteraction.parse(Data(body.utf8))
        } catch {
            // DiscordInteraction.parse throws ChatParseError only (typed throws).
            #expect(error.reason == reason)
        }
    }

    @Test func ping() throws {
        #expect(try DiscordInteraction.parse(Data(#"{"type":1,"id":"1","application_id":"2","token":"t"}"#.utf8)) == .ping)
    }

    @Test func slackDocumentedCommandBodyIsHelp() throws {
        let json = try Fixture.json("signing-example-vector.json")
        let body = try #require(json["body"] as? String)
        let parsed = try SlackRequest.parseCommand(Data(body.utf8))
        #expect(parsed.request == ChatRequest(command: .help, actor: ChatActor(platform: .slack, userID: "U2CERLKJA", name: "roadrunner")))
        #expect(parsed.responseURL == "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN")
    }

    @Test("/klaxon text", arguments: [
        ("mute", ChatCommand.mute(duration: nil, scope: nil)), ("mute+4h", .mute(duration: "4h", scope: nil)),
        ("mute+4h+team%3Dweb", .mute(duration: "4h", scope: ChatScope(kind: .team, value: "web"))),
        ("mute+priority%3DP3", .mute(duration: nil, scope: ChatScope(kind: .priority, value: "P3"))),
        ("mute+team%3Dweb+priority%3DP3", .mute(duration: nil, scope: ChatScope(terms: [.init(kind: .team, value: "web"), .init(kind: .priority, value: "P3")]))),
        ("mute+4h+5h", .unknown("mute 4h 5h")), ("unmute", .unmute), ("status", .status), ("STATUS", .status),
        ("ack+abc123", .ack(alert: "abc123")), ("ack", .ack(alert: "")), ("silences", .silences), ("cost", .cost), ("help", .help),
        ("", .help), ("dance", .unknown("dance")),
    ])
    func slackCommand(_ text: String, _ expected: ChatCommand) throws {
        let body = "token=x&team_id=T1&user_id=U1&user_name=ops&command=%2Fklaxon&text=\(text)&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1"
        let parsed = try SlackRequest.parseCommand(Data(body.utf8))
        #expect(parsed.request.command == expected)
        #expect(parsed.request.actor.userID == "U1")
    }

    @Test("Slack's certificate check", arguments: [
        ("ssl_check=1&token=abc", true), ("ssl_check=0&token=abc", false), ("ssl_check=1&command=%2Fklaxon&text=unmute", false), ("", false),
    ])
    func sslCheck(_ body: String, _ expected: Bool) {
        #expect(SlackRequest.isSSLCheck(Data(body.utf8)) == expected)
    }

    @Test func slackBoltBlockActionsFixtureIsNotOneOfKlaxonsButtons() throws {
        let parsed = try SlackRequest.parseInteraction(try Fixture.data("bolt-python-test-block_actions-raw-body.txt"))
        #expect(parsed.request == ChatRequest(command: .unknown("a"), actor: ChatActor(platform: .slack, userID: "W111", name: "primary-owner")))
        #expect(parsed.responseURL == "https://hooks.slack.com/actions/T111/111/random-value")
    }

    @Test("Slack buttons", arguments: ChatAction.allCases)
    func slackButton(_ action: ChatAction) throws {
        let payload = #"{"type":"block_actions","user":{"id":"U9","username":"ops"},"actions":[{"action_id":"\#(action.rawValue)","value":"ab12","type":"button"}],"response_url":"https://hooks.slack.com/actions/1"}"#
        let body = "payload=" + payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let parsed = try SlackRequest.parseInteraction(Data(body.utf8))
        #expect(parsed.request.command == .button(action, fingerprint: "ab12"))
    }
}

@Suite("What Klaxon answers the platforms")
struct ResponseTests {
    @Test func discordBodies() {
        #expect(DiscordResponse.pong == #"{"type":1}"#)
        #expect(DiscordResponse.deferred() == #"{"type":5}"#)
        #expect(DiscordResponse.message(ChatReply("hi")) == #"{"data":{"allowed_mentions":{"parse":[]},"content":"hi"},"type":4}"#)
        #expect(DiscordResponse.message(ChatReply("no", ephemeral: true)) == #"{"data":{"allowed_mentions":{"parse":[]},"content":"no","flags":64},"type":4}"#)
        #expect(DiscordResponse.editOriginal("report") == #"{"allowed_mentions":{"parse":[]},"content":"report"}"#)
    }

    @Test func discordContentIsCutToTheLimit() {
        let long = (0..<500).map { "line \($0)" }.joined(separator: "\n")
        let cut = DiscordResponse.truncated(long)
        #expect(cut.count <= 2000)
        #expect(cut.hasSuffix("\n…"))
        #expect(DiscordResponse.truncated("short") == "short")
    }

    /// A family emoji is one Character but seven scalars: 500 of them are 3500 toward Discord's
    /// 2000, and the stand-in must see that too.
    @Test func emojiHeavyContentIsCutByScalarsAndTheStandInCountsThem() throws {
        let family = "👨‍👩‍👧‍👦"
        let long = (0..<50).map { _ in String(repeating: family, count: 10) }.joined(separator: "\n")
        #expect(long.count <= 2000 && long.unicodeScalars.count > 2000)
        let headers = ["content-type": "application/json"]
        #expect(DiscordAPIStandIn.checkMessageEdit(body: try JSONSerialization.data(withJSONObject: ["content": long]), headers: headers) == [
            "content is \(long.unicodeScalars.count) characters, over Discord's 2000",
        ])
        let cut = DiscordResponse.truncated(long)
        #expect(cut.unicodeScalars.count <= 2000)
        #expect(cut.hasSuffix("\n…"))
        #expect(cut.dropLast(2).split(separator: "\n").allSatisfy { $0 == Substring(String(repeating: family, count: 10)) })
        #expect(DiscordAPIStandIn.checkMessageEdit(body: Data(DiscordResponse.editOriginal(long).utf8), headers: headers) == [])
    }

    @Test func slackRepliesAreCutByScalarsWithTheMarker() throws {
        let long = String(repeating: "👨‍👩‍👧‍👦", count: 1000)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(SlackResponse.message(ChatReply(long)).utf8)) as? [String: Any])
        let text = try #require(body["text"] as? String)
        #expect(text.unicodeScalars.count <= SlackResponse.textLimit)
        #expect(text.hasSuffix(TextLimit.marker))
    }

    @Test func slackBodies() {
        #expect(SlackResponse.message(ChatReply("hi")) == #"{"replace_original":false,"response_type":"in_channel","text":"hi"}"#)
        #expect(SlackResponse.message(ChatReply("no", ephemeral: true)) == #"{"replace_original":false,"response_type":"ephemeral","text":"no"}"#)
    }

    @Test func registrationJSONMatchesItsGoldenFile() throws {
        #expect(DiscordCommandCatalog.json + "\n" == (try Fixture.text("golden-register-commands.json")))
    }

    /// Discord's default contexts include BOT_DM; Klaxon's commands are for server channels only.
    @Test func everyCommandIsRegisteredForServersOnly() throws {
        let commands = try #require(try JSONSerialization.jsonObject(with: Data(DiscordCommandCatalog.json.utf8)) as? [[String: Any]])
        #expect(commands.count == DiscordCommandCatalog.commands.count)
        for command in commands {
            #expect(command["contexts"] as? [Int] == [0], "\(command["name"] ?? "?")")
        }
    }

    @Test("follow-up retries: 404 up to 3 times with doubling backoff", arguments: [
        (1, 200, DiscordFollowUp.Step.delivered), (1, 404, .retry(afterMilliseconds: 100)), (2, 404, .retry(afterMilliseconds: 200)),
        (3, 404, .retry(afterMilliseconds: 400)), (4, 404, .giveUp(reason: "retries_exhausted")), (1, 400, .giveUp(reason: "status_400")),
        (1, 401, .giveUp(reason: "status_401")), (1, 502, .retry(afterMilliseconds: 100)), (4, 200, .delivered),
    ])
    func followUp(_ attempt: Int, _ status: Int, _ expected: DiscordFollowUp.Step) {
        #expect(DiscordFollowUp(initialBackoffMilliseconds: 100).next(afterAttempt: attempt, status: status) == expected)
    }

    @Test("the edit path takes only digits and URL-safe tokens", arguments: [
        ("777", "aW50ZXJhY3Rpb24.abc_-1", "/webhooks/777/aW50ZXJhY3Rpb24.abc_-1/messages/@original"),
        ("777", "../../applications/1/commands", nil), ("777", "a/b", nil), ("777", "a?b", nil), ("777", "", nil),
        ("", "tok", nil), ("7a", "tok", nil),
    ] as [(String, String, String?)])
    func followUpPath(_ applicationID: String, _ token: String, _ expected: String?) {
        #expect(DiscordFollowUp.path(applicationID: applicationID, token: token) == expected)
    }

    @Test func followUpHonoursRetryAfterOn429() {
        #expect(DiscordFollowUp(initialBackoffMilliseconds: 100).next(afterAttempt: 1, status: 429, retryAfterSeconds: 2.5) == .retry(afterMilliseconds: 2500))
    }
}
