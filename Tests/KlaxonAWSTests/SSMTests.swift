import Foundation
import KlaxonAWS
import KlaxonTesting
import Testing

/// SSM against moto with signature checking on.
@Suite struct SSMTests {
    @Test func putThenGetAParameter() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/\(UUID().uuidString)"
        let version = try await ssm.putParameter(name: name, value: "2026-12-01T20:00:00Z")
        #expect(version == 1)
        #expect(try await ssm.putParameter(name: name, value: "2026-12-02T08:00:00Z", overwrite: true) == 2)
        let parameter = try await ssm.getParameter(name: name)
        #expect(parameter.value == "2026-12-02T08:00:00Z")
        #expect(parameter.version == 2)
        #expect(parameter.type == "String")
    }

    @Test func secureStringsComeBackDecrypted() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/secure-\(UUID().uuidString)"
        try await ssm.putParameter(name: name, value: "xoxb-secret", type: "SecureString")
        #expect(try await ssm.getParameter(name: name, withDecryption: true).value == "xoxb-secret")
    }

    @Test func aMissingParameterIsATypedError() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let error = await #expect(throws: AWSError.self) {
            try await ssm.getParameter(name: "/klaxon/tests/missing-\(UUID().uuidString)")
        }
        #expect(error?.code == "ParameterNotFound")
        #expect(error?.statusCode == 400)
        #expect(error?.requestID?.isEmpty == false)
        #expect(error?.isRetryable == false)
    }

    @Test func overwritingWithoutPermissionIsRefused() async throws {
        let moto = try await MotoServer.shared()
        let ssm = SSMClient(client: moto.client())
        let name = "/klaxon/tests/once-\(UUID().uuidString)"
        try await ssm.putParameter(name: name, value: "a", overwrite: false)
        let error = await #expect(throws: AWSError.self) {
            try await ssm.putParameter(name: name, value: "b", overwrite: false)
        }
        #expect(error?.code == "ParameterAlreadyExists")
    }
}

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
