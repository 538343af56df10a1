import Foundation
import KlaxonAWS
import KlaxonNotifiers
import KlaxonTesting
import Testing

/// `klaxon serve` as a process with moto (signatures checked) as AWS: the webhook receiver's URL
/// comes from a Secrets Manager secret and its HMAC key from an SSM SecureString, both by ARN,
/// fetched at first use; the alert reaches a local receiver, signed, and neither value is logged.
@Suite("Secrets by ARN end to end: klaxon serve with moto", .serialized)
struct SecretsByARNLiveTests {
    @Test("an alert posted to klaxon serve is delivered to the URL held in Secrets Manager, signed with the SSM key")
    func webhookFromSecretsManager() async throws {
        let moto = try await MotoServer.shared()
        let hook = RecordingHTTPServer()
        try await hook.start()
        defer { hook.stop() }
        let secretPath = "/hook-\(UUID().uuidString)"
        let hmacKey = "live-hmac-\(UUID().uuidString)"
        let suffix = UUID().uuidString.prefix(8)
        let urlARN = try await SecretsManagerClient(client: moto.client()).createSecret(name: "klaxon/live-hook-\(suffix)", secretString: hook.url + secretPath)
        let hmacName = "/klaxon/live-hmac-\(suffix)"
        try await SSMClient(client: moto.client()).putParameter(name: hmacName, value: hmacKey, type: "SecureString")
        let config = """
        aws:
          region: us-east-1
        receivers:
          - name: hook
            webhook:
              url: "\(urlARN)"
              hmac_secret: "arn:aws:ssm:us-east-1:123456789012:parameter\(hmacName)"
        routes:
          - receivers: [hook]
        """
        let directory = try PackagePaths.temporaryDirectory("klaxon-e2e-secrets")
        let klaxon = try await LiveKlaxon(directory: directory, config: config, environment: AWSEndToEndTests.environment(moto))
        defer { klaxon.stop() }
        let body = String(decoding: try Fixture.data("cloudwatch-alarm.json"), as: UTF8.self)
        #expect(await klaxon.post("/webhooks/cloudwatch", body) == 202)
        let delivered = await eventually(timeout: 30) { !hook.requests.isEmpty }
        #expect(delivered, "klaxon output:\n\(klaxon.process.output)")
        let request = try #require(hook.requests.first)
        #expect(request.path == secretPath)
        #expect(request.headers["x-klaxon-signature"] == WebhookNotifier.signature(body: request.body, secret: Array(hmacKey.utf8)))
        let output = klaxon.process.output
        #expect(!output.contains(secretPath))
        #expect(!output.contains(hmacKey))
    }
}
