import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// A separately started moto really goes away when stopped (tests must not leave servers behind).
@Suite struct MotoLifecycleTests {
    @Test func stopEndsMoto() async throws {
        let moto = try await MotoServer.start()
        #expect(try await STSClient(client: moto.client()).getCallerIdentity().account == "123456789012")
        moto.stop()
        let sts = STSClient(client: AWSClient(
            settings: AWSSettings(region: "us-east-1", environment: ["AWS_ENDPOINT_URL": moto.endpoint]),
            credentials: StaticCredentialProvider(moto.credentials), httpClient: .shared, retry: .none, timeout: .seconds(1)
        ))
        let error = await #expect(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error?.reason == .transport)
    }
}
