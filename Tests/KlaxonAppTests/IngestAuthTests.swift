import KlaxonApp
import KlaxonCore
import Testing

@Suite("IngestAuth: the bearer and Grafana token check")
struct IngestAuthTests {
    static let auth = IngestAuth(bearerTokens: [Secret("tok-1"), Secret("tok-2")], grafanaTokens: [Secret("graf")])

    @Test("Authorization header", arguments: [
        ("Bearer tok-1", IngestAuth.Verdict.accepted), ("bearer tok-2", .accepted), ("BEARER tok-1", .accepted),
        ("BeArEr   tok-1", .accepted), ("  Bearer tok-1 ", .accepted), ("Bearer tok-1\t", .accepted),
        ("Bearer tok-3", .rejected), ("Bearer ", .rejected), ("Bearer", .rejected), ("Bearer    ", .rejected),
        ("Basic tok-1", .rejected), ("Bearertok-1", .rejected), ("Bearerx tok-1", .rejected), ("Beare tok-1", .rejected),
        ("Bearer tok-1 extra", .rejected), ("tok-1", .rejected), ("", .rejected), ("Bear\u{e9}r tok-1", .rejected),
        ("Bearer graf", .rejected),
    ])
    func authorization(_ header: String, _ verdict: IngestAuth.Verdict) {
        #expect(Self.auth.checkGiven(authorization: header, grafanaToken: nil) == verdict)
    }

    @Test("X-Grafana-Token accepts the Grafana and the bearer tokens")
    func grafana() {
        #expect(Self.auth.checkGiven(authorization: nil, grafanaToken: " graf ") == .accepted)
        #expect(Self.auth.checkGiven(authorization: nil, grafanaToken: "tok-2") == .accepted)
        #expect(Self.auth.checkGiven(authorization: nil, grafanaToken: "nope") == .rejected)
        #expect(Self.auth.checkGiven(authorization: "Bearer nope", grafanaToken: "graf") == .accepted)
    }
}
