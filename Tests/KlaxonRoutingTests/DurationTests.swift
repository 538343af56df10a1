import Testing
@testable import KlaxonRouting

@Suite("Durations")
struct DurationTests {
    @Test("accepted forms", arguments: [
        ("10s", Duration.seconds(10)),
        ("5m", .seconds(300)),
        ("1h", .seconds(3600)),
        ("2d", .seconds(172_800)),
        ("1h30m", .seconds(5400)),
        ("250ms", .milliseconds(250)),
        ("30", .seconds(30)),
        ("1.5", .milliseconds(1500)),
        (" 45s ", .seconds(45)),
        ("0s", .zero),
    ])
    func accepted(text: String, expected: Duration) {
        #expect(Duration(configText: text) == expected)
    }

    @Test("refused forms", arguments: ["", "s", "10x", "h1", "1.5h", "-5s", "10 s", "1e3", ".5", "9999999999s", "1h-", "1,5"])
    func refused(text: String) {
        #expect(Duration(configText: text) == nil)
    }

    @Test("seconds as a Double")
    func seconds() {
        #expect(Duration.milliseconds(1500).configSeconds == 1.5)
        #expect(Duration.seconds(3600).configSeconds == 3600)
    }

    @Test("durations in the YAML: number of seconds and unit forms")
    func inYAML() throws {
        let config = try loadConfig("""
        pipeline:
          delivery:
            max_age: 7200
            initial_backoff: 2s
            max_backoff: 1h
        """ + "\n" + validTail)
        #expect(config.pipeline.delivery.maxAge == .seconds(7200))
        #expect(config.pipeline.delivery.initialBackoff == .seconds(2))
        #expect(config.pipeline.delivery.maxBackoff == .seconds(3600))
    }
}
