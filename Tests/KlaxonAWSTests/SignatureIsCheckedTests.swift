import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// moto really checks the signature: the right key id with a wrong secret is refused, and the
/// error names neither secret.
@Suite struct SignatureIsCheckedTests {
    @Test func aWrongSecretIsRefused() async throws {
        let moto = try await MotoServer.shared()
        let wrong = AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: "not-the-secret-\(UUID().uuidString)")
        let ssm = SSMClient(client: moto.client(credentials: wrong))
        let error = await #expect(throws: AWSError.self) {
            try await ssm.getParameter(name: "/klaxon/any")
        }
        #expect(error?.code == "SignatureDoesNotMatch" || error?.code == "InvalidSignatureException", "\(String(describing: error))")
        #expect(error?.statusCode == 403 || error?.statusCode == 400)
        let text = "\(String(describing: error))"
        #expect(!text.contains(wrong.secretAccessKey))
        #expect(!text.contains(moto.secretAccessKey))
    }

    @Test func anUnknownKeyIsRefused() async throws {
        let moto = try await MotoServer.shared()
        let unknown = AWSCredentials(accessKeyID: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever")
        let ssm = SSMClient(client: moto.client(credentials: unknown))
        let error = await #expect(throws: AWSError.self) {
            try await ssm.getParameter(name: "/klaxon/any")
        }
        #expect(error?.code == "UnrecognizedClientException" || error?.code == "InvalidClientTokenId")
    }

    @Test func theRightSecretIsAccepted() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/signed-\(UUID().uuidString)"
        try await ssm.putParameter(name: name, value: "ok")
        #expect(try await ssm.getParameter(name: name).value == "ok")
    }
}
