import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonApp
import KlaxonCore
import KlaxonRouting
import KlaxonStore
import KlaxonTesting
import Logging
import NIOCore
import Testing

/// Loads `yaml` (its secrets fetched through moto), posts the CloudWatch alarm fixture, runs the
/// processor until the inbox is empty and one dispatcher pass. Returns how many were delivered.
func deliverOneAlarm(yaml: String, moto: MotoServer) async throws -> Int {
    var config = try ConfigLoader.load(yaml: yaml, environment: [:], readFile: { _ in "" })
    config.server.auth.tokens = [Secret("t")]
    let server = KlaxonServer(config: config, storage: InMemoryStorage(), logger: Logger(label: "test"), aws: AWSEdge(client: moto.client(), http: .shared))
    try await Application(router: server.makeRouter()).test(.router) { client in
        try await client.execute(uri: "/webhooks/cloudwatch", method: .post, headers: [.authorization: "Bearer t"],
                                 body: ByteBuffer(data: try Fixture.data("cloudwatch-alarm.json"))) { #expect($0.status == .accepted) }
    }
    while try await server.processor.processPass().payloads > 0 {}
    return try await server.dispatcher.dispatchPass().delivered
}
