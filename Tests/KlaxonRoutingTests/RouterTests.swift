import Foundation
import KlaxonCore
import Testing
@testable import KlaxonRouting

@Suite("Router")
struct RouterTests {
    static func route(_ matchers: [String], _ receivers: [String], continue continueMatching: Bool = false) throws -> RouteConfig {
        RouteConfig(matchers: try matchers.map { try Matcher(parsing: $0) }, receivers: receivers, continueMatching: continueMatching)
    }

    static func alert(teams: [String], priority: Priority = .p2, labels: [String: String]? = nil) -> AlertMatchSubject {
        let event = AlertEvent(
            source: "alertmanager", state: .firing, title: "DiskFull", priority: priority,
            occurredAt: Date(timeIntervalSince1970: 1_700_000_000), teams: teams, labels: labels
        )
        return AlertMatchSubject(alert: event, fingerprint: "fp")
    }

    @Test("the first matching route wins")
    func firstMatch() throws {
        let router = Router(routes: [
            try Self.route(["team=platform"], ["platform-hook"]),
            try Self.route(["team=platform"], ["never"]),
            try Self.route([], ["catch-all"]),
        ])
        #expect(router.receivers(for: Self.alert(teams: ["platform"])) == ["platform-hook"])
        #expect(router.receivers(for: Self.alert(teams: ["data"])) == ["catch-all"])
        #expect(router.matchingRouteIndices(for: Self.alert(teams: ["data"])) == [2])
    }

    @Test("continue: true keeps trying later routes; names come once, in route order")
    func continueMatching() throws {
        let router = Router(routes: [
            try Self.route(["team=platform"], ["a", "b"], continue: true),
            try Self.route(["priority=P1"], ["b", "c"], continue: true),
            try Self.route([], ["d"]),
            try Self.route([], ["after-stop"]),
        ])
        #expect(router.receivers(for: Self.alert(teams: ["platform"], priority: .p1)) == ["a", "b", "c", "d"])
        #expect(router.receivers(for: Self.alert(teams: ["platform"], priority: .p3)) == ["a", "b", "d"])
        #expect(router.matchingRouteIndices(for: Self.alert(teams: ["platform"], priority: .p3)) == [0, 2])
    }

    @Test("no matching route gives no receivers")
    func noMatch() throws {
        let router = Router(routes: [try Self.route(["team=platform"], ["a"]), try Self.route(["source=grafana"], ["b"])])
        #expect(router.receivers(for: Self.alert(teams: ["data"])).isEmpty)
        #expect(Router(routes: []).receivers(for: Self.alert(teams: ["data"])).isEmpty)
    }

    @Test("an alert with several teams matches a route for any of them")
    func multiTeam() throws {
        let router = Router(routes: [
            try Self.route(["team!=platform"], ["not-platform"]),
            try Self.route(["team=platform", "team=infra"], ["both"]),
            try Self.route([], ["rest"]),
        ])
        #expect(router.receivers(for: Self.alert(teams: ["infra", "platform"])) == ["both"])
        #expect(router.receivers(for: Self.alert(teams: ["platform"])) == ["rest"])
        #expect(router.receivers(for: Self.alert(teams: ["infra"])) == ["not-platform"])
    }

    @Test("regex matchers are anchored", arguments: [
        (Priority.p0, ["team"], ["pager"]),
        (.p1, ["team"], ["pager"]),
        (.p2, ["team"], ["rest"]),
        (.p1, ["platform"], ["plat"]),
    ])
    func regex(priority: Priority, teams: [String], expected: [String]) throws {
        let router = Router(routes: [
            try Self.route(["team=~plat"], ["never"]),
            try Self.route(["team=~plat.*"], ["plat"]),
            try Self.route(["priority=~P0|P1"], ["pager"]),
            try Self.route([], ["rest"]),
        ])
        #expect(router.receivers(for: Self.alert(teams: teams, priority: priority)) == expected)
    }

    @Test("routes from YAML: labels, negative regex, continue")
    func fromConfig() throws {
        let config = try loadConfig("""
        receivers:
          - {name: prod, console: {}}
          - {name: audit, console: {format: json}}
          - {name: rest, console: {}}
        routes:
          - matchers: ["env!~staging|dev"]
            receivers: [audit]
            continue: true
          - matchers: ["env=prod", "priority=~P0|P1"]
            receivers: [prod]
          - receivers: [rest]
        """)
        let router = config.router
        #expect(router.receivers(for: LabelSubject(["env": ["prod"], "priority": ["P0"]])) == ["audit", "prod"])
        #expect(router.receivers(for: LabelSubject(["env": ["prod"], "priority": ["P2"]])) == ["audit", "rest"])
        #expect(router.receivers(for: LabelSubject(["env": ["staging"], "priority": ["P0"]])) == ["rest"])
        #expect(router.receivers(for: Self.alert(teams: [], priority: .p1, labels: ["env": "prod"])) == ["audit", "prod"])
    }
}
